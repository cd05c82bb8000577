import { formatRate } from "../../units/format.js";
import type { SweepPoint } from "../findings/index.js";
import { completed, pct, rate, time } from "../findings/words.js";
import type { BuiltTable } from "../types.js";

/**
 * The results table of a sweep section: per series (path), the grid point nearest `atRate` (by
 * ratio) with its throughput, iterations, times, slowdown and outcome.
 */
export function resultsAtRate(points: readonly SweepPoint[], atRate: number): BuiltTable {
  const series = [...new Set(points.map((p) => p.series))];
  const rows = series.flatMap((s) => {
    const pts = points.filter((p) => p.series === s);
    let best: SweepPoint | undefined;
    for (const p of pts)
      if (
        best === undefined ||
        Math.abs(Math.log(p.dirtyRateBytesPerSec / atRate)) <
          Math.abs(Math.log(best.dirtyRateBytesPerSec / atRate))
      )
        best = p;
    if (best === undefined) return [];
    const ok = completed(best.outcome, best.totalTimeSec);
    return [
      [
        s,
        rate(best.dirtyRateBytesPerSec),
        formatRate(best.throughputBytesPerSec),
        String(best.iterations),
        ok ? time(best.totalTimeSec) : "-",
        ok ? time(best.downtimeSec) : "-",
        pct(best.guestSlowdown),
        best.outcome,
      ],
    ];
  });
  return {
    caption: `Results at ${rate(atRate)} dirty rate (nearest grid value)`,
    header: [
      "Path",
      "Dirty rate",
      "Throughput",
      "Iterations",
      "Total time",
      "Stun (guest-seen)",
      "Guest slowdown",
      "Outcome",
    ],
    rows,
    numeric: [false, true, true, true, true, true, true, false],
  };
}
