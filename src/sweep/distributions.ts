/**
 * Monte Carlo distributions over one canonical quantity, drawn by inverse transform (or
 * Box-Muller for the normal) from uniforms in (0, 1). Parameters are canonical numbers; the plan
 * checks them (`checkDistribution`) before anything runs.
 *
 * Unbounded distributions are clipped to a finite support so that the plan can validate both ends
 * through `buildScenario`: normal to [max(0, mean - 8 sd), mean + 8 sd] and lognormal to
 * [median e^(-8 sigma), median e^(8 sigma)] unless `min` / `max` are given. Beyond 8 standard
 * deviations the clipped mass is below 1.3e-15 [derivation: two-sided normal tail at 8 sigma].
 */
export type Distribution =
  | { readonly kind: "uniform"; readonly min: number; readonly max: number }
  | {
      readonly kind: "normal";
      readonly mean: number;
      readonly stdev: number;
      readonly min: number;
      readonly max: number;
    }
  | {
      readonly kind: "lognormal";
      readonly median: number;
      readonly sigma: number;
      readonly min: number;
      readonly max: number;
    }
  | { readonly kind: "triangular"; readonly min: number; readonly mode: number; readonly max: number }
  | { readonly kind: "empirical"; readonly values: readonly number[] };

export type DistributionKind = Distribution["kind"];

export const DISTRIBUTION_KINDS: readonly DistributionKind[] = [
  "uniform",
  "normal",
  "lognormal",
  "triangular",
  "empirical",
];

/** Clip x to [lo, hi]. */
function clip(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/** Standard normal from two uniforms (Box-Muller, cosine branch). */
export function standardNormal(u1: number, u2: number): number {
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * One draw from `d` given two independent uniforms in (0, 1).
 * Triangular inverse CDF: with F_c = (c - a) / (b - a), x = a + sqrt(u (b - a)(c - a)) for u < F_c,
 * else b - sqrt((1 - u)(b - a)(b - c)).
 * Example: `draw({ kind: "uniform", min: 10, max: 20 }, 0.5, 0.3)` returns 15.
 */
export function draw(d: Distribution, u1: number, u2: number): number {
  switch (d.kind) {
    case "uniform":
      return d.min + (d.max - d.min) * u1;
    case "normal":
      return clip(d.mean + d.stdev * standardNormal(u1, u2), d.min, d.max);
    case "lognormal":
      return clip(d.median * Math.exp(d.sigma * standardNormal(u1, u2)), d.min, d.max);
    case "triangular": {
      const { min: a, mode: c, max: b } = d;
      const fc = (c - a) / (b - a);
      return u1 < fc ? a + Math.sqrt(u1 * (b - a) * (c - a)) : b - Math.sqrt((1 - u1) * (b - a) * (b - c));
    }
    case "empirical":
      return d.values[Math.floor(u1 * d.values.length)] as number;
  }
}

/** The smallest and largest value `draw` can return. */
export function supportOf(d: Distribution): [number, number] {
  switch (d.kind) {
    case "uniform":
    case "normal":
    case "lognormal":
    case "triangular":
      return [d.min, d.max];
    case "empirical": {
      let lo = Infinity;
      let hi = -Infinity;
      for (const v of d.values) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      return [lo, hi];
    }
  }
}

/** Default clip bounds of the unbounded distributions (see the module comment). */
export function normalBounds(mean: number, stdev: number): [number, number] {
  return [Math.max(0, mean - 8 * stdev), mean + 8 * stdev];
}

export function lognormalBounds(median: number, sigma: number): [number, number] {
  return [median * Math.exp(-8 * sigma), median * Math.exp(8 * sigma)];
}

/**
 * Why the parameters are impossible, or null when they are fine: the message names the parameter
 * (relative to the distribution) and the constraint.
 */
export function checkDistribution(d: Distribution): { param: string; problem: string } | null {
  switch (d.kind) {
    case "uniform":
      return d.max > d.min ? null : { param: "max", problem: "must be above min" };
    case "normal":
      if (!(d.stdev > 0)) return { param: "stdev", problem: "must be above zero" };
      return d.max > d.min ? null : { param: "max", problem: "must be above min" };
    case "lognormal":
      if (!(d.median > 0)) return { param: "median", problem: "must be above zero" };
      if (!(d.sigma > 0)) return { param: "sigma", problem: "must be above zero" };
      return d.max > d.min ? null : { param: "max", problem: "must be above min" };
    case "triangular":
      if (!(d.max > d.min)) return { param: "max", problem: "must be above min" };
      return d.mode >= d.min && d.mode <= d.max
        ? null
        : { param: "mode", problem: "must lie from min to max" };
    case "empirical":
      return d.values.length > 0 ? null : { param: "values", problem: "must hold at least one value" };
  }
}
