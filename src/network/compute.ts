import type { TransportSpec } from "../model/types.js";
import { protocolEfficiency, tcpMssBytes } from "./frame.js";
import { mathisBoundBytesPerSec } from "./mathis.js";
import { pathRttSec } from "./rtt.js";
import { slowStartSec } from "./slow-start.js";
import { autoStreams } from "./streams.js";
import type { PathBinding, PathBounds, PathResult, PathSpec } from "./types.js";
import { pathWarnings } from "./warnings.js";
import { effectiveWindowBytes, windowBoundBytesPerSec } from "./window.js";

/**
 * Turn a network path into the throughput one migration achieves and the RTT the pre-copy core
 * uses (model.md section 4, issue 3):
 *
 * - RTT = 2 x (propagation + hop delays + serialization) + host stack time (`pathRttSec`), unless a
 *   measured RTT overrides it;
 * - path MTU = min(vmknic MTU, every segment's MTU); bottleneck = the smallest line rate;
 *   loss = 1 - product of (1 - p_i) over segments and hops;
 * - throughput = min(link, window, loss, cpu, cap), where
 *   link   = bottleneck x efficiency(path MTU) / concurrent   (fair share, model.md section 6),
 *   window = window / RTT x streams,
 *   loss   = (MSS / RTT) x 1.22 / sqrt(p) x streams           (Mathis et al. 1997),
 *   cpu    = per-stream cap x streams,
 *   cap    = the configured cap.
 *   Only the link is shared among concurrent migrations: each migration runs its own streams, so
 *   window, loss and CPU bounds are per migration. Ties go to the first term in that order.
 * - slow start = RTT x log2(per-stream BDP / initial window), charged to iteration 0.
 *
 * Trusts its input (`parseInput` then `pathSpecOf`, src/input; or the caller). Never returns Infinity or NaN:
 * absent bounds are null.
 *
 * Example: the `same-l2` preset (10 GbE, MTU 9000, RTT ~0.2 ms) is bound by the link at
 * 1.25e9 x 8948 / 9038 = 1.2376e9 B/s.
 *
 * `opts.warnings: false` skips formatting the warning strings (`warnings` is then empty); sweeps
 * use it, since they never show them. Every number is the same either way.
 */
export interface ComputePathOptions {
  /** Format the support-limit warnings (default true). */
  readonly warnings?: boolean;
}

export function computePath(spec: PathSpec, opts: ComputePathOptions = {}): PathResult {
  let pathMtuBytes = spec.hostMtuBytes;
  let largestMtuBytes = spec.hostMtuBytes;
  let bottleneckBytesPerSec = Number.MAX_VALUE;
  let deliveredFraction = 1;
  for (const s of spec.segments) {
    pathMtuBytes = Math.min(pathMtuBytes, s.mtuBytes);
    largestMtuBytes = Math.max(largestMtuBytes, s.mtuBytes);
    bottleneckBytesPerSec = Math.min(bottleneckBytesPerSec, s.linkBytesPerSec);
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
  const latencyAware = spec.latencyAware !== null && rttSec > spec.latencyAware.thresholdRttSec;
  const windowBytes = effectiveWindowBytes(spec.socketBufferBytes, rttSec, spec.latencyAware);
  const perStreamLoss = mathisBoundBytesPerSec(mssBytes, rttSec, lossFraction);

  const bounds: PathBounds = {
    linkBytesPerSec: (bottleneckBytesPerSec * efficiency) / spec.concurrent,
    windowBytesPerSec: windowBoundBytesPerSec(windowBytes, rttSec) * streams,
    lossBytesPerSec: perStreamLoss === null ? null : perStreamLoss * streams,
    cpuBytesPerSec: spec.streamCpuCapBytesPerSec === null ? null : spec.streamCpuCapBytesPerSec * streams,
    capBytesPerSec: spec.capBytesPerSec,
  };
  const { binding, throughputBytesPerSec } = tightestBound(bounds);

  const initialWindowBytes = spec.initialWindowSegments * mssBytes;
  const bdpPerStreamBytes = (throughputBytesPerSec / streams) * rttSec;
  const warnings =
    opts.warnings === false
      ? []
      : pathWarnings({
          rttSec,
          bottleneckBytesPerSec,
          concurrent: spec.concurrent,
          throughputBytesPerSec,
          binding,
          largestMtuBytes,
          pathMtuBytes,
        });
  return {
    rttSec,
    pathMtuBytes,
    mssBytes,
    protocolEfficiency: efficiency,
    bottleneckBytesPerSec,
    lossFraction,
    streams,
    windowBytes,
    latencyAware,
    concurrent: spec.concurrent,
    throughputBytesPerSec,
    binding,
    bounds,
    initialWindowBytes,
    slowStartSec: slowStartSec(rttSec, bdpPerStreamBytes, initialWindowBytes),
    warnings,
  };
}

/** The smallest bound and its name; on a tie the first in link, window, loss, cpu, cap order wins. */
export function tightestBound(bounds: PathBounds): { binding: PathBinding; throughputBytesPerSec: number } {
  const terms: [PathBinding, number | null][] = [
    ["link", bounds.linkBytesPerSec],
    ["window", bounds.windowBytesPerSec],
    ["loss", bounds.lossBytesPerSec],
    ["cpu", bounds.cpuBytesPerSec],
    ["cap", bounds.capBytesPerSec],
  ];
  let binding: PathBinding = "link";
  let throughputBytesPerSec = bounds.linkBytesPerSec;
  for (const [name, value] of terms) {
    if (value !== null && value < throughputBytesPerSec) {
      binding = name;
      throughputBytesPerSec = value;
    }
  }
  return { binding, throughputBytesPerSec };
}

/** What the pre-copy core needs from a computed path. */
export function toTransport(r: PathResult): TransportSpec {
  return {
    throughputBytesPerSec: r.throughputBytesPerSec,
    rttSec: r.rttSec,
    slowStartSec: r.slowStartSec,
    binding: r.binding,
  };
}

/**
 * The transport when the user sets the achieved throughput directly (`--bandwidth`) over a modelled
 * path: the path's RTT, the given throughput (binding "given"), and slow start recomputed for that
 * throughput per stream.
 *
 * Example: the `wan` path with 1 Gbit/s given: RTT 25.8 ms, binding "given".
 */
export function toTransportWithThroughput(r: PathResult, throughputBytesPerSec: number): TransportSpec {
  const bdpPerStreamBytes = (throughputBytesPerSec / r.streams) * r.rttSec;
  return {
    throughputBytesPerSec,
    rttSec: r.rttSec,
    slowStartSec: slowStartSec(r.rttSec, bdpPerStreamBytes, r.initialWindowBytes),
    binding: "given",
  };
}
