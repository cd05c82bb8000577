import type { BufferMode } from "../../network/index.js";
import { otherRunCell } from "../../plan/buffer-modes.js";
import { formatRate } from "../../units/format.js";
import type { OtherRun } from "../sections/sweep-readings.js";
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
 *
 * `others` (point i under the other buffer-sizing reading where the two part by more than 10 %,
 * model.md section 4) adds an "Other buffer sizing" column when a row of the table parts
 * (`expected-line-rate: 1.06 Gbit/s, 10.1 min`; `same within 10 %` on the other rows).
 */
export function resultsAtRate(
  points: readonly SweepPoint[],
  atRate: number,
  variants: ResultVariants = { header: [], cells: [] },
  others?: { readonly mode: BufferMode; readonly parted: readonly (OtherRun | undefined)[] },
): BuiltTable {
  const groups = new Map<string, { cells: readonly string[]; best: SweepPoint; at: number }>();
  points.forEach((p, i) => {
    const cells = variants.cells[i] ?? [];
    const key = [p.series, ...cells].join("\u0000");
    const g = groups.get(key);
    const d = (q: SweepPoint): number => Math.abs(Math.log(q.dirtyRateBytesPerSec / atRate));
    if (g === undefined) groups.set(key, { cells, best: p, at: i });
    else if (d(p) < d(g.best)) {
      g.best = p;
      g.at = i;
    }
  });
  const chosen = [...groups.values()];
  const otherOf = (i: number): OtherRun | undefined => others?.parted[i];
  const parted = others !== undefined && chosen.some((g) => otherOf(g.at) !== undefined);
  const rows = chosen.map(({ cells, best, at }) => {
    const o = otherOf(at);
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
      ...(parted ? [o === undefined ? "same within 10 %" : otherRunCell(others.mode, o)] : []),
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
      ...(parted ? ["Other buffer sizing"] : []),
    ],
    rows,
    numeric: [
      false,
      ...variants.header.map(() => false),
      ...[true, true, true, true, true, true, false],
      ...(parted ? [false] : []),
    ],
  };
}
