import fc from "fast-check";
import { mean, standardDeviation } from "simple-statistics";
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../src/plan/strategies.js";
import { meanOf, populationStdevOf } from "../../src/sweep/moments.js";

/** meanOf and populationStdevOf against simple-statistics' mean and standardDeviation of `x`: the same doubles (Object.is). */
function sameAsSimpleStatistics(x: Float64Array): boolean {
  const list = Array.from(x);
  const m = meanOf(x);
  return Object.is(m, mean(list)) && Object.is(populationStdevOf(x, m), standardDeviation(list));
}

describe("meanOf(x) and populationStdevOf(x, meanOf(x))", () => {
  it("equal simple-statistics' mean and standardDeviation at tolerance 0 for any doubles", () => {
    fc.assert(
      fc.property(fc.array(fc.double(), { minLength: 1, maxLength: 200 }), (list) => {
        expect(sameAsSimpleStatistics(Float64Array.from(list))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it("equal them at tolerance 0 over 3,000 arrays of times as a sweep's (sorted and not, 1 to 5,000 values, magnitudes 1e-3 to 1e5)", () => {
    const u = mulberry32(18);
    for (let k = 0; k < 3000; k++) {
      const n = 1 + Math.floor(u() ** 3 * 5000);
      const scale = 10 ** (u() * 8 - 3);
      const x = Float64Array.from({ length: n }, () => scale * (1 + u() * (u() < 0.1 ? 1000 : 1)));
      if (k % 2 === 0) x.sort();
      expect({ k, ok: sameAsSimpleStatistics(x) }).toEqual({ k, ok: true });
    }
  });

  it("give 2.3333333333333335 and 1.247219128924647 for [1, 2, 4] (simple-statistics' values)", () => {
    const x = Float64Array.of(1, 2, 4);
    expect(meanOf(x)).toBe(2.3333333333333335);
    expect(populationStdevOf(x, meanOf(x))).toBe(1.247219128924647);
    expect(populationStdevOf(Float64Array.of(5), 5)).toBe(0);
  });
});
