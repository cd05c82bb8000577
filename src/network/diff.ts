import { formatBytes, formatDuration, formatRate, plural } from "../units/format.js";
import { planToSpec, type PathPlan } from "./plan.js";

/**
 * What differs between two path plans, in words, for the `compare` table: hop count and hop delay,
 * MTU, link, distance, loss, segment delays, per-flow cap, streams, concurrency, a measured RTT, socket buffer,
 * congestion control and buffer mode. Link, MTU, distance, loss and flow cap are read from the
 * segments the path will have (`effectiveOf`), so a column with its own `segments=` is described
 * by what its segments change; a segment list that differs in nothing named here reads "other
 * segments". Empty when the plans match on all of them.
 *
 * Example: same-l2 -> routed-lan gives `["+2 hops"]`; -> wan gives
 * `["+6 hops", "2500 km", "loss 7.2e-8"]`.
 */
export function describePlanChange(base: PathPlan, plan: PathPlan): string[] {
  const out: string[] = [];
  const a = effectiveOf(base);
  const b = effectiveOf(plan);
  const hopDelta = plan.hops - base.hops;
  if (hopDelta !== 0)
    out.push(`${hopDelta > 0 ? "+" : ""}${hopDelta} hop${Math.abs(hopDelta) === 1 ? "" : "s"}`);
  if (plan.hops > 0 && plan.hopDelaySec !== base.hopDelaySec)
    out.push(`hop delay ${formatDuration(plan.hopDelaySec)}`);
  if (b.mtuBytes !== a.mtuBytes) out.push(`MTU ${b.mtuBytes}`);
  if (b.linkBytesPerSec !== a.linkBytesPerSec) out.push(formatRate(b.linkBytesPerSec));
  // Distances within a kilometre of each other change nothing worth a word (5 us each way).
  if (Math.abs(b.distanceKm - a.distanceKm) >= 1) out.push(`${formatKm(b.distanceKm)} km`);
  // Losses that print alike (two significant digits) are not news.
  if (formatLoss(b.lossFraction) !== formatLoss(a.lossFraction))
    out.push(`loss ${formatLoss(b.lossFraction)}`);
  if (b.delaySec !== a.delaySec) out.push(`segment delay ${formatDuration(b.delaySec)}`);
  if (b.flowCapBytesPerSec !== a.flowCapBytesPerSec)
    out.push(b.flowCapBytesPerSec === null ? "no flow cap" : `flow cap ${formatRate(b.flowCapBytesPerSec)}`);
  if (plan.streams !== base.streams)
    out.push(plan.streams === "auto" ? "auto streams" : plural(plan.streams, "stream"));
  if (plan.concurrent !== base.concurrent) out.push(`${plan.concurrent} concurrent`);
  if (plan.rttSec !== base.rttSec && plan.rttSec !== null) out.push(`RTT ${formatDuration(plan.rttSec)}`);
  if (plan.socketBufferBytes !== base.socketBufferBytes)
    out.push(`socket buffer ${formatBytes(plan.socketBufferBytes)}`);
  if (plan.congestionControl !== base.congestionControl) out.push(plan.congestionControl);
  const mode = plan.latencyAware?.bufferMode ?? "off";
  if (mode !== (base.latencyAware?.bufferMode ?? "off")) out.push(`buffers ${mode}`);
  // Segments that differ in what no word above names (a delay, a clamp, their order or count).
  if (
    out.length === 0 &&
    JSON.stringify(planToSpec(base).segments) !== JSON.stringify(planToSpec(plan).segments)
  )
    out.push("other segments");
  return out;
}

/** What a plan's path will carry, read from its segments (`planToSpec`), for {@link describePlanChange}. */
interface EffectivePath {
  /** The largest packet: the vmknic MTU or the smallest segment's. */
  readonly mtuBytes: number;
  /** The slowest segment's line rate. */
  readonly linkBytesPerSec: number;
  readonly distanceKm: number;
  /** The segments' extra one-way delays, summed. */
  readonly delaySec: number;
  /** End to end: 1 - product of (1 - p_i). */
  readonly lossFraction: number;
  /** The smallest per-flow cap, or null. */
  readonly flowCapBytesPerSec: number | null;
}

function effectiveOf(plan: PathPlan): EffectivePath {
  const segments = planToSpec(plan).segments;
  let mtuBytes = plan.hostMtuBytes;
  let linkBytesPerSec = Number.MAX_VALUE;
  let distanceKm = 0;
  let delaySec = 0;
  let delivered = 1;
  let flowCapBytesPerSec: number | null = null;
  for (const s of segments) {
    mtuBytes = Math.min(mtuBytes, s.mtuBytes);
    linkBytesPerSec = Math.min(linkBytesPerSec, s.linkBytesPerSec);
    distanceKm += s.distanceKm;
    delaySec += s.delaySec;
    delivered *= 1 - s.lossFraction;
    if (s.flowCapBytesPerSec !== null)
      flowCapBytesPerSec = Math.min(flowCapBytesPerSec ?? s.flowCapBytesPerSec, s.flowCapBytesPerSec);
  }
  // Summed over segments, a uniform plan's distance can differ from its own in the last bit.
  return { mtuBytes, linkBytesPerSec, distanceKm, delaySec, lossFraction: 1 - delivered, flowCapBytesPerSec };
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
