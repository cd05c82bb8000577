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

/**
 * The most UTF-8 bytes one row can take: per cell the longest label, or 24 characters for a number
 * (the longest shortest-round-trip double, e.g. `-2.2250738585072014e-308`), plus separators, JSON
 * keys and braces. Sizes the shared text buffers of a batch.
 */
export function maxRowBytes(format: TextFormat, columns: readonly ColumnSpec[]): number {
  const utf8 = (t: string): number => new TextEncoder().encode(t).length;
  let n = format === "csv" ? 1 : 3;
  for (const c of columns) {
    const cell =
      c.type === "enum"
        ? Math.max(
            4,
            ...(c.labels ?? []).map((l) => utf8(format === "csv" ? csvField(l) : JSON.stringify(l))),
          )
        : 24;
    n += cell + 1 + (format === "ndjson" ? utf8(JSON.stringify(c.name)) + 1 : 0);
  }
  return n;
}

const encoder = new TextEncoder();

/**
 * Encode rows [0, rows) of `data` (one Float64Array per column) as CSV lines or NDJSON objects
 * into `target` from byte 0; returns the bytes written. `target` must hold rows x maxRowBytes.
 */
export function encodeRowsInto(
  format: TextFormat,
  columns: readonly ColumnSpec[],
  data: readonly Float64Array[],
  rows: number,
  target: Uint8Array,
): number {
  const cells = columns.map(format === "csv" ? csvCell : jsonCell);
  const open = format === "csv" ? "" : "{";
  const close = format === "csv" ? "\n" : "}\n";
  const n = cells.length;
  let off = 0;
  for (let r = 0; r < rows; r++) {
    let line = open;
    for (let c = 0; c < n; c++) {
      if (c > 0) line += ",";
      line += (cells[c] as Cell)((data[c] as Float64Array)[r] as number);
    }
    line += close;
    const res = encoder.encodeInto(line, target.subarray(off));
    if (res.read !== line.length) throw new Error(`row ${r} does not fit the ${format} buffer`);
    off += res.written;
  }
  return off;
}

/** Encode rows as one string (small tables and tests). */
export function encodeRows(
  format: TextFormat,
  columns: readonly ColumnSpec[],
  data: readonly Float64Array[],
  rows: number,
): string {
  const buf = new Uint8Array(Math.max(1, rows * maxRowBytes(format, columns)));
  return new TextDecoder().decode(buf.subarray(0, encodeRowsInto(format, columns, data, rows, buf)));
}
