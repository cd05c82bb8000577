import { fieldOf, TRANSPORT_FIELD_KEYS, type CanonicalInput } from "../../input/fields.js";
import { formatFieldValue } from "../../input/uncertain.js";
import { pathOf, planOf } from "../../input/path.js";
import type { PathResult } from "../../network/index.js";
import { otherBufferMode, partsBeyondSpread } from "../../plan/buffer-modes.js";
import type { SweepPlan } from "../../sweep/types.js";
import { formatDuration, formatNumber, formatRate } from "../../units/format.js";
import { lossWords } from "../findings/words.js";
import type { BuiltTable } from "../types.js";

/**
 * The network paths a report simulated, as a table: each path with the overrides it ran with
 * (a row's `rtt`, `loss`, `streams`, `segments`, ...), not its preset's defaults, under the label
 * the user gave it. Where a section sweeps a path input (an RTT axis), the columns it moves show
 * the range from its first to its last value.
 */
export interface SimulatedPath {
  /** The user's label (a rows axis label), else the preset name. */
  readonly label: string;
  /** Whether the user wrote `label` (a rows axis label) rather than it being a preset name. */
  readonly userLabel: boolean;
  /** The input the path was computed from: the base with the row's overrides. */
  readonly input: CanonicalInput;
  /** The same input at the ends of every other swept path input (empty when none). */
  readonly variants: readonly CanonicalInput[];
  /**
   * Every run of the path the section simulates (each swept value, at most
   * {@link MAX_CHECK_VALUES} a swept input), on which the two buffer-sizing readings are compared:
   * they can agree at both ends of an RTT range and part inside it (the socket buffer covers a
   * short RTT, loss binds both at a long one). Default: `input` and `variants`.
   */
  readonly checks?: readonly CanonicalInput[];
  /** Where it was simulated: section ids (`s1`). */
  readonly usedIn: readonly string[];
}

const TRANSPORT_KEYS: ReadonlySet<string> = new Set(TRANSPORT_FIELD_KEYS);

/** A grid axis's overrides at index `j` (the members that set a value there). */
function overridesAt(axis: SweepPlan["grid"][number], j: number): Partial<CanonicalInput> {
  const out: Record<string, unknown> = {};
  for (const m of axis.members) {
    const v = m.values[j];
    if (v !== null && v !== undefined) out[m.key] = v;
  }
  return out as Partial<CanonicalInput>;
}

/** The grid axis whose values label the `series` column (a rows axis by name, else a member's column), or -1. */
export function seriesAxisIndex(plan: SweepPlan, series: string): number {
  return plan.grid.findIndex((a) =>
    a.rowLabels !== null ? a.name === series : a.members.some((m) => m.column === series),
  );
}

/**
 * The paths a sweep simulated, one per value of its `series` column (a rows axis or the preset
 * axis; the base alone, labelled `fallback`, when no axis sets it). Other axes that vary a path
 * input give each path its variants at their first and last values.
 */
export function sweepPaths(plan: SweepPlan, series: string, fallback: string): SimulatedPath[] {
  const axisIndex = seriesAxisIndex(plan, series);
  const others = plan.grid.filter(
    (a, i) => i !== axisIndex && a.members.some((m) => TRANSPORT_KEYS.has(m.key)),
  );
  const variantsOf = (input: CanonicalInput): CanonicalInput[] => {
    let out: CanonicalInput[] = [];
    for (const a of others) {
      const ends = [...new Set([0, a.length - 1])];
      const from = out.length === 0 ? [input] : out;
      out = from.flatMap((v) => ends.map((j) => ({ ...v, ...overridesAt(a, j) }) as CanonicalInput));
    }
    return out;
  };
  // Every swept value of the other path inputs (their combinations up to MAX_CHECK_RUNS; past
  // that an axis is compared at its ends), for the buffer readings' comparison.
  const checksOf = (input: CanonicalInput): CanonicalInput[] => {
    let out: CanonicalInput[] = [];
    for (const a of others) {
      const from = out.length === 0 ? [input] : out;
      const all = checkIndices(a.length);
      const js = from.length * all.length <= MAX_CHECK_RUNS ? all : [...new Set([0, a.length - 1])];
      out = from.flatMap((v) => js.map((j) => ({ ...v, ...overridesAt(a, j) }) as CanonicalInput));
    }
    return out;
  };
  const axis = plan.grid[axisIndex];
  if (axis === undefined)
    return [
      {
        label: fallback,
        userLabel: false,
        input: plan.base,
        variants: variantsOf(plan.base),
        checks: checksOf(plan.base),
        usedIn: [],
      },
    ];
  const labels = axis.rowLabels ?? axis.members.find((m) => m.column === series)?.labels ?? [];
  const seen = new Set<string>();
  const out: SimulatedPath[] = [];
  for (let j = 0; j < axis.length; j++) {
    const label = labels[j] ?? fallback;
    if (seen.has(label)) continue;
    seen.add(label);
    const input = { ...plan.base, ...overridesAt(axis, j) } as CanonicalInput;
    out.push({
      label,
      userLabel: axis.rowLabels !== null,
      input,
      variants: variantsOf(input),
      checks: checksOf(input),
      usedIn: [],
    });
  }
  return out;
}

/** `"1 ms"` when all agree, else `"1 ms to 150 ms"` (first to last). */
function span(values: readonly string[]): string {
  const first = values[0] ?? "-";
  const last = values[values.length - 1] ?? "-";
  return values.every((v) => v === first) ? first : `${first} to ${last}`;
}

/** Swept values a path is compared on at most, per swept input (evenly spaced, both ends kept). */
export const MAX_CHECK_VALUES = 64;
/** Runs of one path compared at most over all its swept inputs (~1.6 us a path computation). */
const MAX_CHECK_RUNS = 4096;

/** Indices 0..n-1, or {@link MAX_CHECK_VALUES} of them evenly spaced with both ends. */
function checkIndices(n: number): number[] {
  if (n <= MAX_CHECK_VALUES) return Array.from({ length: n }, (_, j) => j);
  const out = new Set<number>();
  for (let k = 0; k < MAX_CHECK_VALUES; k++) out.add(Math.round((k * (n - 1)) / (MAX_CHECK_VALUES - 1)));
  return [...out];
}

/**
 * The path's throughput under the other buffer-sizing reading (model.md section 4; both are
 * assumptions) when it parts from the used one by more than 10 % at one of its runs (`checks`):
 * `expected-line-rate: 1.06 Gbit/s` (a span over the ends of swept inputs, as the other columns);
 * where the ends agree and a run between them parts, the run that parts most, named by the inputs
 * that set it apart: `expected-line-rate: 2.25 Gbit/s instead of 9.9 Gbit/s at rtt 2 ms`; null
 * where they agree everywhere.
 */
function otherThroughputCell(
  inputs: readonly CanonicalInput[],
  used: readonly PathResult[],
  checks: readonly CanonicalInput[],
): string | null {
  const mode = used[0]?.bufferMode ?? null;
  if (mode === null) return null;
  const otherMode = otherBufferMode(mode);
  const parts = (o: PathResult | null, u: PathResult | null | undefined): boolean =>
    o !== null && u != null && partsBeyondSpread(o.throughputBytesPerSec, u.throughputBytesPerSec);
  const others = inputs.map((input) => pathOf({ ...input, bufferMode: otherMode }));
  if (others.some((o, i) => parts(o, used[i])))
    return `${otherMode}: ${span(others.map((o) => formatRate(o?.throughputBytesPerSec ?? NaN)))}`;
  let most: { input: CanonicalInput; u: PathResult; o: PathResult; gap: number } | null = null;
  for (const input of checks) {
    const u = pathOf(input);
    const o = pathOf({ ...input, bufferMode: otherMode });
    if (u === null || o === null || !parts(o, u)) continue;
    const gap = Math.abs(Math.log(o.throughputBytesPerSec / u.throughputBytesPerSec));
    if (most === null || gap > most.gap) most = { input, u, o, gap };
  }
  if (most === null) return null;
  const at = most.input as Readonly<Record<string, unknown>>;
  const base = inputs[0] as Readonly<Record<string, unknown>>;
  const moved = Object.keys(at).flatMap((k) => {
    const v = at[k];
    if (!TRANSPORT_KEYS.has(k) || typeof v !== "number" || v === base[k]) return [];
    const f = fieldOf(k);
    return [`${k} ${f === undefined ? formatNumber(v) : formatFieldValue(f, v)}`];
  });
  const where = moved.length === 0 ? "" : ` at ${moved.join(", ")}`;
  return `${otherMode}: ${formatRate(most.o.throughputBytesPerSec)} instead of ${formatRate(most.u.throughputBytesPerSec)}${where}`;
}

/** The cell where the readings agree (or there is one). */
const AGREE = "same within 10 %";

/** The table cells of one path (label first, the other reading's cell last), or null without a path model. */
function pathCells(p: SimulatedPath): string[] | null {
  const inputs = p.variants.length > 0 ? p.variants : [p.input];
  const runs = inputs.map((input) => ({
    plan: planOf(input),
    r: pathOf(input),
  }));
  if (runs.some((x) => x.r === null)) return null;
  const col = (f: (x: (typeof runs)[number]) => string): string => span(runs.map(f));
  return [
    p.label,
    p.input.preset ?? "same-l2",
    col((x) => formatRate(x.r?.bottleneckBytesPerSec ?? NaN)),
    col((x) => String(x.plan.hops)),
    col((x) => (x.plan.segments === null ? "uniform" : `${x.plan.segments.length} given`)),
    col((x) => String(x.r?.pathMtuBytes)),
    col(
      (x) =>
        `${formatNumber(x.plan.segments?.reduce((a, s) => a + s.distanceKm, 0) ?? x.plan.distanceKm)} km`,
    ),
    col((x) => lossWords(x.r?.lossFraction ?? NaN)),
    col((x) => String(x.r?.streams)),
    col((x) => formatDuration(x.r?.rttSec ?? NaN)),
    col((x) => formatRate(x.r?.throughputBytesPerSec ?? NaN)),
    col((x) => String(x.r?.binding)),
    otherThroughputCell(
      inputs,
      runs.map((x) => x.r as PathResult),
      p.checks ?? inputs,
    ) ?? AGREE,
  ];
}

const HEADER = [
  "Path",
  "Preset",
  "Link (slowest)",
  "Router hops",
  "Segments",
  "Path MTU (bytes)",
  "Fibre",
  "Packet loss",
  "Streams",
  "RTT",
  "Throughput",
  "Bound by",
];

/** The column added when some path's throughput parts between the buffer-sizing readings. */
const OTHER_HEADER = "Other buffer sizing";

/**
 * The paths as a table, identical paths merged (their labels and sections listed once each);
 * `withSections` adds the "Used in" column (the report-level table).
 */
export function simulatedPathsTable(
  paths: readonly SimulatedPath[],
  caption: string,
  withSections = false,
): BuiltTable | null {
  const rows: { labels: string[]; user: boolean; cells: string[]; usedIn: string[] }[] = [];
  for (const p of paths) {
    const c = pathCells(p);
    if (c === null) continue;
    const key = c.slice(1).join("\u0000");
    const same = rows.find((r) => r.cells.slice(1).join("\u0000") === key);
    if (same === undefined)
      rows.push({ labels: [p.label], user: p.userLabel, cells: c, usedIn: [...p.usedIn] });
    else {
      // The user's labels win over preset names: a preset name is kept only beside other preset names.
      if (p.userLabel && !same.user) {
        same.labels.length = 0;
        same.user = true;
      }
      if (p.userLabel === same.user && !same.labels.includes(p.label)) same.labels.push(p.label);
      for (const s of p.usedIn) if (!same.usedIn.includes(s)) same.usedIn.push(s);
    }
  }
  if (rows.length === 0) return null;
  // The other reading's column only when some path parts; the cells keep it last until here.
  const parted = rows.some((r) => r.cells[r.cells.length - 1] !== AGREE);
  return {
    caption,
    header: [...HEADER, ...(parted ? [OTHER_HEADER] : []), ...(withSections ? ["Used in"] : [])],
    rows: rows.map((r) => [
      r.labels.join(" / "),
      ...r.cells.slice(1, parted ? undefined : -1),
      ...(withSections ? [r.usedIn.join(",\u00a0")] : []),
    ]),
    numeric: [
      false,
      false,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      false,
      ...(parted ? [false] : []),
      ...(withSections ? [false] : []),
    ],
  };
}
