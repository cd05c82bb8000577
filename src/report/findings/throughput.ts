import { formatDuration, formatRate } from "../../units/format.js";
import type { ThroughputLimitsRow } from "../../charts/index.js";
import { pct } from "./words.js";

const BOUND_WORDS: Readonly<Record<string, string>> = {
  link: "the link rate (after protocol overhead)",
  window: "the socket window (window / RTT)",
  loss: "packet loss (the Mathis bound)",
  cpu: "the CPU of the stream helpers",
  cap: "the configured cap",
  given: "the given bandwidth",
};

/**
 * Which bound sets the throughput over an RTT range (model.md section 4), as runs of the same
 * binding bound, each with the throughput at its ends, and what is left at the longest RTT.
 *
 * Example: "From 1 ms to 4 ms RTT, the link rate (after protocol overhead) bounds throughput at
 * 9.41 Gbit/s." then "From 5 ms to 150 ms, the socket window (window / RTT) does: 9.4 down to
 * 0.9 Gbit/s."
 */
export function throughputFindings(rows: readonly ThroughputLimitsRow[]): string[] {
  const sorted = [...rows].sort((a, b) => a.rttSec - b.rttSec);
  const runs: ThroughputLimitsRow[][] = [];
  for (const r of sorted) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last[0]?.binding === r.binding) last.push(r);
    else runs.push([r]);
  }
  const out = runs.map((run, i) => {
    const a = run[0] as ThroughputLimitsRow;
    const b = run[run.length - 1] as ThroughputLimitsRow;
    const span =
      a === b
        ? `At ${formatDuration(a.rttSec)} RTT`
        : `From ${formatDuration(a.rttSec)} to ${formatDuration(b.rttSec)} RTT`;
    const what = BOUND_WORDS[a.binding] ?? a.binding;
    // Flat when the ends print alike (9.9 vs 9.9 Gbit/s), not when they merely differ little.
    const flat = formatRate(a.achievedBytesPerSec) === formatRate(b.achievedBytesPerSec);
    const level = flat
      ? `at ${formatRate(a.achievedBytesPerSec)}`
      : `from ${formatRate(a.achievedBytesPerSec)} ${b.achievedBytesPerSec < a.achievedBytesPerSec ? "down" : "up"} to ${formatRate(b.achievedBytesPerSec)}`;
    return `${span}, ${what} ${i === 0 ? "bounds" : "takes over and bounds"} throughput ${level}.`;
  });
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first !== undefined && last !== undefined && last !== first) {
    const share = last.achievedBytesPerSec / first.achievedBytesPerSec;
    out.push(
      `At ${formatDuration(last.rttSec)} the path carries ${pct(share)} of what it carries at ${formatDuration(first.rttSec)}.`,
    );
  }
  return out;
}
