import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { packageRoot, workerPath } from "../../src/sweep/pool.js";

// The worker bundle is written by npm run build (workers/bundle.ts), which npm test runs first.
const root = mkdtempSync(join(tmpdir(), "worker-bundle-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("workerPath(dir)", () => {
  it("is the built bundle dist/workers/sweep.cjs after npm run build", () => {
    expect(workerPath()).toBe(join(packageRoot(), "dist", "workers", "sweep.cjs"));
  });

  it("takes the bundle only when it is not older than the compiled module, else the module", () => {
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
    // Sources compiled again (tsc) without bundling: the module is newer, the bundle stale.
    utimesSync(module, 3_000, 3_000);
    expect(workerPath(dir)).toBe(module);
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
