import { formatRate } from "../../units/format.js";
import type { SweepPoint } from "../findings/index.js";
import { completed, pct, rate, time } from "../findings/words.js";
import type { BuiltTable } from "../types.js";

/**
 * The other grid axes of a sweep (neither the series nor the dirty rate), as extra columns of the
 * results table: `header` names them, `cells[i]` holds point i's value labels. Without them a
 * series swept over an RTT axis showed one row of fifteen.
 */
export interface ResultVariants {
  readonly header: readonly string[];
  readonly cells: readonly (readonly string[])[];
}

/**
 * The results table of a sweep section: per series (path) and per value of every other grid axis,
 * the point nearest `atRate` (by ratio) with its throughput, iterations, times, slowdown and
 * outcome. No series is dropped: two rows on one preset are two series under their own labels.
 */
export function resultsAtRate(
  points: readonly SweepPoint[],
  atRate: number,
  variants: ResultVariants = { header: [], cells: [] },
): BuiltTable {
  const groups = new Map<string, { cells: readonly string[]; best: SweepPoint }>();
  points.forEach((p, i) => {
    const cells = variants.cells[i] ?? [];
    const key = [p.series, ...cells].join("\u0000");
    const g = groups.get(key);
    const d = (q: SweepPoint): number => Math.abs(Math.log(q.dirtyRateBytesPerSec / atRate));
    if (g === undefined) groups.set(key, { cells, best: p });
    else if (d(p) < d(g.best)) g.best = p;
  });
  const rows = [...groups.values()].map(({ cells, best }) => {
    const ok = completed(best.outcome, best.totalTimeSec);
    return [
      best.series,
      ...cells,
      rate(best.dirtyRateBytesPerSec),
      formatRate(best.throughputBytesPerSec),
      String(best.iterations),
      ok ? time(best.totalTimeSec) : "-",
      ok ? time(best.downtimeSec) : "-",
      pct(best.guestSlowdown),
      best.outcome,
    ];
  });
  return {
    caption: `Results at ${rate(atRate)} dirty rate (nearest grid value)`,
    header: [
      "Path",
      ...variants.header,
      "Dirty rate",
      "Throughput",
      "Iterations",
      "Total time",
      "Stun (guest-seen)",
      "Guest slowdown",
      "Outcome",
    ],
    rows,
    numeric: [false, ...variants.header.map(() => false), true, true, true, true, true, true, false],
  };
}
