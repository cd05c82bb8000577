import { describe, expect, it } from "vitest";
import { draw, mix32, uniformAt } from "../../src/sweep/index.js";

describe("uniformAt(seed, counter, stream)", () => {
  it("is a pure function of its arguments", () => {
    expect(uniformAt(42, 7, 1)).toBe(uniformAt(42, 7, 1));
    expect(uniformAt(42, 7, 1)).not.toBe(uniformAt(43, 7, 1));
    expect(uniformAt(42, 7, 1)).not.toBe(uniformAt(42, 8, 1));
    expect(uniformAt(42, 7, 1)).not.toBe(uniformAt(42, 7, 2));
  });

  it("separates counters above 2^32", () => {
    expect(uniformAt(1, 2 ** 32 + 5, 0)).not.toBe(uniformAt(1, 5, 0));
  });

  it("has the mean 1/2 and variance 1/12 of U(0, 1) over 200000 counters", () => {
    // Tolerance: 5 standard errors; se(mean) = sqrt(1/12 / n) = 6.5e-4, se(var) ~ sqrt(1/180 / n) = 1.7e-4.
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    for (let k = 0; k < n; k++) {
      const u = uniformAt(2024, k, 3);
      expect(u > 0 && u < 1).toBe(true);
      s += u;
      s2 += u * u;
    }
    const mean = s / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * 6.5e-4);
    expect(Math.abs(s2 / n - mean * mean - 1 / 12)).toBeLessThan(5 * 1.7e-4);
  });

  it("mix32 is the lowbias32 hash (mix32(0) = 0, mix32(1) from the reference)", () => {
    expect(mix32(0)).toBe(0);
    // lowbias32(1): 1 ^ 0 = 1; *0x7feb352d = 0x7feb352d; ^>>15 = 0x7feb352d ^ 0xffd6 = 0x7feacafb;
    // *0x846ca68b mod 2^32 and the last xor-shift, evaluated once with BigInt below.
    let x = 1n;
    x ^= x >> 16n;
    x = (x * 0x7feb352dn) & 0xffffffffn;
    x ^= x >> 15n;
    x = (x * 0x846ca68bn) & 0xffffffffn;
    x ^= x >> 16n;
    expect(mix32(1)).toBe(Number(x));
  });
});

describe("draw(distribution, u1, u2)", () => {
  it("uniform maps u1 linearly", () => {
    expect(draw({ kind: "uniform", min: 10, max: 20 }, 0.5, 0.3)).toBe(15);
  });

  it("triangular inverts its CDF (F_c = 0.25 for min 0, mode 1, max 4)", () => {
    const d = { kind: "triangular", min: 0, mode: 1, max: 4 } as const;
    expect(draw(d, 0.25, 0.5)).toBeCloseTo(1, 12); // the mode sits at F_c
    expect(draw(d, 0.01, 0.5)).toBeCloseTo(Math.sqrt(0.01 * 4 * 1), 12);
    expect(draw(d, 0.99, 0.5)).toBeCloseTo(4 - Math.sqrt(0.01 * 4 * 3), 12);
  });

  it("normal and lognormal clip to their bounds", () => {
    expect(draw({ kind: "normal", mean: 5, stdev: 1, min: 4.5, max: 5.5 }, 1e-12, 0)).toBe(5.5);
    expect(
      draw({ kind: "lognormal", median: 100, sigma: 0.5, min: 1, max: 1e9 }, Math.exp(-0.5), 0),
    ).toBeCloseTo(100 * Math.exp(0.5), 9); // z = sqrt(-2 ln e^-0.5) cos 0 = 1
  });

  it("normal draws have the asked mean and stdev (Box-Muller, 100000 samples, 5 standard errors)", () => {
    const n = 100_000;
    const d = { kind: "normal", mean: 100, stdev: 10, min: 0, max: 1e9 } as const;
    let s = 0;
    let s2 = 0;
    for (let k = 0; k < n; k++) {
      const x = draw(d, uniformAt(9, k, 0), uniformAt(9, k, 1));
      s += x;
      s2 += x * x;
    }
    const mean = s / n;
    const sd = Math.sqrt(s2 / n - mean * mean);
    expect(Math.abs(mean - 100)).toBeLessThan(5 * (10 / Math.sqrt(n)));
    expect(Math.abs(sd - 10)).toBeLessThan(5 * (10 / Math.sqrt(2 * n)));
  });

  it("empirical picks one of its values", () => {
    const d = { kind: "empirical", values: [3, 5, 8] } as const;
    expect(draw(d, 0.0001, 0)).toBe(3);
    expect(draw(d, 0.5, 0)).toBe(5);
    expect(draw(d, 0.9999, 0)).toBe(8);
  });
});
