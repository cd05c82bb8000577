/**
 * Sweep end to end: parse the sweep file, plan, run on a fresh piscina pool, write
 * `results.parquet` (and summary.json, manifest.json) to a temporary directory. Each call pays the
 * pool start-up as a user's run does, and each task runs in its own process (`isolate`). Size: 1,000,000 scenarios (2,000 with --quick) over the WAN
 * preset (memory x dirty rate x RTT grid, so the network model runs too).
 *
 * - `sweep/rows`: one worker's batch runner in this thread, task after task (see `rowsTask`);
 * - `sweep/1w`, `sweep/2w`: default tasks of one Parquet row group (65,536 rows) each;
 * - `sweep/segments/2w`: as `sweep/2w`, over 16 explicit segment lists (`segmentSweepText`);
 * - `sweep/2w/batch-N` for N = 1,000, 10,000, 100,000: tasks of N rows, and row groups of N rows
 *   (a task is always whole row groups, so the two go together): what task size costs.
 *
 * Larger sweeps run in fresh child processes (`bench/sweep-scale.ts --child`), each measured from
 * before parsing to the files complete, with the child's own peak memory (VmHWM from
 * /proc/self/status, else `process.resourceUsage().maxRSS`; worker threads included):
 * `sweep/memory/1M` and `sweep/memory/10M` with 2 workers, and `sweep/memory/10M/1w` for the
 * 2-worker speed-up at 10 million (20,000 and 100,000 scenarios with --quick).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { allocateSlots, createBatchRunner, type BatchRunner } from "../src/sweep/batch.js";
import { DEFAULT_ROW_GROUP_ROWS, loadSweepFile, planSweep, runSweep } from "../src/sweep/index.js";
import { sweepText } from "./sweep-scale.js";
import { consume, type BenchOptions, type BenchRecord, type BenchTask } from "./task.js";

/**
 * A sweep over segment lists (issue 14): memory x dirty rate x 16 distinct segment lists (25 GbE
 * uplinks around a 10 GbE circuit of 100 to 2,500 km, with and without loss), about `n` scenarios:
 * beside `sweep/2w` (a memory x dirty rate x RTT grid on the same 2 workers), the cost of
 * explicit segments against the uniform path, as a ratio measured in the same run.
 */
export function segmentSweepText(n: number): string {
  const lists = Array.from({ length: 16 }, (_, i) => {
    const km = 100 + i * 160;
    const loss = i % 2 === 0 ? "" : ",loss=1e-6";
    return `      - "label=uplink,link=25Gbit/s;label=dci,link=10Gbit/s,distance=${km}${loss};label=uplink,link=25Gbit/s"`;
  });
  const side = Math.max(1, Math.round(Math.sqrt(n / lists.length)));
  return `
name: segments
base: { vcpus: 8, preset: wan, policy: vmotion }
axes:
  - key: memory
    range: { from: 4GiB, to: 512GiB, count: ${side}, scale: log }
  - key: dirtyRate
    range: { from: 10MiB/s, to: 2GiB/s, count: ${side}, scale: log }
  - key: segments
    values:
${lists.join("\n")}
`;
}

function task(
  name: string,
  n: number,
  workers: number,
  batchSize?: number,
  text: string = sweepText(n),
): BenchTask {
  const scenarios = planSweep(loadSweepFile({ text })).total;
  const rows = batchSize ?? DEFAULT_ROW_GROUP_ROWS;
  let root = "";
  let call = 0;
  return {
    name,
    size: `${scenarios.toLocaleString("en")} scenarios, tasks and row groups of ${rows.toLocaleString("en")}`,
    scenariosPerCall: scenarios,
    iterations: 5,
    warmupIterations: 1,
    isolate: true,
    before: () => {
      root = mkdtempSync(join(tmpdir(), "bench-sweep-"));
    },
    fn: async () => {
      const plan = planSweep(loadSweepFile({ text }));
      const out = join(root, String(call++));
      const r = await runSweep(plan, {
        workers,
        out,
        formats: ["parquet"],
        batchSize: rows,
        rowGroupRows: rows,
      });
      rmSync(out, { recursive: true, force: true });
      consume(r.completed);
    },
    after: () => rmSync(root, { recursive: true, force: true }),
  };
}

/**
 * `sweep/rows`: what a sweep worker does with one task, in this thread: a batch runner
 * (`createBatchRunner`, as `workers/sweep.ts` makes it) over the bench grid's tasks of one
 * Parquet row group (65,536 rows; 4,096 with --quick) in turn, assembling, simulating, writing
 * the columns and encoding the row group into its slot. After 3 tasks of warm-up, so the
 * figure is a worker's steady state: the worker's CPU a row, without the pool, the main thread
 * or a second worker (issue 18's per-row breakdown).
 */
function rowsTask(opts: BenchOptions): BenchTask {
  const rows = opts.quick ? 4096 : DEFAULT_ROW_GROUP_ROWS;
  const plan = planSweep(loadSweepFile({ text: sweepText(opts.quick ? 50_000 : 2_000_000) }));
  const tasks = Math.floor(plan.total / rows);
  const options = { textFormats: [], traces: false, batchSize: rows, parquetRowGroupRows: rows };
  let run: BatchRunner | null = null;
  let next = 0;
  const step = (): number => {
    const r = (run as BatchRunner)({ start: (next++ % tasks) * rows, count: rows, slot: 0 });
    return r.rows;
  };
  return {
    name: "sweep/rows",
    size: `tasks of ${rows.toLocaleString("en")} scenarios (one Parquet row group), one thread`,
    scenariosPerCall: rows,
    iterations: opts.quick ? 2 : 20,
    warmupIterations: opts.quick ? 1 : 3,
    isolate: true,
    before: () => {
      run = createBatchRunner(plan, options, allocateSlots(plan, options, 1));
    },
    fn: () => consume(step()),
  };
}

/** `sweep/rows`, `sweep/1w`, `sweep/2w` and `sweep/2w/batch-*`: scenarios/s to Parquet. */
export function sweepTasks(opts: BenchOptions): BenchTask[] {
  const n = opts.quick ? 2_000 : 1_000_000;
  return [
    rowsTask(opts),
    task("sweep/1w", n, 1),
    task("sweep/2w", n, 2),
    task("sweep/segments/2w", n, 2, undefined, segmentSweepText(n)),
    ...[1_000, 10_000, 100_000].map((b) => task(`sweep/2w/batch-${b}`, n, 2, opts.quick ? b / 10 : b)),
  ];
}

interface ChildFigures {
  scenarios: number;
  seconds: number;
  scenariosPerSec: number;
  peakRssMiB: number;
}

/** Throughput and peak memory of 1M and 10M scenario sweeps to Parquet, each in a fresh process. */
export function sweepMemoryRecords(opts: BenchOptions): BenchRecord[] {
  const script = fileURLToPath(new URL("./sweep-scale.js", import.meta.url));
  const [m1, m10] = opts.quick ? [20_000, 100_000] : [1_000_000, 10_000_000];
  const runs: [string, number, number][] = [
    ["sweep/memory/1M", m1, 2],
    ["sweep/memory/10M", m10, 2],
    ["sweep/memory/10M/1w", m10, 1],
  ];
  return runs.map(([name, n, workers]) => {
    const out = execFileSync(process.execPath, [script, "--child", String(workers), String(n), "parquet"], {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    });
    const f = JSON.parse(out) as ChildFigures;
    return {
      name,
      size: `${f.scenarios.toLocaleString("en")} scenarios, ${workers} worker${workers > 1 ? "s" : ""}, Parquet`,
      scenariosPerSec: f.scenariosPerSec,
      meanMs: f.seconds * 1000,
      samples: 1,
      peakRssMB: f.peakRssMiB * 1.048576,
    };
  });
}
