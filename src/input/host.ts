import { InputError, badValue } from "../errors.js";
import type { ComputePathOptions } from "../network/compute.js";
import {
  inSubnet,
  networkAddress,
  parseIpv4,
  parseIpv4Interface,
  type Ipv4Interface,
} from "../network/host/ipv4.js";
import { HOST_CONFIG_PRESETS, type HostConfigName } from "../network/host/presets.js";
import { resolveHostNetwork, type HostNetworkResult } from "../network/host/resolve.js";
import type {
  HostNetworkConfig,
  RoutingMode,
  Site,
  StaticRoute,
  Uplink,
  Vmknic,
} from "../network/host/types.js";
import { uplinkAvailableBytesPerSec } from "../network/host/uplink.js";
import type { PathPlan } from "../network/plan.js";
import { DEFAULT_HOP_DELAY_SEC, type PresetName } from "../network/presets.js";
import { cliFlagName, type CanonicalInput, type FieldKey, type FieldNamer } from "./fields.js";
import { routesOf } from "./network-words.js";
import { planOf } from "./path.js";

/**
 * The host network configuration of a {@link CanonicalInput} (issue 15, model.md section 6):
 * start from `config` (a preset of `src/network/host/presets.ts`), apply the user's keys, fill
 * in the defaults, and check the combinations ESXi itself refuses. Values arrive parsed and
 * normalized (`parseInput`); this step only combines them.
 */

/** The host-network keys: any of them switches the path to the host model. */
export const HOST_KEYS = [
  "config",
  "site",
  "vsphere",
  "stack",
  "destStack",
  "routing",
  "vmknicIp",
  "destVmknicIp",
  "gateway",
  "vmknicGateway",
  "staticRoute",
  "vmknics",
  "vmotionNics",
  "uplink",
  "uplinkShare",
  "uplinkBackground",
  "uplinkSharedWith",
  "destMtu",
  "mgmtIp",
  "mgmtUplink",
  "mgmtMtu",
  "mgmtFlowCap",
  "mgmtBackground",
] as const satisfies readonly FieldKey[];

/** A host configuration and the site's path plan (the network beyond the hosts' uplinks). */
export interface HostSetup {
  readonly config: HostNetworkConfig;
  readonly plan: PathPlan;
  readonly routing: RoutingMode;
  /** The preset it started from; null when none was named. */
  readonly configName: HostConfigName | null;
}

/** Which path preset describes each site's network (src/network/presets.ts). */
export const SITE_PRESETS: Readonly<Record<Site, PresetName>> = {
  local: "same-l2",
  metro: "metro",
  wan: "wan",
};

const DEFAULTS = {
  vmknicIp: "10.20.30.11/24",
  destSameSubnet: "10.20.30.12/24",
  destRouted: "10.20.31.12/24",
  mgmtIp: "10.20.0.11/24",
  /** 10 GbE vMotion uplinks and a 1 GbE management uplink: the issue's typical host. [assumption] */
  uplinkBytesPerSec: 10e9 / 8,
  mgmtUplinkBytesPerSec: 1e9 / 8,
  /** Jumbo frames on the vMotion network (recommended by the vSphere docs); 1500 on management. */
  mtuBytes: 9000,
  mgmtMtuBytes: 1500,
  /** A current release [assumption]; the presets before 6.0 say 5.5. */
  vsphereVersion: 8.0,
} as const;

/** Whether the input describes a host network configuration. */
export function hasHost(input: CanonicalInput): boolean {
  for (const k of HOST_KEYS) if (input[k] !== undefined) return true;
  return false;
}

/**
 * Build the host configuration, or null when no host key is given. Throws InputError naming
 * `name(key)` for: a gateway outside the subnet of every vmknic on its stack (ESXi refuses it,
 * "Unable to set VMkernel gateway", KB 343820); a static route whose next hop is off-subnet; the
 * vMotion stack before vSphere 6.0 or a per-vmknic gateway before 6.5; `routing` that contradicts
 * the addresses; a background load that leaves vMotion nothing; `preset` (the configuration
 * decides the routers: use `site`).
 *
 * Example: `{ config: "pre6-default-stack-via-mgmt" }` -> default stack, vmk1 10.20.30.11/24,
 * destination 10.20.31.12/24, default gateway 10.20.0.1 on vmk0 (1 GbE, MTU 1500).
 */
export function hostOf(input: CanonicalInput, name: FieldNamer = cliFlagName): HostSetup | null {
  if (!hasHost(input)) return null;
  if (input.preset !== undefined)
    throw new InputError(
      "conflict",
      name("preset"),
      `cannot be combined with a host network configuration (the configuration decides the routers; use ${name("site")} local, metro or wan)`,
    );
  const configName = input.config ?? null;
  const p: Partial<CanonicalInput> = configName === null ? {} : HOST_CONFIG_PRESETS[configName];
  const given = (k: FieldKey): boolean => input[k] !== undefined;
  const vsphereVersion = input.vsphere ?? p.vsphere ?? DEFAULTS.vsphereVersion;
  // Before vSphere 6.0 a host has one TCP/IP stack, the default one (model.md section 4b): a 5.x
  // host without a stack named is on it, not refused for lacking the vMotion stack.
  const stack = input.stack ?? p.stack ?? (vsphereVersion < 6 ? "default" : "vmotion");
  const destStack = input.destStack ?? stack;
  for (const k of ["stack", "destStack"] as const)
    if ((k === "stack" ? stack : destStack) === "vmotion" && vsphereVersion < 6)
      throw new InputError(
        "conflict",
        name(given(k) ? k : given("vsphere") ? "vsphere" : "config"),
        `the vMotion TCP/IP stack exists from vSphere 6.0 (the configuration says ${vsphereVersion.toFixed(1)})`,
      );
  const routing = input.routing ?? p.routing ?? "default-gateway";
  const site = input.site ?? "local";

  const vmknicIp = cidr(input.vmknicIp ?? DEFAULTS.vmknicIp);
  const destIp = cidr(
    input.destVmknicIp ?? (routing === "same-subnet" ? DEFAULTS.destSameSubnet : DEFAULTS.destRouted),
  );
  const sameSubnet = inSubnet(destIp.address, vmknicIp);
  if (routing === "same-subnet" && !sameSubnet)
    throw new InputError(
      "conflict",
      name("destVmknicIp"),
      `must be in ${name("vmknicIp")}'s subnet with ${name("routing")} same-subnet`,
    );
  if (routing !== "same-subnet" && sameSubnet)
    throw new InputError(
      "conflict",
      name(given("destVmknicIp") ? "destVmknicIp" : "routing"),
      `the destination vmknic is in ${name("vmknicIp")}'s subnet: that is ${name("routing")} same-subnet`,
    );
  if (destIp.address === vmknicIp.address)
    throw new InputError("conflict", name("destVmknicIp"), `must differ from ${name("vmknicIp")}`);
  const mgmtIp = cidr(input.mgmtIp ?? DEFAULTS.mgmtIp);

  const mtu = input.mtu ?? DEFAULTS.mtuBytes;
  const mgmtMtu = input.mgmtMtu ?? DEFAULTS.mgmtMtuBytes;
  const uplinkOf = (i: number): Uplink => ({
    name: `vmnic${i + 1}`,
    rateBytesPerSec: input.uplink ?? DEFAULTS.uplinkBytesPerSec,
    mtuBytes: mtu,
    sharedWith: input.uplinkSharedWith === undefined ? [] : input.uplinkSharedWith.split(","),
    share: input.uplinkShare ?? 1,
    backgroundBytesPerSec: input.uplinkBackground ?? 0,
  });
  const management: Vmknic = {
    name: "vmk0",
    ip: mgmtIp,
    mtuBytes: mgmtMtu,
    uplink: {
      name: "vmnic0",
      rateBytesPerSec: input.mgmtUplink ?? DEFAULTS.mgmtUplinkBytesPerSec,
      mtuBytes: mgmtMtu,
      sharedWith: ["management"],
      share: 1,
      backgroundBytesPerSec: input.mgmtBackground ?? 0,
    },
    gatewayOverride: null,
  };
  for (const [k, u] of [
    ["uplinkBackground", uplinkOf(0)],
    ["mgmtBackground", management.uplink],
  ] as const)
    if (uplinkAvailableBytesPerSec(u) <= 0)
      throw badValue(name(k), "a load below the uplink's rate x share (it leaves vMotion nothing)", input[k]);

  // Next hops are checked the way ESXi checks them: in the subnet of a vmknic on their stack (KB 343820).
  const onStack: readonly Ipv4Interface[] = stack === "default" ? [vmknicIp, mgmtIp] : [vmknicIp];
  const stackSubnets = stack === "default" ? `${name("vmknicIp")} or ${name("mgmtIp")}` : name("vmknicIp");
  const nextHop = (gw: number, k: FieldKey): number => {
    if (!onStack.some((i) => inSubnet(gw, i)))
      throw badValue(
        name(k),
        `a next hop in the subnet of ${stackSubnets} on the ${stack} stack (ESXi refuses a gateway outside its vmknics' subnets, KB 343820)`,
        input[k],
      );
    return gw;
  };
  const routerOf = (i: Ipv4Interface): number => networkAddress(i) + 1;

  let gateway: number | null;
  if (input.gateway !== undefined)
    gateway = input.gateway === "none" ? null : nextHop(parseIpv4(input.gateway) as number, "gateway");
  else if (stack === "default") gateway = routerOf(mgmtIp);
  else gateway = routing === "default-gateway" ? routerOf(vmknicIp) : null;

  let override: number | null = null;
  if (input.vmknicGateway !== undefined) {
    if (vsphereVersion < 6.5)
      throw new InputError(
        "conflict",
        name("vmknicGateway"),
        `a per-vmknic gateway exists from vSphere 6.5 (the configuration says ${vsphereVersion.toFixed(1)})`,
      );
    override = parseIpv4(input.vmknicGateway) as number;
    if (!inSubnet(override, vmknicIp))
      throw badValue(
        name("vmknicGateway"),
        `a gateway in ${name("vmknicIp")}'s subnet (ESXi refuses a gateway outside the vmknic's subnet, KB 343820)`,
        input.vmknicGateway,
      );
  }

  let staticRoutes: StaticRoute[] = [];
  if (input.staticRoute !== undefined) {
    staticRoutes = routesOf(input.staticRoute);
    for (const r of staticRoutes) nextHop(r.gateway, "staticRoute");
  } else if (routing === "static-route")
    staticRoutes = [
      {
        network: { address: networkAddress(destIp), prefixLength: destIp.prefixLength },
        gateway: routerOf(vmknicIp),
      },
    ];

  // The site's network: its path preset with the user's path keys (`mtu` is the vmknics' here).
  const plan = planOf({ ...input, preset: SITE_PRESETS[site], mtu: undefined });
  const delaySec = input.hopDelay ?? DEFAULT_HOP_DELAY_SEC;
  const vmknicCount = input.vmknics ?? 1;
  if (input.vmotionNics !== undefined && input.vmotionNics > vmknicCount)
    throw new InputError(
      "conflict",
      name("vmotionNics"),
      `${input.vmotionNics} NICs for ${vmknicCount === 1 ? "1 vMotion vmknic" : `${vmknicCount} vMotion vmknics`} (${name("vmknics")}): give at most one NIC per vmknic`,
    );
  // vmknic i on NIC i mod n: several vmknics share one NIC when there are fewer NICs (KB 323379).
  const nics = Array.from({ length: input.vmotionNics ?? vmknicCount }, (_, i) => uplinkOf(i));
  const vmknics: Vmknic[] = Array.from({ length: vmknicCount }, (_, i) => ({
    name: `vmk${i + 1}`,
    ip: { address: vmknicIp.address + i, prefixLength: vmknicIp.prefixLength },
    mtuBytes: mtu,
    uplink: nics[i % nics.length] as Uplink,
    gatewayOverride: override,
  }));
  const config: HostNetworkConfig = {
    vsphereVersion,
    site,
    source: {
      stack,
      vmknics,
      management,
      defaultGateway: stack === "default" ? gateway : routerOf(mgmtIp),
      managementRouter: {
        name: "management router",
        delaySec,
        perFlowCapBytesPerSec: input.mgmtFlowCap ?? null,
      },
      vmotionGateway: stack === "vmotion" ? gateway : null,
      vmotionRouter: { name: "vMotion router", delaySec, perFlowCapBytesPerSec: null },
      staticRoutes,
    },
    destination: { stack: destStack, vmknicIp: destIp, mtuBytes: input.destMtu ?? mtu },
  };
  return { config, plan, routing, configName };
}

/** {@link hostOf} resolved (route, path, failure, warnings); null without host keys. */
export function hostNetworkOf(
  input: CanonicalInput,
  name: FieldNamer = cliFlagName,
  opts: ComputePathOptions = {},
): HostNetworkResult | null {
  const setup = hostOf(input, name);
  return setup === null ? null : resolveHostNetwork(setup, opts);
}

/** A normalized `cidr` value (parsed by `parseInput`): trusted. */
function cidr(text: string): Ipv4Interface {
  return parseIpv4Interface(text) as Ipv4Interface;
}
