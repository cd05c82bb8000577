import { InputError, badValue } from "../errors.js";
import type { CanonicalInput, FieldNamer } from "../input/fields.js";
import { planOf } from "../input/path.js";
import { DEFAULT_WSS_FRACTION } from "../model/dirty/defaults.js";
import type { Scenario } from "../model/types.js";
import type { PathResult } from "../network/index.js";
import type { SweepFile } from "../sweep/types.js";
import { plural } from "../units/format.js";
import { parseDuration } from "../units/parse.js";
import type { RawInput, RawScalar } from "./types.js";

/** Field names inside a report: `sections[2].scenarios[0].input.memory`. */
export function namerAt(prefix: string): FieldNamer {
  return (key) => `${prefix}.${key}`;
}

/** A scenario input in words: `memory 64GiB, vcpus 8, preset routed-lan` (values as written). */
export function describeInput(input: RawInput): string {
  return Object.entries(input)
    .map(([k, v]) => `${k} ${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
    .join(", ");
}

const DIRTY_SHAPE_KEYS = ["wss", "dirtyCurve", "dirtyModel"];

/**
 * The dirty model a section rests on when its inputs leave it to the default: the default
 * working set is an assumption, and every output that depends on it says so. Null when the
 * inputs choose the model themselves (a working set, a curve or `dirtyModel`, in the base or
 * varied by an axis).
 */
export function defaultDirtyNote(keys: readonly string[]): string | null {
  if (keys.some((k) => DIRTY_SHAPE_KEYS.includes(k))) return null;
  if (!keys.includes("dirtyRate")) return null;
  return `Dirty model: a working set of ${DEFAULT_WSS_FRACTION === 1 / 8 ? "1/8" : DEFAULT_WSS_FRACTION} of memory written uniformly at the dirty rate (the default: an assumption resting on KubeVirt VEP 291's two measured migrations, not a measurement of this VM)`;
}

/** A sweep's base and axes in words, one line each. */
export function describeSweep(sweep: SweepFile, from: string): string[] {
  const lines = [`Sweep${from === "inline" ? "" : ` (${from})`}: ${describeInput(sweep.base)}`];
  const keys = [
    ...Object.keys(sweep.base),
    ...sweep.axes.flatMap((a) => [
      ...(a.key ? [a.key] : []),
      ...(a.zip ?? []).map((m) => m.key),
      ...(a.rows ?? []).flatMap((r) => Object.keys(r)),
    ]),
  ];
  const note = defaultDirtyNote(keys);
  for (const a of sweep.axes) {
    const show = (v: RawScalar): string => String(v);
    if (a.values) lines.push(`Axis ${a.key ?? a.name ?? "?"}: ${a.values.map(show).join(", ")}`);
    else if (a.range)
      lines.push(
        `Axis ${a.key ?? "?"}: ${plural(a.range.count, "value")} from ${show(a.range.from)} to ${show(a.range.to)}${a.range.scale === "log" ? " (log spaced)" : ""}`,
      );
    else if (a.distribution)
      lines.push(
        `Random ${a.key ?? "?"}: ${Object.entries(a.distribution)
          .map(([k, v]) => `${k} ${String(v)}`)
          .join(", ")}; ${plural(sweep.samples ?? 1, "draw")} per grid point, seed ${sweep.seed ?? 1}`,
      );
    else if (a.zip) lines.push(`Axis ${a.name ?? "zip"}: ${a.zip.map((m) => m.key).join(" + ")} together`);
    else if (a.rows)
      for (const r of a.rows) {
        const { label, ...rest } = r as Record<string, unknown>;
        lines.push(`Row ${String(label ?? "?")}: ${describeInput(rest)}`);
      }
  }
  if (note !== null) lines.push(note);
  return lines;
}

/** `from`..`to` in `count` steps, linear or log (ratio) spaced; durations as written. */
export function durationRange(
  r: { from: RawScalar; to: RawScalar; count: number; scale?: "linear" | "log" },
  where: string,
): number[] {
  const a = parseDuration(r.from, `${where}.from`, { allowZero: r.scale !== "log" });
  const b = parseDuration(r.to, `${where}.to`, { allowZero: false });
  if (!(b > a)) throw badValue(`${where}.to`, `a duration above from (${String(r.from)})`, r.to);
  return Array.from({ length: r.count }, (_, k) => {
    const t = r.count === 1 ? 0 : k / (r.count - 1);
    return r.scale === "log" ? a * (b / a) ** t : a + (b - a) * t;
  });
}

/**
 * The baseline value of a sensitivity input, canonical units, read from the built scenario and
 * path (so defaults count too), or an InputError naming the field when it is not a continuous
 * input of this scenario.
 */
export const SENSITIVITY_INPUTS = [
  "memory",
  "dirtyRate",
  "wss",
  "coldRate",
  "switchoverGoal",
  "bandwidth",
  "link",
  "rtt",
  "loss",
  "distance",
  "socketBuffer",
  "hopDelay",
  "checkpoint",
] as const;

export function baselineValue(
  key: string,
  s: Scenario,
  path: PathResult | null,
  input: CanonicalInput,
  field: string,
): number {
  const plan = planOf(input);
  const d = s.dirty;
  const v: number | undefined = (() => {
    switch (key) {
      case "memory":
        return s.vm.memoryBytes;
      case "checkpoint":
        return s.vm.checkpointBytes;
      case "dirtyRate":
        return d.kind === "curve" ? undefined : d.rateBytesPerSec;
      case "wss":
        return d.kind === "working-set" ? d.wssBytes : undefined;
      case "coldRate":
        return d.kind === "working-set" ? d.coldRateBytesPerSec : undefined;
      case "switchoverGoal":
        return s.policy.kind === "vmotion" ? s.policy.switchoverGoalSec : undefined;
      case "bandwidth":
        return path === null ? s.transport.throughputBytesPerSec : undefined;
      case "rtt":
        return s.transport.rttSec;
      case "link":
        return path === null ? undefined : plan.linkBytesPerSec;
      case "loss":
        return path === null ? undefined : path.lossFraction;
      case "distance":
        return path === null ? undefined : plan.distanceKm;
      case "hopDelay":
        return path === null ? undefined : plan.hopDelaySec;
      case "socketBuffer":
        return path === null ? undefined : plan.socketBufferBytes;
      default:
        return undefined;
    }
  })();
  if (v === undefined || !Number.isFinite(v))
    throw new InputError(
      "bad-value",
      field,
      `${JSON.stringify(key)} is not a continuous input of this scenario (try ${SENSITIVITY_INPUTS.join(", ")})`,
      key,
    );
  return v;
}
