import { formatBytes } from "../../units/format.js";
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
 * Per scenario: how many iterations pre-copy ran, how fast the remainder shrank (the median ratio
 * of one iteration's bytes to the previous one's: the dirty-to-transmit ratio for a constant
 * rate), and where it stopped against the switchover goal.
 *
 * Example: "db over routed-lan: 4 iterations, each resending about 35 % of the previous one;
 * pre-copy converges on its own with 510 MiB left, under the 561 MiB the 0.5 s goal allows
 * (total 91.5 s, stun 0.52 s)."
 */
export function convergenceFindings(traces: readonly ConvergenceTrace[]): string[] {
  return traces.map((t) => {
    const ratios: number[] = [];
    for (let i = 1; i < t.iterationBytes.length; i++) {
      const prev = t.iterationBytes[i - 1] as number;
      if (prev > 0) ratios.push((t.iterationBytes[i] as number) / prev);
    }
    ratios.sort((a, b) => a - b);
    const median = ratios.length === 0 ? NaN : (ratios[Math.floor((ratios.length - 1) / 2)] as number);
    const n = t.iterationBytes.length;
    const shrink = Number.isNaN(median)
      ? ""
      : median < 1
        ? `, each resending about ${pct(median)} of the previous one`
        : ", the remainder no longer shrinking";
    const left = `${formatBytes(t.switchoverBytes)} left`;
    const goal = `the ${formatBytes(t.goalBytes)} the switchover goal allows`;
    const where = t.switchoverBytes <= t.goalBytes * (1 + 1e-9) ? `under ${goal}` : `above ${goal}`;
    const tail = Number.isFinite(t.totalTimeSec)
      ? ` (total ${time(t.totalTimeSec)}, stun ${time(t.downtimeSec)})`
      : "";
    return `${t.name}: ${n} iteration${n === 1 ? "" : "s"}${shrink}; ${outcomeWords(t.outcome)} with ${left}, ${where}${tail}.`;
  });
}
