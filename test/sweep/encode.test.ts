import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeRows } from "../../src/sweep/encode.js";
import type { ColumnSpec } from "../../src/sweep/types.js";

const COLS: ColumnSpec[] = [
  { name: "a", type: "f64" },
  { name: "b", type: "int" },
  { name: "e", type: "enum", labels: ["x", "y,z"] },
];

/** The reference encoding: String(x) per number, empty (CSV) or null (NDJSON) for NaN. */
function reference(format: "csv" | "ndjson", a: number[], b: number[], e: number[]): string {
  const num = (x: number): string =>
    format === "csv" ? (Number.isNaN(x) ? "" : String(x)) : Number.isFinite(x) ? String(x) : "null";
  const lab = (x: number): string =>
    Number.isNaN(x)
      ? format === "csv"
        ? ""
        : "null"
      : format === "csv"
        ? ["x", '"y,z"'][x]!
        : JSON.stringify(["x", "y,z"][x]);
  return a
    .map((_, r) =>
      format === "csv"
        ? `${num(a[r]!)},${num(b[r]!)},${lab(e[r]!)}\n`
        : `{"a":${num(a[r]!)},"b":${num(b[r]!)},"e":${lab(e[r]!)}}\n`,
    )
    .join("");
}

describe("encodeRows(format, columns, data, rows)", () => {
  it("writes every double as String(x) writes it, whole numbers and repeats included (CSV and NDJSON)", () => {
    const value = fc.oneof(
      fc.double(),
      fc.integer({ min: 0, max: 1e6 }),
      fc.constantFrom(0, -0, 2 ** 53, 2 ** 53 + 2, 1e21, 9007199254740991, 0.1, NaN, Infinity, -Infinity),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(value, value, fc.constantFrom(0, 1, NaN)), { minLength: 1, maxLength: 30 }),
        (rows) => {
          // Repeat each row's first value in the next row too, to exercise the per-column cache.
          const a = rows.map((r, i) => (i % 2 === 1 ? rows[i - 1]![0] : r[0]));
          const b = rows.map((r) => r[1]);
          const e = rows.map((r) => r[2]);
          const data = [Float64Array.from(a), Float64Array.from(b), Float64Array.from(e)];
          for (const f of ["csv", "ndjson"] as const)
            expect(encodeRows(f, COLS, data, rows.length)).toBe(reference(f, a, b, e));
        },
      ),
      { numRuns: 300 },
    );
  });
});
