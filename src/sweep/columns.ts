import { ACCESS_PATTERNS, OUTCOMES } from "../model/types.js";
import type { Scenario, ThroughputBinding } from "../model/types.js";
import type { Summary } from "../model/simulate.js";
import type { ScenarioPart } from "../input/fields.js";
import type { ColumnSpec, GridAxis, RandomAxis } from "./types.js";

/**
 * The output table: index columns, the axis columns, every scenario parameter in canonical units,
 * then the result summary. Scenario and result columns are read by the extractors below (a fixed
 * registry, so the plan stays plain data). A numeric axis column holds what the scenario ran
 * with, read like the scenario column of the same name (`axis-values.ts`), which it replaces.
 */

/** Every throughput binding; the `satisfies` fails to compile when the union grows. */
const BINDING_SET = { given: 0, link: 1, window: 2, loss: 3, cpu: 4, cap: 5, "flow-cap": 6 } satisfies Record<
  ThroughputBinding,
  number
>;
export const BINDINGS = Object.keys(BINDING_SET) as ThroughputBinding[];

export const DIRTY_KINDS = ["constant", "working-set", "curve"] as const;
export const PATTERNS = ACCESS_PATTERNS;
export const POLICY_KINDS = ["vmotion", "qemu", "xen"] as const;
export const SDPS_MODES = ["dynamic", "always", "off"] as const;
export const BOOLS = ["false", "true"] as const;

type Extract = (s: Scenario) => number;

export { SCENARIO_PARTS, type ScenarioPart } from "../input/fields.js";

function code<T extends string>(labels: readonly T[], v: T | undefined): number {
  return v === undefined ? NaN : labels.indexOf(v);
}

/**
 * Scenario parameter columns: name, type, the scenario part the value is read from, extractor
 * (NaN where the field does not apply). A column changes only when its part does, which the
 * batch runner uses to skip the extractor.
 */
export const SCENARIO_COLUMNS: readonly (ColumnSpec & {
  readonly part: ScenarioPart;
  readonly get: Extract;
})[] = [
  { name: "memoryBytes", type: "f64", part: "vm", get: (s) => s.vm.memoryBytes },
  { name: "vcpus", type: "int", part: "vm", get: (s) => s.vm.vcpus },
  { name: "zeroPageFraction", type: "f64", part: "vm", get: (s) => s.vm.zeroPageFraction },
  { name: "checkpointBytes", type: "f64", part: "vm", get: (s) => s.vm.checkpointBytes },
  {
    name: "dirtyModel",
    type: "enum",
    part: "dirty",
    labels: DIRTY_KINDS,
    get: (s) => code(DIRTY_KINDS, s.dirty.kind),
  },
  {
    name: "dirtyRateBytesPerSec",
    type: "f64",
    part: "dirty",
    get: (s) => (s.dirty.kind === "curve" ? NaN : s.dirty.rateBytesPerSec),
  },
  {
    name: "wssBytes",
    type: "f64",
    part: "dirty",
    get: (s) => (s.dirty.kind === "working-set" ? s.dirty.wssBytes : NaN),
  },
  {
    name: "coldRateBytesPerSec",
    type: "f64",
    part: "dirty",
    get: (s) => (s.dirty.kind === "working-set" ? s.dirty.coldRateBytesPerSec : NaN),
  },
  {
    name: "pattern",
    type: "enum",
    part: "dirty",
    labels: PATTERNS,
    get: (s) => (s.dirty.kind === "working-set" ? code(PATTERNS, s.dirty.pattern) : NaN),
  },
  {
    name: "pathThroughputBytesPerSec",
    type: "f64",
    part: "transport",
    get: (s) => s.transport.throughputBytesPerSec,
  },
  { name: "rttSec", type: "f64", part: "transport", get: (s) => s.transport.rttSec },
  { name: "slowStartSec", type: "f64", part: "transport", get: (s) => s.transport.slowStartSec },
  {
    name: "policy",
    type: "enum",
    part: "policy",
    labels: POLICY_KINDS,
    get: (s) => code(POLICY_KINDS, s.policy.kind),
  },
  {
    name: "switchoverGoalSec",
    type: "f64",
    part: "policy",
    get: (s) => (s.policy.kind === "vmotion" ? s.policy.switchoverGoalSec : NaN),
  },
  {
    name: "sdps",
    type: "enum",
    part: "policy",
    labels: SDPS_MODES,
    get: (s) => (s.policy.kind === "vmotion" ? code(SDPS_MODES, s.policy.sdps) : NaN),
  },
  {
    name: "downtimeLimitSec",
    type: "f64",
    part: "policy",
    get: (s) => (s.policy.kind === "qemu" ? s.policy.downtimeLimitSec : NaN),
  },
  {
    name: "maxBandwidthBytesPerSec",
    type: "f64",
    part: "policy",
    get: (s) => (s.policy.kind === "qemu" ? s.policy.maxBandwidthBytesPerSec : NaN),
  },
  {
    name: "autoConverge",
    type: "enum",
    part: "policy",
    labels: BOOLS,
    get: (s) => (s.policy.kind === "qemu" ? (s.policy.autoConverge ? 1 : 0) : NaN),
  },
  { name: "maxRounds", type: "int", part: "policy", get: (s) => s.policy.maxRounds },
  { name: "traceSetupSec", type: "f64", part: "costs", get: (s) => s.costs.traceSetupSec },
  { name: "zeroScanBytesPerSec", type: "f64", part: "costs", get: (s) => s.costs.zeroScanBytesPerSec },
];

type ResultExtract = (sum: Summary, s: Scenario) => number;

/** Result summary columns (the `Summary` of `runKernel`). */
export const RESULT_COLUMNS: readonly (ColumnSpec & { readonly get: ResultExtract })[] = [
  { name: "outcome", type: "enum", labels: OUTCOMES, get: (r) => r.outcome },
  { name: "iterations", type: "int", get: (r) => r.iterations },
  { name: "precopyTimeSec", type: "f64", get: (r) => r.precopyTimeSec },
  { name: "downtimeSec", type: "f64", get: (r) => r.downtimeSec },
  { name: "totalTimeSec", type: "f64", get: (r) => r.totalTimeSec },
  { name: "switchoverBytes", type: "f64", get: (r) => r.switchoverBytes },
  { name: "transferredBytes", type: "f64", get: (r) => r.transferredBytes },
  { name: "throughputBytesPerSec", type: "f64", get: (r) => r.throughputBytesPerSec },
  {
    name: "binding",
    type: "enum",
    labels: BINDINGS,
    get: (r, s) => (r.bindingCap ? BINDING_SET.cap : BINDING_SET[s.transport.binding]),
  },
  { name: "guestSlowdown", type: "f64", get: (r) => r.guestSlowdown },
];

/**
 * `BINDING_SET[b]` as a switch: the binding is a string literal of the model, so each case is a
 * pointer comparison, where a keyed lookup by a string that changes from row to row took a
 * megamorphic property lookup (~20 ns a row; columns.test.ts holds the two equal).
 */
export function bindingCode(b: ThroughputBinding): number {
  switch (b) {
    case "given":
      return BINDING_SET.given;
    case "link":
      return BINDING_SET.link;
    case "window":
      return BINDING_SET.window;
    case "loss":
      return BINDING_SET.loss;
    case "cpu":
      return BINDING_SET.cpu;
    case "cap":
      return BINDING_SET.cap;
    case "flow-cap":
      return BINDING_SET["flow-cap"];
    default:
      return BINDING_SET[b as ThroughputBinding];
  }
}

/**
 * Write the {@link RESULT_COLUMNS} of row `r`, from column `c` on: their extractors unrolled into
 * direct reads, as this runs once a scenario (test/sweep/columns.test.ts holds the two equal).
 */
export function writeResults(
  sum: Summary,
  s: Scenario,
  cols: readonly Float64Array[],
  c: number,
  r: number,
): void {
  (cols[c] as Float64Array)[r] = sum.outcome;
  (cols[c + 1] as Float64Array)[r] = sum.iterations;
  (cols[c + 2] as Float64Array)[r] = sum.precopyTimeSec;
  (cols[c + 3] as Float64Array)[r] = sum.downtimeSec;
  (cols[c + 4] as Float64Array)[r] = sum.totalTimeSec;
  (cols[c + 5] as Float64Array)[r] = sum.switchoverBytes;
  (cols[c + 6] as Float64Array)[r] = sum.transferredBytes;
  (cols[c + 7] as Float64Array)[r] = sum.throughputBytesPerSec;
  (cols[c + 8] as Float64Array)[r] = sum.bindingCap ? BINDING_SET.cap : bindingCode(s.transport.binding);
  (cols[c + 9] as Float64Array)[r] = sum.guestSlowdown;
}

/**
 * {@link writeResults} for rows [r, r + n), row r + j from `sums[j]` and `scenarios[j]`. Row by
 * row: each summary's fields are read together (measured: ~0.03 us a row faster than a loop per
 * column, which reads every summary 10 times).
 */
export function writeResultsChunk(
  sums: readonly Summary[],
  scenarios: readonly Scenario[],
  n: number,
  cols: readonly Float64Array[],
  c: number,
  r: number,
): void {
  const c0 = cols[c] as Float64Array;
  const c1 = cols[c + 1] as Float64Array;
  const c2 = cols[c + 2] as Float64Array;
  const c3 = cols[c + 3] as Float64Array;
  const c4 = cols[c + 4] as Float64Array;
  const c5 = cols[c + 5] as Float64Array;
  const c6 = cols[c + 6] as Float64Array;
  const c7 = cols[c + 7] as Float64Array;
  const c8 = cols[c + 8] as Float64Array;
  const c9 = cols[c + 9] as Float64Array;
  for (let j = 0; j < n; j++) {
    const sum = sums[j] as Summary;
    const row = r + j;
    c0[row] = sum.outcome;
    c1[row] = sum.iterations;
    c2[row] = sum.precopyTimeSec;
    c3[row] = sum.downtimeSec;
    c4[row] = sum.totalTimeSec;
    c5[row] = sum.switchoverBytes;
    c6[row] = sum.transferredBytes;
    c7[row] = sum.throughputBytesPerSec;
    c8[row] = sum.bindingCap ? BINDING_SET.cap : bindingCode((scenarios[j] as Scenario).transport.binding);
    c9[row] = sum.guestSlowdown;
  }
}

/** The per-iteration table written with `--traces`. */
export const TRACE_COLUMNS: readonly ColumnSpec[] = [
  { name: "index", type: "int" },
  { name: "iteration", type: "int" },
  { name: "bytes", type: "f64" },
  { name: "durationSec", type: "f64" },
  { name: "dirtiedBytes", type: "f64" },
  { name: "throttle", type: "f64" },
];

/** Where each part of a row lives in the column list of a plan. */
export interface ColumnLayout {
  readonly columns: readonly ColumnSpec[];
  readonly hasSampleColumns: boolean;
  /** Index in SCENARIO_COLUMNS of each scenario column kept (those not shadowed by an axis column). */
  readonly scenarioKept: readonly number[];
}

/** The columns of a plan's result table, in order. */
export function layoutColumns(grid: readonly GridAxis[], random: readonly RandomAxis[]): ColumnLayout {
  const columns: ColumnSpec[] = [{ name: "index", type: "int" }];
  const hasSampleColumns = random.length > 0;
  if (hasSampleColumns) columns.push({ name: "point", type: "int" }, { name: "sample", type: "int" });
  for (const axis of grid) {
    if (axis.rowLabels !== null) columns.push({ name: axis.name, type: "enum", labels: axis.rowLabels });
    for (const m of axis.members) {
      if (m.numeric) columns.push({ name: m.column, type: "f64" });
      else columns.push({ name: m.column, type: "enum", labels: [...new Set(m.labels)] });
    }
  }
  for (const r of random) columns.push({ name: r.column, type: "f64" });
  const taken = new Set(columns.map((c) => c.name));
  const scenarioKept: number[] = [];
  SCENARIO_COLUMNS.forEach((c, i) => {
    if (taken.has(c.name)) return;
    scenarioKept.push(i);
    columns.push({ name: c.name, type: c.type, ...(c.labels ? { labels: c.labels } : {}) });
  });
  for (const c of RESULT_COLUMNS)
    columns.push({ name: c.name, type: c.type, ...(c.labels ? { labels: c.labels } : {}) });
  return { columns, hasSampleColumns, scenarioKept };
}
