import { max, mean, min, quantile, quantileSorted, standardDeviation } from "simple-statistics";
import { OUTCOMES } from "../model/types.js";
import { gridIndices } from "./scenario-at.js";
import type { SweepPlan } from "./types.js";

/**
 * Per-group statistics of a sweep, fed batch by batch in scenario order. A group is a combination
 * of the non-random axes (the leading ones when there are more than MAX_GROUPS combinations).
 *
 * Memory: each group keeps its total and stun times in growable Float64Arrays, 16 bytes per
 * scenario, up to `maxValuesPerGroup` values; beyond that it keeps every second value (and then
 * every fourth, ...), chosen by the value's position in the group, so the kept values are the same
 * for any worker count. Quantiles, mean and stdev (population) are then computed over the kept
 * values (`exact: false`); count and convergence rate are always exact.
 *
 * Time statistics cover the scenarios that switched over (every outcome but `not-converging`,
 * which has no stun); `converged` counts `converged` and `converged-throttled`.
 */
export interface TimeStats {
  readonly min: number;
  readonly median: number;
  readonly p90: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
  readonly stdev: number;
}

export interface GroupSummary {
  /** `axis=value` for each grouping axis. */
  readonly group: Readonly<Record<string, string>>;
  readonly count: number;
  readonly convergenceRate: number;
  readonly outcomes: Readonly<Record<string, number>>;
  readonly switchedOver: number;
  readonly totalTimeSec: TimeStats | null;
  readonly downtimeSec: TimeStats | null;
  readonly exact: boolean;
}

export interface SweepSummary {
  readonly name: string;
  readonly scenarios: number;
  readonly groupBy: readonly string[];
  readonly timeStatsOver: string;
  readonly groups: readonly GroupSummary[];
}

/** Total and stun values kept per group before thinning: 2^20 (16 MiB per group). [assumption] */
export const DEFAULT_MAX_VALUES_PER_GROUP = 1 << 20;
/**
 * Total and stun values kept over all groups by default: 2^22 (64 MiB), so a 10 million scenario
 * sweep stays within its memory budget; each group keeps at least 1,024. The per-group cap depends
 * on the plan alone, so the kept values are the same for any worker count. [assumption]
 */
export const DEFAULT_MAX_VALUES_TOTAL = 1 << 22;

const O_NOT_CONVERGING = OUTCOMES.indexOf("not-converging");
const O_CONVERGED = OUTCOMES.indexOf("converged");
const O_THROTTLED = OUTCOMES.indexOf("converged-throttled");

const EMPTY = new Float64Array(0);

class Group {
  count = 0;
  readonly outcomes = new Float64Array(OUTCOMES.length);
  switched = 0; // switched-over scenarios seen (before thinning)
  stride = 1;
  kept = 0;
  total: Float64Array;
  stun: Float64Array;
  /** Set by the accumulator when the group is complete: its summary and its summary.json line. */
  result: { summary: GroupSummary; line: string } | null = null;

  /** `total`, `stun`: room for the values kept before thinning, min(cap, group size). */
  constructor(
    private readonly cap: number,
    total: Float64Array,
    stun: Float64Array,
  ) {
    this.total = total;
    this.stun = stun;
  }

  add(outcome: number, total: number, stun: number): void {
    this.count++;
    this.outcomes[outcome] = (this.outcomes[outcome] as number) + 1;
    if (outcome === O_NOT_CONVERGING) return;
    const pos = this.switched++;
    if (pos % this.stride !== 0) return;
    if (this.kept === this.cap) {
      // Keep every second kept value: positions that are multiples of the doubled stride.
      let w = 0;
      for (let i = 0; i < this.kept; i += 2) {
        this.total[w] = this.total[i] as number;
        this.stun[w] = this.stun[i] as number;
        w++;
      }
      this.kept = w;
      this.stride *= 2;
      if (pos % this.stride !== 0) return;
    }
    this.total[this.kept] = total;
    this.stun[this.kept] = stun;
    this.kept++;
  }

  /**
   * The statistics of the kept values (once the group has all its scenarios); the value arrays go
   * to `release` for the next group.
   */
  close(release: (total: Float64Array, stun: Float64Array) => void): {
    total: TimeStats | null;
    stun: TimeStats | null;
  } {
    const result = {
      total: stats(this.total.subarray(0, this.kept)),
      stun: stats(this.stun.subarray(0, this.kept)),
    };
    release(this.total, this.stun);
    this.total = this.stun = EMPTY;
    return result;
  }
}

/**
 * The time statistics of `values` (the group's kept values, which it no longer needs: small groups
 * are sorted in place). Up to {@link SORT_MAX} values the quantiles, min and max come from the
 * sorted values; beyond, by selection (simple-statistics `quantile`, which places only the order
 * statistics it reads: linear time, where sorting 20,000 values cost 8x more). Mean and stdev
 * (population) are simple-statistics' over the same array.
 */
function stats(values: Float64Array): TimeStats | null {
  const n = values.length;
  if (n === 0) return null;
  const arr = values as unknown as number[];
  if (n <= SORT_MAX) {
    values.sort();
    return {
      min: values[0] as number,
      median: quantileSorted(arr, 0.5),
      p90: quantileSorted(arr, 0.9),
      p95: quantileSorted(arr, 0.95),
      p99: quantileSorted(arr, 0.99),
      max: values[n - 1] as number,
      mean: mean(arr),
      stdev: standardDeviation(arr),
    };
  }
  const [median, p90, p95, p99] = quantile(arr, QUANTILES) as number[];
  return {
    min: min(arr),
    median: median as number,
    p90: p90 as number,
    p95: p95 as number,
    p99: p99 as number,
    max: max(arr),
    mean: mean(arr),
    stdev: standardDeviation(arr),
  };
}

/** Group size up to which sorting beats selection (measured: 10,000 groups of 100 values). */
const SORT_MAX = 4096;
const QUANTILES = [0.5, 0.9, 0.95, 0.99];

/**
 * Streaming accumulator: `add` each batch's columns in scenario order, then `finish`. A group's
 * statistics are computed as soon as its last scenario is added (groups are contiguous runs of
 * scenarios), so `finish` has little left to do and memory holds only the open groups' values.
 */
export class SummaryAccumulator {
  private readonly groups: (Group | undefined)[];
  private readonly cap: number;
  /** Scenarios per group. */
  private readonly groupSize: number;
  /** Value arrays of closed groups, reused by the next ones (groups close in order, few are open). */
  private readonly spare: Float64Array[] = [];
  private readonly release = (total: Float64Array, stun: Float64Array): void => {
    this.spare.push(total, stun);
  };
  private readonly idx: Int32Array;
  private readonly outcomeCol: number;
  private readonly totalCol: number;
  private readonly stunCol: number;

  constructor(
    private readonly plan: SweepPlan,
    opts: { maxValuesPerGroup?: number } = {},
  ) {
    const budget = Math.max(1024, Math.floor(DEFAULT_MAX_VALUES_TOTAL / Math.max(1, plan.groupCount)));
    this.cap = Math.max(2, opts.maxValuesPerGroup ?? Math.min(DEFAULT_MAX_VALUES_PER_GROUP, budget));
    this.groups = new Array<Group | undefined>(plan.groupCount);
    this.groupSize = plan.samples * plan.groupStride;
    this.idx = new Int32Array(plan.grid.length);
    const names = plan.columns.map((c) => c.name);
    this.outcomeCol = names.indexOf("outcome");
    this.totalCol = names.indexOf("totalTimeSec");
    this.stunCol = names.indexOf("downtimeSec");
  }

  add(start: number, rows: number, columns: readonly Float64Array[]): void {
    const o = columns[this.outcomeCol] as Float64Array;
    const t = columns[this.totalCol] as Float64Array;
    const d = columns[this.stunCol] as Float64Array;
    const size = this.groupSize;
    let r = 0;
    while (r < rows) {
      // The run of rows in one group: [r, end).
      const gi = Math.floor((start + r) / size);
      const end = Math.min(rows, (gi + 1) * size - start);
      let g = this.groups[gi];
      if (g === undefined) {
        const n = Math.min(this.cap, size);
        g = this.groups[gi] = new Group(
          this.cap,
          this.spare.pop() ?? new Float64Array(n),
          this.spare.pop() ?? new Float64Array(n),
        );
      }
      for (; r < end; r++) g.add(o[r] as number, t[r] as number, d[r] as number);
      if (g.count === size) this.closeGroup(gi);
    }
  }

  /** The summary of group `i` (closing it if still open), and its line of summary.json. */
  private closeGroup(i: number): { summary: GroupSummary; line: string } | null {
    const g = this.groups[i];
    if (g === undefined || g.count === 0) return null;
    if (g.result !== null) return g.result;
    const done = g.close(this.release);
    const plan = this.plan;
    gridIndices(plan, i * plan.groupStride, this.idx);
    const group: Record<string, string> = {};
    for (let n = 0; n < plan.groupAxisCount; n++) {
      const a = plan.grid[n] as (typeof plan.grid)[number];
      const j = this.idx[n] as number;
      group[a.name] = a.rowLabels?.[j] ?? a.members.map((m) => m.labels[j]).join(" + ");
    }
    const outcomes: Record<string, number> = {};
    OUTCOMES.forEach((name, o) => {
      const c = g.outcomes[o] as number;
      if (c > 0) outcomes[name] = c;
    });
    const converged = (g.outcomes[O_CONVERGED] as number) + (g.outcomes[O_THROTTLED] as number);
    const summary: GroupSummary = {
      group,
      count: g.count,
      convergenceRate: converged / g.count,
      outcomes,
      switchedOver: g.switched,
      totalTimeSec: done.total,
      downtimeSec: done.stun,
      exact: g.stride === 1,
    };
    g.result = { summary, line: JSON.stringify(summary) };
    return g.result;
  }

  finish(): SweepSummary {
    return this.finishWithJson().summary;
  }

  /** The summary and its `summary.json` text ({@link summaryJson}), from lines made as groups closed. */
  finishWithJson(): { summary: SweepSummary; json: string } {
    const plan = this.plan;
    const groups: GroupSummary[] = [];
    const lines: string[] = [];
    for (let i = 0; i < this.groups.length; i++) {
      const r = this.closeGroup(i);
      if (r === null) continue;
      groups.push(r.summary);
      lines.push(r.line);
    }
    const summary: SweepSummary = {
      name: plan.name,
      scenarios: this.groups.reduce((n, g) => n + (g?.count ?? 0), 0),
      groupBy: plan.grid.slice(0, plan.groupAxisCount).map((a) => a.name),
      timeStatsOver: "scenarios that switched over (every outcome but not-converging)",
      groups,
    };
    return { summary, json: summaryJsonFrom(summary, lines) };
  }
}

/**
 * `summary.json`: the summary as JSON with one group a line (the header fields indented). A
 * 10,000-group summary is half the size of fully indented JSON and serialises in about a third
 * of the time, and stays readable and greppable a group at a time.
 */
export function summaryJson(summary: SweepSummary): string {
  return summaryJsonFrom(
    summary,
    summary.groups.map((g) => JSON.stringify(g)),
  );
}

function summaryJsonFrom(summary: SweepSummary, lines: readonly string[]): string {
  const { groups: _groups, ...head } = summary;
  const top = JSON.stringify(head, null, 2);
  const list = lines.length === 0 ? "[]" : `[\n    ${lines.join(",\n    ")}\n  ]`;
  return `${top.slice(0, -2)},\n  "groups": ${list}\n}\n`;
}
