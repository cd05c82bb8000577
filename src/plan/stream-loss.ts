import { formatLoss } from "../network/diff.js";
import type { PathResult } from "../network/index.js";
import { formatDuration, formatRate, plural } from "../units/format.js";

/**
 * What `solve --for streams` says about loss, built from the path at one stream and at the
 * answer's `n` streams: loss applies per stream (model.md section 4: every stream sees the path's
 * loss and has its own congestion-control bound, so n streams carry n times one stream's bound),
 * hence more streams help on a lossy path. Null when the path has no loss bound at all.
 *
 * At one stream the words follow what binds there: the wan preset's own loss (7.2e-8) lets one
 * stream carry 12.8 Gbit/s, above its 10 GbE circuit, so "at 1 stream the link binds, not loss:
 * more streams would not help here".
 *
 * Example (wan with --loss 1e-5, RTT 25.3 ms, New Reno): "loss applies per stream: at loss 1e-5
 * and RTT 25.3 ms one stream's congestion control carries 173 Mbit/s, so 8 streams carry 1.38
 * Gbit/s: on this lossy path more streams help (loss still binds at 8 streams)".
 */
export function streamLossWords(one: PathResult, atN: PathResult): string {
  const n = atN.streams;
  if (one.bounds.lossBytesPerSec === null || atN.bounds.lossBytesPerSec === null)
    return `loss applies per stream, but this path loses no packets: streams help here only through the window (each stream's window / RTT) and the per-stream CPU`;
  const perStream = one.bounds.lossBytesPerSec / one.streams;
  const lead = `loss applies per stream: at loss ${formatLoss(one.lossFraction)} and RTT ${formatDuration(one.rttSec)} one stream's congestion control carries ${formatRate(perStream)}`;
  if (n === 1)
    return one.binding === "loss"
      ? `${lead}, and each more stream would add as much: on a lossy path more streams help`
      : // Above what another limit allows: more streams lift a bound that does not bind.
        `${lead}, but at 1 stream the ${one.binding} binds, not loss: more streams would not help here`;
  const binds =
    atN.binding === "loss"
      ? `loss still binds at ${plural(n, "stream")}`
      : `at ${plural(n, "stream")} the ${atN.binding} binds instead`;
  return (
    `${lead}, so ${plural(n, "stream")} carry ${formatRate(atN.bounds.lossBytesPerSec)}: ` +
    `on this lossy path more streams help (${binds})`
  );
}
