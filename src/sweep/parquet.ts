import { ParquetWriter, fileWriter } from "hyparquet-writer";
import type { ColumnSpec } from "./types.js";

/**
 * A Parquet file written row group by row group: rows are buffered (one Float64Array per column,
 * `rowGroupRows` long) and each full buffer becomes one row group; the file writer flushes to disk
 * every ~1 MB. Memory is bounded by one row group (columns x rowGroupRows x 8 bytes, plus its
 * encoding), whatever the number of rows. Row groups fall at fixed row counts, so the file is the
 * same for any worker count.
 *
 * Types: f64 -> DOUBLE, int -> INT64 for index/point/sample and INT32 otherwise, enum -> UTF-8
 * STRING; all OPTIONAL (a missing value is null).
 */
export const DEFAULT_ROW_GROUP_ROWS = 16_384;

const INT64_COLUMNS = new Set(["index", "point", "sample"]);

type Element = {
  name: string;
  type?: string;
  converted_type?: string;
  repetition_type?: string;
  num_children?: number;
};

function schemaOf(columns: readonly ColumnSpec[]): Element[] {
  const root: Element = { name: "root", num_children: columns.length };
  return [
    root,
    ...columns.map((c): Element => {
      if (c.type === "enum")
        return { name: c.name, type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" };
      if (c.type === "int")
        return {
          name: c.name,
          type: INT64_COLUMNS.has(c.name) ? "INT64" : "INT32",
          repetition_type: "OPTIONAL",
        };
      return { name: c.name, type: "DOUBLE", repetition_type: "OPTIONAL" };
    }),
  ];
}

export class ParquetSink {
  private readonly writer: ParquetWriter;
  private readonly buf: Float64Array[];
  private fill = 0;
  rowsWritten = 0;

  constructor(
    path: string,
    private readonly columns: readonly ColumnSpec[],
    private readonly rowGroupRows = DEFAULT_ROW_GROUP_ROWS,
  ) {
    this.writer = new ParquetWriter({
      writer: fileWriter(path),
      schema: schemaOf(columns) as ConstructorParameters<typeof ParquetWriter>[0]["schema"],
      createdBy: "vmotion-sim",
    });
    this.buf = columns.map(() => new Float64Array(rowGroupRows));
  }

  add(data: readonly Float64Array[], rows: number): void {
    let r = 0;
    while (r < rows) {
      const n = Math.min(rows - r, this.rowGroupRows - this.fill);
      for (let c = 0; c < this.buf.length; c++)
        (this.buf[c] as Float64Array).set((data[c] as Float64Array).subarray(r, r + n), this.fill);
      this.fill += n;
      r += n;
      if (this.fill === this.rowGroupRows) this.flush();
    }
  }

  private flush(): void {
    if (this.fill === 0) return;
    const n = this.fill;
    const columnData = this.columns.map((c, i) => {
      const src = (this.buf[i] as Float64Array).subarray(0, n);
      let data: unknown[];
      if (c.type === "enum") {
        const labels = c.labels ?? [];
        data = Array.from(src, (x) => (Number.isNaN(x) ? null : (labels[x] ?? null)));
      } else if (c.type === "int" && INT64_COLUMNS.has(c.name)) {
        data = Array.from(src, (x) => (Number.isNaN(x) ? null : BigInt(x)));
      } else {
        data = Array.from(src, (x) => (Number.isNaN(x) ? null : x));
      }
      return { name: c.name, data };
    });
    void this.writer.write({ columnData, rowGroupSize: n } as Parameters<ParquetWriter["write"]>[0]);
    this.rowsWritten += n;
    this.fill = 0;
  }

  /** Write the last row group and the footer. */
  finish(): void {
    this.flush();
    this.writer.finish();
  }
}
