import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../src/plan/strategies.js";
import { SORT_CAPACITY, sortDoubles } from "../../src/sweep/sort-doubles.js";

/** Whether `got` holds the same doubles as the built-in sort of `values`, in order (Object.is: -0, NaN). */
function sameAsBuiltin(values: Float64Array, got: Float64Array): boolean {
  const want = Float64Array.from(values).sort();
  if (got.length !== want.length) return false;
  for (let i = 0; i < want.length; i++) if (!Object.is(got[i], want[i])) return false;
  return true;
}

/** `n` values from `draw`, seeded. */
function values(n: number, seed: number, draw: (u: () => number, i: number) => number): Float64Array {
  const u = mulberry32(seed);
  return Float64Array.from({ length: n }, (_, i) => draw(u, i));
}

describe("sortDoubles(values)", () => {
  it("orders any doubles as Float64Array.prototype.sort() does, double for double (tolerance 0: -0 before +0, NaN last)", () => {
    const value = fc.oneof(
      fc.double(),
      fc.double({ min: 0, max: 100, noNaN: true }),
      fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 1, 1 + Number.EPSILON, 5e-324, Number.MAX_VALUE),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 300 }), (list) => {
        const a = Float64Array.from(list);
        expect(sameAsBuiltin(a, sortDoubles(Float64Array.from(a)))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("orders the shapes a sweep's times take as the built-in does: in order, reversed, runs, ties, random, uneven, one outlier", () => {
    const shapes: Record<string, (u: () => number, i: number) => number> = {
      ascending: (_, i) => 1 + i * 0.01,
      descending: (_, i) => 100 - i * 0.01,
      "sawtooth runs": (u, i) => (i % 23) * 0.1 + u() * 0.01,
      "few distinct": (u) => Math.floor(u() * 4) * 0.5,
      uniform: (u) => u() * 100,
      "log-uniform": (u) => Math.exp(u() * 20),
      "one outlier": (u, i) => (i === 7 ? 1e6 : u()),
      "integers with ties": (u) => Math.floor(u() * 10),
    };
    for (const [shape, draw] of Object.entries(shapes))
      for (const n of [2, 3, 31, 100, 1000, SORT_CAPACITY, SORT_CAPACITY + 1])
        for (let seed = 1; seed <= 3; seed++) {
          const a = values(n, seed * 7919 + n, draw);
          const ok = sameAsBuiltin(a, sortDoubles(Float64Array.from(a)));
          expect({ shape, n, seed, ok }).toEqual({ shape, n, seed, ok: true });
        }
  });

  it("orders finite values whose spread overflows to Infinity as the built-in does", () => {
    // greatest - least = Infinity though every value is finite: the scale is then 0 and
    // (v - least) x scale NaN for the greatest value, so every value must land in bucket 0.
    for (const a of [
      Float64Array.of(Number.MAX_VALUE, -Number.MAX_VALUE, 1, 0.5, 3),
      Float64Array.of(1e308, 2, -1e308, 0.25, -3, 1e307),
    ])
      expect(sameAsBuiltin(a, sortDoubles(Float64Array.from(a)))).toBe(true);
  });

  it("returns values already in order themselves, and sorts others into a view valid until the next call", () => {
    const inOrder = Float64Array.of(1, 2, 2, 3);
    expect(sortDoubles(inOrder)).toBe(inOrder);
    const a = Float64Array.of(3, 1, 2);
    const first = Float64Array.from(sortDoubles(a));
    expect(Array.from(first)).toEqual([1, 2, 3]);
    expect(Array.from(sortDoubles(Float64Array.of(9, 8)))).toEqual([8, 9]);
  });
});
