import { FAILED_OUTCOMES, type Outcome } from "../model/types.js";
import type { UncertaintySummary } from "../plan/uncertainty.js";
import { formatCount, formatNumber, formatPercent, plural } from "../units/format.js";
import { durationRange, percentRange } from "../words/quantiles.js";

export { durationRange } from "../words/quantiles.js";

/**
 * The words of an uncertain answer, computed from its numbers: the range leads
 * ("Total 1.8-4.2 min (p10-p90, median 2.6 min) over 1,000 draws, seed 1; ..."), then the outcome
 * shares, the uncertain inputs and the sampling error at this sample count.
 */

/** A share as words: "all 1,000 draws", "82 %", "none". */
function share(n: number, of: number): string {
  return n === of ? `all ${plural(of, "draw")}` : `${formatPercent(n / of)} of draws`;
}

const OUTCOME_WORDS: Record<Outcome, string> = {
  converged: "converges",
  "converged-throttled": "converges throttled",
  "max-rounds": "forced at the round limit",
  "data-cap": "forced at the data cap",
  "not-converging": "does not converge",
  "switchover-timeout": "switchover timeout",
  "no-route": "no route",
  "stack-mismatch": "stack mismatch",
  "path-mtu-blackhole": "path MTU black hole",
};

/** The outcome sentence: "Converges unthrottled in 82 % of draws, throttled in 15 % (...), fails in 3 % (...)." */
export function outcomeSentence(u: UncertaintySummary): string {
  const n = u.samples;
  const o = u.outcomes;
  const conv = o.converged;
  const thr = o["converged-throttled"];
  const forced = o["max-rounds"] + o["data-cap"];
  const failed = n - u.switchedOver;
  const parts: string[] = [];
  const rest = (k: number): string => (k === n ? share(k, n) : formatPercent(k / n));
  if (thr > 0) {
    const g = u.guestSlowdown;
    const slow =
      g === null
        ? ""
        : g.p10 === g.p90
          ? ` (peak guest slowdown ${formatPercent(g.median)})`
          : ` (peak guest slowdown ${percentRange(g)}, p10-p90, median ${formatPercent(g.median)})`;
    parts.push(`throttled in ${rest(thr)}${slow}`);
  }
  if (forced > 0) {
    const which = (["max-rounds", "data-cap"] as const).filter((k) => o[k] > 0).map((k) => OUTCOME_WORDS[k]);
    parts.push(`${which.join(" or ")} in ${rest(forced)}`);
  }
  if (failed > 0) {
    const kinds = FAILED_OUTCOMES.filter((k) => o[k] > 0);
    const detail =
      kinds.length > 1
        ? ` (${kinds.map((k) => `${OUTCOME_WORDS[k]} ${formatPercent(o[k] / n)}`).join(", ")})`
        : ` (${OUTCOME_WORDS[kinds[0] as Outcome]})`;
    parts.push(`fails in ${rest(failed)}${detail}`);
  }
  const head = conv > 0 ? `converges unthrottled in ${share(conv, n)}` : "never converges unthrottled";
  const text = parts.length === 0 ? head : `${head}${conv > 0 ? ", " : ": "}${parts.join(", ")}`;
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
/** The leading lines of an uncertain answer (no trailing newline). */
export function uncertaintyLead(u: UncertaintySummary): string {
  const n = u.samples;
  const draws = `over ${plural(n, "draw")} (seed ${u.seed})`;
  const lines: string[] = [];
  if (u.totalTimeSec === null || u.downtimeSec === null)
    lines.push(`No draw switches over (${plural(n, "draw")}, seed ${u.seed}).`);
  else {
    const over =
      u.switchedOver === n
        ? draws
        : `over the ${formatCount(u.switchedOver)} of ${plural(n, "draw")} that switch over (seed ${u.seed})`;
    lines.push(`Total ${durationRange(u.totalTimeSec)} ${over}; stun ${durationRange(u.downtimeSec)}.`);
  }
  lines.push(outcomeSentence(u));
  for (const i of u.inputs) lines.push(`  uncertain  ${i.flag} ${i.words}`);
  const se = u.samplingError;
  const level = (p: number): string => `p${formatNumber(Math.min(100, Math.max(0, p * 100)))}`;
  const band = (p: number): string => `${level(p - se.p10RankHalfWidth)}-${level(p + se.p10RankHalfWidth)}`;
  lines.push(
    `  sampling   at ${plural(n, "draw")}, 95 %: shares within ${formatNumber(se.shareHalfWidth * 100, 2)} points; p10 and p90 stand for the true ${band(0.1)} and ${band(0.9)}`,
  );
  return lines.join("\n");
}

/** "At the medians (--dirty-rate 400 MiB/s):" for the point result that follows. */
export function medianHeading(
  inputs: UncertaintySummary["inputs"],
  value: (key: string, v: number) => string,
): string {
  return `At the median${inputs.length === 1 ? "" : "s"} (${inputs.map((i) => `${i.flag} ${value(i.key, i.median)}`).join(", ")}):`;
}

/**
 * The range under the other buffer-sizing reading, when the two readings disagree at the medians
 * (model.md section 4): "  buffers    the range above uses bdp buffers (an assumption); with
 * expected-line-rate buffers: total 9.6-10.6 min (p10-p90, median 10.1 min); converges throttled in
 * all 1,000 draws".
 */
export function otherBufferModeLine(usedMode: string, otherMode: string, other: UncertaintySummary): string {
  return `  buffers    the range above uses ${usedMode} buffers (an assumption); with ${otherMode} buffers: ${otherRangeWords(other)}`;
}

/**
 * The range under the other congestion control, when New Reno and CUBIC disagree at the medians
 * (model.md section 4): "  congestion the range above uses newreno (an assumption); with cubic:
 * total 12.1-16.5 min (p10-p90, median 14.3 min); converges throttled in all 1,000 draws".
 */
export function otherCongestionControlLine(used: string, other: string, summary: UncertaintySummary): string {
  return `  congestion the range above uses ${used} (an assumption); with ${other}: ${otherRangeWords(summary)}`;
}

/** "total 9.6-10.6 min (p10-p90, median 10.1 min); converges throttled in all 1,000 draws". */
function otherRangeWords(other: UncertaintySummary): string {
  const total =
    other.totalTimeSec === null ? "no draw switches over" : `total ${durationRange(other.totalTimeSec)}`;
  const outcomes = outcomeSentence(other).replace(/\.$/, "");
  return `${total}; ${outcomes.charAt(0).toLowerCase()}${outcomes.slice(1)}`;
}
