/**
 * The exponential integral E1(x) = integral from x to infinity of e^-u / u du, x > 0: the tail
 * of the Zipf distinct-pages formula (`working-set.ts`). Hand-written because none of the
 * project's libraries (simple-statistics included) has it, and it sits in the kernel's hot loop.
 *
 * Method (Press et al., Numerical Recipes, 3rd ed., section 6.3, `expint` with n = 1):
 * x <= 1: the power series E1(x) = -gamma - ln x - sum_{k>=1} (-x)^k / (k k!);
 * x > 1: the continued fraction evaluated by the modified Lentz method.
 * Relative accuracy ~1e-15 (tested against tabulated values, Abramowitz & Stegun table 5.1).
 */
const EULER_GAMMA = 0.5772156649015329;
const EPS = 1e-16;
const MAX_TERMS = 200;

export function expIntegralE1(x: number): number {
  if (x <= 0) return Infinity;
  if (x > 700) return 0;
  if (x <= 1) {
    let sum = 0;
    let term = 1;
    for (let k = 1; k <= MAX_TERMS; k++) {
      term *= -x / k;
      const del = -term / k;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * EPS) break;
    }
    return -EULER_GAMMA - Math.log(x) + sum;
  }
  let b = x + 1;
  let c = 1 / 1e-300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i <= MAX_TERMS; i++) {
    const an = -i * i;
    b += 2;
    d = 1 / (an * d + b);
    c = b + an / c;
    const del = c * d;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h * Math.exp(-x);
}
