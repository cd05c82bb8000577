/**
 * The file a sweep's piscina pool starts in each worker thread (`workerPath` in src/sweep/pool.ts),
 * after `npm run build`: it compiles the worker bundle `sweep.cjs` (workers/bundle.ts) from the V8
 * code cache the build made beside it (`sweep.code-cache`), the way the CLI launcher compiles a
 * command's bundle (`compileBundle`, `readCodeCache` in src/cli/main.cts), and exports the
 * bundle's batch handler. Made after a training sweep (workers/bundle.ts), the cache holds the
 * bytecode of every function that sweep compiled (the batch runner, assembly, the kernel, the
 * Parquet and text encoders), so a worker neither parses nor compiles them again. A cache older
 * than the bundle is not read; a cache V8 rejects (another Node version or V8 flags, a damaged
 * file) is ignored and the source compiled as usual, with the same results. Only the build writes
 * the cache (`writeCodeCache`, called by name through the pool); a sweep only reads it.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose (piscina requires it) */
import fs = require("node:fs");
import path = require("node:path");
import launcher = require("../src/cli/main.cjs");

type Handler = (task: unknown) => unknown;

const bundle = path.join(__dirname, "sweep.cjs");
const compiled = launcher.compileBundle(bundle, launcher.readCodeCache(bundle));
compiled.run();
const worker = require(bundle) as { default: Handler };

/** Whether V8 compiled the bundle from the cache (false: no cache, or V8 rejected it). */
function fromCodeCache(): boolean {
  return compiled.script.cachedDataRejected === false;
}

/**
 * Build step only: write this worker's code cache of the bundle to `file` (through a temporary
 * file, so a reader never sees part of one). Called after the training tasks, so it holds what
 * they compiled.
 */
function writeCodeCache(file: string): boolean {
  fs.writeFileSync(`${file}.tmp`, compiled.script.createCachedData());
  fs.renameSync(`${file}.tmp`, file);
  return fromCodeCache();
}

export = { __esModule: true, default: worker.default, fromCodeCache, writeCodeCache };
