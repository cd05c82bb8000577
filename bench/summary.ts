/**
 * The sweep summary on the main thread (issue 18): `sweep/summary` feeds a {@link SummaryAccumulator}
 * the outcome, total time and stun columns of the 1 M bench grid (`sweepText(1e6)`: memory x dirty
 * rate x RTT, 10,000 groups of 100 scenarios; 20,000 scenarios in 729 groups with --quick) in
 * batches of one Parquet row group (65,536 rows), as `runSweep` does, then makes `summary.json`
 * (`finishWithJson`). The columns are simulated once before timing (a batch runner in this
 * thread), so the figure is the accumulator alone, warm: rows a second of the main thread's work
 * beside the workers (a fresh process's first summary also pays V8's compilation, ~+20-30 %).
 */
import { allocateSlots, createBatchRunner, viewBatch } from "../src/sweep/batch.js";
import { DEFAULT_ROW_GROUP_ROWS, loadSweepFile, planSweep, SummaryAccumulator } from "../src/sweep/index.js";
import type { SweepPlan } from "../src/sweep/types.js";
import { sweepText } from "./sweep-scale.js";
import { consume, type BenchOptions, type BenchTask } from "./task.js";

/** The plan's outcome, totalTimeSec and downtimeSec columns over every scenario (the rest empty), simulated in this thread. */
function simulatedColumns(plan: SweepPlan, rows: number): Float64Array[] {
  const names = plan.columns.map((c) => c.name);
  const wanted = ["outcome", "totalTimeSec", "downtimeSec"].map((n) => names.indexOf(n));
  const cols = names.map((_, c) => new Float64Array(wanted.includes(c) ? plan.total : 0));
  const options = { textFormats: [], traces: false, batchSize: rows, parquetRowGroupRows: rows };
  const slots = allocateSlots(plan, options, 1);
  const run = createBatchRunner(plan, options, slots);
  for (let start = 0; start < plan.total; start += rows) {
    const r = run({ start, count: Math.min(rows, plan.total - start), slot: 0 });
    const out = viewBatch(r, slots, plan, options);
    for (const c of wanted) (cols[c] as Float64Array).set(out.columns[c] as Float64Array, start);
  }
  return cols;
}

export function summaryTasks(opts: BenchOptions): BenchTask[] {
  const plan = planSweep(loadSweepFile({ text: sweepText(opts.quick ? 20_000 : 1_000_000) }));
  const rows = DEFAULT_ROW_GROUP_ROWS;
  let cols: Float64Array[] = [];
  return [
    {
      name: "sweep/summary",
      size: `${plan.total.toLocaleString("en")} scenarios in ${plan.groupCount.toLocaleString("en")} groups, batches of ${rows.toLocaleString("en")}`,
      scenariosPerCall: plan.total,
      iterations: opts.quick ? 2 : 15,
      warmupIterations: opts.quick ? 1 : 3,
      isolate: true,
      before: () => {
        cols = simulatedColumns(plan, rows);
      },
      fn: () => {
        const acc = new SummaryAccumulator(plan);
        for (let start = 0; start < plan.total; start += rows) {
          const n = Math.min(rows, plan.total - start);
          acc.add(
            start,
            n,
            cols.map((c) => (c.length === 0 ? c : c.subarray(start, start + n))),
          );
        }
        consume(acc.finishWithJson().json.length);
      },
    },
  ];
}
