import { formatNumber, formatRate } from "../../units/format.js";
import { bySeries, nearestRate, type SweepPoint } from "./points.js";
import { completed, list, outcomeWords, pct, rate, time, timesApart } from "./words.js";

export interface RoutingOptions {
  /** The series every other is compared with (the first series when absent). */
  readonly baseline?: string;
  /** The dirty rate quoted (the nearest grid value is used). */
  readonly atBytesPerSec: number;
  /** What differs from the baseline's path, per series: `["+2 hops", "MTU 1500"]`. */
  readonly changes?: Readonly<Record<string, readonly string[]>>;
  /** Extra time below which a path counts as harmless, as a fraction (default 0.1). */
  readonly harmlessFraction?: number;
}

/**
 * What each path costs against the baseline path, from a sweep over paths and dirty rates:
 * the throughput it loses (or gains), what that does to migration time at the quoted dirty rate,
 * and up to which dirty rate the extra time stays below `harmlessFraction`.
 *
 * The RTT difference is named when the sweep records both RTTs, so that what routing itself costs
 * (microseconds of RTT) reads apart from what MTU and distance cost.
 *
 * Example (same-l2 at 9.9 Gbit/s, routed-lan-mtu1500 at 9.41 Gbit/s, 406 MiB/s: 84.7 s vs 91.5 s):
 * "routed-lan-mtu1500 (+2 hops, MTU 1500) has 4.9 % less throughput than same-l2 (9.41 vs 9.9
 * Gbit/s) and 3.3 us less RTT (193 us vs 196 us); at 406 MiB/s dirtying this adds 8 % to migration
 * time, 6.8 s (91.5 s instead of 84.7 s)."
 */
export function routingFindings(points: readonly SweepPoint[], opts: RoutingOptions): string[] {
  const groups = bySeries(points);
  const baseName = opts.baseline ?? [...groups.keys()][0];
  const base = baseName === undefined ? undefined : groups.get(baseName);
  if (baseName === undefined || base === undefined) return [];
  const limit = opts.harmlessFraction ?? 0.1;
  const out: string[] = [];
  for (const [name, pts] of groups) {
    if (name === baseName) continue;
    const a = nearestRate(base, opts.atBytesPerSec);
    const b = nearestRate(pts, opts.atBytesPerSec);
    if (a === undefined || b === undefined) continue;
    const change = opts.changes?.[name];
    const who = change !== undefined && change.length > 0 ? `${name} (${change.join(", ")})` : name;
    const ratio = b.pathThroughputBytesPerSec / a.pathThroughputBytesPerSec;
    const tp = `${formatRate(b.pathThroughputBytesPerSec)} vs ${formatRate(a.pathThroughputBytesPerSec)}`;
    const through =
      (Math.abs(ratio - 1) < 0.0005
        ? `${who} has the same throughput as ${baseName} (${formatRate(a.pathThroughputBytesPerSec)})`
        : ratio >= 2
          ? `${who} has ${formatNumber(ratio, 2)}x the throughput of ${baseName} (${tp})`
          : `${who} has ${pct(1 - ratio)} ${ratio < 1 ? "less" : "more"} throughput than ${baseName} (${tp})`) +
      rttWords(b.rttSec, a.rttSec);
    const at = `at ${rate(b.dirtyRateBytesPerSec)} dirtying`;
    let effect: string;
    if (!completed(b.outcome, b.totalTimeSec)) effect = `${at}, ${outcomeWords(b.outcome)}`;
    else if (!completed(a.outcome, a.totalTimeSec))
      effect = `${at} it completes in ${time(b.totalTimeSec)} where ${baseName} does not`;
    else {
      const times = b.totalTimeSec / a.totalTimeSec;
      const extra = times - 1;
      const diff = time(Math.abs(b.totalTimeSec - a.totalTimeSec));
      const [tb, ta] = timesApart(b.totalTimeSec, a.totalTimeSec);
      const both = `(${tb} instead of ${ta})`;
      // From 2x on a multiple, as the throughput above and compare's change words read.
      const verb =
        Math.abs(extra) < 0.0005
          ? "this leaves migration time unchanged"
          : times >= 2
            ? `this makes migration ${multiple(times)} as long, ${diff} more ${both}`
            : `this ${extra > 0 ? "adds" : "saves"} ${pct(extra)} ${extra > 0 ? "to" : "of"} migration time, ${diff} ${both}`;
      effect = `${at} ${verb}`;
      if (b.outcome !== a.outcome)
        effect += `, and ${outcomeWords(b.outcome)} where on ${baseName} ${outcomeWords(a.outcome)}`;
    }
    out.push(`${through}; ${effect}.`);
    out.push(harmlessFinding(name, baseName, base, pts, limit));
  }
  return out;
}

/** `9.36` -> `"9.4x"`, `10.6` -> `"11x"`: two significant digits, as the throughput multiple. */
function multiple(ratio: number): string {
  return `${formatNumber(ratio, 2)}x`;
}

/** A time ratio above 1 in words: `1.3` -> `"30 % longer"`, `9.36` -> `"9.4x as long"` (from 2x on). */
function longer(ratio: number): string {
  return ratio >= 2 ? `${multiple(ratio)} as long` : `${pct(ratio - 1)} longer`;
}

/** " and 33 us more RTT (229 us vs 196 us)"; empty when either RTT is unknown or they are equal. */
function rttWords(rttSec: number, baseRttSec: number): string {
  if (!Number.isFinite(rttSec) || !Number.isFinite(baseRttSec) || rttSec === baseRttSec) return "";
  const d = rttSec - baseRttSec;
  return ` and ${time(Math.abs(d))} ${d > 0 ? "more" : "less"} RTT (${time(rttSec)} vs ${time(baseRttSec)})`;
}

/**
 * Up to which dirty rate `pts` stays harmless against `base` (matched by nearest dirty rate):
 * at most `limit` longer, and no worse an outcome. What ends the run is said from the numbers at
 * the first point that is not harmless: the path fails, needs SDPS where the baseline converges
 * on its own, or takes longer than `limit`. A point where the path does better than the baseline
 * (it converges on its own where the baseline needs SDPS, or the baseline fails) does not end it:
 * "stays within 10 % ... up to 87.5 MiB/s; at 103 MiB/s pre-copy converges on its own" named a
 * better outcome as the reason.
 */
function harmlessFinding(
  name: string,
  baseName: string,
  base: readonly SweepPoint[],
  pts: readonly SweepPoint[],
  limit: number,
): string {
  const within = `within ${pct(limit)} of ${baseName}'s migration time`;
  /** Why `p` is not harmless against `q`, or null when it is. */
  const why = (p: SweepPoint, q: SweepPoint | undefined): string | null => {
    if (!completed(p.outcome, p.totalTimeSec))
      return q !== undefined && !completed(q.outcome, q.totalTimeSec) && q.outcome === p.outcome
        ? `${outcomeWords(p.outcome)}, as on ${baseName}`
        : outcomeWords(p.outcome);
    if (q === undefined || !completed(q.outcome, q.totalTimeSec)) return null;
    if (p.outcome === "converged-throttled" && q.outcome === "converged")
      return `pre-copy converges only because SDPS slows the guest (by up to ${pct(p.guestSlowdown)}), where on ${baseName} it converges on its own`;
    if (p.totalTimeSec > q.totalTimeSec * (1 + limit))
      return `it takes ${longer(p.totalTimeSec / q.totalTimeSec)} (${time(p.totalTimeSec)} vs ${time(q.totalTimeSec)})`;
    return null;
  };
  let lastOk: SweepPoint | undefined;
  for (const p of pts) {
    const reason = why(p, nearestRate(base, p.dirtyRateBytesPerSec));
    if (reason !== null) {
      if (lastOk === undefined)
        return `${name} is not ${within} even at ${rate(p.dirtyRateBytesPerSec)}: ${reason}.`;
      return `${name} stays ${within} up to ${rate(lastOk.dirtyRateBytesPerSec)}; at ${rate(p.dirtyRateBytesPerSec)} ${reason}.`;
    }
    lastOk = p;
  }
  const first = pts[0];
  const last = pts[pts.length - 1];
  return first === undefined || last === undefined
    ? ""
    : `${name} stays ${within} across the whole range, ${rate(first.dirtyRateBytesPerSec)} to ${rate(last.dirtyRateBytesPerSec)}.`;
}

/**
 * Per series, the largest dirty rate at which pre-copy converges without throttling, and what
 * happens just above it. Series with the same limit are named together.
 *
 * Example: "same-l2 converges on its own up to 906 MiB/s; at 996 MiB/s it converges only because
 * SDPS slows the guest."
 */
export function convergenceLimitFindings(points: readonly SweepPoint[]): string[] {
  // `many`: the sentence is about several series (the verb's number comes from the count of
  // names, not from " and " inside a user's label such as "LAN and WAN").
  const lines: { key: string; names: string[]; text: (who: string, many: boolean) => string }[] = [];
  for (const [name, pts] of bySeries(points)) {
    const firstBad = pts.findIndex((p) => p.outcome !== "converged");
    const last = pts[pts.length - 1];
    const first = pts[0];
    if (first === undefined || last === undefined) continue;
    let key: string;
    let text: (who: string, many: boolean) => string;
    if (first.dirtyRateBytesPerSec === last.dirtyRateBytesPerSec) {
      // One dirty rate swept: no "every rate up to" and no "even at".
      key = `one:${first.dirtyRateBytesPerSec}:${first.outcome}`;
      text = (who) =>
        `On ${who}, at ${rate(first.dirtyRateBytesPerSec)} (the one dirty rate swept), ${outcomeWords(first.outcome)}.`;
    } else if (firstBad === -1) {
      key = `all:${last.dirtyRateBytesPerSec}`;
      text = (who, many) =>
        `${who} converge${many ? "" : "s"} on ${many ? "their" : "its"} own at every dirty rate up to ${rate(last.dirtyRateBytesPerSec)}.`;
    } else if (firstBad === 0) {
      key = `none:${first.outcome}`;
      text = (who) =>
        `On ${who}, even at ${rate(first.dirtyRateBytesPerSec)} ${outcomeWords(first.outcome)}.`;
    } else {
      const ok = pts[firstBad - 1] as SweepPoint;
      const bad = pts[firstBad] as SweepPoint;
      key = `${ok.dirtyRateBytesPerSec}:${bad.outcome}`;
      text = (who, many) =>
        `${who} converge${many ? "" : "s"} on ${many ? "their" : "its"} own up to ${rate(ok.dirtyRateBytesPerSec)}; at ${rate(bad.dirtyRateBytesPerSec)} ${outcomeWords(bad.outcome)}.`;
    }
    const same = lines.find((l) => l.key === key);
    if (same) same.names.push(name);
    else lines.push({ key, names: [name], text });
  }
  return lines.map((l) => l.text(list(l.names), l.names.length > 1));
}
