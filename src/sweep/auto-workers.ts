/**
 * The worker count a sweep starts when `--workers` is not given: one per core that is free now.
 *
 * free = cores - load, where cores is `os.availableParallelism()` and load the 1-minute load
 * average (runnable processes, this one not yet among them); workers = free rounded to the
 * nearest whole number, at least 1 and at most `cores`. Why not always one per core: measured on
 * a 2-core machine (docs/performance.md), 2 workers on a machine already running another
 * process cost 10-25 % more CPU than 1 and finished later, because the main thread, V8's compiler
 * threads and the other process then share the cores the workers need. Where the load average
 * is not known (Windows reports 0), every core counts as free.
 *
 * Example: `autoWorkers(2, 0.3)` is 2 workers; `autoWorkers(2, 1.2)` is 1; `autoWorkers(8, 3.4)` is 5.
 */
export interface AutoWorkers {
  readonly workers: number;
  readonly cores: number;
  readonly load: number;
}

export function autoWorkers(cores: number, load: number): AutoWorkers {
  const n = Math.max(1, Math.floor(cores));
  const l = Number.isFinite(load) && load > 0 ? load : 0;
  const workers = Math.min(n, Math.max(1, Math.floor(n - l + 0.5)));
  return { workers, cores: n, load: l };
}

/** `auto: 2 cores, load 0.3`: how {@link autoWorkers} chose, for the plan line. */
export function describeAutoWorkers(a: AutoWorkers): string {
  return `auto: ${a.cores} ${a.cores === 1 ? "core" : "cores"}, load ${a.load.toFixed(1)}`;
}
