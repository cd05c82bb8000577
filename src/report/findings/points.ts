import { FIELDS } from "../../input/fields.js";
import { formatFieldValue } from "../../input/uncertain.js";
import type { SweepRow } from "../../sweep/memory.js";

/**
 * One simulated migration of a sweep, as the finding functions and chart adapters read it:
 * canonical units, a series label, and NaN for values the sweep left empty (a failed run's time).
 */
export interface SweepPoint {
  readonly series: string;
  readonly dirtyRateBytesPerSec: number;
  readonly rttSec: number;
  /** The path's achievable throughput (before a policy cap). */
  readonly pathThroughputBytesPerSec: number;
  readonly throughputBytesPerSec: number;
  /** The link rate when the sweep sets it (axis or base), else NaN. */
  readonly linkBytesPerSec: number;
  readonly totalTimeSec: number;
  readonly downtimeSec: number;
  readonly guestSlowdown: number;
  readonly iterations: number;
  readonly outcome: string;
  readonly binding: string;
}

function num(v: unknown): number {
  return typeof v === "number" ? v : NaN;
}

/**
 * A series label from an input column's value: a number in the product's units when the column
 * is a field's (`memoryBytes` 68719476736 -> `64 GiB`; it printed as "68719476736 has the same
 * throughput as 17179869184"), anything else as it is.
 */
export function seriesLabel(column: string, value: unknown): string {
  if (typeof value !== "number") return String(value);
  const f = FIELDS.find((d) => d.column === column);
  return f === undefined ? String(value) : formatFieldValue(f, value);
}

/**
 * Sweep rows -> points. `series` names the input column whose value labels the series (`preset`,
 * or a rows axis name); rows without it get `seriesFallback`.
 */
export function toPoints(rows: readonly SweepRow[], series: string, seriesFallback: string): SweepPoint[] {
  return rows.map((r) => {
    const s = r.inputs[series];
    return {
      series: s === null || s === undefined ? seriesFallback : seriesLabel(series, s),
      dirtyRateBytesPerSec: num(r.inputs.dirtyRateBytesPerSec),
      rttSec: num(r.inputs.rttSec),
      pathThroughputBytesPerSec: num(r.inputs.pathThroughputBytesPerSec),
      throughputBytesPerSec: num(r.summary.throughputBytesPerSec),
      linkBytesPerSec: num(r.inputs.linkBytesPerSec),
      totalTimeSec: num(r.summary.totalTimeSec),
      downtimeSec: num(r.summary.downtimeSec),
      guestSlowdown: num(r.summary.guestSlowdown),
      iterations: num(r.summary.iterations),
      outcome: String(r.summary.outcome ?? "unknown"),
      binding: String(r.summary.binding ?? "unknown"),
    };
  });
}

/** Points grouped by series, in first-seen order, each sorted by dirty rate. */
export function bySeries(points: readonly SweepPoint[]): Map<string, SweepPoint[]> {
  const out = new Map<string, SweepPoint[]>();
  for (const p of points) {
    const list = out.get(p.series);
    if (list === undefined) out.set(p.series, [p]);
    else list.push(p);
  }
  for (const [k, v] of out)
    out.set(
      k,
      [...v].sort((a, b) => a.dirtyRateBytesPerSec - b.dirtyRateBytesPerSec),
    );
  return out;
}

/** The point whose dirty rate is nearest to `bytesPerSec` on a log scale (ties: the lower). */
export function nearestRate(points: readonly SweepPoint[], bytesPerSec: number): SweepPoint | undefined {
  let best: SweepPoint | undefined;
  let bestD = Infinity;
  for (const p of points) {
    const d = Math.abs(Math.log(p.dirtyRateBytesPerSec / bytesPerSec));
    if (d < bestD) {
      best = p;
      bestD = d;
    }
  }
  return best;
}

/** A feasibility bandwidth: the link rate when the sweep sets it, else the path throughput. */
export function bandwidthOf(p: SweepPoint): number {
  return Number.isFinite(p.linkBytesPerSec) ? p.linkBytesPerSec : p.pathThroughputBytesPerSec;
}
