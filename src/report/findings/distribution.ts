import { markedQuantiles } from "../../charts/index.js";
import { formatCount } from "../../units/format.js";
import { FORCED, OWN, THROTTLED, outcomeSharesSentence } from "./outcome-shares.js";
import { completed, time } from "./words.js";

/** One Monte Carlo draw as the findings read it. */
export interface DistributionPoint {
  readonly totalTimeSec: number;
  readonly downtimeSec: number;
  readonly outcome: string;
}

/**
 * Monte Carlo summary in words: how the draws ended, and p50 / p95 / p99 of total time and of the
 * guest-seen stun among the runs that switched over (quantiles as in `markedQuantiles`, type 7).
 *
 * Example: "Of 2,000 draws, 1,920 (96 %) converge on their own and 80 (4 %) only with
 * SDPS throttling." then
 * "Half the migrations finish within 91 s, 95 % within 2.1 min and 99 % within 2.6 min; the stun
 * is 0.41 s at the median and 0.52 s at p99."
 */
export function distributionFindings(points: readonly DistributionPoint[]): string[] {
  const n = points.length;
  if (n === 0) return [];
  const count = (f: (o: string) => boolean): number => points.filter((p) => f(p.outcome)).length;
  const own = count((o) => o === "converged");
  const throttled = count((o) => o === "converged-throttled");
  const forced = count((o) => o === "max-rounds" || o === "data-cap");
  const failed = n - own - throttled - forced;
  const out = [
    outcomeSharesSentence("draw", n, [
      { count: own, ...OWN },
      { count: throttled, ...THROTTLED },
      { count: forced, ...FORCED },
      {
        count: failed,
        short: "fail",
        every: "fail: none switches over",
        one: "fails: it never switches over",
      },
    ]),
  ];
  // Quantiles among the migrations that switched over (a failed run's time is how long it tried).
  const done = points.filter((p) => completed(p.outcome, p.totalTimeSec) && Number.isFinite(p.downtimeSec));
  const [t50, t95, t99] = markedQuantiles(done.map((p) => p.totalTimeSec)).map((q) => q.value);
  const [d50, , d99] = markedQuantiles(done.map((p) => p.downtimeSec)).map((q) => q.value);
  if (t50 !== undefined && t95 !== undefined && t99 !== undefined && d50 !== undefined && d99 !== undefined)
    out.push(
      `${done.length === n ? "Half the migrations" : `Of the ${formatCount(done.length)} that complete, half`} finish within ${time(t50)}, 95 % within ${time(t95)} and 99 % within ${time(t99)}; the guest-seen stun is ${time(d50)} at the median and ${time(d99)} at p99.`,
    );
  return out;
}
