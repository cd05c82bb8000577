import { DEFAULT_ROW_GROUP_ROWS } from "./row-groups.js";
import { OUTPUT_FORMATS, type OutputFormat } from "./formats.js";
import type { SweepPlan } from "./types.js";

/**
 * Options of {@link runSweep}, defaulted and checked before anything starts (the way piscina and
 * tinybench check theirs): a bad option is a RangeError naming it and its value, e.g.
 * `maxInFlight must be a whole number from 1 to 4096 (got 0)`.
 */

/** Most worker threads a sweep starts, whatever is asked (the CLI documents it). [assumption] */
export const MAX_WORKERS = 64;
/** Largest batch: 2^20 scenarios. */
export const MAX_BATCH_SIZE = 1 << 20;
/** Most batches in flight. [assumption: far above any useful value] */
export const MAX_IN_FLIGHT = 4096;
/** Default scenarios per task. */
export const DEFAULT_BATCH_SIZE = 4096;

/** Tasks in flight when writing Parquet (each a row group or more): each worker's, and two waiting. */
export const parquetInFlight = (workers: number): number => Math.max(2, workers + 2);

export interface RunOptionsInput {
  readonly workers?: number;
  readonly batchSize?: number;
  readonly rowGroupRows?: number;
  readonly maxInFlight?: number;
  readonly out?: unknown;
  readonly formats?: readonly OutputFormat[];
  readonly traces?: boolean;
  readonly maxValuesPerGroup?: number;
}

export interface ResolvedRunOptions {
  /** Threads actually started: at most one per task and {@link MAX_WORKERS}; 0 = this thread. */
  readonly workers: number;
  readonly batchSize: number;
  /** Parquet rows per row group encoded by the workers; 0 when no Parquet is written. */
  readonly groupRows: number;
  readonly rowGroupRows: number;
  readonly maxInFlight: number;
  readonly formats: readonly OutputFormat[];
  readonly traces: boolean;
  readonly batches: number;
}

function whole(name: string, v: unknown, min: number, max: number): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max)
    throw new RangeError(`${name} must be a whole number from ${min} to ${max} (got ${String(v)})`);
  return v;
}

/** Defaults and checks for every option; see {@link RunOptionsInput}. */
export function resolveRunOptions(plan: SweepPlan, opts: RunOptionsInput): ResolvedRunOptions {
  const asked = whole("workers", opts.workers ?? 1, 0, 1 << 16);
  const requestedBatch = whole("batchSize", opts.batchSize ?? DEFAULT_BATCH_SIZE, 1, MAX_BATCH_SIZE);
  const rowGroupRows = whole("rowGroupRows", opts.rowGroupRows ?? DEFAULT_ROW_GROUP_ROWS, 1, MAX_BATCH_SIZE);
  const formats = opts.formats ?? ["csv"];
  if (!Array.isArray(formats) || formats.length === 0)
    throw new RangeError(
      `formats must list one or more of ${OUTPUT_FORMATS.join(", ")} (got ${JSON.stringify(formats)})`,
    );
  for (const f of formats)
    if (!(OUTPUT_FORMATS as readonly string[]).includes(f))
      throw new RangeError(
        `formats must list one or more of ${OUTPUT_FORMATS.join(", ")} (got ${JSON.stringify(f)})`,
      );
  if (opts.maxValuesPerGroup !== undefined)
    whole("maxValuesPerGroup", opts.maxValuesPerGroup, 1, Number.MAX_SAFE_INTEGER);
  const groupRows = opts.out !== undefined && formats.includes("parquet") ? rowGroupRows : 0;
  const batchSize = groupRows > 0 ? Math.ceil(requestedBatch / groupRows) * groupRows : requestedBatch;
  const batches = Math.ceil(plan.total / batchSize);
  // More threads than tasks only cost start-up time and memory.
  const workers = Math.min(asked, MAX_WORKERS, Math.max(1, batches));
  const maxInFlight = whole(
    "maxInFlight",
    opts.maxInFlight ?? (groupRows > 0 ? parquetInFlight(workers) : Math.max(2, 4 * workers)),
    1,
    MAX_IN_FLIGHT,
  );
  return {
    workers,
    batchSize,
    groupRows,
    rowGroupRows,
    maxInFlight,
    formats: [...formats],
    traces: opts.traces ?? false,
    batches,
  };
}
