import { formatDuration, formatRate, plural } from "../units/format.js";
import type { PathPlan } from "./plan.js";

/**
 * What differs between two path plans, in words, for the `compare` table: hop count, MTU, link,
 * distance, loss, streams, concurrency, a measured RTT, congestion control and buffer mode. Empty
 * when the plans match on all of them.
 *
 * Example: same-l2 -> routed-lan gives `["+2 hops"]`; -> wan gives
 * `["+6 hops", "2500 km", "loss 7.2e-8"]`.
 */
export function describePlanChange(base: PathPlan, plan: PathPlan): string[] {
  const out: string[] = [];
  const hopDelta = plan.hops - base.hops;
  if (hopDelta !== 0)
    out.push(`${hopDelta > 0 ? "+" : ""}${hopDelta} hop${Math.abs(hopDelta) === 1 ? "" : "s"}`);
  const baseMtu = planMtu(base);
  const mtu = planMtu(plan);
  if (mtu !== baseMtu) out.push(`MTU ${mtu}`);
  if (plan.linkBytesPerSec !== base.linkBytesPerSec) out.push(formatRate(plan.linkBytesPerSec));
  // Distances within a kilometre of each other change nothing worth a word (5 us each way).
  if (Math.abs(plan.distanceKm - base.distanceKm) >= 1) out.push(`${formatKm(plan.distanceKm)} km`);
  if (plan.lossFraction !== base.lossFraction) out.push(`loss ${formatLoss(plan.lossFraction)}`);
  if (plan.streams !== base.streams)
    out.push(plan.streams === "auto" ? "auto streams" : plural(plan.streams, "stream"));
  if (plan.concurrent !== base.concurrent) out.push(`${plan.concurrent} concurrent`);
  if (plan.rttSec !== base.rttSec && plan.rttSec !== null) out.push(`RTT ${formatDuration(plan.rttSec)}`);
  if (plan.congestionControl !== base.congestionControl) out.push(plan.congestionControl);
  const mode = plan.latencyAware?.bufferMode ?? "off";
  if (mode !== (base.latencyAware?.bufferMode ?? "off")) out.push(`buffers ${mode}`);
  return out;
}

/** The largest packet a plan's path carries: the vmknic MTU or the smallest segment's. */
function planMtu(plan: PathPlan): number {
  const network =
    plan.segments === null ? plan.networkMtuBytes : Math.min(...plan.segments.map((s) => s.mtuBytes));
  return Math.min(plan.hostMtuBytes, network);
}

/** Loss to two significant digits: 7.2304e-8 -> "7.2e-8", 1e-5 -> "1e-5". */
export function formatLoss(p: number): string {
  return p === 0
    ? "0"
    : Number(p.toPrecision(2))
        .toExponential()
        .replace(/\.?0+e/, "e");
}

function formatKm(km: number): string {
  return km >= 10 ? km.toFixed(0) : String(Number(km.toPrecision(2)));
}
