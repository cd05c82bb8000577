import { formatDuration, formatRate } from "../../units/format.js";
import { bandwidthOf, type SweepPoint } from "./points.js";
import { FORCED, OWN, THROTTLED, outcomeSharesSentence } from "./outcome-shares.js";
import { completed, rate } from "./words.js";

/**
 * What decides convergence on a grid of paths (RTT or throughput) x dirty rates: for each path
 * value, the largest dirty rate that converges without throttling; the findings quote it at the
 * two ends of the axis, where it first halves, and how many cells need SDPS or fail.
 *
 * On a bandwidth axis the link rate is used when the sweep varies it, else the path throughput.
 *
 * Example: "At 1 ms RTT, pre-copy converges on its own up to 160 MiB/s; at 150 ms RTT only up to
 * 10 MiB/s.", "The largest dirty rate that converges on its own falls to 70 MiB/s, under half the
 * 160 MiB/s at 1 ms RTT, by 20 ms RTT." and "Of the 225 combinations, 180 (80 %) converge on
 * their own and 45 (20 %) only with SDPS throttling."
 */
export function feasibilityFindings(points: readonly SweepPoint[], axis: "rtt" | "bandwidth"): string[] {
  const xOf = (p: SweepPoint): number => (axis === "rtt" ? p.rttSec : bandwidthOf(p));
  const fmt = (x: number): string =>
    axis === "rtt" ? `${formatDuration(x)} RTT` : `a ${formatRate(x)} link`;
  const xs = [...new Set(points.map(xOf))].sort((a, b) => a - b);
  if (xs.length === 0) return [];
  const limitAt = (x: number): number => {
    let best = NaN;
    for (const p of points)
      if (xOf(p) === x && p.outcome === "converged" && !(p.dirtyRateBytesPerSec <= best))
        best = p.dirtyRateBytesPerSec;
    return best;
  };
  const limits = xs.map(limitAt);
  // The grid's top dirty rate: a limit there is "every dirty rate swept", not a limit found.
  const top = Math.max(...points.map((p) => p.dirtyRateBytesPerSec));
  const words = (l: number): string =>
    Number.isNaN(l)
      ? "at no dirty rate in the grid"
      : l >= top
        ? `at every dirty rate swept (up to ${rate(l)})`
        : `up to ${rate(l)}`;
  const lo = xs[0] as number;
  const hi = xs[xs.length - 1] as number;
  const lLo = limits[0] as number;
  const lHi = limits[limits.length - 1] as number;
  const out: string[] = [];
  if (xs.length === 1) out.push(`At ${fmt(lo)}, pre-copy converges on its own ${words(lLo)}.`);
  else
    out.push(
      lLo === lHi || (Number.isNaN(lLo) && Number.isNaN(lHi))
        ? `From ${fmt(lo)} to ${fmt(hi)}, pre-copy converges on its own ${words(lLo)}: the ${axis === "rtt" ? "RTT" : "bandwidth"} does not move the limit.`
        : `At ${fmt(lo)}, pre-copy converges on its own ${words(lLo)}; at ${fmt(hi)} ${Number.isNaN(lHi) ? "at no dirty rate in the grid" : `${lHi < lLo || Number.isNaN(lLo) ? "only " : ""}${words(lHi)}`}.`,
    );
  // Where the limit first falls to half its best value or below (RTT: from the low end;
  // bandwidth: from the high end), named with the value it falls to (a grid step may take it
  // well below half) and the value it falls from ("the limit halves" named neither).
  const order = axis === "rtt" ? xs.map((_, i) => i) : xs.map((_, i) => xs.length - 1 - i);
  const ref = limits[order[0] as number] as number;
  if (!Number.isNaN(ref)) {
    const half = order.find((i) => !((limits[i] as number) > ref / 2));
    if (half !== undefined && half !== order[0]) {
      const l = limits[half] as number;
      const start = fmt(xs[order[0] as number] as number);
      const at = fmt(xs[half] as number);
      const to = Number.isNaN(l)
        ? `to none in the grid (from ${rate(ref)} at ${start})`
        : `to ${rate(l)}, ${rate(l) === rate(ref / 2) ? "half" : "under half"} the ${rate(ref)} at ${start}`;
      out.push(
        `The largest dirty rate that converges on its own falls ${to}, ${axis === "rtt" ? "by" : "at"} ${at}.`,
      );
    }
  }
  const throttled = points.filter((p) => p.outcome === "converged-throttled").length;
  const forced = points.filter((p) => p.outcome === "max-rounds" || p.outcome === "data-cap").length;
  const failed = points.filter((p) => !completed(p.outcome, p.totalTimeSec)).length;
  const n = points.length;
  out.push(
    outcomeSharesSentence(
      "combination",
      n,
      [
        { count: n - throttled - forced - failed, ...OWN },
        { count: throttled, ...THROTTLED },
        { count: forced, ...FORCED },
        {
          count: failed,
          short: "not at all",
          every: "fail: none switches over",
          one: "fails: it never switches over",
        },
      ],
      { the: true },
    ),
  );
  return out;
}
