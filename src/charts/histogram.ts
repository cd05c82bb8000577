import { extent } from "simple-statistics";
/**
 * A "nice" bin step near `span / targetBins`: 1, 2 or 5 times a power of ten (the usual axis
 * tick rule). Example: `niceStep(97, 20)` returns 5 (97 / 20 = 4.85 rounds up to 5).
 */
export function niceStep(span: number, targetBins: number): number {
  if (!(span > 0) || !(targetBins > 0)) return 1;
  const raw = span / targetBins;
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
}

/** One histogram bin [x0, x1) and how many values fell in it (the last bin is closed). */
export interface Bin {
  readonly x0: number;
  readonly x1: number;
  readonly count: number;
}

/**
 * Counts of finite values in bins of a nice step aligned to multiples of the step.
 * Example: `histogram([1, 2, 2, 9], 4)` uses step 2 and returns bins [0,2):1, [2,4):2, [4,6):0,
 * [6,8):0, [8,10):1.
 */
export function histogram(values: readonly number[], targetBins: number): Bin[] {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return [];
  const [min, max] = extent(finite);
  const step = niceStep(max - min, targetBins);
  const start = Math.floor(min / step) * step;
  const n = Math.max(1, Math.floor((max - start) / step) + 1);
  const counts = new Array<number>(n).fill(0);
  for (const v of finite) {
    const i = Math.min(n - 1, Math.floor((v - start) / step));
    counts[i] = (counts[i] ?? 0) + 1;
  }
  // Edges are computed as start + i * step and rounded, so 0.1-steps do not print as 0.30000000000000004.
  const edge = (i: number): number => Number((start + i * step).toPrecision(12));
  return counts.map((count, i) => ({ x0: edge(i), x1: edge(i + 1), count }));
}
