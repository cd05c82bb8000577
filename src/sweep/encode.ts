import { csvCell } from "../files/csv-cell.js";
import type { ColumnSpec } from "./types.js";

/**
 * Text encodings of a column batch. Numbers are written with JavaScript's shortest round-trip
 * form (`String(x)`), so the text is the same on every thread and platform and parses back to
 * the same double; a missing value (NaN) is an empty CSV field or a JSON null.
 */
export type TextFormat = "csv" | "ndjson";

/** Text cells (labels, column names) are neutralised against spreadsheet formulas (`csv-cell.ts`). */
const csvField = csvCell;

/** The CSV header line. */
export function csvHeader(columns: readonly ColumnSpec[]): string {
  return `${columns.map((c) => csvField(c.name)).join(",")}\n`;
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

interface ByteCell {
  /** NDJSON `"name":` (empty for CSV). */
  readonly prefix: Uint8Array;
  /** UTF-8 of each enum label (CSV-quoted or JSON-quoted); null for numbers. */
  readonly labels: readonly Uint8Array[] | null;
}

const NULL = encoder.encode("null");
const EMPTY = new Uint8Array(0);

function byteCells(format: TextFormat, columns: readonly ColumnSpec[]): ByteCell[] {
  return columns.map((c) => ({
    prefix: format === "csv" ? EMPTY : encoder.encode(`${JSON.stringify(c.name)}:`),
    labels:
      c.type === "enum"
        ? (c.labels ?? []).map((l) => encoder.encode(format === "csv" ? csvField(l) : JSON.stringify(l)))
        : null,
  }));
}

function put(bytes: Uint8Array, target: Uint8Array, off: number): number {
  for (let i = 0; i < bytes.length; i++) target[off + i] = bytes[i] as number;
  return off + bytes.length;
}

/** Write a whole number 0 <= x < 2^53 as ASCII digits at `off`; returns the new offset. */
function putWhole(x: number, target: Uint8Array, off: number): number {
  let digits = 1;
  for (let p = 10; p <= x; p *= 10) digits++;
  let rest = x;
  for (let i = digits - 1; i >= 0; i--) {
    const q = Math.floor(rest / 10);
    target[off + i] = 0x30 + (rest - q * 10);
    rest = q;
  }
  return off + digits;
}

/**
 * Encode rows [0, rows) of `data` (one Float64Array per column) as CSV lines or NDJSON objects
 * into `target` from byte 0; returns the bytes written. `target` must hold rows x maxRowBytes.
 * Labels and keys are pre-encoded; whole numbers from 0 to 2^53 are written digit by digit (the
 * same text as `String(x)`); other numbers use `String(x)`, cached per column while the value
 * repeats (axis and scenario columns change rarely from row to row), so no line strings are built.
 */
export function encodeRowsInto(
  format: TextFormat,
  columns: readonly ColumnSpec[],
  data: readonly Float64Array[],
  rows: number,
  target: Uint8Array,
): number {
  const cells = byteCells(format, columns);
  const csv = format === "csv";
  const n = cells.length;
  const limit = target.length;
  const lastValue = new Float64Array(n).fill(NaN);
  const lastText: string[] = columns.map(() => "");
  let off = 0;
  for (let r = 0; r < rows; r++) {
    if (!csv) target[off++] = 0x7b; // {
    for (let c = 0; c < n; c++) {
      if (c > 0) target[off++] = 0x2c; // ,
      const cell = cells[c] as ByteCell;
      if (!csv) off = put(cell.prefix, target, off);
      const x = (data[c] as Float64Array)[r] as number;
      if (cell.labels !== null) {
        const l = x !== x ? undefined : cell.labels[x];
        if (l !== undefined) off = put(l, target, off);
        else if (!csv) off = put(NULL, target, off);
      } else if (x !== x || x === Infinity || x === -Infinity) {
        if (!csv) off = put(NULL, target, off);
        else if (x === x) off = putText(String(x), target, off);
      } else if (x >= 0 && x <= Number.MAX_SAFE_INTEGER && Math.floor(x) === x && !Object.is(x, -0)) {
        off = putWhole(x, target, off);
      } else {
        let str: string;
        if (x === lastValue[c] && !Object.is(x, -0)) str = lastText[c] as string;
        else {
          str = String(x);
          lastValue[c] = x;
          lastText[c] = str;
        }
        off = putText(str, target, off);
      }
    }
    if (!csv) target[off++] = 0x7d; // }
    target[off++] = 0x0a; // newline
    if (off > limit) throw new Error(`row ${r} does not fit the ${format} buffer`);
  }
  return off;
}

function putText(str: string, target: Uint8Array, off: number): number {
  for (let i = 0; i < str.length; i++) target[off + i] = str.charCodeAt(i);
  return off + str.length;
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
