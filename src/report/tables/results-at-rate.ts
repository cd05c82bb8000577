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
    caption: atRateCaption(
      chosen.map((g) => g.best.dirtyRateBytesPerSec),
      atRate,
    ),
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

/**
 * The results table's caption from the dirty rates its rows are at: the grid value itself when
 * every row shares it, with the rate it is nearest to when that prints otherwise ("Results at 10
 * MiB/s dirty rate (nearest grid value)" headed rows all at 16.3 MiB/s).
 *
 * Example: rows at 404 MiB/s for 400 MiB/s give "Results at 404 MiB/s dirty rate (the grid value
 * nearest 400 MiB/s)".
 */
export function atRateCaption(rowRates: readonly number[], atRate: number): string {
  const printed = [...new Set(rowRates.map(rate))];
  const only = printed.length === 1 ? printed[0] : undefined;
  if (only === undefined) return `Results at the grid dirty rate nearest ${rate(atRate)}`;
  return only === rate(atRate)
    ? `Results at ${only} dirty rate`
    : `Results at ${only} dirty rate (the grid value nearest ${rate(atRate)})`;
}
