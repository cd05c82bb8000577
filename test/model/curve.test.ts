import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { curveDirtied, makeCurve } from "../../src/model/dirty/curve.js";
import { curveFromSteps } from "./fixtures.js";

describe("makeCurve(intervals, bytes) and curveDirtied(curve, t)", () => {
  it("passes through every measured point and the origin", () => {
    // The memcached curve of model.md section 2, scaled: 1.4 % of 32 GiB in 1 s, 18 % in 60 s.
    const m = 32 * 2 ** 30;
    const c = makeCurve([1, 10, 60], [0.014 * m, 0.08 * m, 0.18 * m]);
    expect(curveDirtied(c, 0)).toBe(0);
    expect(curveDirtied(c, 1)).toBeCloseTo(0.014 * m, 0);
    expect(curveDirtied(c, 10)).toBeCloseTo(0.08 * m, 0);
    expect(curveDirtied(c, 60)).toBeCloseTo(0.18 * m, 0);
  });

  it("continues at the last segment's slope beyond the last point", () => {
    const c = makeCurve([1, 2], [100, 150]);
    expect(curveDirtied(c, 4)).toBeCloseTo(250, 9);
  });

  it("is monotone non-decreasing for any monotone data (Fritsch-Carlson)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: 1e-3, max: 100, noNaN: true }),
            fc.double({ min: 0, max: 1e9, noNaN: true }),
          ),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 2, maxLength: 20 }),
        (steps, probes) => {
          const c = curveFromSteps(steps);
          const u = c.dirtiedBytes[c.dirtiedBytes.length - 1] as number;
          const sorted = [...probes].sort((a, b) => a - b);
          for (let i = 1; i < sorted.length; i++) {
            expect(curveDirtied(c, sorted[i]!)).toBeGreaterThanOrEqual(
              curveDirtied(c, sorted[i - 1]!) - 1e-6 * (1 + u),
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
