import type { SensitivityRow } from "../../charts/index.js";
import { list, pct, time } from "./words.js";

/**
 * Which input moves total time most: inputs ranked by swing |high - low| (a failed end counts as
 * the largest swing), the top one quoted with both ends, the rest by their larger change.
 *
 * Example: "Moving each input by ±20 %, dirty rate moves total time most: 106 s at −20 % and
 * 182 s at +20 % (baseline 137 s)." then "Then, as changes in total time at −20 % / +20 %: memory (−20 % / +20 %)
 * and link rate (+25 % / −17 %)."
 */
export interface SensitivityFindingRow extends SensitivityRow {
  /** What bounds throughput at the low and high ends (`link`, `window`, `loss`, ...), when known. */
  readonly lowBinding?: string;
  readonly highBinding?: string;
}

export function sensitivityFindings(
  rows: readonly SensitivityFindingRow[],
  baselineTotalTimeSec: number,
  deltaFraction: number,
  baselineBinding?: string,
): string[] {
  const swing = (r: SensitivityFindingRow): number => {
    const lo = r.lowTotalTimeSec;
    const hi = r.highTotalTimeSec;
    return Number.isFinite(lo) && Number.isFinite(hi) ? Math.abs(hi - lo) : Infinity;
  };
  const sorted = [...rows].sort((a, b) => swing(b) - swing(a) || a.input.localeCompare(b.input));
  const d = pct(deltaFraction);
  const at = (t: number): string => (Number.isFinite(t) ? time(t) : "the migration fails");
  const change = (t: number): string => {
    if (!Number.isFinite(t)) return "fails";
    const c = t / baselineTotalTimeSec - 1;
    return Math.abs(c) < 0.0005 ? "no change" : `${c > 0 ? "+" : "\u2212"}${pct(c)}`;
  };
  const [top, ...rest] = sorted;
  if (top === undefined) return [];
  if (!Number.isFinite(baselineTotalTimeSec)) return failedBaselineFindings(sorted, d);
  const out = [
    `Moving each input by \u00b1${d}, ${top.input} moves total time most: ${at(top.lowTotalTimeSec)} at \u2212${d} and ${at(top.highTotalTimeSec)} at +${d} (baseline ${time(baselineTotalTimeSec)}).`,
  ];
  const flips = (
    [
      [`\u2212${d}`, top.lowBinding],
      [`+${d}`, top.highBinding],
    ] as const
  ).filter(([, b]) => b !== undefined && baselineBinding !== undefined && b !== baselineBinding);
  for (const [end, b] of flips)
    out.push(
      `At ${end} ${top.input}, throughput is bound by ${BINDING[b ?? ""] ?? b} instead of ${BINDING[baselineBinding ?? ""] ?? baselineBinding}.`,
    );
  const moving = rest.filter((r) => swing(r) >= baselineTotalTimeSec * 0.005);
  const still = rest.filter((r) => swing(r) < baselineTotalTimeSec * 0.005);
  if (moving.length > 0)
    out.push(
      // Says whose change the percentages are: "memory (−20 % / +20 %)" alone read like the
      // input's own move, which is the same for every input.
      `Then, as changes in total time at \u2212${d} / +${d}: ${list(moving.map((r) => `${r.input} (${change(r.lowTotalTimeSec)} / ${change(r.highTotalTimeSec)})`))}.`,
    );
  if (still.length > 0)
    out.push(
      `${capital(list(still.map((r) => r.input)))} hardly matter${still.length === 1 ? "s" : ""} here: less than 0.5 % either way.`,
    );
  return out;
}

/**
 * A baseline that never switches over has no total time to move ("baseline Infinity h" was
 * printed): which single moves make the migration complete, and in what time.
 *
 * Example: "At the baseline the migration never switches over: there is no total time to
 * compare." then "Moved by ±50 % alone, only dirty rate at −50 % makes it switch over (4.2 min)."
 */
function failedBaselineFindings(rows: readonly SensitivityFindingRow[], d: string): string[] {
  const done = rows.flatMap((r) =>
    (
      [
        [`−${d}`, r.lowTotalTimeSec],
        [`+${d}`, r.highTotalTimeSec],
      ] as const
    ).flatMap(([end, t]) => (Number.isFinite(t) ? [`${r.input} at ${end} (${time(t)})`] : [])),
  );
  const ends = rows.length * 2;
  return [
    "At the baseline the migration never switches over: there is no total time to compare.",
    done.length === 0
      ? `Moving any one input by ±${d} does not make it switch over either.`
      : `Moved by ±${d} alone, ${done.length === ends ? "" : "only "}${list(done)} make${done.length === 1 ? "s" : ""} it switch over.`,
  ];
}

const capital = (t: string): string => t.charAt(0).toUpperCase() + t.slice(1);

const BINDING: Readonly<Record<string, string>> = {
  link: "the link rate",
  window: "the socket window (window / RTT)",
  loss: "packet loss",
  cpu: "the stream helpers' CPU",
  cap: "the configured cap",
  given: "the given bandwidth",
};
