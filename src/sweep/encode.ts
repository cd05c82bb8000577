import type { ColumnSpec } from "./types.js";

/**
 * Text encodings of a column batch. Numbers are written with JavaScript's shortest round-trip
 * form (`String(x)`), so the text is the same on every thread and platform and parses back to
 * the same double; a missing value (NaN) is an empty CSV field or a JSON null.
 */
export type TextFormat = "csv" | "ndjson";

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The CSV header line. */
export function csvHeader(columns: readonly ColumnSpec[]): string {
  return `${columns.map((c) => csvField(c.name)).join(",")}\n`;
}

type Cell = (x: number) => string;

function csvCell(c: ColumnSpec): Cell {
  if (c.type === "enum") {
    const labels = (c.labels ?? []).map(csvField);
    return (x) => (Number.isNaN(x) ? "" : (labels[x] ?? ""));
  }
  return (x) => (Number.isNaN(x) ? "" : String(x));
}

function jsonCell(c: ColumnSpec): Cell {
  const key = `${JSON.stringify(c.name)}:`;
  if (c.type === "enum") {
    const labels = (c.labels ?? []).map((l) => key + JSON.stringify(l));
    return (x) => (Number.isNaN(x) ? `${key}null` : (labels[x] ?? `${key}null`));
  }
  return (x) => (Number.isFinite(x) ? key + String(x) : `${key}null`);
}

/** Encode rows [0, rows) of `data` (one Float64Array per column) as CSV lines or NDJSON objects. */
export function encodeRows(
  format: TextFormat,
  columns: readonly ColumnSpec[],
  data: readonly Float64Array[],
  rows: number,
): string {
  const cells = columns.map(format === "csv" ? csvCell : jsonCell);
  const sep = format === "csv" ? "," : ",";
  const open = format === "csv" ? "" : "{";
  const close = format === "csv" ? "\n" : "}\n";
  const n = cells.length;
  let out = "";
  for (let r = 0; r < rows; r++) {
    let line = open;
    for (let c = 0; c < n; c++) {
      if (c > 0) line += sep;
      line += (cells[c] as Cell)((data[c] as Float64Array)[r] as number);
    }
    out += line + close;
  }
  return out;
}
