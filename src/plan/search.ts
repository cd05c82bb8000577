/**
 * Bracketing search for the edge of a monotone yes/no region: the smallest x where `ok(x)` holds
 * (`goal: "min"`, ok rising with x) or the largest (`goal: "max"`, ok falling with x).
 *
 * Method: a coarse scan over a grid (log-spaced, `gridPerDecade` points per decade, when the
 * range spans decades; linear otherwise; every integer for short integer ranges) finds the first
 * change of answer from the low end, then bisection (geometric mean on a log scale, arithmetic
 * otherwise) narrows that bracket until its ends differ by at most `toleranceRel` relative (or by
 * one for integers). The scan makes the answer robust to a predicate that is only monotone
 * piecewise: it reports the first edge from the bottom of the range, never a point in the middle
 * of a region picked by luck. Cost: at most grid size + log2(1 / toleranceRel) + a few calls.
 *
 * Example: `bracketSearch((x) => x * x >= 2, { lo: 1, hi: 100, goal: "min", scale: "log",
 * toleranceRel: 1e-6 })` returns `{ state: "found", value: 1.41421..., other: 1.41421..., ... }`
 * with value >= sqrt(2) > other and value / other - 1 <= 1e-6.
 */

export type SearchScale = "log" | "linear" | "integer";

export interface SearchSpec {
  /** Lower end of the allowed range (> 0 for a log scale). */
  readonly lo: number;
  /** Upper end of the allowed range. */
  readonly hi: number;
  readonly goal: "min" | "max";
  readonly scale: SearchScale;
  /** Bisection stops when the bracket's ends differ by at most this fraction of the larger. */
  readonly toleranceRel: number;
  /** Scan points per decade on a log scale (default 8), or scan steps on a linear scale (64). */
  readonly gridPerDecade?: number;
}

/**
 * `found`: `value` satisfies ok and `other`, within tolerance of it, does not.
 * `none`: no value in [lo, hi] satisfies ok (judged at the range end that should).
 * `all`: every value scanned satisfies ok; `value` is the range end.
 */
export type SearchResult =
  | { readonly state: "found"; readonly value: number; readonly other: number; readonly evaluations: number }
  | { readonly state: "none"; readonly evaluations: number }
  | { readonly state: "all"; readonly value: number; readonly evaluations: number };

/** The scan grid, ascending, from lo to hi inclusive. */
export function searchGrid(spec: SearchSpec): number[] {
  const { lo, hi, scale } = spec;
  if (hi <= lo) return [lo];
  const grid: number[] = [];
  if (scale === "integer") {
    const a = Math.ceil(lo);
    const b = Math.floor(hi);
    if (b - a <= 64) {
      for (let x = a; x <= b; x++) grid.push(x);
      return grid;
    }
    const steps = Math.ceil(Math.log10(b / Math.max(a, 1)) * (spec.gridPerDecade ?? 8));
    let last = -Infinity;
    for (let k = 0; k <= steps; k++) {
      const x = Math.round(Math.max(a, 1) * (b / Math.max(a, 1)) ** (k / steps));
      if (x > last) grid.push(x);
      last = x;
    }
    return grid;
  }
  if (scale === "log") {
    const steps = Math.max(1, Math.ceil(Math.log10(hi / lo) * (spec.gridPerDecade ?? 8)));
    for (let k = 0; k < steps; k++) grid.push(lo * (hi / lo) ** (k / steps));
    grid.push(hi);
    return grid;
  }
  const steps = spec.gridPerDecade ?? 64;
  for (let k = 0; k < steps; k++) grid.push(lo + ((hi - lo) * k) / steps);
  grid.push(hi);
  return grid;
}

export function bracketSearch(ok: (x: number) => boolean, spec: SearchSpec): SearchResult {
  let evaluations = 0;
  const test = (x: number): boolean => {
    evaluations++;
    return ok(x);
  };
  const grid = searchGrid(spec);
  const want = spec.goal === "min"; // the answer the scan looks for first
  // The range end that must satisfy ok for any answer to exist.
  const anchor = want ? (grid[grid.length - 1] as number) : (grid[0] as number);
  if (!test(anchor)) return { state: "none", evaluations };

  // Scan up from the bottom to the first grid point where ok(x) === want.
  let k = want ? 0 : 1;
  for (; k < grid.length; k++) {
    const x = grid[k] as number;
    if (want && x === anchor) break; // already known to be ok
    if (test(x) === want) break;
  }
  if (want && k === 0) return { state: "all", value: grid[0] as number, evaluations };
  if (!want && k >= grid.length) return { state: "all", value: grid[grid.length - 1] as number, evaluations };

  // Bracket: below = grid[k-1] (ok = !want), above = grid[k] (ok = want).
  let below = grid[k - 1] as number;
  let above = grid[k] as number;
  for (;;) {
    if (spec.scale === "integer") {
      if (above - below <= 1) break;
    } else if (above - below <= spec.toleranceRel * Math.abs(above)) break;
    let mid =
      spec.scale === "log"
        ? Math.sqrt(below * above)
        : spec.scale === "integer"
          ? Math.floor((below + above) / 2)
          : (below + above) / 2;
    if (!(mid > below && mid < above)) mid = (below + above) / 2;
    if (!(mid > below && mid < above)) break; // floating-point resolution reached
    if (test(mid) === want) above = mid;
    else below = mid;
  }
  // min: above is ok, below is not. max: below is ok, above is not.
  return want
    ? { state: "found", value: above, other: below, evaluations }
    : { state: "found", value: below, other: above, evaluations };
}
