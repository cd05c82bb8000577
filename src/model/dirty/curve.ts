import type { CurveDirty } from "../types.js";

/**
 * A measured dirty curve: pairs (interval t_k, distinct bytes dirtied in t_k), as produced by
 * QEMU's calc-dirty-rate sampling (model.md section 2, Gudkov 2023) or by sampling a guest.
 *
 * Interpolation is monotone piecewise cubic Hermite (Fritsch & Carlson 1980, "Monotone
 * piecewise cubic interpolation", SIAM J. Numer. Anal. 17(2)), through the origin (0, 0), so
 * the interpolant never decreases and never overshoots the data. Beyond the last point the
 * curve continues at the average slope of its last segment (the best local estimate of the
 * steady dirtying rate); the kernel caps the result at memory.
 *
 * Example: one point (1 s, 100 MB) is the line U(t) = 1e8 t, i.e. a constant 100 MB/s.
 */
export function makeCurve(intervalsSec: readonly number[], dirtiedBytes: readonly number[]): CurveDirty {
  const n = intervalsSec.length + 1;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    x[i] = intervalsSec[i - 1] as number;
    y[i] = dirtiedBytes[i - 1] as number;
  }
  const slopes = new Float64Array(n);
  const delta = new Float64Array(n - 1);
  for (let i = 0; i < n - 1; i++)
    delta[i] = ((y[i + 1] as number) - (y[i] as number)) / ((x[i + 1] as number) - (x[i] as number));
  slopes[0] = delta[0] as number;
  slopes[n - 1] = delta[n - 2] as number;
  for (let i = 1; i < n - 1; i++) {
    const d0 = delta[i - 1] as number;
    const d1 = delta[i] as number;
    // Fritsch-Carlson: zero slope at a local extremum or flat segment, else the weighted
    // harmonic mean of the neighbouring secants, which keeps each segment monotone.
    if (d0 <= 0 || d1 <= 0) slopes[i] = 0;
    else {
      const h0 = (x[i] as number) - (x[i - 1] as number);
      const h1 = (x[i + 1] as number) - (x[i] as number);
      const w1 = 2 * h1 + h0;
      const w2 = h1 + 2 * h0;
      slopes[i] = (w1 + w2) / (w1 / d0 + w2 / d1);
    }
  }
  // End slopes: clamp to 3x the secant so the end segments stay monotone (Fritsch-Carlson step 5).
  for (const i of [0, n - 1]) {
    const d = delta[i === 0 ? 0 : n - 2] as number;
    const m = slopes[i] as number;
    if (d <= 0) slopes[i] = 0;
    else if (m > 3 * d) slopes[i] = 3 * d;
  }
  return { kind: "curve", intervalsSec: x, dirtiedBytes: y, slopes };
}

/** Distinct bytes dirtied in t seconds of guest time on the curve (uncapped). */
export function curveDirtied(c: CurveDirty, t: number): number {
  const x = c.intervalsSec;
  const y = c.dirtiedBytes;
  const m = c.slopes;
  const last = x.length - 1;
  if (t <= 0) return 0;
  const xl = x[last] as number;
  if (t >= xl) {
    const secant = ((y[last] as number) - (y[last - 1] as number)) / (xl - (x[last - 1] as number));
    return (y[last] as number) + secant * (t - xl);
  }
  // Binary search for the segment [x[lo], x[lo+1]] holding t.
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((x[mid] as number) <= t) lo = mid;
    else hi = mid;
  }
  const x0 = x[lo] as number;
  const h = (x[lo + 1] as number) - x0;
  const s = (t - x0) / h;
  const s2 = s * s;
  const s3 = s2 * s;
  // Cubic Hermite basis functions.
  return (
    (2 * s3 - 3 * s2 + 1) * (y[lo] as number) +
    (s3 - 2 * s2 + s) * h * (m[lo] as number) +
    (-2 * s3 + 3 * s2) * (y[lo + 1] as number) +
    (s3 - s2) * h * (m[lo + 1] as number)
  );
}

/** The curve's initial slope: the guest's raw write rate in bytes/s as t -> 0. */
export function curveInitialRate(c: CurveDirty): number {
  return c.slopes[0] as number;
}
