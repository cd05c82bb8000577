import { formatBytes, plural } from "../../units/format.js";
import { outcomeWords, pct, time } from "./words.js";

/** One scenario's pre-copy trace as the findings read it. */
export interface ConvergenceTrace {
  readonly name: string;
  /** Bytes sent in each pre-copy iteration, iteration 0 first. */
  readonly iterationBytes: readonly number[];
  /** Bytes left for the stun when pre-copy stopped. */
  readonly switchoverBytes: number;
  /** What the switchover goal allows: goal time x throughput. */
  readonly goalBytes: number;
  readonly outcome: string;
  readonly totalTimeSec: number;
  readonly downtimeSec: number;
}

/**
 * A ratio of one iteration's bytes to the previous one's at or above this counts as "not
 * shrinking" (iterations that each send about as much as the one before). [assumption: 5 %]
 */
const FLAT_RATIO = 0.95;
/** Ratios whose largest is at most this multiple of the smallest read as "about" one ratio. */
const ABOUT_BAND = 1.25;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

function inBand(xs: readonly number[]): boolean {
  return xs.length > 0 && Math.max(...xs) <= Math.min(...xs) * ABOUT_BAND;
}

/** `"about 31 %"` when the ratios are within {@link ABOUT_BAND}, else `"49 % to 65 %"`. */
function ratioWords(xs: readonly number[]): string {
  if (inBand(xs)) return `about ${pct(median(xs))}`;
  const lo = pct(Math.min(...xs));
  const hi = pct(Math.max(...xs));
  return lo === hi ? `about ${lo}` : `${lo} to ${hi}`;
}

/**
 * How the bytes per iteration shrink, as a clause after "N iterations", each part read off the
 * bytes it cites:
 *
 * - every ratio about one value: `", each resending about 50 % of the previous one"`;
 * - a first run that does not shrink: `": iterations 0 to 2 each send 64 GiB, each later one
 *   resends about 20 % of the previous one"` (a median ratio over all would claim 20 % for
 *   iterations that resend everything);
 * - a first resend unlike the rest (the working set after the full first pass): `": iteration 0
 *   sends 64 GiB, iteration 1 resends 12 % of it, each later one about 31 % of the previous one"`;
 * - never shrinking: `": iterations 0 to 4 each send 64 GiB, the remainder never shrinking"`.
 */
export function shrinkWords(bytes: readonly number[]): string {
  const n = bytes.length;
  if (n < 2) return "";
  const ratios: number[] = [];
  for (let i = 1; i < n; i++) {
    const prev = bytes[i - 1] as number;
    ratios.push(prev > 0 ? (bytes[i] as number) / prev : 1);
  }
  // Iterations 0..flat send about as much as the one before.
  let flat = 0;
  while (flat < ratios.length && (ratios[flat] as number) >= FLAT_RATIO) flat++;
  const sizes = (from: number, to: number): string => {
    const part = bytes.slice(from, to + 1);
    const lo = formatBytes(Math.min(...part));
    const hi = formatBytes(Math.max(...part));
    return lo === hi ? `each send ${lo}` : `send ${lo} to ${hi} each`;
  };
  if (flat === ratios.length)
    return `: iterations 0 to ${n - 1} ${sizes(0, n - 1)}, the remainder never shrinking`;
  const rest = ratios.slice(flat);
  if (flat > 0)
    return `: iterations 0 to ${flat} ${sizes(0, flat)}, each later one resends ${ratioWords(rest)} of the previous one`;
  if (inBand(ratios)) return `, each resending about ${pct(median(ratios))} of the previous one`;
  const [first, ...later] = ratios as [number, ...number[]];
  const head = `: iteration 0 sends ${formatBytes(bytes[0] as number)}, iteration 1 resends ${pct(first)} of it`;
  if (later.length === 0) return head;
  if (later.length === 1) return `${head}, iteration 2 ${pct(later[0] as number)} of iteration 1`;
  return `${head}, each later one ${ratioWords(later)} of the previous one`;
}

/**
 * Per scenario: how many iterations pre-copy ran, how the bytes per iteration shrank
 * ({@link shrinkWords}: for a constant rate the dirty-to-transmit ratio), and where it stopped
 * against the switchover goal.
 *
 * Example: "db over routed-lan: 4 iterations, each resending about 35 % of the previous one;
 * pre-copy converges on its own, with 510 MiB left, under the 561 MiB the switchover goal allows
 * (total 91.5 s, stun 520 ms)."
 */
export function convergenceFindings(traces: readonly ConvergenceTrace[]): string[] {
  return traces.map((t) => {
    const left = `${formatBytes(t.switchoverBytes)} left`;
    const goal = `the ${formatBytes(t.goalBytes)} the switchover goal allows`;
    // "590 MiB left, above the 590 MiB ..." would read as a contradiction: equal at three digits
    // reads "at".
    const where =
      formatBytes(t.switchoverBytes) === formatBytes(t.goalBytes)
        ? `at ${goal}`
        : t.switchoverBytes <= t.goalBytes
          ? `under ${goal}`
          : `above ${goal}`;
    const tail = Number.isFinite(t.totalTimeSec)
      ? ` (total ${time(t.totalTimeSec)}, stun ${time(t.downtimeSec)})`
      : "";
    return `${t.name}: ${plural(t.iterationBytes.length, "iteration")}${shrinkWords(t.iterationBytes)}; ${outcomeWords(t.outcome)}, with ${left}, ${where}${tail}.`;
  });
}
