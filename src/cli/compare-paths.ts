import { InputError, badValue } from "../errors.js";
import { FIELDS, cliFlagName, type CanonicalInput, type FieldDef, type FieldKey } from "../input/fields.js";
import { HOST_KEYS } from "../input/host.js";
import { parseInput } from "../input/parse.js";
import { planOf } from "../input/path.js";
import {
  PRESETS,
  PRESET_NAMES,
  planToSpec,
  type PathPlan,
  type PathSegment,
  type PresetName,
} from "../network/index.js";
import { parseChoice } from "../units/parse.js";

/** One `compare` column as written: a preset and the path overrides that apply to it alone. */
export interface PathColumnSpec {
  /** The `--path` text as given, e.g. `wan:hops=4,rtt=30ms` (the column's header). */
  readonly label: string;
  readonly preset: PresetName;
  readonly overrides: CanonicalInput;
  /** How the column is named in errors, `--path[2]`; absent for `--presets` columns. */
  readonly field?: string;
}

const HOST_KEY_SET: ReadonlySet<string> = new Set(HOST_KEYS);

/**
 * The keys a `--path` entry may set: every path field of the field table but `preset` (the part
 * before the colon), `segments` (its own syntax uses commas and semicolons: it comes last) and the
 * host network configuration's keys (compared with `--configs`).
 */
export const PATH_OVERRIDE_KEYS: readonly FieldKey[] = FIELDS.filter(
  (f: FieldDef) =>
    f.path !== undefined && f.key !== "preset" && f.key !== "segments" && !HOST_KEY_SET.has(f.key),
).map((f) => f.key);

/**
 * `--path wan:hops=4,rtt=30ms` (the `n`th `--path`, from 1) -> its column. Hand-written: the
 * syntax is two splits, and each value goes through the field table's own parser (`parseInput`),
 * so an error names `--path[n].hops` and says what is accepted, exactly as `--hops` would.
 * `segments=` comes last and takes the rest of the entry, in `--segments` syntax:
 * `wan:hops=2,segments=link=25Gbit/s;label=dci,link=10Gbit/s,distance=2500;link=25Gbit/s`.
 */
export function parsePathColumn(raw: string, n: number): PathColumnSpec {
  const field = `--path[${n}]`;
  const colon = raw.indexOf(":");
  const name = (colon < 0 ? raw : raw.slice(0, colon)).trim();
  const preset = parseChoice(name, field, PRESET_NAMES);
  if (colon < 0) return { label: raw.trim(), preset, overrides: {}, field };
  const values: Record<string, string> = {};
  let rest = raw.slice(colon + 1);
  const seg = /(^|,)\s*segments=/.exec(rest);
  if (seg !== null) {
    values.segments = rest.slice(seg.index + seg[0].length);
    rest = rest.slice(0, seg.index);
  }
  for (const pair of rest.split(",")) {
    if (rest.trim() === "" && seg !== null) break;
    const eq = pair.indexOf("=");
    if (eq < 0) throw badValue(field, "PRESET:key=value,key=value, like wan:hops=4,rtt=30ms", raw);
    const key = pair.slice(0, eq).trim();
    if (!(PATH_OVERRIDE_KEYS as readonly string[]).includes(key))
      throw new InputError(
        "unknown-field",
        `${field}.${key.slice(0, 40)}`,
        `is not a path key (accepted: ${PATH_OVERRIDE_KEYS.join(", ")})`,
      );
    if (key in values) throw new InputError("conflict", `${field}.${key}`, "is given twice");
    values[key] = pair.slice(eq + 1).trim();
  }
  return { label: raw.trim(), preset, overrides: parseInput(values, (key) => `${field}.${key}`), field };
}

/**
 * Presets inside one data centre: a global `--link`/`--bandwidth` sets their whole fabric, taken
 * to be no slower than the hosts' NICs [assumption, as for a host configuration's local site,
 * src/network/host/path.ts]. Across sites (`metro`, `wan`) the inter-site circuit keeps its rate.
 */
export const DATA_CENTRE_PRESETS: readonly PresetName[] = [
  "same-l2",
  "same-l2-25g",
  "routed-lan",
  "routed-lan-mtu1500",
];

/** One column resolved: the input it ran with, its path plan, and the global flags it did not take. */
export interface ResolvedColumn {
  readonly input: CanonicalInput;
  readonly plan: PathPlan;
  /** Global flags left out of this column, each with the reason in words. */
  readonly notApplied: readonly string[];
}

/**
 * How the global flags of `compare` combine with one column, so that they never flatten the
 * columns into one path (issue 14):
 *
 * 1. the column's own `--path` keys always win;
 * 2. `--link` and `--bandwidth` (the same thing here: what the hosts can send) set the hosts'
 *    access link, their NICs: in a data-centre column ({@link DATA_CENTRE_PRESETS}) every segment
 *    (as the column's `link`), across sites a source and a destination uplink segment around the
 *    preset's network (as the column's `segments`), whose circuit keeps its own rate (so a 10 GbE
 *    WAN stays the bottleneck of 25 GbE hosts);
 * 3. `--hops` applies to routed columns only: a column whose preset has no router (`same-l2`,
 *    `same-l2-25g`) is one L2 network, and stays one;
 * 4. every other flag (the VM, the policy, the hosts' MTU, streams and buffers, `--distance`,
 *    `--loss`, `--rtt`, ...) applies to every column that does not set it.
 *
 * Example: global `--bandwidth 25Gbit/s --hops 4` with columns `same-l2` and `wan`: same-l2 runs at
 * 25 Gbit/s with no router (`notApplied`: the hops), wan gets 25 Gbit/s uplinks around its 10 Gbit/s
 * circuit and 4 routers.
 */
export function resolveColumn(global: CanonicalInput, col: PathColumnSpec): ResolvedColumn {
  const own = col.overrides;
  const notApplied: string[] = [];
  const access = own.link !== undefined ? undefined : (global.link ?? global.bandwidth);
  const input: Record<string, unknown> = { ...global, ...own, preset: col.preset };
  delete input.bandwidth;
  if (own.link === undefined) delete input.link;
  const l2 = PRESETS[col.preset].hops === 0;
  if (global.hops !== undefined && own.hops === undefined && l2) {
    delete input.hops;
    notApplied.push(`${cliFlagName("hops")} (${col.preset} is one L2 network, with no router)`);
  }
  // The access link goes into the input itself (a rate, or a segment list), so that whatever
  // re-plans the column (the other buffer reading, uncertain draws) plans the same path.
  if (access !== undefined) {
    if (DATA_CENTRE_PRESETS.includes(col.preset)) input.link = access;
    else
      input.segments = withAccessLink(planOf(input as CanonicalInput), access, false).segments ?? undefined;
  }
  const resolved = input as CanonicalInput;
  return { input: resolved, plan: planOf(resolved), notApplied };
}

/**
 * A plan whose hosts' NICs run at `rateBytesPerSec`: the whole fabric in one data centre; across
 * sites a source and a destination uplink (0 km, the vmknics' MTU) around the plan's own segments,
 * which keep their rates.
 */
export function withAccessLink(plan: PathPlan, rateBytesPerSec: number, dataCentre: boolean): PathPlan {
  if (dataCentre)
    return {
      ...plan,
      linkBytesPerSec: rateBytesPerSec,
      segments: plan.segments?.map((s) => ({ ...s, linkBytesPerSec: rateBytesPerSec })) ?? null,
    };
  const uplink = (label: string): PathSegment => ({
    label,
    linkBytesPerSec: rateBytesPerSec,
    mtuBytes: plan.hostMtuBytes,
    distanceKm: 0,
    delaySec: 0,
    lossFraction: 0,
    flowCapBytesPerSec: null,
  });
  const network = planToSpec(plan).segments;
  return { ...plan, segments: [uplink("source uplink"), ...network, uplink("destination uplink")] };
}
