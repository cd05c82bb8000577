import { setFlagsFromString } from "node:v8";

/**
 * Where V8 runs its optimising compiler (TurboFan) for a sweep's worker threads.
 *
 * - `concurrent` (V8's default): each isolate hands the functions it optimises to V8's compiler
 *   threads and keeps running them unoptimised meanwhile.
 * - `synchronous` (`--no-concurrent-recompilation`): each worker compiles on its own thread, at
 *   the moment a function gets hot.
 *
 * {@link recompilationFor} chooses synchronous when the workers alone take every core: the
 * compiler threads then have no idle core to run on and take their time from the workers and the
 * main thread anyway, and concurrent compilation costs more CPU in all (work queued, functions
 * run unoptimised for longer). Measured on 2 cores (docs/performance.md, "Session 7"): a 1 M
 * sweep on 2 workers spent 0.52-0.59 s in V8's helper threads with concurrent compilation,
 * 0.11-0.18 s with synchronous (each worker +0.1 s), 5-10 % less CPU in all; 1 worker on 2
 * cores ran slower with synchronous compilation (its compiles moved onto its critical path while
 * a core sat idle), so it keeps concurrent compilation.
 */
export type Recompilation = "concurrent" | "synchronous";

/**
 * The recompilation mode for `workers` worker threads on `cores` cores (`os.availableParallelism()`):
 * synchronous when the workers take every core (workers >= cores), concurrent when a core is left
 * over for the main thread and V8's compiler threads, or when nothing runs in a pool (workers 0).
 * Not the load average: it lags a minute behind and counts this tool's own previous run, so a
 * 1-worker run just after a 2-worker one would lose its idle core's compiler; the automatic worker
 * count (`autoWorkers`) already leaves the busy cores out.
 *
 * Example: `recompilationFor(2, 2)` is `synchronous`; `(1, 2)` is `concurrent`; `(3, 4)` is `concurrent`.
 */
export function recompilationFor(workers: number, cores: number): Recompilation {
  const n = Math.max(1, Math.floor(Number.isFinite(cores) ? cores : 1));
  return workers >= 1 && workers >= n ? "synchronous" : "concurrent";
}

/** Whether this process was started with its own choice of the flag (then it is left alone). */
function flagGivenByUser(): boolean {
  const given = [...process.execArgv, process.env.NODE_OPTIONS ?? ""].join(" ");
  return /--(no-)?concurrent[-_]recompilation\b/.test(given);
}

/**
 * Hold V8's synchronous recompilation for the isolates started until the returned release is
 * called: `--no-concurrent-recompilation` is set when the first hold is taken and
 * `--concurrent-recompilation` again when the last is released. V8 reads the flag when it creates
 * an isolate (the compile dispatcher of `Isolate::Init`), so a pool's workers must start while it
 * is held, and it is released only after they have ended (an isolate made without a dispatcher
 * must not outlive the flag's restoring). The main thread's isolate already exists and keeps its
 * compiler threads. Overlapping holds (two sweeps at once in one process) share one setting; a
 * process started with either flag in `execArgv` or `NODE_OPTIONS` keeps its own choice.
 * `setFlags` is injectable for tests.
 */
let held = 0;
export function holdSynchronousRecompilation(
  setFlags: (flags: string) => void = setFlagsFromString,
  userChose: boolean = flagGivenByUser(),
): () => void {
  if (userChose) return () => undefined;
  if (held++ === 0) setFlags("--no-concurrent-recompilation");
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--held === 0) setFlags("--concurrent-recompilation");
  };
}
