import { InputError, badValue } from "../../errors.js";
import { parseChoice, parseCount, parseFraction, parseNumber, parseRate } from "../../units/parse.js";
import { MAX_MTU_BYTES, MIN_MTU_BYTES } from "../defaults.js";
import { planFromInput } from "../input.js";
import type { PathPlan } from "../plan.js";
import { DEFAULT_HOP_DELAY_SEC, type PresetName } from "../presets.js";
import { inSubnet, networkAddress, parseIpv4, parseIpv4Interface, type Ipv4Interface } from "./ipv4.js";
import { HOST_CONFIG_NAMES, HOST_CONFIG_PRESETS, type HostConfigName } from "./presets.js";
import {
  ROUTING_MODES,
  SITES,
  TCPIP_STACKS,
  type HostNetworkConfig,
  type RoutingMode,
  type Site,
  type StaticRoute,
  type Uplink,
  type Vmknic,
} from "./types.js";
import { uplinkAvailableBytesPerSec } from "./uplink.js";

/**
 * The host-network keys of user input (CLI flags in kebab case, sweep and report keys as written).
 * Any of them switches the path to the host model: the path follows from the configuration.
 */
export const HOST_INPUT_KEYS = [
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
] as const;

export type HostInputKey = (typeof HOST_INPUT_KEYS)[number];

/** A parsed host configuration and the site's path plan (the network beyond the hosts' uplinks). */
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

const SHARED_WITH = ["management", "vsan", "nfs", "iscsi", "ft", "replication"] as const;
/** Most vMotion vmknics on one host [assumption: above every documented multi-NIC setup]. */
const MAX_VMKNICS = 16;
const DEFAULTS = {
  vmknicIp: "10.20.30.11/24",
  destSameSubnet: "10.20.30.12/24",
  destRouted: "10.20.31.12/24",
  mgmtIp: "10.20.0.11/24",
  /** 10 GbE vMotion uplinks, 1 GbE management uplink: the issue's typical pre-6 host. */
  uplinkBytesPerSec: 10e9 / 8,
  mgmtUplinkBytesPerSec: 1e9 / 8,
  /** Jumbo frames on the vMotion network (recommended, vSphere docs); 1500 on management. */
  mtuBytes: 9000,
  mgmtMtuBytes: 1500,
} as const;

function present(input: Readonly<Record<string, unknown>>, key: string): boolean {
  return input[key] !== undefined && input[key] !== null;
}

/** Whether the input describes a host network configuration. */
export function hasHostInput(input: Readonly<Record<string, unknown>>): boolean {
  return HOST_INPUT_KEYS.some((k) => present(input, k));
}

/**
 * Build a host network configuration from user input: start from `config` (a preset of
 * `presets.ts`), apply the user's keys, fill in the defaults, and check what ESXi itself would
 * refuse. Returns null when no host key is present.
 *
 * Throws InputError naming `fieldName(key)` for: an unknown stack, routing, site or preset; an
 * address that is not `a.b.c.d/n`; a gateway outside the subnet of every vmknic on its stack (ESXi
 * refuses it: "Unable to set VMkernel gateway", KB 343820); a static route without a next hop; the
 * vMotion stack before vSphere 6.0 or a per-vmknic gateway before 6.5; `routing` that contradicts
 * the addresses; a shared uplink that leaves vMotion nothing; `preset` (the configuration decides
 * the routers: use `site`).
 *
 * Example: `{ config: "pre6-default-stack-via-mgmt" }` -> default stack, vmk1 10.20.30.11/24,
 * destination 10.20.31.12/24, default gateway 10.20.0.1 on vmk0 (1 GbE, MTU 1500).
 */
export function hostFromInput(
  input: Readonly<Record<string, unknown>>,
  fieldName: (key: string) => string,
): HostSetup | null {
  if (!hasHostInput(input)) return null;
  const f = fieldName;
  if (present(input, "preset"))
    throw new InputError(
      "conflict",
      f("preset"),
      `cannot be combined with a host network configuration (the configuration decides the routers; use ${f("site")} local, metro or wan)`,
    );
  const configName = present(input, "config")
    ? parseChoice(input.config, f("config"), HOST_CONFIG_NAMES)
    : null;
  const preset: Readonly<Record<string, unknown>> =
    configName === null ? {} : HOST_CONFIG_PRESETS[configName];
  const get = (k: HostInputKey | "mtu"): unknown => (present(input, k) ? input[k] : preset[k]);
  const has = (k: HostInputKey | "mtu"): boolean => get(k) !== undefined && get(k) !== null;

  const vsphereVersion = has("vsphere") ? parseVersion(get("vsphere"), f("vsphere")) : 8.0;
  const stack = has("stack") ? parseChoice(get("stack"), f("stack"), TCPIP_STACKS) : "vmotion";
  const destStack = has("destStack") ? parseChoice(get("destStack"), f("destStack"), TCPIP_STACKS) : stack;
  for (const [k, s] of [
    ["stack", stack],
    ["destStack", destStack],
  ] as const)
    if (s === "vmotion" && vsphereVersion < 6)
      throw new InputError(
        "conflict",
        f(has(k) ? k : "vsphere"),
        `the vMotion TCP/IP stack exists from vSphere 6.0 (got ${f("vsphere")} ${vsphereVersion.toFixed(1)})`,
      );
  const routing = has("routing")
    ? parseChoice(get("routing"), f("routing"), ROUTING_MODES)
    : "default-gateway";
  const site = has("site") ? parseChoice(get("site"), f("site"), SITES) : "local";

  const vmknicIp = address(has("vmknicIp") ? get("vmknicIp") : DEFAULTS.vmknicIp, f("vmknicIp"));
  const destIp = address(
    has("destVmknicIp")
      ? get("destVmknicIp")
      : routing === "same-subnet"
        ? DEFAULTS.destSameSubnet
        : DEFAULTS.destRouted,
    f("destVmknicIp"),
  );
  const sameSubnet = inSubnet(destIp.address, vmknicIp);
  if (routing === "same-subnet" && !sameSubnet)
    throw new InputError(
      "conflict",
      f("destVmknicIp"),
      `must be in ${f("vmknicIp")}'s subnet with ${f("routing")} same-subnet`,
      get("destVmknicIp"),
    );
  if (routing !== "same-subnet" && sameSubnet)
    throw new InputError(
      "conflict",
      f("destVmknicIp"),
      `is in ${f("vmknicIp")}'s subnet: use ${f("routing")} same-subnet`,
      get("destVmknicIp"),
    );
  if (destIp.address === vmknicIp.address)
    throw new InputError(
      "conflict",
      f("destVmknicIp"),
      `must differ from ${f("vmknicIp")}`,
      get("destVmknicIp"),
    );
  const mgmtIp = address(has("mgmtIp") ? get("mgmtIp") : DEFAULTS.mgmtIp, f("mgmtIp"));

  const mtu = has("mtu")
    ? parseCount(get("mtu"), f("mtu"), { min: MIN_MTU_BYTES, max: MAX_MTU_BYTES })
    : DEFAULTS.mtuBytes;
  const destMtu = has("destMtu")
    ? parseCount(get("destMtu"), f("destMtu"), { min: MIN_MTU_BYTES, max: MAX_MTU_BYTES })
    : mtu;
  const mgmtMtu = has("mgmtMtu")
    ? parseCount(get("mgmtMtu"), f("mgmtMtu"), { min: MIN_MTU_BYTES, max: MAX_MTU_BYTES })
    : DEFAULTS.mgmtMtuBytes;

  const vmknicCount = has("vmknics")
    ? parseCount(get("vmknics"), f("vmknics"), { min: 1, max: MAX_VMKNICS })
    : 1;
  const uplinkRate = has("uplink")
    ? parseRate(get("uplink"), f("uplink"), { allowZero: false })
    : DEFAULTS.uplinkBytesPerSec;
  const share = has("uplinkShare")
    ? parseFraction(get("uplinkShare"), f("uplinkShare"), { min: 0.01, max: 1 })
    : 1;
  const background = has("uplinkBackground") ? parseRate(get("uplinkBackground"), f("uplinkBackground")) : 0;
  const sharedWith = has("uplinkSharedWith")
    ? parseList(get("uplinkSharedWith"), f("uplinkSharedWith"), SHARED_WITH)
    : [];
  const mgmtRate = has("mgmtUplink")
    ? parseRate(get("mgmtUplink"), f("mgmtUplink"), { allowZero: false })
    : DEFAULTS.mgmtUplinkBytesPerSec;
  const mgmtBackground = has("mgmtBackground") ? parseRate(get("mgmtBackground"), f("mgmtBackground")) : 0;
  const mgmtFlowCap = has("mgmtFlowCap")
    ? parseRate(get("mgmtFlowCap"), f("mgmtFlowCap"), { allowZero: false })
    : null;

  const vmknics: Vmknic[] = [];
  for (let i = 0; i < vmknicCount; i++) {
    const uplink: Uplink = {
      name: `vmnic${i + 1}`,
      rateBytesPerSec: uplinkRate,
      mtuBytes: mtu,
      sharedWith,
      share,
      backgroundBytesPerSec: background,
    };
    vmknics.push({
      name: `vmk${i + 1}`,
      ip: { address: vmknicIp.address + i, prefixLength: vmknicIp.prefixLength },
      mtuBytes: mtu,
      uplink,
      gatewayOverride: null,
    });
  }
  const management: Vmknic = {
    name: "vmk0",
    ip: mgmtIp,
    mtuBytes: mgmtMtu,
    uplink: {
      name: "vmnic0",
      rateBytesPerSec: mgmtRate,
      mtuBytes: mgmtMtu,
      sharedWith: ["management"],
      share: 1,
      backgroundBytesPerSec: mgmtBackground,
    },
    gatewayOverride: null,
  };
  for (const [k, u] of [
    ["uplinkBackground", vmknics[0]?.uplink],
    ["mgmtBackground", management.uplink],
  ] as const)
    if (u !== undefined && uplinkAvailableBytesPerSec(u) <= 0)
      throw badValue(f(k), "a load below the uplink's rate x share (it leaves vMotion nothing)", get(k));

  // The gateways and routes, each checked the way ESXi checks them: a next hop must be in the
  // subnet of a vmknic on its stack (KB 343820, "Unable to set VMkernel gateway").
  const onStack: readonly Ipv4Interface[] = stack === "default" ? [vmknicIp, mgmtIp] : [vmknicIp];
  const stackSubnets = `the subnet of ${stack === "default" ? `${f("vmknicIp")} or ${f("mgmtIp")}` : f("vmknicIp")}`;
  const checkNextHop = (gw: number, k: string, raw: unknown): void => {
    if (!onStack.some((i) => inSubnet(gw, i)))
      throw badValue(
        f(k),
        `a gateway in ${stackSubnets} (ESXi refuses a gateway outside its vmknics' subnets, KB 343820)`,
        raw,
      );
  };
  const routerOf = (i: Ipv4Interface): number => networkAddress(i) + 1;

  let gateway: number | null;
  if (has("gateway")) {
    const raw = get("gateway");
    gateway = raw === "none" ? null : gatewayAddress(raw, f("gateway"));
    if (gateway !== null) checkNextHop(gateway, "gateway", raw);
  } else if (stack === "default") gateway = routerOf(mgmtIp);
  else gateway = routing === "default-gateway" ? routerOf(vmknicIp) : null;

  let vmknicGateway: number | null = null;
  if (has("vmknicGateway")) {
    if (vsphereVersion < 6.5)
      throw new InputError(
        "conflict",
        f("vmknicGateway"),
        `a per-vmknic gateway exists from vSphere 6.5 (got ${f("vsphere")} ${vsphereVersion.toFixed(1)})`,
      );
    const raw = get("vmknicGateway");
    vmknicGateway = gatewayAddress(raw, f("vmknicGateway"));
    if (!inSubnet(vmknicGateway, vmknicIp))
      throw badValue(
        f("vmknicGateway"),
        `a gateway in ${f("vmknicIp")}'s subnet (ESXi refuses a gateway outside the vmknic's subnet, KB 343820)`,
        raw,
      );
  }

  let staticRoutes: StaticRoute[] = [];
  if (has("staticRoute")) {
    const raw = get("staticRoute");
    staticRoutes = parseList(raw, f("staticRoute")).map((text) => parseStaticRoute(text, f("staticRoute")));
    for (const r of staticRoutes) checkNextHop(r.gateway, "staticRoute", raw);
  } else if (routing === "static-route") {
    staticRoutes = [
      {
        network: { address: networkAddress(destIp), prefixLength: destIp.prefixLength },
        gateway: routerOf(vmknicIp),
      },
    ];
  }

  // The site's network: its path preset with the user's path keys (`mtu` is the vmknics' here).
  const pathInput: Record<string, unknown> = { ...input, preset: SITE_PRESETS[site] };
  delete pathInput.mtu;
  const plan = planFromInput(pathInput, fieldName) as PathPlan;
  const delaySec = present(input, "hopDelay") ? plan.hopDelaySec : DEFAULT_HOP_DELAY_SEC;

  const withOverride = vmknics.map((v) => ({ ...v, gatewayOverride: vmknicGateway }));
  const config: HostNetworkConfig = {
    vsphereVersion,
    site,
    source: {
      stack,
      vmknics: withOverride,
      management,
      defaultGateway: stack === "default" ? gateway : routerOf(mgmtIp),
      managementRouter: { name: "management router", delaySec, perFlowCapBytesPerSec: mgmtFlowCap },
      vmotionGateway: stack === "vmotion" ? gateway : null,
      vmotionRouter: { name: "vMotion router", delaySec, perFlowCapBytesPerSec: null },
      staticRoutes,
    },
    destination: { stack: destStack, vmknicIp: destIp, mtuBytes: destMtu },
  };
  return { config, plan, routing, configName };
}

function address(raw: unknown, field: string): Ipv4Interface {
  const parsed = typeof raw === "string" ? parseIpv4Interface(raw) : null;
  if (parsed === null || parsed.prefixLength < 1 || parsed.prefixLength > 31)
    throw badValue(field, "an IPv4 address with its prefix length, like 10.20.30.11/24", raw);
  return parsed;
}

function gatewayAddress(raw: unknown, field: string): number {
  const parsed = typeof raw === "string" ? parseIpv4(raw) : null;
  if (parsed === null) throw badValue(field, "an IPv4 address like 10.20.30.1 (or none)", raw);
  return parsed;
}

/** `10.20.31.0/24 via 10.20.30.1` (or `10.20.31.0/24 10.20.30.1`). */
function parseStaticRoute(text: string, field: string): StaticRoute {
  const m = /^\s*(\S+)\s+(?:via\s+)?(\S+)\s*$/.exec(text);
  const network = m === null ? null : parseIpv4Interface(m[1] as string);
  const gateway = m === null ? null : parseIpv4(m[2] as string);
  if (network === null || gateway === null)
    throw badValue(
      field,
      "NETWORK/PREFIX via NEXT-HOP, like 10.20.31.0/24 via 10.20.30.1 (a route needs its next hop)",
      text,
    );
  return { network: { address: networkAddress(network), prefixLength: network.prefixLength }, gateway };
}

/** A list as a YAML array or a comma-separated string; each item one of `choices` when given. */
function parseList(raw: unknown, field: string, choices?: readonly string[]): string[] {
  const items = Array.isArray(raw) ? raw : typeof raw === "string" ? raw.split(",") : null;
  if (items === null || items.some((x) => typeof x !== "string" || x.trim() === ""))
    throw badValue(field, "a comma-separated list", raw);
  const list = (items as string[]).map((x) => x.trim());
  if (choices !== undefined) for (const x of list) parseChoice(x, field, choices);
  return list;
}

/** `6.7`, `8.0`, `7.0U3` -> 6.7, 8, 7: vSphere 4.0 to 9.x. */
function parseVersion(raw: unknown, field: string): number {
  const text =
    typeof raw === "number"
      ? raw.toFixed(1)
      : typeof raw === "string"
        ? raw.trim().replace(/\s*u\d+\w*$/i, "")
        : "";
  const what = "a vSphere version from 4.0 to 9.x, like 5.5, 6.7 or 8.0";
  if (!/^\d\.\d$/.test(text)) throw badValue(field, what, raw);
  return parseNumber(text, field, { min: 4, max: 9.9, what });
}
