import type { TopLevelSpec } from "vega-lite";
import { InputError } from "../errors.js";
import {
  convergenceChart,
  feasibilityChart,
  migrationTimeChart,
  PATH_ORDER,
  type FeasibilityRow,
  type MigrationTimeRow,
} from "../charts/index.js";
import { cliFlagName, TRANSPORT_FIELD_KEYS, type CanonicalInput } from "../input/fields.js";
import { buildScenario } from "../input/scenario.js";
import { PackedScenarios, simulateSummaries, SummaryColumns } from "../model/packed.js";
import {
  OUTCOMES,
  type DirtyModel,
  type MigrationResult,
  type Policy,
  type Scenario,
} from "../model/types.js";

/**
 * The explore page's three charts, drawn by the report's own spec builders (src/charts) from
 * simulations around the current scenario: bytes per pre-copy iteration, migration time vs dirty
 * rate over each preset path, and feasibility over RTT x dirty rate. Pure: input in, specs out.
 */
export interface ExploreCharts {
  /** Each chart's spec, or why it is not drawn (a sentence). */
  readonly iterations: TopLevelSpec | string;
  readonly presets: TopLevelSpec | string;
  readonly feasibility: TopLevelSpec | string;
}

const NO_RATE = "Not drawn for a measured dirty curve: it has no one dirty rate to vary.";

/**
 * A chart, or why not: null from the builder (a curve) or a scenario the chart's variations make
 * invalid (an InputError: e.g. a preset swapped in where a host configuration decides the path).
 */
function attempt(build: () => TopLevelSpec | null): TopLevelSpec | string {
  try {
    return build() ?? NO_RATE;
  } catch (err) {
    if (err instanceof InputError) return `Not drawn: ${err.message}.`;
    throw err;
  }
}

/** The name of the current scenario's series in the charts. */
export const CURRENT_SERIES = "this scenario";

/**
 * Dirty rates the sweep charts run over: 16 MiB/s to 4 GiB/s in 25 steps of x1.26 (a decade in 10),
 * the current rate added so its point is on every line.
 */
export function dirtyRateGrid(currentBytesPerSec: number | null, count = 25): number[] {
  const lo = 16 * 2 ** 20;
  const hi = 4 * 2 ** 30;
  const grid = Array.from({ length: count }, (_, i) => lo * (hi / lo) ** (i / (count - 1)));
  if (currentBytesPerSec !== null && currentBytesPerSec > 0 && !grid.includes(currentBytesPerSec))
    grid.push(currentBytesPerSec);
  return grid.sort((a, b) => a - b);
}

/** Round-trip times of the feasibility map: 0.2 ms (same L2) to 300 ms (across an ocean and back). */
export const RTT_GRID_SEC = [0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3];

/** The same dirty model at another rate (the hot set's rate for a working set); null for a curve. */
export function atDirtyRate(dirty: DirtyModel, rateBytesPerSec: number): DirtyModel | null {
  if (dirty.kind === "curve") return null;
  return { ...dirty, rateBytesPerSec };
}

/** The time the switchover must fit in, in seconds: vMotion's goal, QEMU's downtime limit, Xen none. */
export function switchoverGoalSec(policy: Policy): number {
  if (policy.kind === "vmotion") return policy.switchoverGoalSec;
  if (policy.kind === "qemu") return policy.downtimeLimitSec;
  return 0;
}

/** Bytes still to send at each iteration, then what was left for the stun (the report's reading). */
export function iterationsChart(scenario: Scenario, result: MigrationResult): TopLevelSpec {
  const rows = [
    ...result.iterations.map((it, i) => ({
      scenario: CURRENT_SERIES,
      iteration: i,
      remainingBytes: it.bytes,
    })),
    {
      scenario: CURRENT_SERIES,
      iteration: result.iterations.length,
      remainingBytes: result.switchoverBytes,
    },
  ];
  const goalBytes = switchoverGoalSec(scenario.policy) * result.throughputBytesPerSec;
  return convergenceChart(rows, goalBytes > 0 ? [{ scenario: CURRENT_SERIES, goalBytes }] : [], {
    title: "Bytes to send per pre-copy iteration",
    subtitle: "Last point: bytes left for the stun when pre-copy stops",
  });
}

/** Scenario input without its transport (path fields, bandwidth, RTT): the VM, dirtying, policy. */
function vmOnly(input: CanonicalInput): CanonicalInput {
  const drop = new Set<string>(TRANSPORT_FIELD_KEYS);
  return Object.fromEntries(Object.entries(input).filter(([k]) => !drop.has(k))) as CanonicalInput;
}

/** The migration over each dirty rate of `grid`, as one packed batch (the library's summary path). */
function rowsOver(series: string, base: Scenario, grid: readonly number[]): MigrationTimeRow[] {
  const batch = new PackedScenarios(grid.length);
  const rates: number[] = [];
  for (const rate of grid) {
    const dirty = atDirtyRate(base.dirty, rate);
    if (dirty === null) continue;
    batch.set(rates.length, { ...base, dirty });
    rates.push(rate);
  }
  const out = new SummaryColumns(rates.length);
  simulateSummaries(batch, out);
  return rates.map((rate, i) => ({
    path: series,
    dirtyRateBytesPerSec: rate,
    totalTimeSec: out.totalTimeSec[i] as number,
    outcome: OUTCOMES[out.outcome[i] as number] ?? "not-converging",
  }));
}

/**
 * Migration time vs dirty rate for this VM over each preset path (the VM, dirtying and policy as
 * given, the path fields replaced by the preset's) and over the current scenario's own path.
 */
export function presetsChart(input: CanonicalInput, scenario: Scenario): TopLevelSpec | null {
  if (scenario.dirty.kind === "curve") return null;
  const grid = dirtyRateGrid(scenario.dirty.rateBytesPerSec);
  const rows = PATH_ORDER.flatMap((preset) =>
    rowsOver(preset, buildScenario({ ...vmOnly(input), preset }, cliFlagName, { warnings: false }), grid),
  );
  rows.push(...rowsOver(CURRENT_SERIES, scenario, grid));
  return migrationTimeChart(rows, {
    title: "Migration time vs dirty rate, this VM over each preset path",
    subtitle: `${CURRENT_SERIES}: the path and throughput as entered`,
  });
}

/**
 * Feasibility over RTT x dirty rate: the current scenario with its round-trip time replaced (on a
 * path, the RTT the window and stun see; with a given bandwidth, only the stun's round trips).
 */
export function feasibilityMap(input: CanonicalInput, scenario: Scenario): TopLevelSpec | null {
  if (scenario.dirty.kind === "curve") return null;
  const grid = dirtyRateGrid(null, 12);
  const rows: FeasibilityRow[] = [];
  for (const rttSec of RTT_GRID_SEC) {
    const base = buildScenario({ ...input, rtt: rttSec }, cliFlagName, { warnings: false });
    for (const r of rowsOver("", base, grid))
      rows.push({
        rttSec,
        dirtyRateBytesPerSec: r.dirtyRateBytesPerSec,
        totalTimeSec: r.totalTimeSec,
        outcome: r.outcome,
      });
  }
  return feasibilityChart(rows, {
    title: "Where this migration is feasible: round-trip time x dirty rate",
    subtitle: "everything else as entered",
  });
}

export function exploreCharts(
  input: CanonicalInput,
  scenario: Scenario,
  result: MigrationResult,
): ExploreCharts {
  return {
    iterations: attempt(() => iterationsChart(scenario, result)),
    presets: attempt(() => presetsChart(input, scenario)),
    feasibility: attempt(() => feasibilityMap(input, scenario)),
  };
}
