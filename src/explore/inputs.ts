import { POLICY_NAMES } from "../input/scenario.js";
import { PRESET_NAMES } from "../network/index.js";

/**
 * The explore page's inputs: the scenario keys of the CLI (`--dirty-rate` is `dirtyRate`), each
 * with the label, example and help shown next to its field, grouped as the page shows them. Values
 * are the strings a user types, exactly as on the command line; they are parsed and validated by
 * the same `buildScenario` the CLI calls, so a bad value gets the CLI's message.
 *
 * Two page-only choices pick which fields apply: the dirtying model (`constant`, `working-set`,
 * `curve`) and the network (`bandwidth`: a throughput given directly; `path`: a preset and its
 * overrides). Fields that do not apply to the chosen model or policy are kept but not used.
 */
export type FieldGroup = "vm" | "dirty" | "policy" | "path";

export interface PageField {
  /** Scenario input key, the camelCase of the CLI flag. */
  readonly key: string;
  readonly group: FieldGroup;
  readonly label: string;
  /** Shown as the field's placeholder: the default, or an example of the accepted form. */
  readonly example: string;
  readonly help: string;
  /** `choice`: one of `choices` (empty = the default); `flag`: on or off; `text`: typed with units. */
  readonly kind: "text" | "choice" | "flag" | "curve";
  readonly choices?: readonly string[];
  /** When the field applies (default: always). */
  readonly when?: (values: FormValues) => boolean;
}

/** The page's state: every field's text as typed (absent or "" = not given). */
export type FormValues = Readonly<Record<string, string>>;

export const DIRTY_MODELS = ["constant", "working-set", "curve"] as const;
export type DirtyModelChoice = (typeof DIRTY_MODELS)[number];
export const NETWORK_MODELS = ["path", "bandwidth"] as const;
export type NetworkChoice = (typeof NETWORK_MODELS)[number];

/** The page-only keys choosing models; they never reach `buildScenario`. */
export const MODEL_KEYS = { dirty: "dirtyModel", network: "network" } as const;

export function dirtyModelOf(values: FormValues): DirtyModelChoice {
  const v = values[MODEL_KEYS.dirty];
  return (DIRTY_MODELS as readonly string[]).includes(v ?? "") ? (v as DirtyModelChoice) : "constant";
}

export function networkOf(values: FormValues): NetworkChoice {
  const v = values[MODEL_KEYS.network];
  return (NETWORK_MODELS as readonly string[]).includes(v ?? "") ? (v as NetworkChoice) : "path";
}

const policyOf = (v: FormValues): string => v.policy || "vmotion";
const isVmotion = (v: FormValues): boolean => policyOf(v) === "vmotion";
const isQemu = (v: FormValues): boolean => policyOf(v) === "qemu";
const rateModel = (v: FormValues): boolean => dirtyModelOf(v) !== "curve";
const workingSet = (v: FormValues): boolean => dirtyModelOf(v) === "working-set";
const onPath = (v: FormValues): boolean => networkOf(v) === "path";

export const PAGE_FIELDS: readonly PageField[] = [
  { key: "memory", group: "vm", label: "Memory", example: "64GiB", help: "VM memory", kind: "text" },
  { key: "vcpus", group: "vm", label: "vCPUs", example: "4", help: "virtual CPUs", kind: "text" },
  {
    key: "zeroPages",
    group: "vm",
    label: "Zero pages",
    example: "0",
    help: "fraction of memory that is zero pages, e.g. 0.2 or 20%",
    kind: "text",
  },
  {
    key: "checkpoint",
    group: "vm",
    label: "Device state",
    example: "8 MiB + 64 KiB per vCPU",
    help: "device state (checkpoint) sent in the stun",
    kind: "text",
  },
  {
    key: "dirtyRate",
    group: "dirty",
    label: "Dirty rate",
    example: "400MiB/s",
    help: "guest dirty rate (the hot set's, with a working set)",
    kind: "text",
    when: rateModel,
  },
  {
    key: "wss",
    group: "dirty",
    label: "Working set",
    example: "8GiB",
    help: "writable working set (hot set) size",
    kind: "text",
    when: workingSet,
  },
  {
    key: "coldRate",
    group: "dirty",
    label: "Cold rate",
    example: "0",
    help: "dirty rate over the memory outside the working set",
    kind: "text",
    when: workingSet,
  },
  {
    key: "pattern",
    group: "dirty",
    label: "Pattern",
    example: "uniform",
    help: "how the working set is written",
    kind: "choice",
    choices: ["uniform", "sequential"],
    when: workingSet,
  },
  {
    key: "dirtyCurve",
    group: "dirty",
    label: "Dirty curve (CSV)",
    example: "interval,dirtied\n1s,460MiB\n10s,3GiB\n60s,5.8GiB",
    help: "measured curve: header interval,dirtied, then one point a line",
    kind: "curve",
    when: (v) => dirtyModelOf(v) === "curve",
  },
  {
    key: "policy",
    group: "policy",
    label: "Policy",
    example: "vmotion",
    help: "stop rules of the hypervisor",
    kind: "choice",
    choices: POLICY_NAMES,
  },
  {
    key: "switchoverGoal",
    group: "policy",
    label: "Switchover goal",
    example: "500ms",
    help: "vMotion Migrate.PreCopySwitchoverTimeGoal (100ms to 100s)",
    kind: "text",
    when: isVmotion,
  },
  {
    key: "sdps",
    group: "policy",
    label: "SDPS",
    example: "dynamic",
    help: "vMotion Stun During Page Send",
    kind: "choice",
    choices: ["dynamic", "always", "off"],
    when: isVmotion,
  },
  {
    key: "downtimeLimit",
    group: "policy",
    label: "Downtime limit",
    example: "300ms",
    help: "QEMU downtime-limit",
    kind: "text",
    when: isQemu,
  },
  {
    key: "maxBandwidth",
    group: "policy",
    label: "Max bandwidth",
    example: "128MiB/s",
    help: "QEMU max-bandwidth (0 or unlimited = no cap)",
    kind: "text",
    when: isQemu,
  },
  {
    key: "autoConverge",
    group: "policy",
    label: "Auto-converge",
    example: "off",
    help: "QEMU auto-converge (throttle the guest)",
    kind: "flag",
    when: isQemu,
  },
  {
    key: "maxRounds",
    group: "policy",
    label: "Max rounds",
    example: "1000; Xen 30, Xen v2 5",
    help: "give up (vMotion, QEMU) or force stop-and-copy (Xen) after n iterations",
    kind: "text",
  },
  {
    key: "traceSetup",
    group: "policy",
    label: "Trace setup",
    example: "2 ms/GiB + 1 ms/vCPU",
    help: "write-trace installation before iteration 0",
    kind: "text",
  },
  {
    key: "bandwidth",
    group: "path",
    label: "Bandwidth",
    example: "10Gbit/s",
    help: "achieved migration throughput",
    kind: "text",
    when: (v) => !onPath(v),
  },
  {
    key: "preset",
    group: "path",
    label: "Preset",
    example: "same-l2",
    help: "a documented path; the fields below override it",
    kind: "choice",
    choices: PRESET_NAMES,
    when: onPath,
  },
  {
    key: "link",
    group: "path",
    label: "Link rate",
    example: "10Gbit/s",
    help: "line rate of every link on the path",
    kind: "text",
    when: onPath,
  },
  {
    key: "mtu",
    group: "path",
    label: "MTU",
    example: "9000",
    help: "vmknic MTU, and the network's unless the path MTU is given (576-9216)",
    kind: "text",
    when: onPath,
  },
  {
    key: "pathMtu",
    group: "path",
    label: "Path MTU",
    example: "9000",
    help: "MTU of the network segments between the vmknics (576-9216)",
    kind: "text",
    when: onPath,
  },
  {
    key: "hops",
    group: "path",
    label: "Router hops",
    example: "0",
    help: "routers between the hosts",
    kind: "text",
    when: onPath,
  },
  {
    key: "hopDelay",
    group: "path",
    label: "Hop delay",
    example: "50us",
    help: "one-way forwarding + queueing delay per hop",
    kind: "text",
    when: onPath,
  },
  {
    key: "distance",
    group: "path",
    label: "Distance",
    example: "80km",
    help: "fibre distance (5 us per km one way)",
    kind: "text",
    when: onPath,
  },
  {
    key: "rtt",
    group: "path",
    label: "RTT",
    example: "0.3ms",
    help: "round-trip time: replaces the path's computed one",
    kind: "text",
  },
  {
    key: "loss",
    group: "path",
    label: "Packet loss",
    example: "1e-5",
    help: "end-to-end packet loss, 0 to 1 exclusive",
    kind: "text",
    when: onPath,
  },
  {
    key: "streams",
    group: "path",
    label: "Streams",
    example: "auto",
    help: "vMotion streams: auto (one per 15 Gbit/s of link) or 1-112",
    kind: "text",
    when: onPath,
  },
  {
    key: "socketBuffer",
    group: "path",
    label: "Socket buffer",
    example: "562540B",
    help: "socket buffer per stream (Migrate.SndBufSize)",
    kind: "text",
    when: onPath,
  },
  {
    key: "expectedLineRate",
    group: "path",
    label: "Expected line rate",
    example: "133MB/s",
    help: "rate latency-aware mode (RTT > 4 ms) sizes buffers for",
    kind: "text",
    when: onPath,
  },
  {
    key: "concurrent",
    group: "path",
    label: "Concurrent",
    example: "1",
    help: "migrations sharing the bottleneck fairly",
    kind: "text",
    when: onPath,
  },
];

export const GROUP_TITLES: Readonly<Record<FieldGroup, string>> = {
  vm: "VM",
  dirty: "Dirtying",
  policy: "Policy",
  path: "Network path",
};

/** Whether a field is used with these values: it applies, and something is typed in it. */
export function fieldInUse(field: PageField, values: FormValues): boolean {
  const v = values[field.key];
  return v !== undefined && v.trim() !== "" && (field.when?.(values) ?? true);
}

/** The page's starting scenario: the README's first estimate, over the same-l2 path. */
export const DEFAULT_VALUES: FormValues = { memory: "64GiB", dirtyRate: "400MiB/s", preset: "same-l2" };
