import { rmSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Piscina } from "piscina";
import { allocateSlots, type BatchOptions, type BatchTask } from "../src/sweep/batch.js";
import { loadSweepFile } from "../src/sweep/load.js";
import { planSweep } from "../src/sweep/plan.js";
import type { WorkerSetup } from "../src/sweep/pool.js";

/**
 * Build step (`npm run build` runs it after tsc): the sweep worker as one CommonJS file,
 * `dist/workers/sweep.cjs`, which the pool starts instead of `dist/workers/sweep.js` when it is
 * there and not older (`workerPath` in src/sweep/pool.ts). Every worker thread of every sweep
 * loads it: one file to read and compile, where the ES module worker resolved, read and linked
 * ~40 modules one by one (the same reason the commands are bundled, src/cli/bundle.ts).
 *
 * piscina stays external: it is the package that loads this file, in the worker's own copy of it.
 * The bundle sits beside the compiled worker, so `import.meta.url` (defined as the bundle's own
 * URL) resolves paths relative to it as the module did.
 *
 * Then it makes the bundle's V8 code cache, `dist/workers/sweep.code-cache`: one worker started
 * as a sweep starts it (piscina, `sweep-loader.cjs`) runs {@link TRAINING_SWEEP} and writes the
 * cache of what it compiled (`writeCodeCache` in workers/sweep-loader.cts), which every worker of
 * later sweeps compiles the bundle from.
 */
async function main(): Promise<void> {
  const dir = dirname(fileURLToPath(import.meta.url)); // dist/workers
  const path = join(dir, "sweep.cjs");
  const result = await build({
    entryPoints: [join(dir, "sweep.js")],
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    external: ["piscina"],
    define: { "import.meta.url": "__bundleUrl" },
    banner: { js: `const __bundleUrl = require("node:url").pathToFileURL(__filename).href;` },
    outfile: `${path}.tmp`,
    // Whitespace and syntax only (as the command bundles): names are kept for error frames.
    minifyWhitespace: true,
    minifySyntax: true,
    metafile: true,
    logLevel: "error",
  });
  renameSync(`${path}.tmp`, path);
  await writeCodeCache(dir);
  // What the bundle holds, for test/sweep/worker-bundle.test.ts.
  writeFileSync(
    join(dir, "sweep.inputs.json"),
    `${JSON.stringify(Object.keys(result.metafile.inputs).sort(), null, 1)}\n`,
  );
}

/**
 * The sweep a worker's code cache is trained on: the WAN preset over a memory x RTT grid (the
 * network model runs too) with a Monte Carlo dirty rate, 32,768 scenarios in tasks of two
 * Parquet row groups, written as Parquet, CSV (the default format) and NDJSON, so the cache holds
 * the grid, draw, kernel and encoder code a sweep runs.
 */
export const TRAINING_SWEEP = `
name: code-cache-training
base: { vcpus: 8, preset: wan, policy: vmotion }
axes:
  - key: memory
    range: { from: 4GiB, to: 512GiB, count: 16, scale: log }
  - key: rtt
    range: { from: 1ms, to: 150ms, count: 16 }
  - key: dirtyRate
    distribution: { kind: uniform, min: 10MiB/s, max: 2GiB/s }
samples: 128
seed: 1
`;

/** Run {@link TRAINING_SWEEP} on one worker as a sweep's pool runs it, then write its code cache. */
async function writeCodeCache(dir: string): Promise<void> {
  const file = join(dir, "sweep.code-cache");
  rmSync(file, { force: true }); // the training worker compiles from source
  const plan = planSweep(loadSweepFile({ text: TRAINING_SWEEP }));
  const rows = 4096;
  const options: BatchOptions = {
    textFormats: ["csv", "ndjson"],
    traces: false,
    batchSize: 2 * rows,
    parquetRowGroupRows: rows,
  };
  const setup: WorkerSetup = { plan, options, slots: allocateSlots(plan, options, 1) };
  const pool = new Piscina({
    filename: join(dir, "sweep-loader.cjs"),
    minThreads: 1,
    maxThreads: 1,
    workerData: setup,
  });
  try {
    for (let start = 0; start < plan.total; start += options.batchSize) {
      const task: BatchTask = { start, count: Math.min(options.batchSize, plan.total - start), slot: 0 };
      await pool.run(task);
    }
    await pool.run(file, { name: "writeCodeCache" });
  } finally {
    await pool.destroy();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
