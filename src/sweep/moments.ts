/**
 * simple-statistics' `mean(x)` (7.x), the same double: its `sum` (Neumaier's compensated sum,
 * summed from x[0] in index order, then the correction added), divided by x.length. Written out for
 * a Float64Array so that the sweep summary computes it once per group rather than in `mean` and
 * again inside `standardDeviation`; `test/sweep/moments.test.ts` holds it equal to simple-statistics
 * at tolerance 0. `x` has at least one value.
 *
 * @example meanOf(Float64Array.of(1, 2, 4)) // 2.3333333333333335, as simple-statistics' mean
 */
export function meanOf(x: Float64Array): number {
  const n = x.length;
  let sum = x[0] as number;
  let correction = 0;
  for (let i = 1; i < n; i++) {
    const v = x[i] as number;
    const transition = sum + v;
    // Neumaier: the larger operand's low bits survive in the transition, the smaller's are lost.
    if (Math.abs(sum) >= Math.abs(v)) correction += sum - transition + v;
    else correction += v - transition + sum;
    sum = transition;
  }
  return (sum + correction) / n;
}

/**
 * simple-statistics' `standardDeviation(x)` (population, 7.x), the same double, given `mean`, the
 * value of {@link meanOf}(x): 0 for one value, else the square root of the plain sum (index order)
 * of squared deviations from the mean, divided by x.length (its `variance` and
 * `sumNthPowerDeviations(x, 2)`). `x` has at least one value.
 *
 * @example populationStdevOf(Float64Array.of(1, 2, 4), meanOf(Float64Array.of(1, 2, 4))) // 1.247219128924647
 */
export function populationStdevOf(x: Float64Array, mean: number): number {
  const n = x.length;
  if (n === 1) return 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const d = (x[i] as number) - mean;
    sum += d * d;
  }
  return Math.sqrt(sum / n);
}
