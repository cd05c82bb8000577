import { closeSync, openSync, writeSync } from "node:fs";
import { parquetMetadata, type ColumnChunk, type RowGroup } from "hyparquet";
import { deserializeTCompactProtocol } from "hyparquet/src/thrift.js";
import { serializeFileMetaData, type ColumnOrder, type FooterInput } from "./parquet-footer.js";

/**
 * Joins complete Parquet files, each holding whole row groups of one table (what the sweep
 * workers encode, see `encodeRowGroup`), into one Parquet file, in the order they are added.
 *
 * Layout (Parquet format, "File Format"): `PAR1`, the column chunks, the footer (`FileMetaData`,
 * Thrift compact protocol), its 4-byte little-endian length, `PAR1`. From each part the bytes of
 * its column chunks are copied as they are (from the first chunk's first page — the dictionary
 * page if there is one, else the first data page — to the end of the last chunk; the chunks must
 * be contiguous) and its row group metadata kept with every absolute offset shifted to the new
 * position (data, dictionary and index page offsets, the chunk's and the row group's
 * `file_offset`). Page indexes and bloom filters lie outside that range and are not copied, so
 * their offsets are dropped.
 *
 * The footer takes the schema, key/value metadata (with Arrow's `ARROW:schema`), created-by and
 * column orders of the first part; the parts must share one schema (they do when one writer with
 * one set of properties encoded them). Pages themselves hold no absolute offsets, so the copied
 * bytes are valid as they are.
 */
export class ParquetStitcher {
  private readonly fd: number;
  private position = 0;
  private readonly rowGroups: RowGroup[] = [];
  private numRows = 0n;
  private head: Omit<FooterInput, "num_rows" | "row_groups"> | null = null;
  private open = true;

  /** Opens (truncates) `path` and writes the leading magic. */
  constructor(path: string) {
    this.fd = openSync(path, "w");
    this.write(MAGIC);
  }

  /** Rows written so far. */
  get rows(): number {
    return Number(this.numRows);
  }

  private write(bytes: Uint8Array): void {
    let done = 0;
    while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done, null);
    this.position += bytes.length;
  }

  /** Append the row groups of the complete Parquet file `part`. */
  add(part: Uint8Array): void {
    const ab =
      part.byteOffset === 0 && part.byteLength === part.buffer.byteLength
        ? (part.buffer as ArrayBuffer)
        : (part.slice().buffer as ArrayBuffer);
    const meta = parquetMetadata(ab);
    if (this.head === null) {
      this.head = {
        version: meta.version,
        schema: meta.schema,
        key_value_metadata: meta.key_value_metadata,
        created_by: meta.created_by,
        column_orders: columnOrders(ab, meta.metadata_length),
      };
    }
    for (const g of meta.row_groups) {
      const { start, end } = chunkRange(g);
      const shift = BigInt(this.position - start);
      this.write(part.subarray(start, end));
      this.rowGroups.push(shiftRowGroup(g, shift));
      this.numRows += g.num_rows;
    }
  }

  /**
   * Write the footer and close the file. With no part added, `empty` (a file of the same schema,
   * possibly without row groups) supplies the schema.
   */
  finish(empty?: () => Uint8Array): void {
    if (this.head === null && empty !== undefined) this.add(empty());
    const head = this.head;
    if (head === null) throw new Error("ParquetStitcher: no part to take the schema from");
    const footer = serializeFileMetaData({ ...head, num_rows: this.numRows, row_groups: this.rowGroups });
    const tail = new Uint8Array(8);
    new DataView(tail.buffer).setUint32(0, footer.length, true);
    tail.set(MAGIC, 4);
    this.write(footer);
    this.write(tail);
    this.close();
  }

  /** Close without a footer (the caller removes the file). */
  close(): void {
    if (this.open) closeSync(this.fd);
    this.open = false;
  }
}

const MAGIC = new Uint8Array([0x50, 0x41, 0x52, 0x31]); // "PAR1"

/** The first page offset of a column chunk: its dictionary page if any, else its first data page. */
function chunkStart(c: ColumnChunk): number {
  const m = c.meta_data;
  if (m === undefined) throw new Error("ParquetStitcher: a column chunk has no metadata");
  const d = m.dictionary_page_offset;
  return Number(d !== undefined && d > 0n ? d : m.data_page_offset);
}

/** The byte range [start, end) of a row group's column chunks, checked to be contiguous. */
export function chunkRange(g: RowGroup): { start: number; end: number } {
  let start = -1;
  let end = -1;
  for (const c of g.columns) {
    const s = chunkStart(c);
    const e = s + Number(c.meta_data?.total_compressed_size ?? 0n);
    if (start < 0) start = s;
    else if (s !== end)
      throw new Error(
        `ParquetStitcher: column chunks are not contiguous (one ends at ${end}, the next starts at ${s})`,
      );
    end = e;
  }
  if (start < 0) throw new Error("ParquetStitcher: a row group has no columns");
  return { start, end };
}

const shifted = (x: bigint | undefined, shift: bigint): bigint | undefined =>
  x === undefined ? undefined : x + shift;

/** `g` with every absolute offset moved by `shift` bytes and page-index/bloom-filter references dropped. */
function shiftRowGroup(g: RowGroup, shift: bigint): RowGroup {
  return {
    ...g,
    file_offset: g.file_offset !== undefined && g.file_offset > 0n ? g.file_offset + shift : g.file_offset,
    columns: g.columns.map((c) => {
      const m = c.meta_data;
      const out: ColumnChunk = {
        file_path: c.file_path,
        // 0 (arrow-rs writes 0: the field is deprecated) stays 0.
        file_offset: c.file_offset > 0n ? c.file_offset + shift : c.file_offset,
        meta_data:
          m === undefined
            ? undefined
            : {
                ...m,
                data_page_offset: m.data_page_offset + shift,
                dictionary_page_offset: shifted(m.dictionary_page_offset, shift),
                index_page_offset: shifted(m.index_page_offset, shift),
                bloom_filter_offset: undefined,
                bloom_filter_length: undefined,
              },
      };
      return out;
    }),
  };
}

/** FileMetaData field 7 (column_orders), which hyparquet's parquetMetadata does not return. */
function columnOrders(file: ArrayBuffer, metadataLength: number): ColumnOrder[] | undefined {
  const view = new DataView(file);
  const raw = deserializeTCompactProtocol({ view, offset: file.byteLength - 8 - metadataLength }) as {
    field_7?: readonly { field_1?: unknown }[];
  };
  return raw.field_7?.map((o) => {
    if (o.field_1 === undefined) throw new Error("ParquetStitcher: unknown column order");
    return "type-defined";
  });
}
