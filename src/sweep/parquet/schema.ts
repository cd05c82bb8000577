import type { ParquetType, SchemaElement } from "hyparquet";
import type { ColumnSpec } from "../types.js";

/**
 * How a sweep column is stored in Parquet (every column is OPTIONAL: NaN, "does not apply", is
 * null):
 * - `f64` -> DOUBLE;
 * - `int` -> INT64 for `index`, `point` and `sample` (sweeps can pass 2^31 rows), INT32 otherwise;
 * - `enum` -> BYTE_ARRAY annotated STRING (UTF8): the labels, so DuckDB, pandas and Arrow read
 *   words, always dictionary-encoded over the column's label list.
 */
export const INT64_COLUMNS: ReadonlySet<string> = new Set(["index", "point", "sample"]);

export function physicalType(c: ColumnSpec): ParquetType {
  if (c.type === "enum") return "BYTE_ARRAY";
  if (c.type === "int") return INT64_COLUMNS.has(c.name) ? "INT64" : "INT32";
  return "DOUBLE";
}

/** The file schema: a root group named `schema`, then one leaf per column. */
export function schemaElements(columns: readonly ColumnSpec[]): SchemaElement[] {
  return [
    { name: "schema", num_children: columns.length },
    ...columns.map((c): SchemaElement =>
      c.type === "enum"
        ? {
            name: c.name,
            type: "BYTE_ARRAY",
            repetition_type: "OPTIONAL",
            converted_type: "UTF8",
            logical_type: { type: "STRING" },
          }
        : { name: c.name, type: physicalType(c), repetition_type: "OPTIONAL" },
    ),
  ];
}
