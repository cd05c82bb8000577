import type {
  ColumnChunk,
  ColumnMetaData,
  FileMetaData,
  KeyValue,
  LogicalType,
  RowGroup,
  SchemaElement,
} from "hyparquet";
import {
  CompressionCodecs,
  ConvertedTypes,
  Encodings,
  FieldRepetitionTypes,
  PageTypes,
  ParquetTypes,
} from "hyparquet/src/constants.js";
import { CompactWriter, TType, type TTypeId } from "./thrift.js";

/**
 * The Parquet footer (`FileMetaData`) serialised with the Thrift compact protocol
 * ({@link CompactWriter}). The input is metadata as hyparquet's `parquetMetadata`
 * returns it (enums as their names, i64 as bigint); every struct is written field by field with
 * the field ids of the Parquet format's `parquet.thrift` (apache/parquet-format), optional fields
 * only when present.
 *
 * Covered: what an Arrow writer puts in a footer (schema with converted and logical types, row
 * groups, column chunks and their metadata, encoding stats, null/distinct counts and size
 * statistics, key/value metadata, column orders). Not covered, and refused with an Error so a
 * writer change cannot go unnoticed: min/max statistics (hyparquet hands them back decoded),
 * geospatial statistics and encryption.
 */
export type ColumnOrder = "type-defined";

/**
 * What {@link serializeFileMetaData} writes: hyparquet's FileMetaData plus the column orders; a
 * row group may be given as its bytes already ({@link serializeRowGroup}).
 */
export interface FooterInput {
  readonly version: number;
  readonly schema: readonly SchemaElement[];
  readonly num_rows: bigint;
  readonly row_groups: readonly (RowGroup | Uint8Array)[];
  readonly key_value_metadata?: readonly KeyValue[];
  readonly created_by?: string;
  /** ColumnOrder union (parquet.thrift): only TypeDefinedOrder (field 1) exists. */
  readonly column_orders?: readonly ColumnOrder[];
}

const T = TType;
type Protocol = CompactWriter;

function enumId(names: readonly string[], name: string, what: string): number {
  const i = names.indexOf(name);
  if (i < 0) throw new Error(`Parquet footer: unknown ${what} ${name}`);
  return i;
}

/** An i64 field value as a number (every size and offset of a sweep file is below 2^53). */
function i64(x: bigint | number): number {
  const n = Number(x);
  if (!Number.isSafeInteger(n)) throw new Error(`Parquet footer: i64 ${x} is beyond 2^53`);
  return n;
}

function fieldI32(p: Protocol, id: number, v: number | undefined): void {
  if (v === undefined) return;
  p.writeFieldBegin(T.I32, id);
  p.writeI32(v);
  p.writeFieldEnd();
}

function fieldI64(p: Protocol, id: number, v: bigint | number | undefined): void {
  if (v === undefined) return;
  p.writeFieldBegin(T.I64, id);
  p.writeI64(i64(v));
  p.writeFieldEnd();
}

function fieldString(p: Protocol, id: number, v: string | undefined): void {
  if (v === undefined) return;
  p.writeFieldBegin(T.STRING, id);
  p.writeString(v);
  p.writeFieldEnd();
}

function fieldBool(p: Protocol, id: number, v: boolean | undefined): void {
  if (v === undefined) return;
  p.writeFieldBegin(T.BOOL, id);
  p.writeBool(v);
  p.writeFieldEnd();
}

function fieldStruct(p: Protocol, id: number, write: () => void): void {
  p.writeFieldBegin(T.STRUCT, id);
  struct(p, write);
  p.writeFieldEnd();
}

function fieldList<E>(
  p: Protocol,
  id: number,
  type: TTypeId,
  items: readonly E[] | undefined,
  write: (e: E) => void,
): void {
  if (items === undefined) return;
  p.writeFieldBegin(T.LIST, id);
  p.writeListBegin(type, items.length);
  for (const e of items) write(e);
  p.writeListEnd();
  p.writeFieldEnd();
}

function struct(p: Protocol, write: () => void): void {
  p.writeStructBegin();
  write();
  p.writeFieldStop();
  p.writeStructEnd();
}

const empty = (): void => undefined;

/** TimeUnit union: MILLIS 1, MICROS 2, NANOS 3 (each an empty struct). */
function timeUnit(p: Protocol, unit: string): void {
  struct(p, () => fieldStruct(p, ["MILLIS", "MICROS", "NANOS"].indexOf(unit) + 1, empty));
}

/** LogicalType union (parquet.thrift field ids; 9 is unused). */
function logicalType(p: Protocol, t: LogicalType): void {
  const simple: Record<string, number> = {
    STRING: 1,
    MAP: 2,
    LIST: 3,
    ENUM: 4,
    DATE: 6,
    NULL: 11,
    JSON: 12,
    BSON: 13,
    UUID: 14,
    FLOAT16: 15,
  };
  struct(p, () => {
    const id = simple[t.type];
    if (id !== undefined) fieldStruct(p, id, empty);
    else if (t.type === "DECIMAL")
      fieldStruct(p, 5, () => {
        fieldI32(p, 1, t.scale);
        fieldI32(p, 2, t.precision);
      });
    else if (t.type === "TIME" || t.type === "TIMESTAMP")
      fieldStruct(p, t.type === "TIME" ? 7 : 8, () => {
        fieldBool(p, 1, t.isAdjustedToUTC);
        p.writeFieldBegin(T.STRUCT, 2);
        timeUnit(p, t.unit);
        p.writeFieldEnd();
      });
    else if (t.type === "INTEGER")
      fieldStruct(p, 10, () => {
        p.writeFieldBegin(T.BYTE, 1);
        p.writeByte(t.bitWidth);
        p.writeFieldEnd();
        fieldBool(p, 2, t.isSigned);
      });
    else throw new Error(`Parquet footer: logical type ${t.type} is not supported`);
  });
}

function schemaElement(p: Protocol, e: SchemaElement): void {
  struct(p, () => {
    fieldI32(p, 1, e.type === undefined ? undefined : enumId(ParquetTypes, e.type, "type"));
    fieldI32(p, 2, e.type_length);
    fieldI32(
      p,
      3,
      e.repetition_type === undefined
        ? undefined
        : enumId(FieldRepetitionTypes, e.repetition_type, "repetition"),
    );
    fieldString(p, 4, e.name);
    fieldI32(p, 5, e.num_children);
    fieldI32(
      p,
      6,
      e.converted_type === undefined ? undefined : enumId(ConvertedTypes, e.converted_type, "converted type"),
    );
    fieldI32(p, 7, e.scale);
    fieldI32(p, 8, e.precision);
    fieldI32(p, 9, e.field_id);
    const lt = e.logical_type;
    if (lt !== undefined) {
      p.writeFieldBegin(T.STRUCT, 10);
      logicalType(p, lt);
      p.writeFieldEnd();
    }
  });
}

function keyValue(p: Protocol, kv: KeyValue): void {
  struct(p, () => {
    fieldString(p, 1, kv.key);
    fieldString(p, 2, kv.value);
  });
}

function columnMetaData(p: Protocol, m: ColumnMetaData): void {
  if (m.geospatial_statistics !== undefined)
    throw new Error("Parquet footer: geospatial statistics are not supported");
  struct(p, () => {
    fieldI32(p, 1, enumId(ParquetTypes, m.type, "type"));
    fieldList(p, 2, T.I32, m.encodings, (e) => p.writeI32(enumId(Encodings, e, "encoding")));
    fieldList(p, 3, T.STRING, m.path_in_schema, (s) => p.writeString(s));
    fieldI32(p, 4, enumId(CompressionCodecs, m.codec, "codec"));
    fieldI64(p, 5, m.num_values);
    fieldI64(p, 6, m.total_uncompressed_size);
    fieldI64(p, 7, m.total_compressed_size);
    fieldList(p, 8, T.STRUCT, m.key_value_metadata, (kv) => keyValue(p, kv));
    fieldI64(p, 9, m.data_page_offset);
    fieldI64(p, 10, m.index_page_offset);
    fieldI64(p, 11, m.dictionary_page_offset);
    const s = m.statistics;
    if (s !== undefined) {
      if (
        s.min !== undefined ||
        s.max !== undefined ||
        s.min_value !== undefined ||
        s.max_value !== undefined
      )
        throw new Error("Parquet footer: min/max statistics are not supported");
      fieldStruct(p, 12, () => {
        fieldI64(p, 3, s.null_count);
        fieldI64(p, 4, s.distinct_count);
        fieldBool(p, 7, s.is_max_value_exact);
        fieldBool(p, 8, s.is_min_value_exact);
      });
    }
    fieldList(p, 13, T.STRUCT, m.encoding_stats, (es) =>
      struct(p, () => {
        fieldI32(p, 1, enumId(PageTypes, es.page_type, "page type"));
        fieldI32(p, 2, enumId(Encodings, es.encoding, "encoding"));
        fieldI32(p, 3, es.count);
      }),
    );
    fieldI64(p, 14, m.bloom_filter_offset);
    fieldI32(p, 15, m.bloom_filter_length);
    const z = m.size_statistics;
    if (z !== undefined)
      fieldStruct(p, 16, () => {
        fieldI64(p, 1, z.unencoded_byte_array_data_bytes);
        fieldList(p, 2, T.I64, z.repetition_level_histogram, (v) => p.writeI64(i64(v)));
        fieldList(p, 3, T.I64, z.definition_level_histogram, (v) => p.writeI64(i64(v)));
      });
  });
}

function columnChunk(p: Protocol, c: ColumnChunk): void {
  if (c.crypto_metadata !== undefined || c.encrypted_column_metadata !== undefined)
    throw new Error("Parquet footer: encrypted columns are not supported");
  struct(p, () => {
    fieldString(p, 1, c.file_path);
    fieldI64(p, 2, c.file_offset);
    const m = c.meta_data;
    if (m !== undefined) {
      p.writeFieldBegin(T.STRUCT, 3);
      columnMetaData(p, m);
      p.writeFieldEnd();
    }
    fieldI64(p, 4, c.offset_index_offset);
    fieldI32(p, 5, c.offset_index_length);
    fieldI64(p, 6, c.column_index_offset);
    fieldI32(p, 7, c.column_index_length);
  });
}

function rowGroup(p: Protocol, g: RowGroup): void {
  struct(p, () => {
    fieldList(p, 1, T.STRUCT, g.columns, (c) => columnChunk(p, c));
    fieldI64(p, 2, g.total_byte_size);
    fieldI64(p, 3, g.num_rows);
    fieldList(p, 4, T.STRUCT, g.sorting_columns, (s) =>
      struct(p, () => {
        fieldI32(p, 1, s.column_idx);
        fieldBool(p, 2, s.descending);
        fieldBool(p, 3, s.nulls_first);
      }),
    );
    fieldI64(p, 5, g.file_offset);
    fieldI64(p, 6, g.total_compressed_size);
    if (g.ordinal !== undefined) {
      p.writeFieldBegin(T.I16, 7);
      p.writeI16(g.ordinal);
      p.writeFieldEnd();
    }
  });
}

/**
 * The compact-protocol bytes of one row group's struct, as {@link serializeFileMetaData} writes
 * it into the footer's list: a file writer can serialise each row group as it appends it
 * (ParquetFileWriter), so the footer is not all serialised at the end.
 */
export function serializeRowGroup(g: RowGroup): Uint8Array {
  const p = new CompactWriter();
  rowGroup(p, g);
  return p.bytes();
}

/** The compact-protocol bytes of `m` (the footer, without its length and magic). */
export function serializeFileMetaData(m: FooterInput | FileMetaData): Uint8Array {
  const p = new CompactWriter();
  struct(p, () => {
    fieldI32(p, 1, m.version);
    fieldList(p, 2, T.STRUCT, m.schema, (e) => schemaElement(p, e));
    fieldI64(p, 3, m.num_rows);
    fieldList(p, 4, T.STRUCT, m.row_groups, (g: RowGroup | Uint8Array) =>
      g instanceof Uint8Array ? p.writeRaw(g) : rowGroup(p, g),
    );
    fieldList(p, 5, T.STRUCT, m.key_value_metadata, (kv) => keyValue(p, kv));
    fieldString(p, 6, m.created_by);
    const orders = "column_orders" in m ? m.column_orders : undefined;
    fieldList(p, 7, T.STRUCT, orders, () => struct(p, () => fieldStruct(p, 1, empty)));
  });
  return p.bytes();
}
