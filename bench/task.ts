/**
 * One benchmark task: a function timed by tinybench. Inputs are built before timing (in the
 * task file's factory); every result is folded into {@link consume} so the JIT cannot drop work.
 */
export interface BenchTask {
  /** Shaped like `core/summary/working-set/vmotion`, `path`, `sweep/2w`. */
  readonly name: string;
  /** How much one call does, in words with its size: "1,000 scenarios". */
  readonly size: string;
  /** Scenarios simulated per call, when the task simulates scenarios. */
  readonly scenariosPerCall?: number;
  readonly fn: () => unknown;
  /** Run once before timing (e.g. start a pool) and after (close it). */
  readonly before?: () => Promise<void> | void;
  readonly after?: () => Promise<void> | void;
  /**
   * Run in a fresh child process (tasks that start worker pools and write large files: in the
   * shared process the heap and page cache left by earlier tasks moved their figures by 20 %).
   */
  readonly isolate?: boolean;
  /** Timed and warm-up calls, for tasks of a second or more (default: at least 10 and 5, for 1 s). */
  readonly iterations?: number;
  readonly warmupIterations?: number;
}

export interface BenchOptions {
  /** Smoke mode: tiny sizes and time budgets; checks only that every task runs. */
  readonly quick: boolean;
}

let sink = 0;

/** Fold a result into a global sink so its computation is observable. */
export function consume(x: number): void {
  sink = (sink + x) % 1e15;
}

export function sinkValue(): number {
  return sink;
}

/**
 * One result row of `bench/results/*.json` (here, not in run.ts, so that the task modules that
 * make records do not import the runner that imports them: no import circle).
 */
export interface BenchRecord {
  name: string;
  size: string;
  scenariosPerSec: number | null;
  meanMs: number;
  samples: number;
  peakRssMB?: number;
  /** Mean time over a reference measured in the same run (`cli/startup/*`: over `node -e 0`). */
  ratio?: number;
}
