import { formatRate } from "../../units/format.js";
import { formatIpv4, formatSubnet, inSubnet } from "./ipv4.js";
import type { HostNetworkConfig, Router, TcpipStack, Vmknic } from "./types.js";
import { uplinkAvailableBytesPerSec, uplinksOf } from "./uplink.js";

/**
 * Which way vMotion traffic leaves the source host, and why (model.md section 6, issue 15).
 *
 * The decision is the source stack's routing table, looked up for the destination vmknic's
 * address the way the VMkernel does it (one routing table per stack, KB 2010877; traffic to
 * another subnet goes to the stack's default gateway unless a more specific route exists,
 * KB 344105):
 *
 * 1. the destination is in the vMotion vmknic's own subnet: direct, no router (`same-subnet`);
 * 2. the vmknic has its own gateway (vSphere 6.5+ "Override default gateway for this adapter"):
 *    vMotion names that vmknic as its egress, so it uses that gateway (`vmknic-gateway`);
 *    only services that name the vmknic use it (vSphere 6.5 networking docs);
 * 3. the most specific static route on the stack whose network contains the destination
 *    (`static-route`, KB 2001426);
 * 4. the stack's default gateway: on the default stack that is the management network's gateway,
 *    so the traffic leaves on the management vmknic's uplink through the management router
 *    (`management-gateway`); on the vMotion stack its own gateway (`stack-gateway`);
 * 5. nothing matches: no route, and the vMotion fails at the start (`no-route`).
 *
 * Before the lookup, the two hosts' stacks must agree: a vMotion vmknic on the vMotion stack on
 * one host and on the default stack on the other is a `stack-mismatch` (KB 432825: such a
 * migration "often fails or experiences significant performance degradation and network
 * timeouts"; it is modelled as a failure).
 *
 * Example: default stack, vmk1 10.20.30.11/24, destination 10.20.31.12, default gateway 10.20.0.1
 * on vmk0 (vmnic0, 1 GbE) -> management-gateway, "default stack, no route to 10.20.31.0/24: via
 * management gateway 10.20.0.1 on vmnic0, 1 Gbit/s".
 */

export type RouteVia =
  "same-subnet" | "vmknic-gateway" | "static-route" | "stack-gateway" | "management-gateway";

export interface VmotionRoute {
  readonly via: RouteVia;
  /** The vmknic the packets leave on (a vMotion vmknic, or the management vmknic). */
  readonly egress: Vmknic;
  /** The next hop; null when the destination is on the same subnet. */
  readonly gateway: number | null;
  /** The router or firewall behind that gateway; null on the same subnet. */
  readonly router: Router | null;
  /** The destination vmknic's subnet, `10.20.31.0/24`. */
  readonly destinationSubnet: string;
  /** Which way and why, in words. */
  readonly description: string;
}

/** The network failures decided from the configuration, before any memory moves. */
export type NetworkFailureOutcome = "no-route" | "stack-mismatch";

export interface NetworkFailure {
  readonly outcome: NetworkFailureOutcome;
  /** What fails and why, in words, naming its source. */
  readonly reason: string;
  /** The KB or document the failure mode comes from. */
  readonly source: string;
}

export type RouteDecision =
  | { readonly kind: "route"; readonly route: VmotionRoute }
  | { readonly kind: "failure"; readonly failure: NetworkFailure };

const STACK_WORDS: Readonly<Record<TcpipStack, string>> = {
  default: "default stack",
  vmotion: "vMotion stack",
};

export function routeVmotion(config: HostNetworkConfig): RouteDecision {
  const src = config.source;
  const dst = config.destination;
  if (src.stack !== dst.stack) {
    return failure(
      "stack-mismatch",
      `the source's vMotion vmknic is on the ${STACK_WORDS[src.stack]} and the destination's on the ` +
        `${STACK_WORDS[dst.stack]}: vCenter warns that the hosts' vMotion vNIC configurations differ, ` +
        "and such a migration often fails or times out (KB 432825)",
      "Broadcom KB 432825",
    );
  }
  const vmk = src.vmknics[0] as Vmknic;
  const target = dst.vmknicIp.address;
  const subnet = formatSubnet(dst.vmknicIp);
  const stack = STACK_WORDS[src.stack];
  const ok = (r: Omit<VmotionRoute, "destinationSubnet">): RouteDecision => ({
    kind: "route",
    route: { ...r, destinationSubnet: subnet },
  });

  if (inSubnet(target, vmk.ip)) {
    return ok({
      via: "same-subnet",
      egress: vmk,
      gateway: null,
      router: null,
      description: `same subnet ${formatSubnet(vmk.ip)}: ${vmknicNames(src.vmknics)} reach${src.vmknics.length === 1 ? "es" : ""} ${formatIpv4(target)} directly on ${uplinkWords(src.vmknics)}, no router`,
    });
  }
  if (vmk.gatewayOverride !== null) {
    return ok({
      via: "vmknic-gateway",
      egress: vmk,
      gateway: vmk.gatewayOverride,
      router: src.vmotionRouter,
      description: `${stack}, ${vmk.name}'s own gateway ${formatIpv4(vmk.gatewayOverride)} (per-vmknic override, 6.5+) to ${subnet}: on ${uplinkWords(src.vmknics)}`,
    });
  }
  // The stack's routing table: connected subnets, static routes, default route (longest prefix wins).
  const onStack = src.stack === "default" ? [...src.vmknics, src.management] : [...src.vmknics];
  let best: { prefix: number; gateway: number } | null = null;
  for (const r of src.staticRoutes) {
    if (inSubnet(target, r.network) && (best === null || r.network.prefixLength > best.prefix))
      best = { prefix: r.network.prefixLength, gateway: r.gateway };
  }
  if (
    src.stack === "default" &&
    inSubnet(target, src.management.ip) &&
    (best?.prefix ?? -1) < src.management.ip.prefixLength
  ) {
    return ok({
      via: "same-subnet",
      egress: src.management,
      gateway: null,
      router: null,
      description: `${stack}, ${formatIpv4(target)} is in the management subnet ${formatSubnet(src.management.ip)}: directly on ${src.management.name} (${uplinkWords([src.management])}), no router`,
    });
  }
  if (best !== null) {
    const egress = egressFor(best.gateway, onStack) ?? vmk;
    const viaMgmt = egress === src.management;
    return ok({
      via: "static-route",
      egress,
      gateway: best.gateway,
      router: viaMgmt ? src.managementRouter : src.vmotionRouter,
      description: `${stack}, static route to ${subnet} via ${formatIpv4(best.gateway)}: on ${viaMgmt ? uplinkWords([egress]) : `${vmknicNames(src.vmknics)} (${uplinkWords(src.vmknics)})`}`,
    });
  }
  const gateway = src.stack === "default" ? src.defaultGateway : src.vmotionGateway;
  if (gateway !== null) {
    const egress = egressFor(gateway, onStack) ?? vmk;
    if (egress === src.management) {
      return ok({
        via: "management-gateway",
        egress,
        gateway,
        router: src.managementRouter,
        description: `${stack}, no route to ${subnet}: via management gateway ${formatIpv4(gateway)} on ${uplinkWords([egress])}`,
      });
    }
    return ok({
      via: "stack-gateway",
      egress,
      gateway,
      router: src.vmotionRouter,
      description: `${stack}, default gateway ${formatIpv4(gateway)} to ${subnet}: on ${vmknicNames(src.vmknics)} (${uplinkWords(src.vmknics)})`,
    });
  }
  return failure(
    "no-route",
    `${stack} has no route to ${subnet} (${vmk.name} is in ${formatSubnet(vmk.ip)}, no static route, ` +
      `no default gateway${src.stack === "vmotion" ? " on the vMotion stack" : ""}): the hosts cannot connect ` +
      "over the vMotion network and the migration fails at the start (KB 424375; KB 321009: fails at 10 %)",
    "Broadcom KB 424375, KB 321009",
  );
}

function failure(outcome: NetworkFailure["outcome"], reason: string, source: string): RouteDecision {
  return { kind: "failure", failure: { outcome, reason, source } };
}

/** The vmknic whose subnet holds `gateway` (how the stack reaches its next hop); null for none. */
function egressFor(gateway: number, vmknics: readonly Vmknic[]): Vmknic | null {
  return vmknics.find((v) => inSubnet(gateway, v.ip)) ?? null;
}

/** `vmk1` or `vmk1 and vmk2`. */
function vmknicNames(vmknics: readonly Vmknic[]): string {
  const names = vmknics.map((v) => v.name);
  return names.length <= 2 ? names.join(" and ") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** `vmnic0, 1 Gbit/s` or `vmnic2 and vmnic3, 2 x 10 Gbit/s`, with what the uplink is shared with. */
export function uplinkWords(vmknics: readonly Vmknic[]): string {
  const uplinks = uplinksOf(vmknics);
  const first = uplinks[0];
  if (first === undefined) return "no uplink";
  const names = uplinks.map((u) => u.name);
  const rates = uplinks.map((u) => uplinkAvailableBytesPerSec(u));
  const same = rates.every((r) => r === rates[0]);
  const rate =
    uplinks.length === 1 || !same
      ? rates.map((r) => formatRate(r)).join(" + ")
      : `${uplinks.length} x ${formatRate(rates[0] as number)}`;
  const shared = first.sharedWith.length > 0 ? `, shared with ${first.sharedWith.join(" and ")}` : "";
  const cut = rates[0] !== first.rateBytesPerSec ? ` of ${formatRate(first.rateBytesPerSec)}` : "";
  return `${names.length <= 2 ? names.join(" and ") : names.join(", ")}, ${rate}${cut}${shared}`;
}
