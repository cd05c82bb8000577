import type { TransportSpec } from "../model/types.js";
import { formatRate } from "../units/format.js";
import { MIN_RTO_SEC } from "./defaults.js";
import { protocolEfficiency, tcpMssBytes } from "./frame.js";
import { lossBoundBytesPerSec } from "./loss.js";
import { mtuVerdict } from "./mtu.js";
import { pathRttSec } from "./rtt.js";
import { segmentName } from "./segment-name.js";
import { slowStartSec } from "./slow-start.js";
import { autoStreams } from "./streams.js";
import type { PathBinding, PathBounds, PathResult, PathSegment, PathSpec, Sender } from "./types.js";
import { pathWarnings } from "./warnings.js";
import { effectiveWindowBytes, windowBoundBytesPerSec } from "./window.js";

/**
 * Turn a network path (a list of segments and router hops) into the throughput one migration
 * achieves and the RTT the pre-copy core uses (model.md section 4):
 *
 * - path MTU, MSS and black holes from the vmknic MTU and each segment's MTU (`mtuVerdict`);
 * - RTT = 2 x (propagation + segment delays + hop delays + serialization) + host stack time
 *   (`pathRttSec`), unless a measured RTT overrides it;
 * - bottleneck = the smallest segment line rate; loss = 1 - product of (1 - p_i) over segments and
 *   hops, seen by every stream;
 * - throughput = min(link, window, loss, cpu, flow-cap, cap), where
 *   link     = bottleneck x efficiency(path MTU) x (1 - loss) / concurrent  (fair share, model.md
 *              section 6; only delivered packets count),
 *   window   = window / RTT x streams (window from the buffer mode, `effectiveWindowBytes`),
 *   loss     = congestion-control bound per stream x streams (`lossBoundBytesPerSec`): each stream
 *              sees the path's loss, so more streams carry more,
 *   cpu      = max(lone-stream peak, per-stream cap x streams) (`cpuBoundBytesPerSec`: KB 323379's
 *              18 Gbit/s for one stream, 15 Gbit/s each for several),
 *   flow-cap = the smallest per-flow cap of any segment x streams,
 *   cap      = the configured cap.
 *   Only the link is shared among concurrent migrations. Ties go to the first term in that order.
 * - the sender (`spec.sender`, model.md section 4.2) names the stream in words and decides which
 *   support limits warn (vMotion's only for vMotion); its transport numbers are the spec's fields.
 * - slow start = RTT x log2(per-stream BDP / initial window), charged to iteration 0. vMotion keeps
 *   its TCP connections open across pre-copy iterations (one stream channel per vmknic set up once,
 *   KB 323379), so the window is opened once, not per iteration.
 *
 * The result names the binding term and, for link and flow-cap, the segment it sits on (`limit`).
 * A black hole (`failure`) gives throughput 0. Trusts its input (`parseInput` then `pathSpecOf`, src/input; or the caller). Never
 * returns Infinity or NaN: absent bounds are null.
 *
 * Example: the `same-l2` preset (10 GbE, MTU 9000, RTT ~0.2 ms) is bound by the link at
 * 1.25e9 x 8948 / 9038 = 1.2376e9 B/s.
 *
 * `opts.warnings: false` skips formatting the words: `warnings` is then empty and `limit` is ""
 * (formatting the limit cost about twice the arithmetic, bench `path`); sweeps use it, since they
 * never show either. Every number is the same either way.
 */
export interface ComputePathOptions {
  /** Format the support-limit warnings and the limit in words (default true). */
  readonly warnings?: boolean;
}

export function computePath(spec: PathSpec, opts: ComputePathOptions = {}): PathResult {
  const sender = spec.sender ?? "vmotion";
  const mtu = mtuVerdict(spec.hostMtuBytes, spec.segments, sender);
  const pathMtuBytes = mtu.pathMtuBytes;
  let bottleneckBytesPerSec = Number.MAX_VALUE;
  let bottleneckSegment = 0;
  let flowCapPerStream: number | null = null;
  let flowCapSegment = 0;
  let deliveredFraction = 1;
  for (let i = 0; i < spec.segments.length; i++) {
    const s = spec.segments[i] as PathSegment;
    if (s.linkBytesPerSec < bottleneckBytesPerSec) {
      bottleneckBytesPerSec = s.linkBytesPerSec;
      bottleneckSegment = i;
    }
    if (
      s.flowCapBytesPerSec !== null &&
      (flowCapPerStream === null || s.flowCapBytesPerSec < flowCapPerStream)
    ) {
      flowCapPerStream = s.flowCapBytesPerSec;
      flowCapSegment = i;
    }
    deliveredFraction *= 1 - s.lossFraction;
  }
  for (const h of spec.hops) deliveredFraction *= 1 - h.lossFraction;
  const lossFraction = 1 - deliveredFraction;

  const rttSec = spec.rttOverrideSec ?? pathRttSec(spec, pathMtuBytes);
  const mssBytes = tcpMssBytes(pathMtuBytes);
  const efficiency = protocolEfficiency(pathMtuBytes);
  const sourceLinkBytesPerSec = spec.segments[0]?.linkBytesPerSec ?? bottleneckBytesPerSec;
  const streams =
    spec.streams === "auto"
      ? autoStreams(sourceLinkBytesPerSec, spec.streamCpuCapBytesPerSec ?? sourceLinkBytesPerSec)
      : spec.streams;
  const la = spec.latencyAware;
  const latencyAware = la !== null && rttSec > la.thresholdRttSec;

  const linkBytesPerSec = (bottleneckBytesPerSec * efficiency * deliveredFraction) / spec.concurrent;
  const cpuBytesPerSec = cpuBoundBytesPerSec(spec, streams);
  const flowCapBytesPerSec = flowCapPerStream === null ? null : flowCapPerStream * streams;
  // What one stream could carry but for its window: the BDP the `bdp` buffer mode sizes for.
  let rateBytesPerSec = linkBytesPerSec;
  for (const v of [cpuBytesPerSec, flowCapBytesPerSec, spec.capBytesPerSec])
    if (v !== null && v < rateBytesPerSec) rateBytesPerSec = v;
  const windowBytes = effectiveWindowBytes(spec.socketBufferBytes, rttSec, la, rateBytesPerSec / streams);
  const perStreamLoss = lossBoundBytesPerSec(
    spec.congestionControl,
    mssBytes,
    rttSec,
    lossFraction,
    spec.minRtoSec ?? MIN_RTO_SEC,
  );

  const bounds: PathBounds = {
    linkBytesPerSec,
    windowBytesPerSec: windowBoundBytesPerSec(windowBytes, rttSec) * streams,
    lossBytesPerSec: perStreamLoss === null ? null : perStreamLoss * streams,
    cpuBytesPerSec,
    flowCapBytesPerSec,
    capBytesPerSec: spec.capBytesPerSec,
  };
  const tight = tightestBound(bounds);
  const failure = mtu.failure;
  const throughputBytesPerSec = failure === null ? tight.throughputBytesPerSec : 0;
  const binding = tight.binding;
  const bindingSegment =
    binding === "link" ? bottleneckSegment : binding === "flow-cap" ? flowCapSegment : null;
  const limit =
    opts.warnings === false
      ? ""
      : failure !== null
        ? `path MTU black hole at ${segmentName(spec.segments[failure.segmentIndex] as PathSegment, failure.segmentIndex)}`
        : limitWords(
            sender,
            binding,
            bindingSegment === null
              ? null
              : segmentName(spec.segments[bindingSegment] as PathSegment, bindingSegment),
            tight.throughputBytesPerSec,
          );

  const initialWindowBytes = spec.initialWindowSegments * mssBytes;
  const bdpPerStreamBytes = (throughputBytesPerSec / streams) * rttSec;
  const warnings =
    opts.warnings === false
      ? []
      : pathWarnings({
          sender,
          rttSec,
          bottleneckBytesPerSec,
          concurrent: spec.concurrent,
          throughputBytesPerSec,
          binding,
          hostMtuBytes: spec.hostMtuBytes,
          pathMtuBytes,
          failed: failure !== null,
        });
  return {
    sender,
    rttSec,
    pathMtuBytes,
    mssBytes,
    protocolEfficiency: efficiency,
    bottleneckBytesPerSec,
    bottleneckSegment,
    lossFraction,
    streams,
    socketBufferBytes: spec.socketBufferBytes,
    windowBytes,
    latencyAware,
    bufferMode: la === null ? null : la.bufferMode,
    congestionControl: spec.congestionControl,
    concurrent: spec.concurrent,
    throughputBytesPerSec,
    binding,
    bindingSegment,
    limit,
    bounds,
    initialWindowBytes,
    slowStartSec: slowStartSec(rttSec, bdpPerStreamBytes, initialWindowBytes),
    failure,
    warnings,
  };
}

/**
 * The stream helpers' CPU bound: max(lone-stream peak, streams x per-stream cap), null without a
 * cap. A lone stream reaches 18 Gbit/s (KB 323379), several 15 Gbit/s each
 * (`Migrate.MigrateStreamHelperBwUtilMax`); the max keeps the bound from falling as streams are
 * added. Example: defaults, 2 streams -> max(18, 30) = 30 Gbit/s; 1 stream -> 18 Gbit/s.
 */
export function cpuBoundBytesPerSec(spec: PathSpec, streams: number): number | null {
  const perStream = spec.streamCpuCapBytesPerSec;
  if (perStream === null) return null;
  return Math.max(spec.loneStreamCpuCapBytesPerSec ?? perStream, perStream * streams);
}

const LIMIT_NAMES: Readonly<Record<PathBinding, string>> = {
  link: "line rate",
  window: "TCP window (socket buffers)",
  loss: "packet loss (congestion control)",
  cpu: "stream helper CPU",
  "flow-cap": "per-flow cap",
  cap: "configured cap",
};

/**
 * "line rate of segment 2 (dci), 9.9 Gbit/s"; "TCP window (socket buffers), 1.06 Gbit/s"; over Xen's
 * ssh transport the window is the ssh channel's ("ssh channel window, 663 Mbit/s").
 */
function limitWords(
  sender: Sender,
  binding: PathBinding,
  segment: string | null,
  bytesPerSec: number,
): string {
  const name = sender === "xen" && binding === "window" ? "ssh channel window" : LIMIT_NAMES[binding];
  return `${name}${segment === null ? "" : ` of ${segment}`}, ${formatRate(bytesPerSec)}`;
}

/** The smallest bound and its name; on a tie the first in link, window, loss, cpu, flow-cap, cap order wins. */
export function tightestBound(bounds: PathBounds): { binding: PathBinding; throughputBytesPerSec: number } {
  let binding: PathBinding = "link";
  let throughputBytesPerSec = bounds.linkBytesPerSec;
  const consider = (name: PathBinding, value: number | null): void => {
    if (value !== null && value < throughputBytesPerSec) {
      binding = name;
      throughputBytesPerSec = value;
    }
  };
  consider("window", bounds.windowBytesPerSec);
  consider("loss", bounds.lossBytesPerSec);
  consider("cpu", bounds.cpuBytesPerSec);
  consider("flow-cap", bounds.flowCapBytesPerSec);
  consider("cap", bounds.capBytesPerSec);
  return { binding, throughputBytesPerSec };
}

/** What the pre-copy core needs from a computed path (a black hole travels as `failure`). */
export function toTransport(r: PathResult): TransportSpec {
  return {
    throughputBytesPerSec: r.throughputBytesPerSec,
    rttSec: r.rttSec,
    slowStartSec: r.slowStartSec,
    binding: r.binding,
    failure: r.failure,
  };
}

/**
 * The transport when the user sets the achieved throughput directly (`--bandwidth`) over a modelled
 * path: the path's RTT, the given throughput (binding "given"), and slow start recomputed for that
 * throughput per stream. A black hole still fails: no given bandwidth carries dropped packets.
 *
 * Example: the `wan` path with 1 Gbit/s given: the path's RTT, binding "given".
 */
export function toTransportWithThroughput(r: PathResult, throughputBytesPerSec: number): TransportSpec {
  const bdpPerStreamBytes = (throughputBytesPerSec / r.streams) * r.rttSec;
  return {
    throughputBytesPerSec,
    rttSec: r.rttSec,
    slowStartSec: slowStartSec(r.rttSec, bdpPerStreamBytes, r.initialWindowBytes),
    binding: "given",
    failure: r.failure,
  };
}
