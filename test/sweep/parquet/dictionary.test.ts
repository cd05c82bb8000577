import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DictionaryFinder } from "../../../src/sweep/parquet/dictionary.js";

/** The dictionary by definition: distinct bit patterns in order of first appearance, NaN skipped. */
function reference(
  col: Float64Array,
  n: number,
  maxEntries: number,
): { values: number[]; indices: number[] } | -1 {
  const bits = new BigInt64Array(col.buffer, col.byteOffset, n);
  const at = new Map<bigint, number>();
  const values: number[] = [];
  const indices: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = col[i] as number;
    if (Number.isNaN(x)) continue;
    const b = bits[i] as bigint;
    let j = at.get(b);
    if (j === undefined) {
      if (values.length === maxEntries) return -1;
      at.set(b, (j = values.length));
      values.push(x);
    }
    indices.push(j);
  }
  return { values, indices };
}

describe("DictionaryFinder(maxEntries).find(col, n)", () => {
  it("lists distinct values in order of first appearance and indexes the non-null ones", () => {
    const d = new DictionaryFinder(8);
    const col = Float64Array.from([5, 5, NaN, 2, 5, 7, NaN, 2]);
    expect(d.find(col, col.length)).toBe(3);
    expect([...d.values.subarray(0, 3)]).toEqual([5, 2, 7]);
    expect([...d.indices.subarray(0, 6)]).toEqual([0, 0, 1, 0, 2, 1]);
  });

  it("equals the dictionary by definition on periodic columns with breaks, runs, nulls and zeros of both signs (property)", () => {
    const d = new DictionaryFinder(64);
    // A column of `n` rows cycling through `cycle` (an RTT axis), with some rows replaced.
    const cell = fc.oneof(
      fc.constantFrom(0, -0, NaN, 1, 2.5),
      fc.double({ noNaN: true, min: -1e6, max: 1e6 }),
    );
    fc.assert(
      fc.property(
        fc.array(cell, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 400 }),
        fc.array(fc.tuple(fc.nat(399), cell), { maxLength: 6 }),
        fc.integer({ min: 1, max: 4 }),
        (cycle, n, breaks, run) => {
          const col = Float64Array.from(
            { length: n },
            (_, i) => cycle[Math.floor(i / run) % cycle.length] as number,
          );
          for (const [at, v] of breaks) if (at < n) col[at] = v;
          const want = reference(col, n, 64);
          const count = d.find(col, n);
          if (want === -1) return expect(count).toBe(-1);
          expect(count).toBe(want.values.length);
          expect([...d.values.subarray(0, count)].map((v) => (Object.is(v, -0) ? "-0" : v))).toEqual(
            want.values.map((v) => (Object.is(v, -0) ? "-0" : v)),
          );
          expect([...d.indices.subarray(0, want.indices.length)]).toEqual(want.indices);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("keeps -0 and 0 apart (values are compared by their bits)", () => {
    const d = new DictionaryFinder(8);
    expect(d.find(Float64Array.from([0, -0, 0]), 3)).toBe(2);
    expect(Object.is(d.values[1], -0)).toBe(true);
  });

  it("gives -1 as soon as there are more than maxEntries distinct values", () => {
    const d = new DictionaryFinder(4);
    expect(d.find(Float64Array.from([1, 2, 3, 4, 5]), 5)).toBe(-1);
    expect(d.find(Float64Array.from([1, 2, 3, 4, 4]), 5)).toBe(4);
  });

  it("finds every one of 1,024 distinct values among 65,536 rows (hash collisions resolved)", () => {
    const d = new DictionaryFinder(1024);
    const col = Float64Array.from({ length: 65536 }, (_, i) => ((i * 7919) % 1024) * 1.5e9);
    expect(d.find(col, col.length)).toBe(1024);
    for (let i = 0; i < col.length; i++)
      if (d.values[d.indices[i] as number] !== col[i]) throw new Error(`row ${i}`);
  });

  it("starts afresh on each column, also after giving up on one", () => {
    const d = new DictionaryFinder(4);
    expect(d.find(Float64Array.from([1, 2, 3]), 3)).toBe(3);
    expect(d.find(Float64Array.from([3, 9, 3]), 3)).toBe(2);
    expect([...d.values.subarray(0, 2)]).toEqual([3, 9]);
    expect(d.find(Float64Array.from([5, 6, 7, 8, 9]), 5)).toBe(-1);
    expect(d.find(Float64Array.from([6, 6]), 2)).toBe(1);
    expect([...d.indices.subarray(0, 2)]).toEqual([0, 0]);
  });

  it("starts afresh on each column also after its slot tags wrap around (2^16 calls at 16,384 entries)", () => {
    const d = new DictionaryFinder(16_384);
    const a = Float64Array.from([1, 2, 1]);
    const b = Float64Array.from([2, 3, 4]);
    for (let call = 0; call < 70_000; call++) {
      const col = call % 2 === 0 ? a : b;
      const count = d.find(col, 3);
      // a: [1, 2] indexed 0, 1, 0; b: [2, 3, 4] indexed 0, 1, 2 (a slot left from an earlier call would add to them).
      if (
        count !== (call % 2 === 0 ? 2 : 3) ||
        d.values[0] !== col[0] ||
        d.indices[2] !== (call % 2 === 0 ? 0 : 2)
      )
        throw new Error(`call ${call}: ${count} entries, values ${[...d.values.subarray(0, 3)].join(", ")}`);
    }
  });

  it.each([
    ["distinct doubles", (i: number) => i * 1.1, -1],
    ["16,384 values, all new first", (i: number) => (i % 16_384) * 0.75, 16_384],
    ["16,385 values, all new first", (i: number) => (i % 16_385) * 0.75, -1],
    ["5,000 new values, then repeats and nulls", (i: number) => (i % 7 === 6 ? NaN : (i % 5000) * 3.5), 5000],
  ])("counts a column whose first rows are all new (%s) exactly, as the table alone", (_, at, want) => {
    const d = new DictionaryFinder(16_384);
    const col = Float64Array.from({ length: 65_536 }, (_, i) => at(i));
    const ref = reference(col, col.length, 16_384);
    expect(ref === -1 ? -1 : ref.values.length).toBe(want);
    expect(d.find(col, col.length)).toBe(want);
    if (ref !== -1)
      for (let i = 0; i < ref.indices.length; i++)
        if (d.indices[i] !== ref.indices[i])
          throw new Error(`index ${i}: ${d.indices[i]} for ${ref.indices[i]}`);
  });

  it("finds after warmUp() what a fresh finder finds", () => {
    const warmed = new DictionaryFinder(16_384);
    warmed.warmUp();
    const cols = [
      Float64Array.from({ length: 5000 }, (_, i) => (i % 9) * 0.5),
      Float64Array.from({ length: 5000 }, (_, i) => (i % 2 === 0 ? 0 : -0)),
      Float64Array.from({ length: 30_000 }, (_, i) => i + 0.25),
    ];
    for (const col of cols) {
      const fresh = new DictionaryFinder(16_384);
      const count = fresh.find(col, col.length);
      expect(warmed.find(col, col.length)).toBe(count);
      if (count > 0) {
        expect([...warmed.values.subarray(0, count)]).toEqual([...fresh.values.subarray(0, count)]);
        expect(Buffer.from(warmed.indices.buffer, 0, 4 * col.length)).toEqual(
          Buffer.from(fresh.indices.buffer, 0, 4 * col.length),
        );
      }
    }
  });

  it("reads a column that is a view into a larger buffer at its own offset", () => {
    const buf = Float64Array.from([9, 9, 1, 2, 1]);
    const d = new DictionaryFinder(8);
    expect(d.find(buf.subarray(2), 3)).toBe(2);
    expect([...d.values.subarray(0, 2)]).toEqual([1, 2]);
  });
});
