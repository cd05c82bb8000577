import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { asyncBufferFromFile, parquetMetadata, parquetReadObjects } from "hyparquet";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { loadSweepFile, planSweep, runSweep, runSweepInMemory } from "../../src/sweep/index.js";

// These tests start the worker pool, which loads dist/workers/sweep.js: npm test builds first.
const root = mkdtempSync(join(tmpdir(), "sweep-run-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const dir = (name: string): string => join(root, name);
const read = (d: string, f: string): string => readFileSync(join(d, f), "utf8");

// 4 presets x 25 dirty rates x 40 Monte Carlo samples = 4000 scenarios, over several batches.
const MC = `
name: mc
base: { memory: 32GiB, vcpus: 4, wss: 8GiB }
axes:
  - key: preset
    values: [same-l2, routed-lan, metro, wan]
  - key: coldRate
    range: { from: 0MiB/s, to: 40MiB/s, count: 25 }
  - key: dirtyRate
    distribution: { kind: triangular, min: 50MiB/s, mode: 300MiB/s, max: 3GiB/s }
samples: 40
seed: 77
`;
const mcPlan = () => planSweep(loadSweepFile({ text: MC }));
const FILES = ["results.csv", "results.ndjson", "results.parquet", "summary.json"];

describe("runSweep(plan, { workers, out, formats })", () => {
  it("writes byte-identical files with 1 and 2 workers, and in-process", async () => {
    const formats = ["csv", "ndjson", "parquet"] as const;
    // Each way V8 may compile the workers' code (recompilation.ts), whatever this machine's cores.
    const a = await runSweep(mcPlan(), {
      workers: 1,
      batchSize: 97,
      out: dir("w1"),
      formats,
      recompilation: "concurrent",
    });
    const b = await runSweep(mcPlan(), {
      workers: 2,
      batchSize: 256,
      out: dir("w2"),
      formats,
      recompilation: "synchronous",
    });
    const c = await runSweep(mcPlan(), { workers: 0, batchSize: 4096, out: dir("w0"), formats });
    expect(a.status).toBe("complete");
    expect(a.completed).toBe(4000);
    for (const f of FILES) {
      const one = readFileSync(join(dir("w1"), f));
      expect(readFileSync(join(dir("w2"), f)).equals(one)).toBe(true);
      expect(readFileSync(join(dir("w0"), f)).equals(one)).toBe(true);
    }
    expect(b.summary).toEqual(a.summary);
    expect(c.summary).toEqual(a.summary);
    // No temporary files remain.
    expect(readdirSync(dir("w2")).filter((f) => f.includes("partial"))).toEqual([]);
    const manifest = JSON.parse(read(dir("w2"), "manifest.json")) as Record<string, unknown>;
    expect(manifest).toMatchObject({ status: "complete", planned: 4000, completed: 4000, seed: 77 });
  });

  it("writes the same multi-row-group Parquet file with 1 and 2 workers and in-process", async () => {
    // 4000 rows in row groups of 1000: four workers' files joined in order.
    const opts = { formats: ["parquet"] as const, rowGroupRows: 1000 };
    await runSweep(mcPlan(), {
      ...opts,
      workers: 1,
      batchSize: 97,
      out: dir("g1"),
      recompilation: "synchronous",
    });
    await runSweep(mcPlan(), {
      ...opts,
      workers: 2,
      batchSize: 2500,
      out: dir("g2"),
      recompilation: "concurrent",
    });
    await runSweep(mcPlan(), { ...opts, workers: 0, out: dir("g0") });
    const one = readFileSync(join(dir("g1"), "results.parquet"));
    expect(readFileSync(join(dir("g2"), "results.parquet")).equals(one)).toBe(true);
    expect(readFileSync(join(dir("g0"), "results.parquet")).equals(one)).toBe(true);
    const meta = parquetMetadata(one.buffer.slice(one.byteOffset, one.byteOffset + one.length));
    expect(meta.row_groups.map((g) => g.num_rows)).toEqual([1000n, 1000n, 1000n, 1000n]);
  });

  it("gives the same rows from the pool as in-process, row for row", async () => {
    const pool = await runSweepInMemory(mcPlan(), { workers: 2, batchSize: 300 });
    const local = await runSweepInMemory(mcPlan(), { workers: 0 });
    expect(pool.rows.length).toBe(4000);
    expect(pool.rows).toEqual(local.rows);
    expect(pool.rows[41]?.inputs).toMatchObject({ index: 41, point: 1, sample: 1, preset: "same-l2" });
  });

  it("writes CSV rows in scenario order, one per scenario", () => {
    const lines = read(dir("w1"), "results.csv").trim().split("\n");
    expect(lines.length).toBe(4001);
    lines.slice(1).forEach((l, k) => expect(l.startsWith(`${k},`)).toBe(true));
  });

  it("writes NDJSON objects with the same values as the in-memory rows (null where a field does not apply)", async () => {
    const { rows } = await runSweepInMemory(mcPlan(), { workers: 0 });
    const lines = read(dir("w1"), "results.ndjson").trim().split("\n");
    expect(lines.length).toBe(rows.length);
    lines.forEach((l, k) => {
      const row = rows[k];
      expect(JSON.parse(l)).toEqual({ ...row?.inputs, ...row?.summary });
    });
  });

  it("writes a Parquet file that reads back (hyparquet) as the CSV rows", async () => {
    await expectParquetEqualsCsv(dir("w1"));
  });

  it("writes a file of several default-size row groups (200,000 rows) that reads back as the CSV rows", async () => {
    // 4 presets x 25 cold rates x 2000 samples = 200,000 rows: row groups of 65,536 x 3 + 3,392.
    const plan = planSweep(loadSweepFile({ text: MC.replace("samples: 40", "samples: 2000") }));
    const out = dir("big");
    const r = await runSweep(plan, { workers: 2, out, formats: ["csv", "parquet"] });
    expect(r.completed).toBe(200_000);
    const bytes = readFileSync(join(out, "results.parquet"));
    const meta = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    expect(meta.row_groups.map((g) => g.num_rows)).toEqual([65536n, 65536n, 65536n, 3392n]);
    await expectParquetEqualsCsv(out);
  }, 60_000);

  async function expectParquetEqualsCsv(d: string): Promise<void> {
    const rows = await parquetReadObjects({
      file: await asyncBufferFromFile(join(d, "results.parquet")),
    });
    const [header, ...lines] = read(d, "results.csv").trim().split("\n");
    const names = (header ?? "").split(",");
    expect(rows.length).toBe(lines.length);
    // Cell by cell (checked in a loop, one assertion at the end, so 200,000 rows stay quick):
    // empty CSV cell = null; words equal; a CSV number round-trips to the same double.
    const mismatches: string[] = [];
    lines.forEach((line, k) => {
      const cells = line.split(",");
      const row = rows[k] as Record<string, unknown>;
      names.forEach((name, c) => {
        const csv = cells[c] ?? "";
        const pq = row[name];
        const same =
          csv === "" ? pq === null : typeof pq === "string" ? pq === csv : Number(pq) === Number(csv);
        if (!same && mismatches.length < 5)
          mismatches.push(`row ${k} ${name}: csv ${csv}, parquet ${String(pq)}`);
      });
    });
    expect(mismatches).toEqual([]);
  }

  it("writes a Parquet file DuckDB reads: row count, typed columns, enum words, nulls", async () => {
    const db = await DuckDBInstance.create(":memory:");
    const con = await db.connect();
    const file = join(dir("w1"), "results.parquet").replace(/'/g, "''");
    const q = await con.runAndReadAll(
      `SELECT count(*)::DOUBLE AS n, min("index")::DOUBLE AS lo, max("index")::DOUBLE AS hi,
              count(DISTINCT preset)::DOUBLE AS presets, count(DISTINCT outcome)::DOUBLE AS outcomes,
              sum(CASE WHEN switchoverGoalSec IS NULL THEN 0 ELSE 1 END)::DOUBLE AS goals,
              sum(CASE WHEN downtimeLimitSec IS NULL THEN 1 ELSE 0 END)::DOUBLE AS nullLimits
         FROM '${file}'`,
    );
    const types = await con.runAndReadAll(
      `SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '${file}')`,
    );
    const type = new Map(types.getRows().map((r) => [String(r[0]), String(r[1])]));
    con.closeSync();
    // 4000 rows (4 presets x 25 cold rates x 40 samples, see MC); vmotion policy: every row has a
    // switchover goal and no QEMU downtime limit.
    expect(q.getRows()[0]).toEqual([4000, 0, 3999, 4, expect.any(Number), 4000, 4000]);
    expect(type.get("index")).toBe("BIGINT");
    expect(type.get("iterations")).toBe("INTEGER");
    expect(type.get("totalTimeSec")).toBe("DOUBLE");
    expect(type.get("preset")).toBe("VARCHAR");
    expect(type.get("outcome")).toBe("VARCHAR");
  });

  it("summarises each group of the non-random axes (here: 4 presets x 25 cold rates)", async () => {
    const { rows, summary } = await runSweepInMemory(mcPlan(), { workers: 0 });
    expect(summary.groupBy).toEqual(["preset", "coldRate"]);
    expect(summary.groups.length).toBe(100);
    const g = summary.groups[0];
    const mine = rows.slice(0, 40).filter((r) => r.summary.outcome !== "not-converging");
    const totals = mine.map((r) => r.summary.totalTimeSec as number).sort((x, y) => x - y);
    expect(g?.count).toBe(40);
    expect(g?.totalTimeSec?.min).toBe(totals[0]);
    expect(g?.totalTimeSec?.max).toBe(totals[totals.length - 1]);
    const conv = rows.slice(0, 40).filter((r) => r.summary.outcome === "converged").length;
    const throttled = rows.slice(0, 40).filter((r) => r.summary.outcome === "converged-throttled").length;
    expect(g?.shares.converged).toBe(conv / 40);
    expect(g?.shares["converged-throttled"]).toBe(throttled / 40);
  });

  it("stops on a scenario the boundary rejects, names its parameters, and leaves no directory", async () => {
    // Each value is valid next to the other axis' first value; memory 4GiB with wss 8GiB is not.
    const plan = planSweep(
      loadSweepFile({
        text: "base: { bandwidth: 10Gbit/s, dirtyRate: 100MiB/s }\naxes:\n  - { key: memory, values: [16GiB, 4GiB] }\n  - { key: wss, values: [1GiB, 8GiB] }\n",
      }),
    );
    const out = dir("bad");
    const err = await runSweep(plan, { workers: 2, batchSize: 1, out }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    // The worker's error keeps its code and field; the message names the scenario.
    expect((err as InputError).field).toBe("wss");
    expect((err as InputError).code).toBe("bad-value");
    expect((err as InputError).message).toContain("(in scenario 3 (memory=4GiB, wss=8GiB))");
    expect(existsSync(out)).toBe(false);
  });

  it("stops cleanly when aborted: manifest says interrupted, no result or temporary files", async () => {
    const ac = new AbortController();
    const out = dir("abort");
    const r = await runSweep(mcPlan(), {
      workers: 2,
      batchSize: 50,
      rowGroupRows: 256, // Parquet tasks are whole row groups: 16 of them here
      out,
      formats: ["csv", "parquet"],
      signal: ac.signal,
      onProgress: (p) => {
        if (p.done >= 500) ac.abort();
      },
    });
    expect(r.status).toBe("interrupted");
    expect(readdirSync(out)).toEqual(["manifest.json"]);
    const manifest = JSON.parse(read(out, "manifest.json")) as Record<string, unknown>;
    expect(manifest.status).toBe("interrupted");
    expect(manifest.completed).toBe(r.completed);
  });
});
