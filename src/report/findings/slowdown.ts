import { bySeries, type SweepPoint } from "./points.js";
import { completed, outcomeWords, pct, rate } from "./words.js";

/**
 * What SDPS costs the guest, per series: the lowest dirty rate at which it throttles, and the
 * share of guest CPU time it takes at the highest dirty rate (the `guestSlowdown` result: the
 * largest fraction of guest time removed during pre-copy).
 *
 * Example: "On routed-lan, SDPS starts slowing the guest at 906 MiB/s (by 74 %); at 2 GiB/s it
 * takes 88 % of the guest's CPU time."
 */
export function slowdownFindings(points: readonly SweepPoint[]): string[] {
  const out: string[] = [];
  for (const [name, pts] of bySeries(points)) {
    const first = pts.find((p) => p.guestSlowdown > 0);
    const last = pts[pts.length - 1];
    if (last === undefined) continue;
    if (first === undefined) {
      const failed = pts.find((p) => !completed(p.outcome, p.totalTimeSec));
      out.push(
        failed === undefined
          ? `On ${name}, SDPS never has to slow the guest, up to ${rate(last.dirtyRateBytesPerSec)}.`
          : `On ${name}, SDPS never slows the guest, but from ${rate(failed.dirtyRateBytesPerSec)} ${outcomeWords(failed.outcome)}.`,
      );
      continue;
    }
    const start = `On ${name}, SDPS starts slowing the guest at ${rate(first.dirtyRateBytesPerSec)} (by ${pct(first.guestSlowdown)})`;
    // A failed migration at the top says so: "it takes 0 % of the guest's CPU time" would read
    // as harmless.
    const end = completed(last.outcome, last.totalTimeSec)
      ? `at ${rate(last.dirtyRateBytesPerSec)} it takes ${pct(last.guestSlowdown)} of the guest's CPU time`
      : `at ${rate(last.dirtyRateBytesPerSec)} ${outcomeWords(last.outcome)}`;
    out.push(first === last ? `${start}.` : `${start}; ${end}.`);
  }
  return out;
}
