import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import {
  createBatchRunner,
  type BatchOptions,
  type BatchResult,
  type BatchSlot,
  type BatchTask,
} from "./batch.js";
import { holdSynchronousRecompilation, type Recompilation } from "./recompilation.js";
import type { SweepPlan } from "./types.js";

/** What each worker receives once, as workerData. */
export interface WorkerSetup {
  readonly plan: SweepPlan;
  readonly options: BatchOptions;
  /** Shared result memory, one slot per in-flight batch. */
  readonly slots: readonly BatchSlot[];
}

/** Runs batches somewhere: in worker threads, or in this thread. */
export interface BatchExecutor {
  run(task: BatchTask): Promise<BatchResult>;
  /** Stop: in-flight tasks are abandoned. Always called, once. */
  destroy(): Promise<void>;
}

/** The package root: the nearest folder above this module holding package.json (works from src and dist). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error("cannot find the vmotion-sim package root");
    dir = up;
  }
  return dir;
}

/**
 * The built worker (`npm run build` emits it): when its one-file bundle `sweep.cjs`
 * (workers/bundle.ts) is there and not older than the compiled module `sweep.js` (sources compiled
 * again without bundling), the loader `sweep-loader.cjs`, which compiles the bundle from the code
 * cache the build made (workers/sweep-loader.cts), or the bundle itself when there is no loader;
 * else the module itself. All run the same code. `dir`: where the build puts them.
 */
export function workerPath(dir: string = join(packageRoot(), "dist", "workers")): string {
  const path = join(dir, "sweep.js");
  if (!existsSync(path)) throw new Error(`the sweep worker ${path} is missing: run npm run build`);
  const bundle = join(dir, "sweep.cjs");
  if (!existsSync(bundle) || statSync(bundle).mtimeMs < statSync(path).mtimeMs) return path;
  const loader = join(dir, "sweep-loader.cjs");
  return existsSync(loader) ? loader : bundle;
}

/**
 * Same-thread executor: each batch runs in its own turn of the event loop (setImmediate, not a
 * microtask), so signals and timers are handled between batches and SIGINT/SIGTERM stop an
 * in-process sweep as they stop a pooled one.
 */
export function inProcessExecutor(setup: WorkerSetup): BatchExecutor {
  const run = createBatchRunner(setup.plan, setup.options, setup.slots);
  return {
    run: (task) =>
      new Promise<BatchResult>((resolve, reject) =>
        setImmediate(() => {
          try {
            resolve(run(task));
          } catch (err) {
            reject(err as Error);
          }
        }),
      ),
    destroy: () => Promise.resolve(),
  };
}

/**
 * One piscina pool of exactly `threads` workers, reused for every batch. piscina is required here,
 * not at load: its 18 files cost ~10 ms of CPU, which a sweep in this thread (`--workers 0`) and
 * every other command that loads this module never use (bench `cli/startup/sweep`).
 * `recompilation` (see recompilation.ts): with `synchronous`, V8's flag is held from before the
 * workers start until they have ended.
 */
export function poolExecutor(
  setup: WorkerSetup,
  threads: number,
  recompilation: Recompilation = "concurrent",
): BatchExecutor {
  if (!Number.isInteger(threads) || threads < 1)
    throw new RangeError(`workers must be a whole number >= 1 (got ${threads})`);
  const { Piscina } = createRequire(import.meta.url)("piscina") as typeof import("piscina");
  const release = recompilation === "synchronous" ? holdSynchronousRecompilation() : () => undefined;
  let pool: InstanceType<typeof Piscina>;
  try {
    pool = new Piscina({
      filename: workerPath(),
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 60_000,
      workerData: setup,
    });
  } catch (err) {
    release();
    throw err;
  }
  return {
    run: (task) => pool.run(task) as Promise<BatchResult>,
    destroy: () => pool.destroy().finally(release),
  };
}
