import { formatDuration, formatRate, plural } from "../../units/format.js";
import type { BufferMode } from "../../network/index.js";
import type { ThroughputLimitsRow } from "../../charts/index.js";
import { bufferLead, underOtherReading } from "./buffers.js";
import { pct, timesApart } from "./words.js";

const BOUND_WORDS: Readonly<Record<string, string>> = {
  link: "the link rate (after protocol overhead)",
  window: "the socket window (window / RTT)",
  loss: "packet loss (the Mathis bound)",
  cpu: "the CPU of the stream helpers",
  cap: "the configured cap",
  given: "the given bandwidth",
};

/** Consecutive rows (in the given order) with the same `key`; a row whose key is null ends a run. */
function runsOf(
  rows: readonly ThroughputLimitsRow[],
  key: (r: ThroughputLimitsRow) => string | null,
): ThroughputLimitsRow[][] {
  const runs: ThroughputLimitsRow[][] = [];
  let open = false;
  for (const r of rows) {
    const k = key(r);
    const last = runs[runs.length - 1];
    if (k === null) open = false;
    else if (open && last !== undefined && key(last[0] as ThroughputLimitsRow) === k) last.push(r);
    else {
      runs.push([r]);
      open = true;
    }
  }
  return runs;
}

/** `At 5 ms RTT` or `From 5 ms to 150 ms RTT`. */
function spanWords(run: readonly ThroughputLimitsRow[]): string {
  const a = run[0] as ThroughputLimitsRow;
  const b = run[run.length - 1] as ThroughputLimitsRow;
  if (a === b) return `At ${formatDuration(a.rttSec)} RTT`;
  // "From 1 ms to 1 ms" for 1 ms and 1.001 ms: the ends written apart.
  const [ta, tb] = timesApart(a.rttSec, b.rttSec);
  return `From ${ta} to ${tb} RTT`;
}

/**
 * A throughput from one end of a run to the other: `9.9 Gbit/s` when the ends print alike (9.9
 * vs 9.9 Gbit/s, not when they merely differ little), else `9.4 Gbit/s down to 0.9 Gbit/s`.
 */
function levelWords(fromBytesPerSec: number, toBytesPerSec: number): { flat: boolean; words: string } {
  const a = formatRate(fromBytesPerSec);
  const b = formatRate(toBytesPerSec);
  return a === b
    ? { flat: true, words: a }
    : { flat: false, words: `${a} ${toBytesPerSec < fromBytesPerSec ? "down" : "up"} to ${b}` };
}

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
  const out = runsOf(sorted, (r) => r.binding).map((run, i) => {
    const a = run[0] as ThroughputLimitsRow;
    const b = run[run.length - 1] as ThroughputLimitsRow;
    const what = BOUND_WORDS[a.binding] ?? a.binding;
    const level = levelWords(a.achievedBytesPerSec, b.achievedBytesPerSec);
    return `${spanWords(run)}, ${what} ${i === 0 ? "bounds" : "takes over and bounds"} throughput ${level.flat ? "at" : "from"} ${level.words}.`;
  });
  const share = shareWords(sorted, (r) => r.achievedBytesPerSec);
  if (share !== null) out.push(share);
  out.push(...throughputBufferFindings(sorted));
  // The share again under the other reading, where an end of the range parts.
  const mode = sorted.find((r) => r.otherMode !== undefined)?.otherMode;
  const otherShare = shareWords(sorted, (r) => r.otherAchievedBytesPerSec ?? r.achievedBytesPerSec);
  if (mode !== undefined && otherShare !== null && otherShare !== share)
    out.push(underOtherReading(mode as BufferMode, otherShare));
  return out;
}

/** "At 150 ms the path carries 1.9 % of what it carries at 1 ms."; null for fewer than two RTTs. */
function shareWords(
  sorted: readonly ThroughputLimitsRow[],
  rate: (r: ThroughputLimitsRow) => number,
): string | null {
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined || last === first) return null;
  const [tLast, tFirst] = timesApart(last.rttSec, first.rttSec);
  return `At ${tLast} the path carries ${pct(rate(last) / rate(first))} of what it carries at ${tFirst}.`;
}

/**
 * Where the other buffer-sizing reading (model.md section 4; both readings are assumptions) moves
 * the throughput by more than 10 % (rows with `otherAchievedBytesPerSec`): one sentence, the runs
 * of such RTTs each with the bound that sets the other reading's throughput, both readings' levels
 * and how many RTTs of the range the two agree at. None when no RTT parts.
 *
 * Example: "How vMotion sizes its socket buffers once a path's bandwidth-delay product outgrows
 * them is not published, and
 * these throughputs use one reading of it (bdp: ..., an assumption): with the other
 * (expected-line-rate: ..., also an assumption) from 4.19 ms to 21.5 ms RTT the socket window
 * (window / RTT) bounds throughput at 1.06 Gbit/s instead of 6.56 Gbit/s down to 1.2 Gbit/s; at the
 * other 30 RTTs the two readings agree within 10 %."
 */
export function throughputBufferFindings(rows: readonly ThroughputLimitsRow[]): string[] {
  const sorted = [...rows].sort((a, b) => a.rttSec - b.rttSec);
  const parting = sorted.filter((r) => r.otherAchievedBytesPerSec !== undefined);
  const first = parting[0];
  if (first?.usedMode === undefined || first.otherMode === undefined) return [];
  const runs = runsOf(sorted, (r) =>
    r.otherAchievedBytesPerSec === undefined ? null : (r.otherBinding ?? r.binding),
  ).map((run) => {
    const a = run[0] as ThroughputLimitsRow;
    const b = run[run.length - 1] as ThroughputLimitsRow;
    const bound = a.otherBinding ?? a.binding;
    const other = levelWords(a.otherAchievedBytesPerSec as number, b.otherAchievedBytesPerSec as number);
    const used = levelWords(a.achievedBytesPerSec, b.achievedBytesPerSec);
    const span = spanWords(run);
    return `${span.charAt(0).toLowerCase()}${span.slice(1)} ${BOUND_WORDS[bound] ?? bound} bounds throughput ${other.flat ? "at" : "from"} ${other.words} instead of ${used.words}`;
  });
  const agree = sorted.length - parting.length;
  const rest =
    agree === 0
      ? ""
      : `; at the other ${agree === 1 ? "RTT" : plural(agree, "RTT")} the two readings agree within 10 %`;
  const lead = bufferLead(
    "these throughputs use",
    first.usedMode as BufferMode,
    first.otherMode as BufferMode,
  );
  return [`${lead} ${runs.join("; ")}${rest}.`];
}
