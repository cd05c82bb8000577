import { quantileSorted } from "simple-statistics";
import type { BufferMode } from "../../network/index.js";
import type { Quantiles } from "../../plan/uncertainty.js";
import { distributionsPart } from "../sections/sweep-readings.js";
import { formatCount } from "../../units/format.js";
import { durationRange, percentRange } from "../../words/quantiles.js";
import type { SweepPoint } from "../findings/index.js";
import { completed, shares } from "../findings/words.js";
import type { BuiltTable } from "../types.js";
import type { ResultVariants } from "./results-at-rate.js";

/**
 * p10, median and p90 (Hyndman & Fan type 7, as simple-statistics' `quantileSorted` and the CLI's
 * uncertain answers compute them); null for no values.
 */
function quantilesOf(values: readonly number[]): Quantiles | null {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  return {
    p10: quantileSorted(sorted, 0.1),
    median: quantileSorted(sorted, 0.5),
    p90: quantileSorted(sorted, 0.9),
  };
}

/**
 * The results table of a Monte Carlo section: one row per series (path) and per value of every
 * other grid axis, summarising all of that group's draws. A single draw per row (the layout of
 * {@link resultsAtRate}, which picks the point nearest one dirty rate) would print one arbitrary
 * sample as if it were the answer. Per group: the number of draws, how they ended (counts with
 * shares that add up to 100 %), and p10-p90 with the median of total time, guest-seen stun and
 * peak guest slowdown. Times are taken over the draws that switched over only (a failed run's
 * time is how long it tried); the slowdown over every draw.
 *
 * With `others` (each draw under the other buffer-sizing reading, model.md section 4), a group
 * whose total times part by more than 10 % (`distributionsPart`) gets that reading's p10-p90 in an
 * "Other buffer sizing (total time)" column, `same within 10 %` the others; no such column when
 * no group parts.
 *
 * Example row: `routed-lan | 2,000 | converged 1,904 (95.2 %), converged-throttled 96 (4.8 %) |
 * 62.6-67 s (p10-p90, median 64.9 s) | ...`.
 */
export function resultsOfDraws(
  points: readonly SweepPoint[],
  variants: ResultVariants = { header: [], cells: [] },
  others?: { readonly mode: BufferMode; readonly points: readonly SweepPoint[] },
): BuiltTable {
  const groups = new Map<
    string,
    { series: string; cells: readonly string[]; draws: SweepPoint[]; otherDraws: SweepPoint[] }
  >();
  points.forEach((p, i) => {
    const cells = variants.cells[i] ?? [];
    const key = [p.series, ...cells].join("\u0000");
    const o = others?.points[i];
    const g = groups.get(key);
    if (g === undefined)
      groups.set(key, { series: p.series, cells, draws: [p], otherDraws: o === undefined ? [] : [o] });
    else {
      g.draws.push(p);
      if (o !== undefined) g.otherDraws.push(o);
    }
  });
  // The other buffer-sizing reading's total times, per group whose draws part from the used ones.
  const otherCell = (draws: readonly SweepPoint[], otherDraws: readonly SweepPoint[]): string | null => {
    if (others === undefined || otherDraws.length !== draws.length) return null;
    const finished = (d: readonly SweepPoint[]) =>
      d.map((x) => (completed(x.outcome, x.totalTimeSec) ? x.totalTimeSec : NaN));
    if (!distributionsPart(finished(draws), finished(otherDraws))) return null;
    const done = otherDraws.filter((d) => completed(d.outcome, d.totalTimeSec));
    const total = quantilesOf(done.map((d) => d.totalTimeSec));
    const over =
      done.length === otherDraws.length
        ? ""
        : `, ${formatCount(done.length)} of ${formatCount(otherDraws.length)} switch over`;
    return `${others.mode}: ${total === null ? "none switch over" : `${durationRange(total)}${over}`}`;
  };
  const otherCells = [...groups.values()].map((g) => otherCell(g.draws, g.otherDraws));
  const parted = otherCells.some((c) => c !== null);
  const rows = [...groups.values()].map(({ series, cells, draws }, k) => {
    const outcomes = new Map<string, number>();
    for (const d of draws) outcomes.set(d.outcome, (outcomes.get(d.outcome) ?? 0) + 1);
    const names = [...outcomes.keys()];
    const counted = shares(
      names.map((n) => outcomes.get(n) as number),
      draws.length,
    );
    const done = draws.filter((d) => completed(d.outcome, d.totalTimeSec));
    const total = quantilesOf(done.map((d) => d.totalTimeSec));
    const stun = quantilesOf(done.map((d) => d.downtimeSec));
    const slowdown = quantilesOf(draws.map((d) => d.guestSlowdown));
    const over =
      done.length === draws.length || done.length === 0
        ? ""
        : ` over the ${formatCount(done.length)} that switch over`;
    return [
      series,
      ...cells,
      formatCount(draws.length),
      names.map((n, k) => `${n} ${counted[k] as string}`).join(", "),
      total === null ? "-" : `${durationRange(total)}${over}`,
      stun === null ? "-" : `${durationRange(stun)}${over}`,
      slowdown === null ? "-" : percentRange(slowdown),
      ...(parted ? [otherCells[k] ?? "same within 10 %"] : []),
    ];
  });
  return {
    caption: "Results over the draws (p10-p90 and median of each group's draws)",
    header: [
      "Path",
      ...variants.header,
      "Draws",
      "Outcomes",
      "Total time",
      "Stun (guest-seen)",
      "Peak guest slowdown (p10-p90)",
      ...(parted ? ["Other buffer sizing (total time)"] : []),
    ],
    rows,
    numeric: [
      false,
      ...variants.header.map(() => false),
      ...[true, false, true, true, true],
      ...(parted ? [false] : []),
    ],
  };
}
