import { allocateSlots, createBatchRunner, type BatchOptions } from "./batch.js";
import type { SweepPlan } from "./types.js";

/**
 * A worker's warm-up before its first task: a throwaway batch runner over
 * {@link WARM_UP_STRETCHES} stretches of {@link WARM_UP_ROWS} scenarios spread evenly over the
 * plan, whose results are dropped (its own slot, no Parquet, its progress counted into a throwaway counter).
 *
 * Why: V8 optimises a function for the paths it has seen run. In grid order, scenarios that take
 * other paths come late (on the bench's 1 M WAN grid: the first iteration 0 long enough for SDPS
 * to poll it in the 2nd task of 65,536 rows, the first throttle raised in the 8th), and each
 * threw away the optimised code of the kernel and the row loop (`--trace-deopt`: "wrong map",
 * "insufficient type feedback"), which V8 then ran unoptimised and compiled again: ~20-40 ms of
 * a worker's CPU each time. Rows from across the plan show those paths before anything is
 * optimised. The runner is the sweep's own (`createBatchRunner`, the same code and type
 * feedback), so nothing about the results depends on it: the tasks' runner is a separate one,
 * with its own caches, and writes every row as without the warm-up.
 *
 * Measured (docs/performance.md, Session 7): one worker's 16 tasks of the 1 M bench grid in one
 * thread, 985 ms of CPU without, ~890 with (the warm-up's ~25 ms included).
 */
export const WARM_UP_STRETCHES = 16;
/** Scenarios per warm-up stretch. */
export const WARM_UP_ROWS = 32;
/**
 * Plans smaller than this (two default row groups) are not warmed up. Measured in one thread on
 * the bench grid (CPU of the warm-up and every task, 3 runs each): 32,768 scenarios (one task)
 * 239-246 ms without, 257-268 with; 65,600 (two tasks, the second of 64 rows) 285-299 without,
 * 275-279 with; 131,072 353-370 without, 319-324 with.
 */
export const WARM_UP_MIN_SCENARIOS = 1 << 17;

/** The first scenario (plan-relative) of each warm-up stretch of a plan of `total` scenarios. */
export function warmUpStarts(total: number): number[] {
  if (total < WARM_UP_MIN_SCENARIOS) return [];
  return Array.from({ length: WARM_UP_STRETCHES }, (_, i) =>
    Math.min(total - WARM_UP_ROWS, Math.floor(((i + 0.5) * total) / WARM_UP_STRETCHES)),
  );
}

/**
 * Run the warm-up for a worker of `plan` with the tasks' `options`. Never throws: a scenario that
 * fails fails again in its task, which reports it.
 */
export function warmUpWorker(plan: SweepPlan, options: BatchOptions): void {
  const starts = warmUpStarts(plan.total);
  if (starts.length === 0) return;
  // The tasks' options less Parquet (whose tasks start at whole row groups), counting into a
  // throwaway counter of its own when the tasks count (the same path as theirs, nothing shown).
  const { simulated, ...rest } = options;
  const opts: BatchOptions = {
    ...rest,
    batchSize: WARM_UP_ROWS,
    parquetRowGroupRows: 0,
    ...(simulated === undefined ? {} : { simulated: new SharedArrayBuffer(8) }),
  };
  try {
    const run = createBatchRunner(plan, opts, allocateSlots(plan, opts, 1));
    for (const start of starts) run({ start, count: WARM_UP_ROWS, slot: 0 });
  } catch {
    // Left to the task that meets it.
  }
}
