import { switchedOver, type Outcome } from "../../model/types.js";
import {
  SIGNIFICANT_DIGITS,
  formatByteRate,
  formatCount,
  formatDuration,
  formatNumber,
  formatPercent,
  sharedUnit,
} from "../../units/format.js";

/**
 * Small word helpers shared by the finding functions: percentages, outcomes and lists in the
 * report's house style (a space before `%`, binary units for dirty rates, decimal bits for links).
 */

/** `0.0493` -> `"4.9 %"`; `0.083` -> `"8.3 %"`; `0.52` -> `"52 %"` (sign dropped). */
export function pct(fraction: number): string {
  return formatPercent(Math.abs(fraction));
}

/** A dirty rate: `"400 MiB/s"`, `"1.1 GiB/s"`. */
export function rate(bytesPerSec: number): string {
  return formatByteRate(bytesPerSec);
}

/** A duration with three significant digits: `"84.7 s"`, `"3.5 min"`. */
export function time(sec: number): string {
  return formatDuration(sec);
}

/**
 * Two different durations, each as {@link time} writes it unless the two print alike: then both
 * in one unit with as many more significant digits (up to six) as it takes to tell them apart.
 *
 * Example: `timesApart(64.94, 64.9)` returns `["64.94 s", "64.9 s"]` ("64.9 s instead of 64.9 s"
 * was printed for a metro path 40.6 ms slower than same-l2); `timesApart(65, 60)` returns
 * `["65 s", "60 s"]`.
 */
export function timesApart(a: number, b: number): [string, string] {
  const [ta, tb] = [time(a), time(b)];
  if (ta !== tb || a === b) return [ta, tb];
  const unit = sharedUnit("duration", [a, b]);
  for (let sig = SIGNIFICANT_DIGITS + 1; sig <= 6; sig++) {
    const fa = `${formatNumber(a / unit.scale, sig)} ${unit.label}`;
    const fb = `${formatNumber(b / unit.scale, sig)} ${unit.label}`;
    if (fa !== fb) return [fa, fb];
  }
  return [ta, tb];
}

/**
 * A packet-loss probability with two significant digits, trailing zeros dropped: `"0"`, `"1e-5"`,
 * `"7.2e-8"` (paths table, solve answers and their sentences alike; `"1.0e-5"` beside `"1e-5"`
 * read as two values).
 */
export function lossWords(p: number): string {
  return p === 0 ? "0" : p.toExponential(1).replace(/\.0e/, "e");
}

/** What an outcome means for the guest, as a clause. */
export function outcomeWords(outcome: string): string {
  switch (outcome) {
    case "converged":
      return "pre-copy converges on its own";
    case "converged-throttled":
      return "pre-copy converges only because SDPS slows the guest";
    case "max-rounds":
      return "pre-copy hits the round limit and forces the switchover";
    case "data-cap":
      return "the data cap forces the switchover";
    case "not-converging":
      return "pre-copy does not converge and the migration fails";
    case "switchover-timeout":
      return "the switchover exceeds its time limit and the migration fails";
    case "no-route":
      return "the source has no route to the destination and the migration fails at the start";
    case "stack-mismatch":
      return "the hosts' vMotion vmknics are on different TCP/IP stacks and the migration fails";
    case "path-mtu-blackhole":
      return "the path drops the vmknics' full-size packets (MTU black hole) and the migration fails";
    default:
      return `the migration ends as ${outcome}`;
  }
}

/** True when the VM ended up running on the destination. */
export function completed(outcome: string, totalTimeSec: number): boolean {
  return switchedOver(outcome as Outcome) && Number.isFinite(totalTimeSec);
}

/** `["a"]` -> `"a"`; `["a", "b"]` -> `"a and b"`; `["a", "b", "c"]` -> `"a, b and c"`. */
export function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/**
 * Counts of one whole as `"180 (80 %)"` each, the percentages with one number of decimals for all
 * (enough for the smallest non-zero share to show two significant digits, at most two), rounded by
 * largest remainder so that they add up to 100 %: `[1903, 97]` of 2000 reads `"1903 (95.2 %)"` and
 * `"97 (4.8 %)"`, never `"95 %"` beside `"4.8 %"` (which add up to 99.8 %). Written by hand: a
 * dozen lines, and no formatting library rounds a set of shares to a common total.
 */
export function shares(counts: readonly number[], total: number): string[] {
  const nonZero = counts.filter((c) => c > 0).map((c) => (c / total) * 100);
  const smallest = nonZero.length === 0 ? 100 : Math.min(...nonZero);
  const decimals = smallest >= 10 ? 0 : smallest >= 1 ? 1 : 2;
  const unit = 10 ** decimals;
  const exact = counts.map((c) => (c / total) * 100 * unit);
  const floor = exact.map(Math.floor);
  let left = Math.round(100 * unit) - floor.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    if ((counts[i] as number) > 0) {
      floor[i] = (floor[i] as number) + 1;
      left--;
    }
  }
  return counts.map((c, i) => `${formatCount(c)} (${((floor[i] as number) / unit).toFixed(decimals)} %)`);
}
