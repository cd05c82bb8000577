import { switchedOver, type MigrationResult } from "../../model/types.js";
import { formatDuration, formatNumber } from "../../units/format.js";

/**
 * How one migration result differs from another, in the words `compare` prints after each column
 * ("5 % less throughput, 8 % longer"); the explore page says its pinned-vs-current change the same
 * way. Ratios within 0.5 % of 1 read as "same"; from 2x on they read as a multiple, to two
 * significant digits as the report's findings give them ("3x", "8.8x", "37x"; it printed "3.0x" and
 * "37.1x").
 */

/** Whether the migration switched over, i.e. has a total time worth comparing. */
export function completedResult(r: MigrationResult): boolean {
  return switchedOver(r.outcome);
}

function percent(fraction: number): string {
  return `${Math.round(Math.abs(fraction) * 100)} %`;
}

/** `0.95` -> `"5 % less throughput"`; `2.5` -> `"2.5x the throughput"`; `1.001` -> `"same throughput"`. */
export function throughputChangeWords(ratio: number): string {
  if (Math.abs(ratio - 1) < 0.005) return "same throughput";
  if (ratio < 1) return `${percent(1 - ratio)} less throughput`;
  return ratio >= 2 ? `${formatNumber(ratio, 2)}x the throughput` : `${percent(ratio - 1)} more throughput`;
}

/**
 * `r` against `base`: `"8 % longer"`, `"12 % shorter"`, `"3.1x as long"`, `"same time"`, or, when
 * either did not complete, `"does not complete (not-converging)"` / `"completes in 41.2 s"`.
 */
export function timeChangeWords(base: MigrationResult, r: MigrationResult): string {
  if (!completedResult(r)) return `does not complete (${r.outcome})`;
  if (!completedResult(base)) return `completes in ${formatDuration(r.totalTimeSec)}`;
  const ratio = r.totalTimeSec / base.totalTimeSec;
  if (Math.abs(ratio - 1) < 0.005) return "same time";
  if (ratio < 1) return `${percent(1 - ratio)} shorter`;
  return ratio >= 2 ? `${formatNumber(ratio, 2)}x as long` : `${percent(ratio - 1)} longer`;
}
