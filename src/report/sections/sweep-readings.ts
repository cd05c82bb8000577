import { quantileSorted } from "simple-statistics";
import type { Outcome } from "../../model/types.js";
import { BUFFER_MODES, DEFAULT_BUFFER_MODE, type BufferMode } from "../../network/index.js";
import { otherBufferMode, partsBeyondSpread, resultsPart } from "../../plan/buffer-modes.js";
import { runSweepInMemory, type SweepRow } from "../../sweep/memory.js";
import { planSweep } from "../../sweep/plan.js";
import type { SweepFile, SweepPlan } from "../../sweep/types.js";
import type { SectionOptions } from "./index.js";

/**
 * A grid section's sweep under the other buffer-sizing reading (model.md section 4: both readings
 * are assumptions), row for row: `parted[i]` is row i's summary under the other reading where the
 * two part by more than 10 % (`resultsPart`: throughput, total time, or whether it switches over),
 * undefined where they agree; `rows` is the other reading's sweep where it parts and the used
 * one's elsewhere (what the section's findings are computed again from).
 */
export interface SweepReadings {
  readonly usedMode: BufferMode;
  readonly otherMode: BufferMode;
  readonly parted: readonly (OtherRun | undefined)[];
  readonly rows: readonly SweepRow[];
}

/** One row's migration under the other reading. */
export interface OtherRun {
  readonly outcome: Outcome;
  /** NaN when it does not switch over. */
  readonly totalTimeSec: number;
  readonly downtimeSec: number;
  readonly throughputBytesPerSec: number;
  readonly guestSlowdown: number;
  readonly iterations: number;
}

/**
 * The sweep run again with `bufferMode` set to the reading not used (the base's, else the
 * default `bdp`): rows come back in grid order, so row i of both runs is the same scenario. Null
 * when a grid axis sets `bufferMode` itself (the sweep already shows both), when the sweep is not
 * vMotion's (a QEMU or Xen base, or a policy axis), or when no row parts.
 */
export async function sweepReadings(
  file: SweepFile,
  plan: SweepPlan,
  rows: readonly SweepRow[],
  opts: SectionOptions,
): Promise<SweepReadings | null> {
  if (plan.grid.some((a) => a.members.some((m) => m.key === "bufferMode"))) return null;
  // The two readings are vMotion's (QEMU and Xen send over a Linux host's TCP, model.md 4.2, and
  // refuse bufferMode): a QEMU or Xen sweep has none, and a report section sweeping QEMU failed
  // with "base.bufferMode: applies only to base.policy vmotion". A policy axis gets none either:
  // the other reading is one base for every row. [limitation: its vMotion rows show one reading]
  const policy = file.base.policy ?? "vmotion";
  if (policy !== "vmotion" || plan.grid.some((a) => a.members.some((m) => m.key === "policy"))) return null;
  const base = file.base.bufferMode;
  const usedMode = BUFFER_MODES.find((m) => m === base) ?? DEFAULT_BUFFER_MODE;
  const otherMode = otherBufferMode(usedMode);
  const other = (
    await runSweepInMemory(planSweep({ ...file, base: { ...file.base, bufferMode: otherMode } }), {
      workers: opts.workers ?? 0,
      maxRows: plan.total,
      signal: opts.signal,
    })
  ).rows;
  const parts = rows.map((r, i) => {
    const o = other[i];
    return o !== undefined && resultsPart(runOf(r), runOf(o)) ? o : undefined;
  });
  if (parts.every((p) => p === undefined)) return null;
  return {
    usedMode,
    otherMode,
    parted: parts.map((o) => (o === undefined ? undefined : runOf(o))),
    rows: rows.map((r, i) => parts[i] ?? r),
  };
}

function num(v: unknown): number {
  return typeof v === "number" ? v : NaN;
}

function runOf(r: SweepRow): OtherRun {
  return {
    outcome: String(r.summary.outcome ?? "unknown") as Outcome,
    totalTimeSec: num(r.summary.totalTimeSec),
    downtimeSec: num(r.summary.downtimeSec),
    throughputBytesPerSec: num(r.summary.throughputBytesPerSec),
    guestSlowdown: num(r.summary.guestSlowdown),
    iterations: num(r.summary.iterations),
  };
}

/** The quantiles two distributions are compared at: the tables' p10-p90 and the charts' marks. */
const COMPARED_QUANTILES = [0.1, 0.5, 0.9, 0.95, 0.99] as const;

/**
 * True when two sets of draws (one per buffer-sizing reading, of the same migrations) part by
 * more than 10 %: in how many finish (finite values), or at one of p10, p50, p90, p95, p99 of the
 * finite values (type 7, simple-statistics `quantileSorted`). A few draws that part move no
 * quantile that far, and then the distributions are said to agree.
 *
 * Example: `distributionsPart([60, 61, 62], [600, 610, 620])` is true.
 */
export function distributionsPart(a: readonly number[], b: readonly number[]): boolean {
  const fa = a.filter((v) => Number.isFinite(v)).sort((x, y) => x - y);
  const fb = b.filter((v) => Number.isFinite(v)).sort((x, y) => x - y);
  if (partsBeyondSpread(fa.length, fb.length)) return true;
  if (fa.length === 0 || fb.length === 0) return false;
  return COMPARED_QUANTILES.some((p) => partsBeyondSpread(quantileSorted(fa, p), quantileSorted(fb, p)));
}
