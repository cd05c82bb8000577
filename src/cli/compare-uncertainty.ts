import type { UncertaintySummary } from "../plan/uncertainty.js";
import { formatCount, formatDuration, formatPercent, plural, sharedUnit } from "../units/format.js";
import { durationRange, outcomeSentence, uncertaintyLead } from "./uncertainty-words.js";

/**
 * The uncertain part of a comparison, shared by `compare`'s path columns and `compare --configs`'
 * host-configuration columns: each column's range over the same draws (common random numbers).
 */
export interface UncertainColumn {
  /** The column's header. */
  readonly label: string;
  /** The column's range over the draws (absent: no uncertain input applies to it). */
  readonly uncertainty?: UncertaintySummary;
  /** Why an uncertain input did not apply to the column (a path column's `resolveColumn`). */
  readonly notApplied: readonly string[];
}

/** The rows of the columns' ranges (none when no column has one). */
export function uncertaintyRows(cols: readonly UncertainColumn[]): string[][] {
  if (!cols.some((c) => c.uncertainty !== undefined)) return [];
  const row = (label: string, cell: (u: UncertaintySummary) => string): string[] => [
    label,
    ...cols.map((c) => (c.uncertainty === undefined ? "(point)" : cell(c.uncertainty))),
  ];
  const range = (q: { p10: number; p90: number } | null): string => {
    if (q === null) return "-";
    const unit = sharedUnit("duration", [q.p10, q.p90]);
    const lo = formatDuration(q.p10, unit);
    const hi = formatDuration(q.p90, unit);
    return lo === hi ? lo : `${lo.replace(/ [a-z]+$/, "")}-${hi}`;
  };
  return [
    row("total p10-p90", (u) => range(u.totalTimeSec)),
    row("total median", (u) => (u.totalTimeSec === null ? "-" : formatDuration(u.totalTimeSec.median))),
    row("stun p10-p90", (u) => range(u.downtimeSec)),
    row("unthrottled", (u) => formatPercent(u.shares.converged)),
    ...(cols.some((c) => (c.uncertainty?.shares.throttled ?? 0) > 0)
      ? [row("throttled", (u) => formatPercent(u.shares.throttled))]
      : []),
    ...(cols.some((c) => (c.uncertainty?.shares.failed ?? 0) + (c.uncertainty?.shares.forced ?? 0) > 0)
      ? [row("forced or failed", (u) => formatPercent(u.shares.failed + u.shares.forced))]
      : []),
  ];
}

/**
 * The lines that lead an uncertain comparison: the draws and inputs once, then each column's
 * range in words.
 */
export function compareUncertaintyLead(cols: readonly UncertainColumn[]): string[] {
  const first = cols.find((c) => c.uncertainty !== undefined)?.uncertainty;
  if (first === undefined) return [];
  const lines = cols.map((c) => {
    const u = c.uncertainty;
    if (u === undefined)
      return c.notApplied.length > 0
        ? `${c.label}: no uncertain input applies to it (${c.notApplied.join("; ")}): see the table`
        : `${c.label}: its --path fixes every uncertain input: see the table`;
    const total =
      u.totalTimeSec === null
        ? "no draw switches over"
        : `total ${durationRange(u.totalTimeSec)}${u.switchedOver === u.samples ? "" : ` over the ${u.switchedOver === 1 ? "one draw that switches" : `${formatCount(u.switchedOver)} draws that switch`} over`}`;
    const sentence = outcomeSentence(u);
    return `${c.label}: ${total}; ${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}`;
  });
  // The shared part of the lead (inputs, sampling error) from the first column's summary.
  const shared = uncertaintyLead(first)
    .split("\n")
    .filter((l) => l.startsWith("  "));
  return [
    `Over ${plural(first.samples, "draw")} (seed ${first.seed}):`,
    ...lines.map((l) => `  ${l}`),
    ...shared,
    "",
    "At the medians:",
  ];
}
