import { createWriteStream } from "node:fs";
import { Writable } from "node:stream";
import {
  Dictionary,
  Float64,
  Int32,
  Int64,
  Int8,
  Table,
  Utf8,
  makeData,
  makeVector,
  tableToIPC,
  vectorFromArray,
  type Data,
  type DataType,
  type Vector,
} from "apache-arrow";
import * as pw from "parquet-wasm/node";
import type { ColumnSpec } from "./types.js";

/**
 * A Parquet file written row group by row group with parquet-wasm (the Rust arrow-rs writer
 * compiled to WebAssembly). Rows are copied into one buffer per column, `rowGroupRows` long; each
 * full buffer becomes an Arrow record batch (built over the typed arrays, serialised once as Arrow
 * IPC into WebAssembly memory) and one row group. Row groups fall at fixed row counts, so the file
 * is the same for any worker count or batch size.
 *
 * Memory is bounded: the record batch stream holds at most one batch ahead of the writer
 * ({@link ParquetSink.add} awaits the stream's backpressure), and the encoded bytes are piped to
 * the file as they come.
 *
 * Column types (all nullable; NaN, "does not apply", is null):
 * - f64 -> DOUBLE;
 * - int -> INT64 for `index`, `point`, `sample` (sweeps can pass 2^31 rows), INT32 otherwise;
 * - enum -> dictionary-encoded UTF-8 STRING (the labels, so DuckDB and pandas read words).
 *
 * Writer settings, chosen by measurement on the sweep tables (bench/sweep.ts): no dictionary for
 * numbers (sweep results are mostly distinct doubles), SNAPPY pages, and no min/max statistics
 * (computing them cost about a quarter of the writer's time; readers scan sweep files whole).
 */
import { DEFAULT_ROW_GROUP_ROWS } from "./row-groups.js";

export { DEFAULT_ROW_GROUP_ROWS };

const INT64_COLUMNS = new Set(["index", "point", "sample"]);

function writerProperties(columns: readonly ColumnSpec[], rowGroupRows: number): pw.WriterProperties {
  let b = new pw.WriterPropertiesBuilder()
    .setMaxRowGroupSize(rowGroupRows)
    .setCompression(pw.Compression.SNAPPY)
    .setDictionaryEnabled(false)
    .setStatisticsEnabled(pw.EnabledStatistics.None)
    .setCreatedBy("vmotion-sim");
  for (const c of columns) if (c.type === "enum") b = b.setColumnDictionaryEnabled(c.name, true);
  return b.build();
}

/** Arrow validity bitmap (bit set = valid) of a column, or null when no value is NaN. */
function validity(src: Float64Array): { bitmap: Uint8Array | null; nulls: number } {
  let nulls = 0;
  for (let i = 0; i < src.length; i++) if (src[i] !== src[i]) nulls++;
  if (nulls === 0) return { bitmap: null, nulls };
  const bitmap = new Uint8Array((src.length + 7) >> 3);
  for (let i = 0; i < src.length; i++)
    if (src[i] === src[i]) bitmap[i >> 3] = (bitmap[i >> 3] as number) | (1 << (i & 7));
  return { bitmap, nulls };
}

/** One column of a row group as an Arrow vector. */
function columnVector(c: ColumnSpec, src: Float64Array, dictionaries: Map<string, Vector<Utf8>>): Vector {
  const n = src.length;
  const { bitmap, nulls } = validity(src);
  const nullBitmap = bitmap ?? undefined;
  if (c.type === "enum") {
    const keys = new Int8Array(n);
    for (let i = 0; i < n; i++) keys[i] = src[i] === src[i] ? (src[i] as number) : 0;
    const dictionary = dictionaries.get(c.name) as Vector<Utf8>;
    return makeVector(
      makeData({
        type: new Dictionary(new Utf8(), new Int8()),
        length: n,
        nullCount: nulls,
        nullBitmap,
        data: keys,
        dictionary,
      }),
    );
  }
  if (c.type === "int" && INT64_COLUMNS.has(c.name)) {
    // Whole numbers below 2^53 as little-endian int64: low and high 32-bit words.
    const words = new Int32Array(2 * n);
    for (let i = 0; i < n; i++) {
      const x = src[i] === src[i] ? (src[i] as number) : 0;
      const hi = Math.floor(x / 4294967296);
      words[2 * i] = x - hi * 4294967296;
      words[2 * i + 1] = hi;
    }
    return makeVector(makeData({ type: new Int64(), length: n, nullCount: nulls, nullBitmap, data: words }));
  }
  if (c.type === "int") {
    const data = new Int32Array(n);
    for (let i = 0; i < n; i++) data[i] = src[i] === src[i] ? (src[i] as number) : 0;
    return makeVector(makeData({ type: new Int32(), length: n, nullCount: nulls, nullBitmap, data }));
  }
  return makeVector(
    makeData({ type: new Float64(), length: n, nullCount: nulls, nullBitmap, data: src }) as Data<DataType>,
  );
}

/** The Arrow table of rows [0, rows) of `data` (one Float64Array per column of `columns`). */
export function rowGroupTable(
  columns: readonly ColumnSpec[],
  data: readonly Float64Array[],
  rows: number,
  dictionaries: Map<string, Vector<Utf8>> = labelDictionaries(columns),
): Table {
  const vectors: Record<string, Vector> = {};
  columns.forEach((c, i) => {
    const src = data[i] ?? new Float64Array(0);
    vectors[c.name] = columnVector(c, src.subarray(0, rows), dictionaries);
  });
  return new Table(vectors);
}

/** The label dictionary of every enum column, by column name. */
export function labelDictionaries(columns: readonly ColumnSpec[]): Map<string, Vector<Utf8>> {
  const m = new Map<string, Vector<Utf8>>();
  for (const c of columns)
    if (c.type === "enum") m.set(c.name, vectorFromArray([...(c.labels ?? [])], new Utf8()));
  return m;
}

/**
 * Rows [0, rows) of `data` as a complete Parquet file holding them all in one row group (none
 * when `rows` is 0), with the writer settings of {@link ParquetSink}: what a sweep worker encodes
 * and hands back (stitch.ts joins such files into one).
 */
export function encodeRowGroup(
  columns: readonly ColumnSpec[],
  data: readonly Float64Array[],
  rows: number,
  dictionaries?: Map<string, Vector<Utf8>>,
): Uint8Array {
  const ipc = tableToIPC(rowGroupTable(columns, data, rows, dictionaries), "stream");
  // writeParquet takes ownership of (and frees) both the table and the properties.
  return pw.writeParquet(
    pw.Table.fromIPCStream(ipc),
    writerProperties(columns, Math.max(1, rows, DEFAULT_ROW_GROUP_ROWS)),
  );
}

export class ParquetSink {
  private readonly buf: Float64Array[];
  private readonly dictionaries: Map<string, Vector<Utf8>>;
  private fill = 0;
  private sent = 0;
  private controller!: ReadableStreamDefaultController<pw.RecordBatch>;
  /** Resolves when the writer pulls again (it has room for another record batch). */
  private room: (() => void) | null = null;
  /** Resolves when the file is complete; rejects on a writer or file error. */
  private readonly done: Promise<void>;
  private failed: unknown = null;
  rowsWritten = 0;

  constructor(
    path: string,
    private readonly columns: readonly ColumnSpec[],
    private readonly rowGroupRows = DEFAULT_ROW_GROUP_ROWS,
  ) {
    this.buf = columns.map(() => new Float64Array(rowGroupRows));
    this.dictionaries = labelDictionaries(columns);
    const batches = new ReadableStream<pw.RecordBatch>(
      {
        start: (controller) => {
          this.controller = controller;
        },
        pull: () => {
          const r = this.room;
          this.room = null;
          r?.();
        },
      },
      { highWaterMark: 1 },
    );
    // The file is opened now (so nothing creates it after an abort removed it).
    const file = Writable.toWeb(createWriteStream(path));
    // transformParquetStream resolves once the first batch has arrived: never await it here.
    this.done = pw
      .transformParquetStream(batches, writerProperties(columns, rowGroupRows))
      .then((bytes) => (bytes as ReadableStream<Uint8Array>).pipeTo(file));
    this.done.catch((err: unknown) => {
      this.failed = err;
      const r = this.room;
      this.room = null;
      r?.();
    });
  }

  /** Append rows [0, rows) of `data` (one Float64Array per column); resolves when there is room for more. */
  async add(data: readonly Float64Array[], rows: number): Promise<void> {
    let r = 0;
    while (r < rows) {
      const n = Math.min(rows - r, this.rowGroupRows - this.fill);
      for (let c = 0; c < this.buf.length; c++)
        (this.buf[c] as Float64Array).set((data[c] as Float64Array).subarray(r, r + n), this.fill);
      this.fill += n;
      r += n;
      if (this.fill === this.rowGroupRows) await this.flush();
    }
  }

  private async flush(): Promise<void> {
    if (this.failed !== null) throw this.failed;
    const n = this.fill;
    const ipc = tableToIPC(rowGroupTable(this.columns, this.buf, n, this.dictionaries), "stream");
    const table = pw.Table.fromIPCStream(ipc);
    const batches = table.recordBatches();
    table.free(); // the batches share its buffers; without free the WebAssembly memory only grows
    for (const b of batches) this.controller.enqueue(b);
    this.rowsWritten += n;
    this.sent++;
    this.fill = 0;
    if ((this.controller.desiredSize ?? 0) <= 0 && this.failed === null)
      await new Promise<void>((resolve) => {
        this.room = resolve;
      });
    if (this.failed !== null) throw this.failed;
  }

  /** Write the last row group and the footer; resolves when the file is complete on disk. */
  async finish(): Promise<void> {
    if (this.fill > 0 || this.sent === 0) await this.flush();
    this.controller.close();
    await this.done;
  }

  /** Stop without completing the file (the caller removes it). */
  async abort(): Promise<void> {
    try {
      this.controller.error(new Error("sweep stopped"));
    } catch {
      // already closed
    }
    await this.done.catch(() => undefined);
  }
}
