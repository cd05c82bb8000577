/**
 * Scenarios simulated so far, counted by every batch runner (worker threads or this thread) in one
 * shared cell, so a progress bar can move while batches are still running: a batch of 65,536
 * Parquet rows otherwise reports nothing until it ends, which left the bar at 0 % for the first
 * quarter of a million-scenario sweep. Runners add {@link PROGRESS_STEP} at a time (one atomic
 * add per 1,024 scenarios: nothing measurable against the simulation) and the remainder at the end
 * of a batch.
 *
 * Example: `const c = new SimulatedCounter(); runSweep(plan, { simulated: c.buffer }); c.read()`.
 */
export const PROGRESS_STEP = 1024;

export class SimulatedCounter {
  readonly buffer = new SharedArrayBuffer(8);
  private readonly cell = new BigInt64Array(this.buffer);

  /** Scenarios simulated so far (written or not). */
  read(): number {
    return Number(Atomics.load(this.cell, 0));
  }
}

/**
 * The cell a runner counts into ({@link addSimulated}): null without a counter's buffer.
 */
export function counterCell(buffer: SharedArrayBuffer | undefined): BigInt64Array | null {
  return buffer === undefined ? null : new BigInt64Array(buffer);
}

/**
 * Add `n` scenarios to a counter's cell (nothing without one). One module function, not a closure
 * a runner: the batch runner's row loop calls it, and a closure made per runner is another call
 * target in each (the warm-up's runner first, the tasks' next), which threw the loop's optimised
 * code away ("wrong call target", --trace-deopt) in every worker.
 */
export function addSimulated(cell: BigInt64Array | null, n: number): void {
  if (cell !== null) Atomics.add(cell, 0, BigInt(n));
}
