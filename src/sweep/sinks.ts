import { join } from "node:path";
import type { BatchOutput } from "./batch.js";
import { TRACE_COLUMNS } from "./columns.js";
import { csvHeader, type TextFormat } from "./encode.js";
import { FileAppender } from "./file-appender.js";
import type { OutputFormat } from "./formats.js";
import { BufferedParquetWriter } from "./parquet/buffered.js";
import { ParquetFileWriter } from "./parquet/file.js";
import type { ColumnSpec } from "./types.js";

/**
 * Where a sweep's rows go: one sink per output file, written in scenario order inside the run's
 * temporary output folder (`src/files/output-dir.ts`), so a file is only ever seen complete.
 */
export interface Sink {
  /** File name in the output folder. */
  readonly name: string;
  /** Resolves when the sink can take the next batch (backpressure). */
  write(b: BatchOutput): Promise<void> | void;
  /** Complete the file. */
  close(): Promise<void> | void;
  /** Stop writing without completing the file (it is discarded with its folder). */
  abort(): Promise<void> | void;
}

function textSink(
  dir: string,
  name: string,
  format: TextFormat,
  columns: readonly ColumnSpec[],
  traces: boolean,
): Sink {
  const file = new FileAppender(join(dir, name));
  if (format === "csv") file.append(Buffer.from(csvHeader(columns)));
  const end = (): void => file.close();
  return {
    name,
    write(b) {
      const bytes = traces ? b.traces?.text[format] : b.text[format];
      if (bytes !== undefined && bytes.length > 0) file.append(bytes);
    },
    close: end,
    abort: end,
  };
}

/** Results to Parquet: the workers encode row groups, this thread appends them (parquet/file.ts). */
function workerParquetSink(
  dir: string,
  name: string,
  columns: readonly ColumnSpec[],
  metadata: Readonly<Record<string, string>> | undefined,
): Sink {
  const file = new ParquetFileWriter(join(dir, name), columns, metadata);
  return {
    name,
    write(b) {
      // A failed batch is not encoded; the sweep stops and the file is discarded.
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
  const file = new BufferedParquetWriter(join(dir, name), columns, rowGroupRows);
  let open = true;
  return {
    name,
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

/**
 * One sink per format for the results (`STEM.FORMAT`, `results` unless a shard's
 * `results-K-of-N`), and one per format for the traces when asked for. `metadata` goes into the
 * results Parquet file's key-value metadata.
 */
export function openSinks(
  dir: string,
  formats: readonly OutputFormat[],
  traces: boolean,
  columns: readonly ColumnSpec[],
  rowGroupRows: number,
  stem = "results",
  metadata?: Readonly<Record<string, string>>,
): Sink[] {
  const sinks: Sink[] = [];
  for (const f of formats) {
    if (f === "parquet") {
      sinks.push(workerParquetSink(dir, `${stem}.parquet`, columns, metadata));
      if (traces) sinks.push(bufferedParquetSink(dir, "traces.parquet", TRACE_COLUMNS, rowGroupRows));
    } else {
      sinks.push(textSink(dir, `${stem}.${f}`, f, columns, false));
      if (traces) sinks.push(textSink(dir, `traces.${f}`, f, TRACE_COLUMNS, true));
    }
  }
  return sinks;
}
