import { move, transferableSymbol, valueSymbol, workerData } from "piscina";
import { createBatchRunner, transferablesOf, type BatchOutput, type BatchTask } from "../src/sweep/batch.js";
import type { WorkerSetup } from "../src/sweep/pool.js";

/**
 * The sweep worker: a thin adapter. It receives the plan once (as workerData), then batches of
 * scenario indices, and returns typed-array columns and encoded text by transfer.
 */
const setup = workerData as WorkerSetup;
const run = createBatchRunner(setup.plan, setup.options);

export default function sweepBatch(task: BatchTask): unknown {
  const out: BatchOutput = run(task);
  return move({
    get [transferableSymbol]() {
      return transferablesOf(out);
    },
    get [valueSymbol]() {
      return out;
    },
  });
}
