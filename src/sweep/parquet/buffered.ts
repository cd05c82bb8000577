import type { ColumnSpec } from "../types.js";
import { ParquetFileWriter } from "./file.js";
import { RowGroupEncoder } from "./row-group.js";

/**
 * Rows of any count in, Parquet row groups of `rowGroupRows` out, encoded in this thread: for
 * tables whose rows per batch vary (sweep traces), where workers cannot own whole row groups.
 * Memory is one row group of columns.
 */
export class BufferedParquetWriter {
  private readonly file: ParquetFileWriter;
  private readonly encoder: RowGroupEncoder;
  private readonly buf: Float64Array[];
  private fill = 0;

  constructor(
    path: string,
    columns: readonly ColumnSpec[],
    private readonly rowGroupRows: number,
  ) {
    if (!Number.isInteger(rowGroupRows) || rowGroupRows < 1)
      throw new RangeError(`rowGroupRows must be >= 1 (got ${rowGroupRows})`);
    this.file = new ParquetFileWriter(path, columns);
    this.encoder = new RowGroupEncoder(columns);
    this.buf = columns.map(() => new Float64Array(rowGroupRows));
  }

  /** Append rows [0, rows) of `data` (one Float64Array per column). */
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
    this.file.add(this.encoder.encode(this.buf, this.fill));
    this.fill = 0;
  }

  /** Write the last row group and the footer. */
  finish(): void {
    if (this.fill > 0) this.flush();
    this.file.finish();
  }

  /** Close without completing the file (the caller removes it). */
  close(): void {
    this.file.close();
  }
}
