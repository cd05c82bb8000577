import { extent } from "simple-statistics";
/**
 * Cell edges for a heatmap over grid values: each cell spans half-way to its neighbours, measured
 * arithmetically on a linear axis and geometrically on a log axis; the outer cells mirror their
 * inner half-gap, but never below 0 when every value is >= 0 (a rate or a delay cannot be
 * negative). Example: `cellEdges([1, 2, 4], false)` maps 1 -> [0.5, 1.5], 2 -> [1.5, 3],
 * 4 -> [3, 5]; `cellEdges([1, 4], true)` maps 1 -> [0.5, 2] and 4 -> [2, 8].
 */
export function cellEdges(values: readonly number[], log: boolean): Map<number, [number, number]> {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const mid = (a: number, b: number): number => (log ? Math.sqrt(a * b) : (a + b) / 2);
  const mirror = (v: number, edge: number): number => (log ? (v * v) / edge : 2 * v - edge);
  const floor = sorted.every((v) => v >= 0) ? 0 : -Infinity;
  const edges = new Map<number, [number, number]>();
  sorted.forEach((v, i) => {
    const prev = sorted[i - 1];
    const next = sorted[i + 1];
    const hi = next === undefined ? undefined : mid(v, next);
    const lo = prev === undefined ? undefined : mid(prev, v);
    if (lo === undefined && hi === undefined) {
      edges.set(v, log ? [v / 1.5, v * 1.5] : [Math.max(floor, v - 0.5), v + 0.5]);
    } else {
      edges.set(v, [Math.max(floor, lo ?? mirror(v, hi ?? v)), hi ?? mirror(v, lo ?? v)]);
    }
  });
  return edges;
}

/** True when positive values span more than `ratio` (a log axis reads better then). */
export function spansDecades(values: readonly number[], ratio = 20): boolean {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  if (positive.length === 0 || positive.length < values.length) return false;
  const [lo, hi] = extent(positive);
  return hi / lo > ratio;
}
