import { move, transferableSymbol, valueSymbol, workerData } from "piscina";
import { createBatchRunner, transferablesOf, type BatchResult, type BatchTask } from "../src/sweep/batch.js";
import type { WorkerSetup } from "../src/sweep/pool.js";
import { warmUpWorker } from "../src/sweep/warm-up.js";

/**
 * The sweep worker: a thin adapter. It receives the plan and the shared result slots once (as
 * workerData), then batches of scenario indices; it fills the named slot and returns a small
 * result (traces, when asked for, by transfer). Before the first task, it warms its code up on
 * scenarios from across the plan (`warmUpWorker`, src/sweep/warm-up.ts).
 */
const setup = workerData as WorkerSetup;
warmUpWorker(setup.plan, setup.options);
const run = createBatchRunner(setup.plan, setup.options, setup.slots);

export default function sweepBatch(task: BatchTask): unknown {
  const out: BatchResult = run(task);
  return move({
    get [transferableSymbol]() {
      return transferablesOf(out);
    },
    get [valueSymbol]() {
      return out;
    },
  });
}
