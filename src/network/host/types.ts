import type { Ipv4Interface } from "./ipv4.js";

/**
 * An ESXi host's network configuration as far as vMotion cares (model.md section 6, issue 15):
 * which TCP/IP stack carries vMotion, its vmknics and their uplinks, the routes and gateways on
 * that stack, and the management network the default stack's gateway lives on. Canonical units
 * (bytes, seconds, bytes per second); addresses as 32-bit integers (`ipv4.ts`). Built and
 * validated at the boundary (`input.ts`); `routeVmotion` and `hostPath` trust it.
 */

/**
 * The TCP/IP stacks that can carry vMotion: `default` (the one stack before vSphere 6.0, default
 * gateway on the management network) and `vmotion` (vSphere 6.0+, its own default gateway,
 * routing table, buffers and sockets; vSphere 6.5 host management docs).
 */
export const TCPIP_STACKS = ["default", "vmotion"] as const;
export type TcpipStack = (typeof TCPIP_STACKS)[number];

/**
 * How the vMotion subnets are laid out and routed (a shorthand that picks the default addresses
 * and routes): `same-subnet` (both vmknics in one subnet, no router: one L2 domain, stretched
 * across sites when the hosts are far apart), `static-route` (a static route to the destination's
 * subnet via the vMotion router on every host, KB 2001426), `default-gateway` (the stack's default
 * gateway: the management gateway on the default stack, the vMotion stack's own gateway on it).
 */
export const ROUTING_MODES = ["same-subnet", "static-route", "default-gateway"] as const;
export type RoutingMode = (typeof ROUTING_MODES)[number];

/** Where the destination host is: one data centre, a metro site, a WAN site. */
export const SITES = ["local", "metro", "wan"] as const;
export type Site = (typeof SITES)[number];

/** A physical NIC and the switch port behind it. */
export interface Uplink {
  /** As ESXi names it: `vmnic0`. */
  readonly name: string;
  /** Line rate, bytes per second. */
  readonly rateBytesPerSec: number;
  /** MTU of the vSwitch and the physical switch port, bytes. */
  readonly mtuBytes: number;
  /** The other traffic on this uplink (`management`, `vsan`, `nfs`, `iscsi`); empty when vMotion has it alone. */
  readonly sharedWith: readonly string[];
  /** Fraction of the line rate vMotion may use (NIOC shares or a limit), in (0, 1]. */
  readonly share: number;
  /** Steady load of the other traffic, bytes per second; vMotion gets at most rate x share - this. */
  readonly backgroundBytesPerSec: number;
}

/** A VMkernel network adapter. */
export interface Vmknic {
  /** `vmk0`, `vmk1`, ... */
  readonly name: string;
  readonly ip: Ipv4Interface;
  readonly mtuBytes: number;
  readonly uplink: Uplink;
  /** vSphere 6.5+ "Override default gateway for this adapter"; null when not set. */
  readonly gatewayOverride: number | null;
}

/** A router or firewall on the path. */
export interface Router {
  /** Its role in words: `management gateway`, `vMotion router`. */
  readonly name: string;
  /** One-way forwarding plus queueing delay, seconds. */
  readonly delaySec: number;
  /** Most one TCP flow gets through it (a firewall's per-flow limit), bytes per second; null for none. */
  readonly perFlowCapBytesPerSec: number | null;
}

/** `esxcli network ip route ipv4 add --network N --gateway G` (KB 2001426). */
export interface StaticRoute {
  readonly network: Ipv4Interface;
  readonly gateway: number;
}

/** The source host: the side whose routing table decides the way out. */
export interface HostNetwork {
  /** The stack the vMotion vmknics are on. */
  readonly stack: TcpipStack;
  /** vMotion-enabled vmknics, one or more (multi-NIC vMotion), all in one subnet [assumption]. */
  readonly vmknics: readonly Vmknic[];
  /** The management vmknic (vmk0), always on the default stack. */
  readonly management: Vmknic;
  /** The default stack's default gateway (on the management network); null for none. */
  readonly defaultGateway: number | null;
  /** The management network's router or firewall (the default gateway's box). */
  readonly managementRouter: Router;
  /** The vMotion stack's own default gateway; null when not set (always null on the default stack). */
  readonly vmotionGateway: number | null;
  /** The router of the vMotion subnet (what static routes, overrides and the vMotion stack's gateway point to). */
  readonly vmotionRouter: Router;
  /** Static routes on the stack that carries vMotion. */
  readonly staticRoutes: readonly StaticRoute[];
}

/** What vMotion needs to know about the destination host. */
export interface DestinationHost {
  readonly stack: TcpipStack;
  /** The destination vMotion vmknic's address and subnet. */
  readonly vmknicIp: Ipv4Interface;
  readonly mtuBytes: number;
}

export interface HostNetworkConfig {
  /** vSphere version as major.minor: 5.5, 6.0, 6.5, 6.7, 7.0, 8.0. */
  readonly vsphereVersion: number;
  readonly source: HostNetwork;
  readonly destination: DestinationHost;
  readonly site: Site;
}
