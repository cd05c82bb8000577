import { switchedOver } from "../../model/types.js";
import type { BufferMode } from "../../network/index.js";
import type { BufferModeSpread } from "../../plan/buffer-modes.js";
import { formatCount, formatNumber, formatRate, plural } from "../../units/format.js";
import { list, rate, time } from "./words.js";

/** The two readings of vMotion's buffer sizing over long paths (model.md section 4), in words. */
const BUFFER_WORDS: Readonly<Record<BufferMode, string>> = {
  bdp: "bdp: buffers grown to the path's bandwidth-delay product",
  "expected-line-rate": "expected-line-rate: buffers sized for Migrate.NetExpectedLineRateMBps",
};

/**
 * The start of every buffer-reading finding: `How vMotion sizes its socket buffers once a path's
 * bandwidth-delay product outgrows them is not published, and {what} one reading of it (bdp: ...,
 * an assumption): with the other (expected-line-rate: ..., also an assumption)`. Not "above 4 ms":
 * under bdp the buffers grow at every RTT, under expected-line-rate only above 4 ms, so the two
 * part below 4 ms too (10 GbE from ~0.45 ms).
 */
export function bufferLead(what: string, used: BufferMode, other: BufferMode): string {
  return (
    `How vMotion sizes its socket buffers once a path's bandwidth-delay product outgrows them is not published, and ${what} one reading of it (${BUFFER_WORDS[used]}, an assumption): ` +
    `with the other (${BUFFER_WORDS[other]}, also an assumption)`
  );
}

/** One migration a section quotes, simulated under both readings, which part by more than 10 %. */
export interface BufferReading {
  /** What the migration is, as the section's tables name it: `metro at 400 MiB/s`. */
  readonly label: string;
  readonly spread: BufferModeSpread;
}

/**
 * `takes 11 min instead of 74.8 s (1.06 Gbit/s instead of 9.41 Gbit/s)`; a side that does not
 * switch over is named by its outcome: `fails (not-converging) instead of taking 74.8 s (...)`,
 * `takes 11 min where the reading used fails (not-converging) (...)`. `where` goes before the
 * rates: `"at metro "`.
 */
export function otherInsteadOfUsed(s: BufferModeSpread, where = ""): string {
  const o = s.other.result;
  const u = s.used.result;
  const rates = `${where}(${formatRate(o.throughputBytesPerSec)} instead of ${formatRate(u.throughputBytesPerSec)})`;
  if (!switchedOver(o.outcome))
    return switchedOver(u.outcome)
      ? `fails (${o.outcome}) instead of taking ${time(u.totalTimeSec)} ${rates}`
      : `fails (${o.outcome}) as under the reading used (${u.outcome}) ${rates}`;
  if (!switchedOver(u.outcome))
    return `takes ${time(o.totalTimeSec)} where the reading used fails (${u.outcome}) ${rates}`;
  return `takes ${time(o.totalTimeSec)} instead of ${time(u.totalTimeSec)} ${rates}`;
}

/**
 * Every reading quoted one by one, for a section whose migrations are each named (a scenarios
 * section) or few: "How vMotion sizes ... (expected-line-rate: ..., also an assumption) metro at
 * 404 MiB/s takes 10.1 min instead of 65 s (1.06 Gbit/s instead of 9.9 Gbit/s)." None without
 * readings.
 */
export function bufferListFindings(readings: readonly BufferReading[]): string[] {
  const first = readings[0];
  if (first === undefined) return [];
  const lead = bufferLead("these numbers use", first.spread.used.mode, first.spread.other.mode);
  return [`${lead} ${list(readings.map((r) => `${r.label} ${otherInsteadOfUsed(r.spread)}`))}.`];
}

/** Other total time over the used one, Infinity when the other fails and the used one completes. */
function ratio(s: BufferModeSpread): number {
  const o = s.other.result;
  const u = s.used.result;
  if (!switchedOver(o.outcome)) return switchedOver(u.outcome) ? Infinity : 1;
  if (!switchedOver(u.outcome)) return 0;
  return o.totalTimeSec / u.totalTimeSec;
}

/**
 * How vMotion sizes its socket buffers once a path's bandwidth-delay product outgrows them is not
 * published (model.md section 4): the section's numbers rest on one reading. Where the other reading moves a quoted
 * migration by more than 10 %, this finding says what the other gives, so that no number of the
 * section reads as a measurement. Up to three migrations are quoted one by one; more as the two
 * ends of the range of the other reading's time over the used one, out of the `quoted`
 * migrations the section's numbers stand for (one per path and value of its other axes).
 *
 * Example: "How vMotion sizes its socket buffers once a path's bandwidth-delay product outgrows
 * them is not published, and
 * these numbers use one reading of it (bdp: ..., an assumption): with the other (expected-line-rate:
 * ..., also an assumption) metro at 404 MiB/s takes 10.1 min instead of 64.9 s (1.06 Gbit/s
 * instead of 9.9 Gbit/s)."
 */
export function bufferFindings(
  readings: readonly BufferReading[],
  quoted: number,
  atBytesPerSec: number,
): string[] {
  const first = readings[0];
  if (first === undefined) return [];
  const lead = bufferLead("these numbers use", first.spread.used.mode, first.spread.other.mode);
  if (readings.length <= 3) return bufferListFindings(readings);
  const sorted = [...readings].sort((a, b) => ratio(a.spread) - ratio(b.spread));
  const lo = sorted[0] as BufferReading;
  const hi = sorted[sorted.length - 1] as BufferReading;
  const words = (r: BufferReading): string => {
    const x = ratio(r.spread);
    return Number.isFinite(x) ? `${formatNumber(x, 2)}x as long` : "a failure";
  };
  return [
    `${lead} ${formatCount(readings.length)} of the section's ${plural(quoted, "migration")} at the dirty rate nearest ${rate(atBytesPerSec)} (one per path and value of its other axes) ${words(lo) === words(hi) ? `each take ${words(lo)}` : `take from ${words(lo)} to ${words(hi)}`}: ` +
      `${lo.label} ${otherInsteadOfUsed(lo.spread)}, ${hi.label} ${otherInsteadOfUsed(hi.spread)}.`,
  ];
}

/**
 * A finding computed again under the other reading: "Under the other buffer sizing
 * (expected-line-rate, an assumption): moving each input by ±20 %, memory moves total time most:
 * ...". The sentence's first letter is lowered after the colon.
 */
export function underOtherReading(other: BufferMode, sentence: string): string {
  return `Under the other buffer sizing (${other}, an assumption): ${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}`;
}

/**
 * The findings of a section computed again under the other reading (`other`) that say something
 * the used reading's (`used`) do not, each through {@link underOtherReading}; none where they
 * read alike. The other reading's numbers must be the used ones wherever the two agree within
 * 10 %, so that only migrations that part can change a sentence.
 */
export function otherReadingFindings(
  used: readonly string[],
  other: readonly string[],
  otherMode: BufferMode,
): string[] {
  const same = new Set(used);
  return other.filter((f) => !same.has(f)).map((f) => underOtherReading(otherMode, f));
}
