import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Ran } from "../../../src/sweep/axis-values.js";
import { PartRuns } from "../../../src/sweep/part-runs.js";
import { ColumnFacts, RowGroupEncoder } from "../../../src/sweep/parquet/row-group.js";
import type { ColumnSpec } from "../../../src/sweep/types.js";

const COLUMNS: ColumnSpec[] = [
  { name: "index", type: "int" },
  { name: "d", type: "f64" },
  { name: "i", type: "int" },
  { name: "e", type: "enum", labels: ["a", "b", "c"] },
  { name: "z", type: "f64" },
];

/** The facts of column `col` by a plain scan: nulls, first non-null, all non-null of its bits. */
function scanned(facts: ColumnFacts, c: number, col: Float64Array): void {
  const values = [...col].filter((x) => !Number.isNaN(x));
  facts.nulls[c] = col.length - values.length;
  facts.first[c] = values[0] ?? NaN;
  facts.same[c] = values.every((x) => Object.is(x, values[0])) ? 1 : 0;
}

/** Runs of values: each run a value (NaN for null) and a length. */
const runsOf = (values: readonly number[]) =>
  fc.array(fc.record({ value: fc.constantFrom(...values), length: fc.integer({ min: 1, max: 30 }) }), {
    minLength: 1,
    maxLength: 12,
  });

const expand = (runs: readonly { value: number; length: number }[]): number[] =>
  runs.flatMap((r) => Array<number>(r.length).fill(r.value));

describe("RowGroupEncoder(columns).encode(data, rows, into, facts)", () => {
  it("writes the bytes of encode without facts, whatever the columns' runs (nulls, -0, constants)", () => {
    const enc = new RowGroupEncoder(COLUMNS);
    fc.assert(
      fc.property(
        runsOf([NaN, 0, -0, 1.5, 2, 1e300]),
        runsOf([NaN, 3, 7, 8]),
        runsOf([NaN, 0, 1, 2]),
        runsOf([0, -0]),
        fc.integer({ min: 0, max: 2 ** 40 }),
        (d, i, e, z, from) => {
          const cols = [d, i, e, z].map((runs) => expand(runs));
          const n = Math.min(...cols.map((c) => c.length));
          const table = [
            Float64Array.from({ length: n }, (_, r) => from + r),
            ...cols.map((c) => Float64Array.from(c.slice(0, n))),
          ];
          const facts = new ColumnFacts(COLUMNS.length);
          table.forEach((col, c) => scanned(facts, c, col));
          facts.steps[0] = 1;
          const plain = Buffer.from(enc.encode(table, n).bytes);
          const known = enc.encode(table, n, undefined, facts);
          expect(Buffer.from(known.bytes).equals(plain)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("scans a column whose nulls are not known (-1), the other columns' facts used", () => {
    const enc = new RowGroupEncoder(COLUMNS);
    const table = COLUMNS.map((_, c) => Float64Array.from({ length: 50 }, (_, r) => (c === 3 ? r % 3 : r)));
    const facts = new ColumnFacts(COLUMNS.length);
    scanned(facts, 1, table[1] as Float64Array);
    facts.clear();
    scanned(facts, 2, table[2] as Float64Array);
    expect(facts.nulls[1]).toBe(-1);
    expect(Buffer.from(enc.encode(table, 50, undefined, facts).bytes)).toEqual(
      Buffer.from(enc.encode(table, 50).bytes),
    );
  });
});

describe("PartRuns(entries, parts).factsInto(facts) after finish(cols, rows)", () => {
  it("holds each run column's nulls, first non-null value and sameness, as a scan finds them", () => {
    const ran: Ran = { input: {}, plan: null, scenario: null as never };
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom(NaN, 0, -0, 1, 2), { minLength: 1, maxLength: 40 }), {
          minLength: 2,
          maxLength: 2,
        }),
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        (values, moves) => {
          // Part 0 (column 1) takes its next value where `moves` says; part 1 (column 0) every row.
          const n = Math.min(...values.map((v) => v.length));
          let at = 0;
          let y = 0;
          const runs = new PartRuns(
            [
              { column: 1, part: 0, read: () => (values[0] as number[])[at] as number },
              { column: 0, part: 1, read: () => (values[1] as number[])[y] as number },
            ],
            2,
          );
          const cols = [new Float64Array(n), new Float64Array(n)];
          const keys = new Int32Array([-1, -1]);
          for (let r = 0; r < n; r++) {
            const move = r > 0 && moves[r] === true;
            if (move) at = r;
            y = r;
            runs.row(r, Uint8Array.from([move ? 1 : 0, 1]), ran, keys);
          }
          runs.finish(cols, n);
          const facts = new ColumnFacts(2);
          runs.factsInto(facts);
          const want = new ColumnFacts(2);
          cols.forEach((col, c) => scanned(want, c, col));
          expect([...facts.nulls]).toEqual([...want.nulls]);
          expect([...facts.same]).toEqual([...want.same]);
          expect([...facts.first].map((x) => (Object.is(x, -0) ? "-0" : x))).toEqual(
            [...want.first].map((x) => (Object.is(x, -0) ? "-0" : x)),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
