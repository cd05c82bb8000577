import { bySeries, type SweepPoint } from "./points.js";
import { pct, rate } from "./words.js";

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
      out.push(`On ${name}, SDPS never has to slow the guest, up to ${rate(last.dirtyRateBytesPerSec)}.`);
      continue;
    }
    const start = `On ${name}, SDPS starts slowing the guest at ${rate(first.dirtyRateBytesPerSec)} (by ${pct(first.guestSlowdown)})`;
    out.push(
      first === last
        ? `${start}.`
        : `${start}; at ${rate(last.dirtyRateBytesPerSec)} it takes ${pct(last.guestSlowdown)} of the guest's CPU time.`,
    );
  }
  return out;
}
