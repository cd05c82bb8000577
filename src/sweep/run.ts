import { availableParallelism } from "node:os";
import { join } from "node:path";
import { InputError } from "../errors.js";
import { writeFileAtomic } from "../files/atomic-write.js";
import { OutputDir } from "../files/output-dir.js";
import { allocateSlots, viewBatch, type BatchOptions, type BatchOutput } from "./batch.js";
import type { TextFormat } from "./encode.js";
import type { OutputFormat } from "./formats.js";
import { sweepManifest } from "./manifest.js";
import { inProcessExecutor, poolExecutor, type BatchExecutor, type WorkerSetup } from "./pool.js";
import { recompilationFor, type Recompilation } from "./recompilation.js";
import { ReorderBuffer } from "./reorder.js";
import { resolveRunOptions } from "./run-options.js";
import { describeScenario } from "./scenario-at.js";
import { openSinks, type Sink } from "./sinks.js";
import { SummaryAccumulator, type SweepSummary } from "./summary.js";
import type { SweepPlan } from "./types.js";

/**
 * Run a planned sweep. Batches of `batchSize` scenarios go to the executor (a piscina pool of
 * `workers` threads, or this thread when `workers` is 0), at most `maxInFlight` at a time, each
 * filling one of `maxInFlight` shared result slots; results come back in batch order through the
 * {@link ReorderBuffer}, so files come out in scenario order and result memory is fixed:
 * maxInFlight x batchSize x (8 bytes x columns + the longest text row per format). Options are
 * checked first ({@link resolveRunOptions}). Files are written by the sinks (`sinks.ts`) into the
 * run's temporary output folder, swapped in with `manifest.json` (`manifest.ts`) when the run
 * ends ({@link OutputDir}: a folder holds one run's files).
 *
 * Parquet results are encoded in the workers: a task is then a whole number of row groups
 * (`rowGroupRows`, by default {@link DEFAULT_ROW_GROUP_ROWS} rows each, counted from scenario 0,
 * the last one shorter), each encoded by the worker ({@link RowGroupEncoder}), and this thread
 * appends them in order and writes the footer ({@link ParquetFileWriter}). The file is the same for
 * any worker count or batch size. (Traces, whose row count per batch varies, are encoded in this
 * thread by a {@link BufferedParquetWriter}.)
 */
export { OUTPUT_FORMATS, type OutputFormat } from "./formats.js";
export { parquetInFlight, MAX_WORKERS } from "./run-options.js";

export interface SweepProgress {
  readonly done: number;
  readonly total: number;
}

export interface RunSweepOptions {
  /** Worker threads; 0 runs every batch in this thread (same code path minus the pool). Default 1. */
  readonly workers?: number;
  /**
   * Where V8 optimises the workers' code (recompilation.ts). Default {@link recompilationFor} of
   * the workers started and `os.availableParallelism()`: synchronous when they take every core.
   */
  readonly recompilation?: Recompilation;
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
  /** A {@link SimulatedCounter}'s buffer, for progress within batches (`SimulatedCounter.read`). */
  readonly simulated?: SharedArrayBuffer;
  /** Called with every batch in scenario order; its arrays are views valid only during the call. */
  readonly onBatch?: (batch: BatchOutput) => void;
  /** Output folder; without it nothing is written. Owned by the run (`src/files/output-dir.ts`). */
  readonly out?: string | OutputDir;
  /** Write into a non-empty folder this tool did not write, keeping its files. */
  readonly force?: boolean;
  readonly formats?: readonly OutputFormat[];
  readonly traces?: boolean;
  readonly signal?: AbortSignal;
  /** Recorded in the manifest. */
  readonly source?: string;
  /** Clock for the manifest's timings (seconds); injected so the core stays clock-free. */
  readonly clock?: () => number;
  /** Summary thinning threshold (see summary.ts). */
  readonly maxValuesPerGroup?: number;
  /** Name of the result files without extension: `results` (`results-K-of-N` for a shard). */
  readonly resultsStem?: string;
  /** Key-value metadata of the results Parquet file (the sweep it came from, for `summarize`). */
  readonly parquetMetadata?: Readonly<Record<string, string>>;
}

export interface SweepRunResult {
  readonly status: "complete" | "interrupted";
  readonly planned: number;
  readonly completed: number;
  readonly summary: SweepSummary;
  /** Files written in `out` (final names). */
  readonly files: readonly string[];
  /** `previous` when an interrupted run left the complete earlier run in `out` untouched. */
  readonly kept: "new" | "previous" | "none";
  readonly elapsedSec: number;
}

/** A scenario the worker could not run (not an input error): a bug or a crashed worker. */
export class SweepFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SweepFailure";
  }
}

/** Run `plan`; see {@link RunSweepOptions}. Rejects with InputError when a scenario is invalid. */
export async function runSweep(plan: SweepPlan, opts: RunSweepOptions = {}): Promise<SweepRunResult> {
  const o = resolveRunOptions(plan, opts);
  const clock = opts.clock ?? (() => 0);
  const t0 = clock();
  const textFormats = o.formats.filter((f): f is TextFormat => f !== "parquet");
  const options: BatchOptions = {
    textFormats: opts.out !== undefined ? textFormats : [],
    traces: o.traces,
    batchSize: o.batchSize,
    parquetRowGroupRows: o.groupRows,
    ...(opts.simulated === undefined ? {} : { simulated: opts.simulated }),
  };
  const slots = allocateSlots(plan, options, o.maxInFlight);
  const setup: WorkerSetup = { plan, options, slots };

  const dir =
    opts.out === undefined
      ? null
      : typeof opts.out === "string"
        ? OutputDir.open(opts.out, { force: opts.force })
        : opts.out;
  let sinks: Sink[] = [];
  let executor: BatchExecutor | null = null;
  let completed = 0;
  const manifest = (status: "complete" | "interrupted" | "failed", error?: string) =>
    sweepManifest(plan, {
      status,
      completed,
      source: opts.source ?? null,
      formats: o.formats,
      traces: o.traces,
      files: [...sinks.map((s) => s.name), "summary.json"],
      ...(error !== undefined ? { error } : {}),
      elapsedSec: clock() - t0,
      workers: o.workers,
      batchSize: o.batchSize,
    });
  const abortSinks = async (): Promise<void> => {
    for (const s of sinks) await s.abort();
  };
  const acc = new SummaryAccumulator(plan, { maxValuesPerGroup: opts.maxValuesPerGroup });
  let buffer: ReorderBuffer | null = null;
  try {
    if (dir !== null)
      sinks = openSinks(
        dir.tmp,
        o.formats,
        o.traces,
        plan.columns,
        o.rowGroupRows,
        opts.resultsStem,
        opts.parquetMetadata,
      );
    executor =
      opts.workers === 0
        ? inProcessExecutor(setup)
        : poolExecutor(
            setup,
            o.workers,
            opts.recompilation ?? recompilationFor(o.workers, availableParallelism()),
          );
    buffer = new ReorderBuffer(executor, plan.total, o.batchSize, o.maxInFlight, opts.signal);
    while (completed < plan.total) {
      let res;
      try {
        res = await buffer.next();
      } catch (err) {
        const start = (plan.firstScenario ?? 0) + completed;
        const msg = err instanceof Error ? err.message : String(err);
        throw new SweepFailure(
          `a worker failed running scenarios ${start}..${Math.min(start + o.batchSize, (plan.firstScenario ?? 0) + plan.total) - 1}, starting with ${describeScenario(plan, start)}: ${msg}`,
        );
      }
      if (res === "aborted" || res === "done") break;
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
        if (f.inputError)
          throw new InputError(
            f.code ?? "bad-value",
            f.field ?? f.scenario,
            `${f.detail ?? f.message} (in ${f.scenario})`,
          );
        throw new SweepFailure(`${f.scenario} failed: ${f.message}`);
      }
      buffer.release(res.slot);
      opts.onProgress?.({ done: completed, total: plan.total });
    }
  } catch (err) {
    buffer?.dispose();
    await executor?.destroy();
    await abortSinks();
    if (dir !== null) {
      // Bad input writes nothing; a crash records what happened (unless an earlier run is there).
      if (err instanceof InputError) dir.discard();
      else dir.commit(manifest("failed", (err as Error).message));
    }
    throw err;
  }
  buffer.dispose();
  // No task is left: the workers end (each tears its isolate down on its own thread) while this
  // thread finishes the files; the run returns once they have (the pool's teardown took 5-180 ms
  // of wall time after the last batch, measured at 1 M on 2 workers under load).
  const stopped = executor.destroy();
  let summary: SweepSummary;
  let kept: SweepRunResult["kept"] = "none";
  const status = completed === plan.total ? "complete" : "interrupted";
  try {
    const done = acc.finishWithJson();
    summary = done.summary;
    if (dir !== null) {
      if (status === "complete") {
        for (const s of sinks) await s.close();
        writeFileAtomic(join(dir.tmp, "summary.json"), done.json);
      } else await abortSinks();
      kept = dir.commit(manifest(status));
    }
  } finally {
    await stopped;
  }
  const files =
    status === "complete"
      ? [...sinks.map((s) => s.name), "summary.json", "manifest.json"]
      : ["manifest.json"];
  return {
    status,
    planned: plan.total,
    completed,
    summary,
    files: kept === "previous" ? [] : files,
    kept,
    elapsedSec: clock() - t0,
  };
}
