import { max, min, quantile, quantileSorted } from "simple-statistics";
import { FAILED_OUTCOMES, OUTCOMES, SWITCHED_OVER_CODES } from "../model/types.js";
import { meanOf, populationStdevOf } from "./moments.js";
import { SORT_CAPACITY, sortDoubles } from "./sort-doubles.js";
import type { SweepPlan } from "./types.js";

/**
 * Per-group statistics of a sweep, fed batch by batch in scenario order. A group is a combination
 * of values of the plan's group axes (`summary.by`, by default the leading grid axes up to
 * MAX_GROUPS groups); the other axes are pooled within it.
 *
 * Memory: each group keeps its total and stun times in growable Float64Arrays, 16 bytes per
 * scenario, up to `maxValuesPerGroup` values; beyond that it keeps every second value (and then
 * every fourth, ...), chosen by the value's position in the group, so the kept values are the same
 * for any worker count. Quantiles, mean and stdev (population) are then computed over the kept
 * values (`exact: false`); count and convergence rate are always exact.
 *
 * Time statistics cover the scenarios that switched over (`switchedOver`: every outcome but
 * `not-converging` and `switchover-timeout`, whose VM stays on the source). Outcomes are counted
 * each on its own, every outcome listed (zero included): `converged` (on its own),
 * `converged-throttled` (only because SDPS or auto-converge slowed the guest) and each failure,
 * with `shares` their fractions of `count`.
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
  /** Scenarios by outcome, every outcome listed (frozen; groups with the same counts share one record). */
  readonly outcomes: Readonly<Record<string, number>>;
  /** `outcomes` as fractions of `count` (frozen, shared as `outcomes` is). */
  readonly shares: Readonly<Record<string, number>>;
  readonly switchedOver: number;
  readonly totalTimeSec: TimeStats | null;
  readonly downtimeSec: TimeStats | null;
  readonly exact: boolean;
}

export interface SweepSummary {
  readonly name: string;
  readonly scenarios: number;
  readonly groupBy: readonly string[];
  /** The axes pooled within each group (grid axes not in `groupBy`, then Monte Carlo axes). */
  readonly pooled: readonly string[];
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

class Group {
  count = 0;
  readonly outcomes = new Float64Array(OUTCOMES.length);
  switched = 0; // switched-over scenarios seen (before thinning)
  stride = 1;
  kept = 0;

  /** `total`, `stun`: room for the values kept before thinning, min(cap, group size). */
  constructor(
    private readonly cap: number,
    readonly total: Float64Array,
    readonly stun: Float64Array,
  ) {}

  add(outcome: number, total: number, stun: number): void {
    this.count++;
    this.outcomes[outcome] = (this.outcomes[outcome] as number) + 1;
    if (SWITCHED_OVER_CODES[outcome] !== 1) return;
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
}

/**
 * A group's `outcomes` and `shares` records for its outcome counts (OUTCOMES order) of `count`
 * scenarios, frozen, with their JSON, and the same for every group with the same counts: the
 * groups of a sweep mostly repeat a few counts, and two records fewer a group (with their 9 boxed
 * shares) cut the main thread's summary of the 1 M bench grid by 8-10 % (fewer objects to make and
 * for the young generation's collections to copy), their JSON made once another 8-10 %. The last
 * {@link RECORD_SLOTS} distinct counts are kept, by a hash of the counts.
 */
class OutcomeRecords {
  /** Per slot: the scenario count, then the outcome counts (-1: empty). */
  private readonly keys = new Float64Array(RECORD_SLOTS * (OUTCOMES.length + 1)).fill(-1);
  private readonly records: (OutcomeRecordPair | null)[] = new Array<OutcomeRecordPair | null>(
    RECORD_SLOTS,
  ).fill(null);

  of(counts: Float64Array, count: number): OutcomeRecordPair {
    const m = OUTCOMES.length;
    let h = count | 0;
    for (let c = 0; c < m; c++) h = (Math.imul(h, 31) + ((counts[c] as number) | 0)) | 0;
    const slot = (h >>> 0) % RECORD_SLOTS;
    const at = slot * (m + 1);
    let same = this.keys[at] === count;
    for (let c = 0; c < m && same; c++) same = this.keys[at + 1 + c] === counts[c];
    if (same) return this.records[slot] as OutcomeRecordPair;
    const outcomes: Record<string, number> = {};
    const shares: Record<string, number> = {};
    for (let c = 0; c < m; c++) outcomes[OUTCOMES[c] as string] = counts[c] as number;
    for (let c = 0; c < m; c++) shares[OUTCOMES[c] as string] = (counts[c] as number) / count;
    this.keys[at] = count;
    for (let c = 0; c < m; c++) this.keys[at + 1 + c] = counts[c] as number;
    const pair = {
      outcomes: Object.freeze(outcomes),
      shares: Object.freeze(shares),
      json: `"outcomes":${JSON.stringify(outcomes)},"shares":${JSON.stringify(shares)}`,
    };
    this.records[slot] = pair;
    return pair;
  }
}

interface OutcomeRecordPair {
  readonly outcomes: Readonly<Record<string, number>>;
  readonly shares: Readonly<Record<string, number>>;
  /** `"outcomes":{...},"shares":{...}`: the two as JSON.stringify writes them in a group's line. */
  readonly json: string;
}

/** Distinct outcome counts whose records are kept for reuse. */
const RECORD_SLOTS = 256;

/**
 * The time statistics of `values` (the group's kept values, which it no longer needs: they may be
 * sorted in place). Up to {@link SORT_MAX} values the quantiles, min and max come from the sorted
 * values ({@link sortDoubles}: the order of `Float64Array.prototype.sort`, in half the time or
 * less); beyond, by selection (simple-statistics `quantile`, which places only the order
 * statistics it reads: linear time, where sorting 20,000 values cost 8x more). Mean and stdev
 * (population) are simple-statistics' `mean` and `standardDeviation` over the same array, the
 * same doubles ({@link meanOf}, {@link populationStdevOf}: the mean summed once, not twice).
 */
function stats(values: Float64Array): TimeStats | null {
  const n = values.length;
  if (n === 0) return null;
  if (n === 1) {
    // A one-row group: every order statistic and the mean are its value, the stdev 0 (what the
    // general path computes, without sorting or summing).
    const v = values[0] as number;
    return { min: v, median: v, p90: v, p95: v, p99: v, max: v, mean: v, stdev: 0 };
  }
  if (n <= SORT_MAX) {
    const sorted = sortDoubles(values);
    const arr = sorted as unknown as number[];
    const mean = meanOf(sorted);
    return {
      min: sorted[0] as number,
      median: quantileSorted(arr, 0.5),
      p90: quantileSorted(arr, 0.9),
      p95: quantileSorted(arr, 0.95),
      p99: quantileSorted(arr, 0.99),
      max: sorted[n - 1] as number,
      mean,
      stdev: populationStdevOf(sorted, mean),
    };
  }
  const arr = values as unknown as number[];
  const [median, p90, p95, p99] = quantile(arr, QUANTILES) as number[];
  const mean = meanOf(values);
  return {
    min: min(arr),
    median: median as number,
    p90: p90 as number,
    p95: p95 as number,
    p99: p99 as number,
    max: max(arr),
    mean,
    stdev: populationStdevOf(values, mean),
  };
}

/** Group size up to which sorting beats selection (measured: 10,000 groups of 100 values). */
const SORT_MAX = SORT_CAPACITY;
const QUANTILES = [0.5, 0.9, 0.95, 0.99];

/**
 * Streaming accumulator: `add` each batch's columns in scenario order, then `finish`. A group's
 * statistics and its summary.json line are computed as soon as its last scenario is added (groups
 * are contiguous runs of scenarios), so `finish` has little left to do and memory holds only the
 * open groups' values.
 *
 * Written for the main thread of a sweep, which shares the cores with the workers (docs/performance.md,
 * "What bounds the 2-worker speed-up"): a closed group's {@link Group} is dropped at once (it dies
 * young), the group labels are made once per axis value, and the summary is built by plain loops,
 * so V8 compiles this code once instead of deoptimising and recompiling it as groups close.
 */
export class SummaryAccumulator {
  /** The open groups (created on their first row, dropped when closed). */
  private readonly groups: (Group | undefined)[];
  /** Closed groups' summaries and summary.json lines, by group number. */
  private readonly summaries: (GroupSummary | undefined)[];
  private readonly lines: (string | undefined)[];
  private readonly cap: number;
  /** Scenarios per group. */
  private readonly groupSize: number;
  /** Scenarios added. */
  private scenarios = 0;
  /** Groups completed by the rows being added, to close once they are in. */
  private readonly closing: number[] = [];
  /** Value arrays of closed groups, reused by the next ones (groups close in order, few are open). */
  private readonly spare: Float64Array[] = [];
  private readonly outcomeRecords = new OutcomeRecords();
  private readonly outcomeCol: number;
  private readonly totalCol: number;
  private readonly stunCol: number;
  /** Per group axis: scenarios per step of its index, its length, and its weight in the group number. */
  private readonly axisStep: Float64Array;
  private readonly axisLength: Float64Array;
  private readonly axisWeight: Float64Array;
  /** Per group axis: its name and the label of each of its values (a row label, or the members' labels). */
  private readonly axisNames: readonly string[];
  private readonly axisLabels: readonly (readonly string[])[];
  /** Scenarios in a run of one group: a step of the finest group axis. */
  private readonly run: number;

  constructor(
    private readonly plan: SweepPlan,
    opts: { maxValuesPerGroup?: number } = {},
  ) {
    const budget = Math.max(1024, Math.floor(DEFAULT_MAX_VALUES_TOTAL / Math.max(1, plan.groupCount)));
    this.cap = Math.max(2, opts.maxValuesPerGroup ?? Math.min(DEFAULT_MAX_VALUES_PER_GROUP, budget));
    this.groups = new Array<Group | undefined>(plan.groupCount);
    this.summaries = new Array<GroupSummary | undefined>(plan.groupCount);
    this.lines = new Array<string | undefined>(plan.groupCount);
    // A shard's plan still groups the whole sweep's scenarios.
    const total = plan.sweepTotal ?? plan.total;
    this.groupSize = total / plan.groupCount;
    const names = plan.columns.map((c) => c.name);
    this.outcomeCol = names.indexOf("outcome");
    this.totalCol = names.indexOf("totalTimeSec");
    this.stunCol = names.indexOf("downtimeSec");
    // Scenario k is grid point floor(k / samples), mixed radix over the grid, last axis fastest.
    const steps = plan.grid.map((_, i) =>
      plan.grid.slice(i + 1).reduce((n, a) => n * a.length, plan.samples),
    );
    const axes = plan.groupAxes;
    this.axisStep = Float64Array.from(axes, (i) => steps[i] as number);
    this.axisLength = Float64Array.from(axes, (i) => (plan.grid[i] as (typeof plan.grid)[number]).length);
    this.axisWeight = new Float64Array(axes.length);
    let w = 1;
    for (let k = axes.length - 1; k >= 0; k--) {
      this.axisWeight[k] = w;
      w *= this.axisLength[k] as number;
    }
    this.axisNames = axes.map((i) => (plan.grid[i] as (typeof plan.grid)[number]).name);
    this.axisLabels = axes.map((i) => {
      const a = plan.grid[i] as (typeof plan.grid)[number];
      return Array.from(
        { length: a.length },
        (_, j) => a.rowLabels?.[j] ?? a.members.map((m) => m.labels[j]).join(" + "),
      );
    });
    this.run = axes.length === 0 ? Math.max(1, total) : Math.min(...this.axisStep);
  }

  /** The group number of scenario k. */
  private groupOf(k: number): number {
    let g = 0;
    for (let a = 0; a < this.axisStep.length; a++) {
      const j = Math.floor(k / (this.axisStep[a] as number)) % (this.axisLength[a] as number);
      g += j * (this.axisWeight[a] as number);
    }
    return g;
  }

  /** Rows `start..start + rows - 1` of the plan (of a shard's plan: counted from its first scenario). */
  add(start: number, rows: number, columns: readonly Float64Array[]): void {
    this.addAt((this.plan.firstScenario ?? 0) + start, rows, columns);
  }

  /**
   * Rows whose first is scenario `index` of the whole sweep, the columns in plan column order
   * (only outcome, totalTimeSec and downtimeSec are read). Rows must come in scenario order
   * within a group.
   */
  addAt(index: number, rows: number, columns: readonly Float64Array[]): void {
    this.addRows(index, rows, columns);
    // Closed apart from the rows' loop, so that V8 optimises the loop alone and the closing code
    // (objects of a new shape, JSON) does not throw the loop's optimised code away.
    for (const i of this.closing) this.closeGroup(i, this.groups[i] as Group);
    this.closing.length = 0;
  }

  /** Add the rows to their groups; the groups they complete go to `closing`. */
  private addRows(index: number, rows: number, columns: readonly Float64Array[]): void {
    const start = index;
    const o = columns[this.outcomeCol] as Float64Array;
    const t = columns[this.totalCol] as Float64Array;
    const d = columns[this.stunCol] as Float64Array;
    const size = this.groupSize;
    const run = this.run;
    this.scenarios += rows;
    let r = 0;
    while (r < rows) {
      // The run of rows in one group: [r, end).
      const k = start + r;
      const gi = this.groupOf(k);
      const end = Math.min(rows, (Math.floor(k / run) + 1) * run - start);
      const g = this.groups[gi] ?? this.open(gi);
      for (; r < end; r++) g.add(o[r] as number, t[r] as number, d[r] as number);
      if (g.count === size) this.closing.push(gi);
    }
  }

  /** A new group `i`, its value arrays from a closed group's when there is one. */
  private open(i: number): Group {
    const n = Math.min(this.cap, this.groupSize);
    const g = new Group(
      this.cap,
      this.spare.pop() ?? new Float64Array(n),
      this.spare.pop() ?? new Float64Array(n),
    );
    this.groups[i] = g;
    return g;
  }

  /**
   * Close group `i` (`g`, with at least one scenario): its summary and its line of summary.json,
   * kept by group number; its value arrays go to the next group, the group itself is dropped.
   */
  private closeGroup(i: number, g: Group): void {
    const total = stats(g.total.subarray(0, g.kept));
    const stun = stats(g.stun.subarray(0, g.kept));
    this.spare.push(g.total, g.stun);
    this.groups[i] = undefined;
    const group: Record<string, string> = {};
    for (let n = 0; n < this.axisNames.length; n++) {
      const j = Math.floor(i / (this.axisWeight[n] as number)) % (this.axisLength[n] as number);
      group[this.axisNames[n] as string] = (this.axisLabels[n] as readonly string[])[j] as string;
    }
    const records = this.outcomeRecords.of(g.outcomes, g.count);
    const { outcomes, shares } = records;
    const summary: GroupSummary = {
      group,
      count: g.count,
      outcomes,
      shares,
      switchedOver: g.switched,
      totalTimeSec: total,
      downtimeSec: stun,
      exact: g.stride === 1,
    };
    this.summaries[i] = summary;
    // JSON.stringify(summary), the same characters: its fields in order, the outcomes and shares
    // from their record's JSON (made once for all groups with these counts), the count an integer
    // (which a template prints as JSON does: both are Number::toString).
    const rest = JSON.stringify({
      switchedOver: summary.switchedOver,
      totalTimeSec: summary.totalTimeSec,
      downtimeSec: summary.downtimeSec,
      exact: summary.exact,
    });
    this.lines[i] = `{"group":${JSON.stringify(group)},"count":${g.count},${records.json},${rest.slice(1)}`;
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
      const open = this.groups[i];
      if (open !== undefined && open.count > 0) this.closeGroup(i, open);
      const s = this.summaries[i];
      if (s === undefined) continue;
      groups.push(s);
      lines.push(this.lines[i] as string);
    }
    const summary: SweepSummary = {
      name: plan.name,
      scenarios: this.scenarios,
      groupBy: [...this.axisNames],
      pooled: [...plan.grid.filter((_, i) => !plan.groupAxes.includes(i)), ...plan.random].map((a) => a.name),
      timeStatsOver: `scenarios that switched over (every outcome but ${FAILED_OUTCOMES.join(", ")})`,
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
