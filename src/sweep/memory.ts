import { RESULT_COLUMNS } from "./columns.js";
import { runSweep, type RunSweepOptions } from "./run.js";
import type { SweepSummary } from "./summary.js";
import type { ColumnSpec, SweepPlan } from "./types.js";

/**
 * Run a small sweep and keep every row in memory, for charts and reports. Each row is
 * `{ inputs, summary }`: the index and input columns, and the result columns, by column name,
 * canonical units, enums as their labels, missing values as null.
 */
export type CellValue = number | string | null;

export interface SweepRow {
  readonly inputs: Readonly<Record<string, CellValue>>;
  readonly summary: Readonly<Record<string, CellValue>>;
}

export interface InMemoryResult {
  readonly rows: readonly SweepRow[];
  readonly summary: SweepSummary;
}

/** The largest sweep kept in memory by default (about 1 KB per row). [assumption] */
export const MAX_IN_MEMORY_ROWS = 1_000_000;

function cell(c: ColumnSpec, x: number): CellValue {
  if (Number.isNaN(x)) return null;
  return c.type === "enum" ? (c.labels?.[x] ?? null) : x;
}

export async function runSweepInMemory(
  plan: SweepPlan,
  opts: Pick<RunSweepOptions, "workers" | "batchSize" | "signal" | "onProgress"> & { maxRows?: number } = {},
): Promise<InMemoryResult> {
  const maxRows = opts.maxRows ?? MAX_IN_MEMORY_ROWS;
  if (plan.total > maxRows)
    throw new RangeError(
      `${plan.total} scenarios is too many to keep in memory (limit ${maxRows}): use runSweep with out`,
    );
  const resultNames = new Set(RESULT_COLUMNS.map((c) => c.name));
  const rows: SweepRow[] = [];
  const result = await runSweep(plan, {
    workers: opts.workers ?? 0,
    batchSize: opts.batchSize,
    signal: opts.signal,
    onProgress: opts.onProgress,
    onBatch: (b) => {
      for (let r = 0; r < b.rows; r++) {
        const inputs: Record<string, CellValue> = {};
        const summary: Record<string, CellValue> = {};
        plan.columns.forEach((c, i) => {
          const v = cell(c, (b.columns[i] as Float64Array)[r] as number);
          if (resultNames.has(c.name)) summary[c.name] = v;
          else inputs[c.name] = v;
        });
        rows.push({ inputs, summary });
      }
    },
  });
  return { rows, summary: result.summary };
}
