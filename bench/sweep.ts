/**
 * Sweep end to end: parse the sweep file, plan, run on a fresh piscina pool, write
 * `results.parquet` (and summary.json, manifest.json) to a temporary directory. Each call pays the
 * pool start-up as a user's run does. Sizes: 100,000 scenarios (2,000 with --quick) over the WAN
 * preset (memory x dirty rate x RTT grid, so the network model runs too).
 *
 * Peak memory of 1 and 10 million scenario sweeps (20,000 and 100,000 with --quick) is measured
 * in fresh child processes (`bench/sweep-scale.ts --child`), from the child's own accounting
 * (VmHWM from /proc/self/status, else `process.resourceUsage().maxRSS`; worker threads included).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchRecord } from "./run.js";
import { DEFAULT_ROW_GROUP_ROWS, loadSweepFile, planSweep, runSweep } from "../src/sweep/index.js";
import { sweepText } from "./sweep-scale.js";
import { consume, type BenchOptions, type BenchTask } from "./task.js";

function task(name: string, n: number, workers: number, batchSize?: number): BenchTask {
  const text = sweepText(n);
  const scenarios = planSweep(loadSweepFile({ text })).total;
  let root = "";
  let call = 0;
  return {
    name,
    // With Parquet output a task is a whole number of row groups: batchSize rounds up to one.
    size: `${scenarios.toLocaleString("en")} scenarios${batchSize ? `, batches of ${batchSize.toLocaleString("en")} (tasks of ${(Math.ceil(batchSize / DEFAULT_ROW_GROUP_ROWS) * DEFAULT_ROW_GROUP_ROWS).toLocaleString("en")} rows)` : ""}`,
    scenariosPerCall: scenarios,
    before: () => {
      root = mkdtempSync(join(tmpdir(), "bench-sweep-"));
    },
    fn: async () => {
      const plan = planSweep(loadSweepFile({ text }));
      const out = join(root, String(call++));
      const r = await runSweep(plan, { workers, out, formats: ["parquet"], batchSize });
      rmSync(out, { recursive: true, force: true });
      consume(r.completed);
    },
    after: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** `sweep/1w`, `sweep/2w` and `sweep/2w/batch-*`: scenarios/s to Parquet. */
export function sweepTasks(opts: BenchOptions): BenchTask[] {
  const n = opts.quick ? 2_000 : 100_000;
  return [
    task("sweep/1w", n, 1),
    task("sweep/2w", n, 2),
    ...[1_000, 10_000, 100_000].map((b) => task(`sweep/2w/batch-${b}`, n, 2, b)),
  ];
}

interface ChildFigures {
  scenarios: number;
  seconds: number;
  scenariosPerSec: number;
  peakRssMiB: number;
}

/** Peak memory and throughput of 1M and 10M scenario sweeps to Parquet with 2 workers. */
export function sweepMemoryRecords(opts: BenchOptions): BenchRecord[] {
  const script = fileURLToPath(new URL("./sweep-scale.js", import.meta.url));
  const sizes: [string, number][] = opts.quick
    ? [
        ["1M", 20_000],
        ["10M", 100_000],
      ]
    : [
        ["1M", 1_000_000],
        ["10M", 10_000_000],
      ];
  return sizes.map(([label, n]) => {
    const out = execFileSync(process.execPath, [script, "--child", "2", String(n), "parquet"], {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    });
    const f = JSON.parse(out) as ChildFigures;
    return {
      name: `sweep/memory/${label}`,
      size: `${f.scenarios.toLocaleString("en")} scenarios, 2 workers, Parquet`,
      scenariosPerSec: f.scenariosPerSec,
      meanMs: f.seconds * 1000,
      samples: 1,
      peakRssMB: f.peakRssMiB * 1.048576,
    };
  });
}
