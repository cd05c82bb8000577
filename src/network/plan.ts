import type {
  CongestionControl,
  LatencyAwareSpec,
  PathSegment,
  PathSpec,
  RouterHop,
  Sender,
} from "./types.js";

/**
 * A path described the way people describe one: one link rate, the vmknic MTU and the network's
 * MTU, a number of router hops with one per-hop delay, a total distance and an end-to-end loss (a
 * uniform path), or an explicit list of segments. Presets are plans; user flags override plan
 * fields; {@link planToSpec} expands a plan into the segment-by-segment {@link PathSpec} that
 * `computePath` reads. Units as in `PathSpec`.
 */
export interface PathPlan {
  /** Who sends the stream (`PathSpec.sender`); absent: vMotion. */
  readonly sender?: Sender;
  /** The loss model's RTO floor (`PathSpec.minRtoSec`); absent: 1 s. */
  readonly minRtoSec?: number;
  /** Line rate of every segment, bytes per second (`--link`). */
  readonly linkBytesPerSec: number;
  /** MTU of the vMotion vmknics at both ends, bytes (`--mtu`). */
  readonly hostMtuBytes: number;
  /** MTU of every network segment, bytes (`--path-mtu`; `--mtu` sets it too unless given). */
  readonly networkMtuBytes: number;
  /** Router hops between the hosts (`--hops`). */
  readonly hops: number;
  /** One-way forwarding plus queueing delay per hop, seconds (`--hop-delay`). */
  readonly hopDelaySec: number;
  /** End-to-end packet loss probability (`--loss`). */
  readonly lossFraction: number;
  /** Total fibre length, km (`--distance`). */
  readonly distanceKm: number;
  readonly hostStackSec: number;
  /** A measured RTT that replaces the computed one (`--rtt`); null to compute it. */
  readonly rttSec: number | null;
  readonly streams: number | "auto";
  /** `--socket-buffer`. */
  readonly socketBufferBytes: number;
  readonly latencyAware: LatencyAwareSpec | null;
  /** `--congestion-control`. */
  readonly congestionControl: CongestionControl;
  readonly streamCpuCapBytesPerSec: number | null;
  /** A lone stream's peak (KB 323379); see `PathSpec`. */
  readonly loneStreamCpuCapBytesPerSec: number | null;
  readonly capBytesPerSec: number | null;
  /** `--concurrent`. */
  readonly concurrent: number;
  readonly initialWindowSegments: number;
  /**
   * An explicit segment list (`segments` in sweep and report files): replaces the uniform
   * expansion of link, network MTU, distance and loss. null for a uniform path.
   */
  readonly segments: readonly PathSegment[] | null;
}

/**
 * Expand a plan into its segments and routers. A uniform plan gives hops + 1 identical segments
 * (the distance split evenly, the whole loss put on the first segment: where it sits does not
 * change the result); an explicit list is used as given. Either way `hops` routers with the plan's
 * delay and no loss of their own.
 *
 * Example: 2 hops, 1 km -> 3 segments of 1/3 km, 2 routers.
 */
export function planToSpec(plan: PathPlan): PathSpec {
  const segments: PathSegment[] = [];
  if (plan.segments !== null) segments.push(...plan.segments);
  else {
    const count = plan.hops + 1;
    for (let i = 0; i < count; i++) {
      segments.push({
        linkBytesPerSec: plan.linkBytesPerSec,
        mtuBytes: plan.networkMtuBytes,
        distanceKm: plan.distanceKm / count,
        delaySec: 0,
        lossFraction: i === 0 ? plan.lossFraction : 0,
        flowCapBytesPerSec: null,
      });
    }
  }
  const hops: RouterHop[] = [];
  for (let i = 0; i < plan.hops; i++) hops.push({ delaySec: plan.hopDelaySec, lossFraction: 0 });
  return {
    ...(plan.sender !== undefined ? { sender: plan.sender } : {}),
    ...(plan.minRtoSec !== undefined ? { minRtoSec: plan.minRtoSec } : {}),
    segments,
    hops,
    hostMtuBytes: plan.hostMtuBytes,
    hostStackSec: plan.hostStackSec,
    rttOverrideSec: plan.rttSec,
    streams: plan.streams,
    socketBufferBytes: plan.socketBufferBytes,
    latencyAware: plan.latencyAware,
    congestionControl: plan.congestionControl,
    streamCpuCapBytesPerSec: plan.streamCpuCapBytesPerSec,
    loneStreamCpuCapBytesPerSec: plan.loneStreamCpuCapBytesPerSec,
    capBytesPerSec: plan.capBytesPerSec,
    concurrent: plan.concurrent,
    initialWindowSegments: plan.initialWindowSegments,
  };
}
