import type { BatchResult } from "./batch.js";
import type { BatchExecutor } from "./pool.js";

/**
 * The reorder buffer between the executor and the sinks: batches of `batchSize` scenarios are
 * submitted while one of `maxInFlight` result slots is free, and handed back strictly in batch
 * order, however the workers finish; a slot is submitted again only after {@link release}, once
 * its rows are written. Result memory is therefore fixed at `maxInFlight` slots.
 *
 * Waiting for the head batch ends early when `signal` aborts. (Not Promise.race with one
 * long-lived abort promise: every race would add a reaction to it, keeping each batch result, and
 * its Parquet bytes, reachable until the sweep ends.)
 */
export class ReorderBuffer {
  private readonly queue: Promise<BatchResult>[] = [];
  private readonly free: number[];
  private nextBatch = 0;
  private wake: (() => void) | null = null;
  private readonly onAbort = (): void => this.wake?.();

  constructor(
    private readonly executor: BatchExecutor,
    private readonly total: number,
    private readonly batchSize: number,
    maxInFlight: number,
    private readonly signal?: AbortSignal,
  ) {
    this.free = Array.from({ length: maxInFlight }, (_, i) => maxInFlight - 1 - i);
    signal?.addEventListener("abort", this.onAbort);
  }

  get aborted(): boolean {
    return this.signal?.aborted ?? false;
  }

  private fill(): void {
    const batches = Math.ceil(this.total / this.batchSize);
    while (this.free.length > 0 && this.nextBatch < batches) {
      const start = this.nextBatch * this.batchSize;
      const slot = this.free.pop() as number;
      const p = this.executor.run({ start, count: Math.min(this.batchSize, this.total - start), slot });
      p.catch(() => undefined);
      this.queue.push(p);
      this.nextBatch++;
    }
  }

  /** The next batch in order, `aborted`, or `done`; rejects with the executor's error. */
  async next(): Promise<BatchResult | "aborted" | "done"> {
    if (this.aborted) return "aborted";
    this.fill();
    const head = this.queue.shift();
    if (head === undefined) return "done";
    try {
      return await new Promise<BatchResult | "aborted">((resolve, reject) => {
        this.wake = () => resolve("aborted");
        head.then(resolve, reject);
      });
    } finally {
      this.wake = null;
    }
  }

  /** The batch in `slot` is written: its slot can take another batch. */
  release(slot: number): void {
    this.free.push(slot);
  }

  dispose(): void {
    this.signal?.removeEventListener("abort", this.onAbort);
  }
}
