import { FIELDS, type FieldDef } from "../input/fields.js";
import { PRESETS, type PresetName } from "../network/presets.js";
import { formatDuration, formatRate } from "../units/format.js";

/**
 * The explore page's inputs, generated from the field table (`src/input/fields.ts`, the one source
 * of the CLI's flags): one page field per row, in table order, grouped by the scenario part it
 * feeds, with the row's description as help and its default or example as placeholder. A field
 * added to the table appears on the page by itself. Values are the strings a user types, exactly
 * as on the command line; they are parsed and validated by the CLI's own `parseInput` and
 * `buildScenario`, so a bad value gets the CLI's message.
 *
 * Two page-only choices pick which fields apply: the dirtying (`working-set`, the default;
 * `constant`, i.e. `--dirty-model constant`; `curve`: a pasted measured curve) and the network
 * (`path`: a preset and its overrides; `bandwidth`: a throughput given directly). Fields that do
 * not apply to the chosen models or policy keep their text but are not used.
 */
export type FieldGroup = "vm" | "dirty" | "policy" | "path" | "host";

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

export const DIRTY_MODELS = ["working-set", "constant", "curve"] as const;
export type DirtyModelChoice = (typeof DIRTY_MODELS)[number];
export const NETWORK_MODELS = ["path", "bandwidth"] as const;
export type NetworkChoice = (typeof NETWORK_MODELS)[number];

/** The page-only keys choosing models; they never reach the scenario input as such. */
export const MODEL_KEYS = { dirty: "dirtyKind", network: "network" } as const;

export function dirtyModelOf(values: FormValues): DirtyModelChoice {
  const v = values[MODEL_KEYS.dirty];
  return (DIRTY_MODELS as readonly string[]).includes(v ?? "") ? (v as DirtyModelChoice) : "working-set";
}

export function networkOf(values: FormValues): NetworkChoice {
  const v = values[MODEL_KEYS.network];
  return (NETWORK_MODELS as readonly string[]).includes(v ?? "") ? (v as NetworkChoice) : "path";
}

const policyOf = (v: FormValues): string => v.policy || "vmotion";
const isVmotion = (v: FormValues): boolean => policyOf(v) === "vmotion";
const isQemu = (v: FormValues): boolean => policyOf(v) === "qemu";
const workingSet = (v: FormValues): boolean => dirtyModelOf(v) === "working-set";
const onPath = (v: FormValues): boolean => networkOf(v) === "path";

/** When a field applies, by key; a row not listed always applies (a path trigger: on a path). */
const WHEN: Readonly<Record<string, ((v: FormValues) => boolean) | "never">> = {
  // The dirtying selector stands for --dirty-model (and for the curve).
  dirtyModel: "never",
  dirtyRate: (v) => dirtyModelOf(v) !== "curve",
  wss: workingSet,
  coldRate: workingSet,
  pattern: workingSet,
  hotShare: (v) => workingSet(v) && v.pattern === "hot-cold",
  dirtyCurve: (v) => dirtyModelOf(v) === "curve",
  switchoverGoal: isVmotion,
  sdps: isVmotion,
  downtimeLimit: isQemu,
  maxBandwidth: isQemu,
  autoConverge: isQemu,
  bandwidth: (v) => !onPath(v),
};

/** Labels where the table's noun does not read as one ("vCPU count" -> "vCPUs"). */
const LABELS: Readonly<Record<string, string>> = {
  vcpus: "vCPUs",
  zeroPages: "Zero pages",
  checkpoint: "Device state",
  coldRate: "Cold rate",
  pattern: "Pattern",
  dirtyCurve: "Dirty curve (CSV)",
  sdps: "SDPS",
  maxBandwidth: "Max bandwidth",
  maxRounds: "Max rounds",
  traceSetup: "Trace setup",
  preset: "Preset",
  hops: "Router hops",
  streams: "Streams",
  concurrent: "Concurrent",
};

/**
 * The transport rows that describe the path itself (and the throughput given directly); every
 * other transport row describes the hosts' network configuration (TCP/IP stacks, vmknics,
 * gateways, routes, uplinks) and goes to its own group.
 */
const PATH_ROWS = new Set([
  "bandwidth",
  "rtt",
  "preset",
  "link",
  "hops",
  "hopDelay",
  "mtu",
  "pathMtu",
  "loss",
  "distance",
  "streams",
  "socketBuffer",
  "expectedLineRate",
  "concurrent",
]);

const GROUP_OF_PART: Readonly<Record<FieldDef["part"], FieldGroup>> = {
  vm: "vm",
  dirty: "dirty",
  policy: "policy",
  costs: "policy",
  transport: "path",
};

/** Placeholders for rows whose description states neither a default nor an example. */
const EXAMPLES: Readonly<Record<string, string>> = {
  coldRate: "0",
  maxRounds: "1000; Xen 30, Xen v2 5",
  concurrent: "1",
};

/**
 * Placeholders of the path fields: the chosen preset's own values (what an empty field means),
 * each in a form the field accepts. Example: `presetPlaceholders("wan").hops` is `"6"`.
 */
export function presetPlaceholders(preset: string): Readonly<Record<string, string>> {
  const p = PRESETS[(preset in PRESETS ? preset : "same-l2") as PresetName];
  return {
    link: formatRate(p.linkBytesPerSec),
    hops: String(p.hops),
    hopDelay: formatDuration(p.hopDelaySec),
    mtu: String(p.hostMtuBytes),
    pathMtu: String(p.networkMtuBytes),
    loss: String(p.lossFraction),
    distance: `${p.distanceKm}km`,
    streams: String(p.streams),
    socketBuffer: `${p.socketBufferBytes}B`,
    concurrent: String(p.concurrent),
  };
}

/** A curve's placeholder: the CSV form `--dirty-curve` files have. */
const CURVE_EXAMPLE = "interval,dirtied\n1s,460MiB\n10s,3GiB\n60s,5.8GiB";

/**
 * The placeholder from a row's description: its default (`(default 500ms)`), else its example
 * (`e.g. 64GiB`), cut at the first comma or semicolon. Example: "vCPUs (default 4)" gives "4".
 */
export function exampleOf(description: string): string {
  const m = /\(default ([^)]*)\)/.exec(description) ?? /\be\.g\. (\S+)/.exec(description);
  return (m?.[1] ?? "").split(/[,;]/)[0]?.trim() ?? "";
}

function pageField(f: FieldDef): PageField | null {
  const when = WHEN[f.key] ?? (f.path === "trigger" ? onPath : undefined);
  if (when === "never") return null;
  const label = LABELS[f.key] ?? `${f.noun.charAt(0).toUpperCase()}${f.noun.slice(1)}`;
  const kind =
    f.dimension === "choice"
      ? "choice"
      : f.dimension === "bool"
        ? "flag"
        : f.dimension === "curve"
          ? "curve"
          : "text";
  return {
    key: f.key,
    group: f.part === "transport" && !PATH_ROWS.has(f.key) ? "host" : GROUP_OF_PART[f.part],
    label,
    example:
      kind === "curve"
        ? CURVE_EXAMPLE
        : (EXAMPLES[f.key] ?? (exampleOf(f.description) || (f.choices?.[0] ?? ""))),
    help: f.description,
    kind,
    ...(f.choices !== undefined ? { choices: f.choices } : {}),
    ...(when !== undefined ? { when } : {}),
  };
}

/** Every page field, from the field table, in table order. */
export const PAGE_FIELDS: readonly PageField[] = FIELDS.map(pageField).filter(
  (f): f is PageField => f !== null,
);

export const GROUP_TITLES: Readonly<Record<FieldGroup, string>> = {
  vm: "VM",
  dirty: "Dirtying",
  policy: "Policy",
  path: "Network path",
  host: "Host network configuration",
};

/** Whether a field is used with these values: it applies, and something is typed in it. */
export function fieldInUse(field: PageField, values: FormValues): boolean {
  const v = values[field.key];
  return v !== undefined && v.trim() !== "" && (field.when?.(values) ?? true);
}

/** The page's starting scenario: the README's first estimate, over the default (same-l2) path. */
export const DEFAULT_VALUES: FormValues = { memory: "64GiB", dirtyRate: "400MiB/s" };
