import type { ColumnChunk, ColumnMetaData, Encoding, RowGroup } from "hyparquet";
import { FileAppender } from "../file-appender.js";
import type { ColumnSpec } from "../types.js";
import { serializeFileMetaData, serializeRowGroup } from "./footer.js";
import type { EncodedRowGroup } from "./row-group.js";
import { physicalType, schemaElements } from "./schema.js";

/**
 * A Parquet file assembled from encoded row groups ({@link RowGroupEncoder}), in the order they
 * are added. Layout (apache/parquet-format, README "File Format"): `PAR1`, the column chunks of
 * every row group, the footer (`FileMetaData` in the Thrift compact protocol, see footer.ts), its
 * 4-byte little-endian length, `PAR1`.
 *
 * The row groups' bytes are written as they come; only their metadata is kept for the footer,
 * already serialised (~1.7 KB a row group of 32 columns, {@link serializeRowGroup}), so memory
 * barely grows with the file and `finish` has only the rest of the footer to write: serialising
 * a 10 M sweep's 153 row groups at the end took 70-250 ms of the run's last, one-thread moments
 * (its code still cold), now spread over the run. Bytes go out through a {@link FileAppender}
 * (write calls of at most 64 KiB: the page cache's copy costs less). The file is the same
 * whoever encoded the row groups, so a sweep writes identical files with any worker count.
 */
export class ParquetFileWriter {
  private readonly file: FileAppender;
  private readonly rowGroups: Uint8Array[] = [];
  private numRows = 0;

  /** Opens (truncates) `path` and writes the leading magic; `metadata` goes into the footer's key-value metadata. */
  constructor(
    path: string,
    private readonly columns: readonly ColumnSpec[],
    private readonly metadata: Readonly<Record<string, string>> = {},
  ) {
    this.file = new FileAppender(path);
    this.file.append(MAGIC);
  }

  /** Rows written so far. */
  get rows(): number {
    return this.numRows;
  }

  /** Append one row group. */
  add(g: EncodedRowGroup): void {
    if (g.chunks.length !== this.columns.length)
      throw new Error(
        `ParquetFileWriter: a row group of ${g.chunks.length} columns, ${this.columns.length} expected`,
      );
    const base = this.file.position;
    this.file.append(g.bytes);
    const at = (relative: number): bigint => BigInt(base + relative);
    const columns = g.chunks.map((k, c): ColumnChunk => {
      const spec = this.columns[c] as ColumnSpec;
      const dictionary = k.dictionaryPageOffset >= 0;
      const encodings: Encoding[] = dictionary
        ? ["PLAIN", "RLE", "RLE_DICTIONARY"]
        : k.delta
          ? ["RLE", "DELTA_BINARY_PACKED"]
          : ["PLAIN", "RLE"];
      const meta: ColumnMetaData = {
        type: physicalType(spec),
        encodings,
        path_in_schema: [spec.name],
        codec: "UNCOMPRESSED",
        num_values: BigInt(g.rows),
        total_uncompressed_size: BigInt(k.size),
        total_compressed_size: BigInt(k.size),
        data_page_offset: at(k.dataPageOffset),
        ...(dictionary ? { dictionary_page_offset: at(k.dictionaryPageOffset) } : {}),
        statistics: { null_count: BigInt(k.nulls) },
      };
      // file_offset is deprecated; writers (arrow-rs among them) put 0.
      return { file_offset: 0n, meta_data: meta };
    });
    const group: RowGroup = {
      columns,
      total_byte_size: BigInt(g.bytes.length),
      num_rows: BigInt(g.rows),
      file_offset: BigInt(base),
      total_compressed_size: BigInt(g.bytes.length),
    };
    this.rowGroups.push(serializeRowGroup(group));
    this.numRows += g.rows;
  }

  /** Write the footer and close the file. */
  finish(): void {
    const footer = serializeFileMetaData({
      version: 1,
      schema: schemaElements(this.columns),
      num_rows: BigInt(this.numRows),
      row_groups: this.rowGroups,
      created_by: "vmotion-sim",
      ...(Object.keys(this.metadata).length > 0
        ? { key_value_metadata: Object.entries(this.metadata).map(([key, value]) => ({ key, value })) }
        : {}),
      column_orders: this.columns.map(() => "type-defined"),
    });
    const tail = new Uint8Array(8);
    new DataView(tail.buffer).setUint32(0, footer.length, true);
    tail.set(MAGIC, 4);
    this.file.append(footer);
    this.file.append(tail);
    this.close();
  }

  /** Close without a footer (the caller removes the file). */
  close(): void {
    this.file.close();
  }
}

const MAGIC = new Uint8Array([0x50, 0x41, 0x52, 0x31]); // "PAR1"
