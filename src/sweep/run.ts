import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { InputError } from "../errors.js";
import { allocateSlots, viewBatch, type BatchOptions, type BatchOutput, type BatchResult } from "./batch.js";
import { TRACE_COLUMNS } from "./columns.js";
import { csvHeader, type TextFormat } from "./encode.js";
import { DEFAULT_ROW_GROUP_ROWS } from "./row-groups.js";
import { inProcessExecutor, poolExecutor, type BatchExecutor, type WorkerSetup } from "./pool.js";
import { describeScenario } from "./scenario-at.js";
import { BufferedParquetWriter } from "./parquet/buffered.js";
import { ParquetFileWriter } from "./parquet/file.js";
import { SummaryAccumulator, type SweepSummary } from "./summary.js";
import type { ColumnSpec, SweepPlan } from "./types.js";

/**
 * Run a planned sweep. Batches of `batchSize` scenarios go to the executor (a piscina pool of
 * `workers` threads, or this thread when `workers` is 0), at most `maxInFlight` at a time, each
 * filling one of `maxInFlight` shared result slots; results are awaited in batch order (a reorder
 * buffer of at most `maxInFlight` batches) and a slot is handed out again only after it is
 * written, so files come out in scenario order and result memory is fixed: maxInFlight x
 * batchSize x (8 bytes x columns + the longest text row per format). Files are written under `.NAME.partial`
 * and renamed when complete; `manifest.json` records what was completed.
 *
 * Parquet results are encoded in the workers: a task is then a whole number of row groups
 * (`rowGroupRows`, by default {@link DEFAULT_ROW_GROUP_ROWS} rows each, counted from scenario 0,
 * the last one shorter), each encoded by the worker ({@link RowGroupEncoder}), and this thread
 * appends them in order and writes the footer ({@link ParquetFileWriter}). The file is the same for
 * any worker count or batch size. (Traces, whose row count per batch varies, are encoded in this
 * thread by a {@link BufferedParquetWriter}.)
 */
import type { OutputFormat } from "./formats.js";
export { OUTPUT_FORMATS, type OutputFormat } from "./formats.js";

/** Tasks in flight when writing Parquet (each a row group or more): each worker's, and two waiting. */
export const parquetInFlight = (workers: number): number => Math.max(2, workers + 2);

export interface SweepProgress {
  readonly done: number;
  readonly total: number;
}

export interface RunSweepOptions {
  /** Worker threads; 0 runs every batch in this thread (same code path minus the pool). Default 1. */
  readonly workers?: number;
  /**
   * Scenarios per task. Default 4096; with Parquet output rounded up to a whole number of row
   * groups (`rowGroupRows`), so one row group by default.
   */
  readonly batchSize?: number;
  /** Rows per Parquet row group. Default {@link DEFAULT_ROW_GROUP_ROWS}. */
  readonly rowGroupRows?: number;
  /**
   * Batches submitted and not yet written. Default 4 per worker (at least 2); with Parquet output
   * {@link parquetInFlight} (tasks are then row groups, so fewer and larger).
   */
  readonly maxInFlight?: number;
  readonly onProgress?: (p: SweepProgress) => void;
  /** Called with every batch in scenario order; its arrays are views valid only during the call. */
  readonly onBatch?: (batch: BatchOutput) => void;
  /** Output directory; without it nothing is written. */
  readonly out?: string;
  readonly formats?: readonly OutputFormat[];
  readonly traces?: boolean;
  readonly signal?: AbortSignal;
  /** Recorded in the manifest. */
  readonly source?: string;
  /** Clock for the manifest's timings (seconds); injected so the core stays clock-free. */
  readonly clock?: () => number;
  /** Summary thinning threshold (see summary.ts). */
  readonly maxValuesPerGroup?: number;
}

export interface SweepRunResult {
  readonly status: "complete" | "interrupted";
  readonly planned: number;
  readonly completed: number;
  readonly summary: SweepSummary;
  /** Files written in `out` (final names). */
  readonly files: readonly string[];
  readonly elapsedSec: number;
}

/** A scenario the worker could not run (not an input error): a bug or a crashed worker. */
export class SweepFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SweepFailure";
  }
}

interface Sink {
  readonly name: string;
  readonly tmp: string;
  /** Resolves when the sink can take the next batch (backpressure). */
  write(b: BatchOutput): Promise<void> | void;
  /** Complete the file. */
  close(): Promise<void> | void;
  /** Stop writing without completing the file. */
  abort(): Promise<void> | void;
}

function textSink(
  dir: string,
  name: string,
  format: TextFormat,
  columns: readonly ColumnSpec[],
  traces: boolean,
): Sink {
  const tmp = join(dir, `.${name}.partial`);
  const fd = openSync(tmp, "w");
  if (format === "csv") writeSync(fd, csvHeader(columns));
  let open = true;
  return {
    name,
    tmp,
    write(b) {
      const bytes = traces ? b.traces?.text[format] : b.text[format];
      if (bytes !== undefined && bytes.length > 0) writeSync(fd, bytes);
    },
    close() {
      if (open) closeSync(fd);
      open = false;
    },
    abort() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

/** Results to Parquet: the workers encode row groups, this thread appends them (parquet/file.ts). */
function workerParquetSink(dir: string, name: string, columns: readonly ColumnSpec[]): Sink {
  const tmp = join(dir, `.${name}.partial`);
  const file = new ParquetFileWriter(tmp, columns);
  return {
    name,
    tmp,
    write(b) {
      // A failed batch is not encoded; the sweep stops and the file is removed.
      if (b.parquet === null && b.failure !== null) return;
      if (b.parquet === null) throw new Error("a batch came back without its Parquet row groups");
      for (const g of b.parquet) file.add(g);
    },
    close: () => file.finish(),
    abort: () => file.close(),
  };
}

/** Traces to Parquet: rows of any count, encoded in this thread. */
function bufferedParquetSink(
  dir: string,
  name: string,
  columns: readonly ColumnSpec[],
  rowGroupRows: number,
): Sink {
  const tmp = join(dir, `.${name}.partial`);
  const file = new BufferedParquetWriter(tmp, columns, rowGroupRows);
  let open = true;
  return {
    name,
    tmp,
    write(b) {
      if (b.traces !== null) file.add(b.traces.columns, b.traces.rows);
    },
    close() {
      if (open) file.finish();
      open = false;
    },
    abort() {
      if (open) file.close();
      open = false;
    },
  };
}

function writeTextAtomic(dir: string, name: string, text: string): void {
  const tmp = join(dir, `.${name}.partial`);
  writeFileSync(tmp, text);
  renameSync(tmp, join(dir, name));
}

function writeJsonAtomic(dir: string, name: string, value: unknown): void {
  writeTextAtomic(dir, name, `${JSON.stringify(value, null, 2)}\n`);
}

/** Run `plan`; see {@link RunSweepOptions}. Rejects with InputError when a scenario is invalid. */
export async function runSweep(plan: SweepPlan, opts: RunSweepOptions = {}): Promise<SweepRunResult> {
  const workers = opts.workers ?? 1;
  const requestedBatch = opts.batchSize ?? 4096;
  if (!Number.isInteger(requestedBatch) || requestedBatch < 1)
    throw new RangeError(`batchSize must be >= 1 (got ${requestedBatch})`);
  const formats = opts.formats ?? ["csv"];
  const rowGroupRows = opts.rowGroupRows ?? DEFAULT_ROW_GROUP_ROWS;
  if (!Number.isInteger(rowGroupRows) || rowGroupRows < 1)
    throw new RangeError(`rowGroupRows must be >= 1 (got ${rowGroupRows})`);
  const groupRows = opts.out !== undefined && formats.includes("parquet") ? rowGroupRows : 0;
  const batchSize = groupRows > 0 ? Math.ceil(requestedBatch / groupRows) * groupRows : requestedBatch;
  const maxInFlight =
    opts.maxInFlight ?? (groupRows > 0 ? parquetInFlight(workers) : Math.max(2, 4 * workers));
  const traces = opts.traces ?? false;
  const clock = opts.clock ?? (() => 0);
  const t0 = clock();
  const textFormats = formats.filter((f): f is TextFormat => f !== "parquet");
  const options: BatchOptions = {
    textFormats: opts.out ? textFormats : [],
    traces,
    batchSize,
    parquetRowGroupRows: groupRows,
  };
  const slots = allocateSlots(plan, options, maxInFlight);
  const setup: WorkerSetup = { plan, options, slots };

  // Output directory and sinks.
  const dir = opts.out;
  let createdDir = false;
  const sinks: Sink[] = [];
  if (dir !== undefined) {
    if (!existsSync(dir)) {
      mkdirSync(dir, { recursive: true });
      createdDir = true;
    }
    for (const f of formats) {
      if (f === "parquet") {
        sinks.push(workerParquetSink(dir, "results.parquet", plan.columns));
        if (traces) sinks.push(bufferedParquetSink(dir, "traces.parquet", TRACE_COLUMNS, rowGroupRows));
      } else {
        sinks.push(textSink(dir, `results.${f}`, f, plan.columns, false));
        if (traces) sinks.push(textSink(dir, `traces.${f}`, f, TRACE_COLUMNS, true));
      }
    }
  }
  const removeTemps = async (): Promise<void> => {
    for (const s of sinks) {
      await s.abort();
      rmSync(s.tmp, { force: true });
    }
  };

  const executor: BatchExecutor = workers === 0 ? inProcessExecutor(setup) : poolExecutor(setup, workers);
  const acc = new SummaryAccumulator(plan, { maxValuesPerGroup: opts.maxValuesPerGroup });
  const nBatches = Math.ceil(plan.total / batchSize);
  let aborted = opts.signal?.aborted ?? false;
  // Waiting for the head batch ends early on abort. (Not Promise.race with one long-lived abort
  // promise: every race would add a reaction to it, keeping each batch result, and its Parquet
  // bytes, reachable until the sweep ends.)
  let wake: (() => void) | null = null;
  const onAbort = (): void => {
    aborted = true;
    wake?.();
  };
  opts.signal?.addEventListener("abort", onAbort, { once: true });
  let completed = 0;
  const queue: Promise<BatchResult>[] = [];
  const freeSlots = slots.map((_, i) => maxInFlight - 1 - i);
  let next = 0;
  const manifest = (status: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    name: plan.name,
    source: opts.source ?? null,
    status,
    planned: plan.total,
    completed,
    seed: plan.seed,
    samples: plan.samples,
    formats,
    traces,
    files: status === "complete" ? [...sinks.map((s) => s.name), "summary.json"] : [],
    ...extra,
    timings: { elapsedSec: clock() - t0, workers, batchSize },
  });
  try {
    while (completed < plan.total && !aborted) {
      while (freeSlots.length > 0 && next < nBatches) {
        const start = next * batchSize;
        const slot = freeSlots.pop() as number;
        const p = executor.run({ start, count: Math.min(batchSize, plan.total - start), slot });
        p.catch(() => undefined);
        queue.push(p);
        next++;
      }
      const head = queue.shift() as Promise<BatchResult>;
      let res: BatchResult | "aborted";
      try {
        res = await new Promise<BatchResult | "aborted">((resolve, reject) => {
          if (aborted) return resolve("aborted");
          wake = () => resolve("aborted");
          head.then(resolve, reject);
        });
      } catch (err) {
        wake = null;
        const start = completed;
        const msg = err instanceof Error ? err.message : String(err);
        throw new SweepFailure(
          `a worker failed running scenarios ${start}..${Math.min(start + batchSize, plan.total) - 1}, starting with ${describeScenario(plan, start)}: ${msg}`,
        );
      }
      wake = null;
      if (res === "aborted") break;
      const b: BatchOutput = viewBatch(res, slots, plan, options);
      // Rows before a failure are complete and valid: keep them in order, then stop.
      if (b.rows > 0) {
        acc.add(b.start, b.rows, b.columns);
        for (const s of sinks) {
          const w = s.write(b);
          if (w !== undefined) await w;
        }
        opts.onBatch?.(b);
        completed += b.rows;
      }
      if (b.failure !== null) {
        const f = b.failure;
        if (f.inputError) throw new InputError("bad-value", f.scenario, f.message.replace(/^[^:]*: /, ""));
        throw new SweepFailure(`${f.scenario} failed: ${f.message}`);
      }
      freeSlots.push(res.slot);
      opts.onProgress?.({ done: completed, total: plan.total });
    }
  } catch (err) {
    await executor.destroy();
    await removeTemps();
    if (dir !== undefined) {
      if (createdDir && err instanceof InputError) rmSync(dir, { recursive: true, force: true });
      else writeJsonAtomic(dir, "manifest.json", manifest("failed", { error: (err as Error).message }));
    }
    throw err;
  } finally {
    opts.signal?.removeEventListener("abort", onAbort);
  }
  await executor.destroy();
  const { summary, json: summaryText } = acc.finishWithJson();
  const status = completed === plan.total ? "complete" : "interrupted";
  if (dir !== undefined) {
    if (status === "complete") {
      for (const s of sinks) {
        await s.close();
        renameSync(s.tmp, join(dir, s.name));
      }
      writeTextAtomic(dir, "summary.json", summaryText);
    } else await removeTemps();
    writeJsonAtomic(dir, "manifest.json", manifest(status));
  }
  return {
    status,
    planned: plan.total,
    completed,
    summary,
    files:
      status === "complete"
        ? [...sinks.map((s) => s.name), "summary.json", "manifest.json"]
        : ["manifest.json"],
    elapsedSec: clock() - t0,
  };
}
