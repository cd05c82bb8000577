import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Piscina } from "piscina";
import { afterAll, describe, expect, it } from "vitest";
import { allocateSlots, type BatchOptions, type BatchResult } from "../../src/sweep/batch.js";
import { loadSweepFile } from "../../src/sweep/load.js";
import { planSweep } from "../../src/sweep/plan.js";
import { packageRoot, workerPath, type WorkerSetup } from "../../src/sweep/pool.js";

// The worker bundle is written by npm run build (workers/bundle.ts), which npm test runs first.
const root = mkdtempSync(join(tmpdir(), "worker-bundle-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("workerPath(dir)", () => {
  it("is the built loader dist/workers/sweep-loader.cjs after npm run build", () => {
    expect(workerPath()).toBe(join(packageRoot(), "dist", "workers", "sweep-loader.cjs"));
  });

  it("takes the loader, else the bundle, only when the bundle is not older than the compiled module, else the module", () => {
    const dir = join(root, "workers");
    const module = join(dir, "sweep.js");
    const bundle = join(dir, "sweep.cjs");
    expect(() => workerPath(dir)).toThrow(/sweep\.js is missing: run npm run build/);
    mkdirSync(dir);
    writeFileSync(module, "");
    expect(workerPath(dir)).toBe(module);
    writeFileSync(bundle, "");
    utimesSync(module, 1_000, 1_000);
    utimesSync(bundle, 2_000, 2_000);
    expect(workerPath(dir)).toBe(bundle);
    const loader = join(dir, "sweep-loader.cjs");
    writeFileSync(loader, "");
    expect(workerPath(dir)).toBe(loader);
    // Sources compiled again (tsc) without bundling: the module is newer, the bundle stale.
    utimesSync(module, 3_000, 3_000);
    expect(workerPath(dir)).toBe(module);
  });
});

describe("dist/workers/sweep-loader.cjs (workers/sweep-loader.cts) and its code cache", () => {
  const built = join(packageRoot(), "dist", "workers");
  // A copy of the built worker files in a folder of the package (so the bundle still finds
  // piscina in node_modules), with a code cache of our choosing; the launcher beside it as built.
  const copy = (cache: "built" | "garbage" | "stale" | "none"): string => {
    const dir = mkdtempSync(join(packageRoot(), "dist", "worker-cache-test-"));
    copies.push(dir);
    mkdirSync(join(dir, "workers"));
    mkdirSync(join(dir, "src", "cli"), { recursive: true });
    copyFileSync(join(packageRoot(), "dist", "src", "cli", "main.cjs"), join(dir, "src", "cli", "main.cjs"));
    for (const f of ["sweep.cjs", "sweep-loader.cjs"]) copyFileSync(join(built, f), join(dir, "workers", f));
    const cacheFile = join(dir, "workers", "sweep.code-cache");
    if (cache === "built" || cache === "stale") copyFileSync(join(built, "sweep.code-cache"), cacheFile);
    if (cache === "garbage") writeFileSync(cacheFile, Buffer.alloc(4096, 7));
    if (cache === "stale") utimesSync(cacheFile, 1_000, 1_000);
    return join(dir, "workers", "sweep-loader.cjs");
  };
  const copies: string[] = [];
  afterAll(() => copies.forEach((d) => rmSync(d, { recursive: true, force: true })));

  const plan = planSweep(
    loadSweepFile({
      text: `base: { vcpus: 8, preset: wan, policy: vmotion }
axes:
  - { key: memory, range: { from: 4GiB, to: 512GiB, count: 8, scale: log } }
  - { key: rtt, range: { from: 1ms, to: 150ms, count: 8 } }
  - { key: dirtyRate, distribution: { kind: uniform, min: 10MiB/s, max: 2GiB/s } }
samples: 64
seed: 3
`,
    }),
  );
  /** One 4,096-row task through a one-worker pool started from `loader`: whether the bundle came from the cache, and the slot's bytes. */
  const run = async (loader: string): Promise<{ cached: boolean; parquet: Buffer; csv: Buffer }> => {
    const options: BatchOptions = {
      textFormats: ["csv"],
      traces: false,
      batchSize: 4096,
      parquetRowGroupRows: 4096,
    };
    const slots = allocateSlots(plan, options, 1);
    const setup: WorkerSetup = { plan, options, slots };
    const pool = new Piscina({ filename: loader, minThreads: 1, maxThreads: 1, workerData: setup });
    try {
      const r = (await pool.run({ start: 0, count: plan.total, slot: 0 })) as BatchResult;
      const slot = slots[0] as (typeof slots)[number];
      const bytes = r.parquet?.reduce((n, g) => n + g.bytes.length, 0) ?? 0;
      return {
        cached: (await pool.run(null, { name: "fromCodeCache" })) as boolean,
        parquet: Buffer.from(new Uint8Array(slot.parquet as SharedArrayBuffer, 0, bytes)),
        csv: Buffer.from(new Uint8Array(slot.text.csv as SharedArrayBuffer, 0, r.textBytes.csv ?? 0)),
      };
    } finally {
      await pool.destroy();
    }
  };

  it("compiles the bundle from the cache the build made, and gives the same bytes as without one", async () => {
    const withCache = await run(copy("built"));
    const without = await run(copy("none"));
    expect(withCache.cached).toBe(true);
    expect(without.cached).toBe(false);
    expect(withCache.parquet.length).toBeGreaterThan(4096 * 8);
    expect(withCache.parquet.equals(without.parquet)).toBe(true);
    expect(withCache.csv.equals(without.csv)).toBe(true);
  });

  it("compiles the source when V8 rejects the cache (a damaged file) or the cache is older than the bundle, with the same bytes", async () => {
    const reference = await run(copy("none"));
    for (const cache of ["garbage", "stale"] as const) {
      const r = await run(copy(cache));
      expect(r.cached).toBe(false);
      expect(r.parquet.equals(reference.parquet)).toBe(true);
      expect(r.csv.equals(reference.csv)).toBe(true);
    }
  });
});

describe("dist/workers/sweep.cjs (workers/bundle.ts)", () => {
  const inputs = JSON.parse(
    readFileSync(join(packageRoot(), "dist", "workers", "sweep.inputs.json"), "utf8"),
  ) as string[];

  it("holds the batch runner, the kernel and the Parquet encoder, and not piscina (loaded by the pool)", () => {
    for (const m of ["dist/workers/sweep.js", "dist/src/sweep/batch.js", "dist/src/model/simulate.js"])
      expect(inputs).toContain(m);
    expect(inputs).toContain("dist/src/sweep/parquet/row-group.js");
    expect(inputs.filter((p) => p.includes("node_modules/piscina"))).toEqual([]);
  });

  it("leaves out what a worker never runs: the CLI, YAML, schema validation, the summary", () => {
    const unwanted = /node_modules\/(yaml|ajv|commander|simple-statistics|hyparquet)\/|dist\/src\/cli\//;
    expect(inputs.filter((p) => unwanted.test(p))).toEqual([]);
  });
});
