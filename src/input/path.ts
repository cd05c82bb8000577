import { computePath, type ComputePathOptions } from "../network/compute.js";
import { planToSpec, type PathPlan } from "../network/plan.js";
import { latencyAwareFor, PRESETS } from "../network/presets.js";
import { linuxTransport, senderOfPolicy } from "../network/sender.js";
import { withMtu } from "../network/segments.js";
import type { PathResult, PathSpec } from "../network/types.js";
import { PATH_TRIGGER_KEYS, cliFlagName, type CanonicalInput, type FieldNamer } from "./fields.js";
import { hasHost, hostNetworkOf } from "./host.js";

/**
 * The network path of a {@link CanonicalInput}: pure, numbers only (parsed by `parseInput`).
 *
 * Starts from `preset` (default `same-l2`) and overrides each given field. `mtu` sets the vmknic
 * MTU and, unless `pathMtu` is given, the network's MTU too; `expectedLineRate` applies only to a
 * plan with latency-aware buffers; `rtt` replaces the computed RTT. `segments` replaces the uniform
 * path by an explicit list (a segment without `mtu` takes the network's MTU); over an explicit list
 * (given or the preset's) `link` and `pathMtu` set every segment's rate and MTU, `distance` is split
 * evenly and `loss` goes on the first segment. `bufferMode` picks the buffer sizing with that mode's
 * ceiling (`latencyAwareFor`); `congestionControl` the loss model.
 *
 * The policy names the sender (model.md section 4.2): the presets carry vMotion's transport; a QEMU
 * or Xen policy replaces it by a Linux host's (`linuxTransport`: one stream, the 4 MiB `tcp_wmem`
 * window or Xen's 2 MiB ssh channel, CUBIC, no stream-helper CPU bound), under the same keys the
 * user may still set (`streams`, `socketBuffer`, `congestionControl`). vMotion's buffer sizing
 * (`bufferMode`, `expectedLineRate`) never applies to them (`policyOf` refuses the keys).
 *
 * Example: `planOf({ preset: "routed-lan", hops: 3 })` returns the routed-LAN plan with three hops;
 * `planOf({ preset: "wan", policy: "qemu" }).socketBufferBytes` is 4194304.
 */
export function planOf(input: CanonicalInput): PathPlan {
  const sender = senderOfPolicy(input.policy);
  const p =
    sender === "vmotion"
      ? PRESETS[input.preset ?? "same-l2"]
      : { ...PRESETS[input.preset ?? "same-l2"], ...linuxTransport(sender) };
  const mtu = input.mtu;
  const networkMtuBytes = input.pathMtu ?? mtu ?? p.networkMtuBytes;
  const mode = input.bufferMode;
  const base = sender !== "vmotion" ? null : mode === undefined ? p.latencyAware : latencyAwareFor(mode);
  const latencyAware =
    base === null
      ? null
      : {
          ...base,
          expectedLineRateBytesPerSec:
            input.expectedLineRate ??
            p.latencyAware?.expectedLineRateBytesPerSec ??
            base.expectedLineRateBytesPerSec,
        };
  return {
    ...p,
    segments: segmentsOf(input, p.segments, networkMtuBytes),
    congestionControl: input.congestionControl ?? p.congestionControl,
    linkBytesPerSec: input.link ?? p.linkBytesPerSec,
    hops: input.hops ?? p.hops,
    hopDelaySec: input.hopDelay ?? p.hopDelaySec,
    hostMtuBytes: mtu ?? p.hostMtuBytes,
    networkMtuBytes: input.pathMtu ?? mtu ?? p.networkMtuBytes,
    lossFraction: input.loss ?? p.lossFraction,
    distanceKm: input.distance ?? p.distanceKm,
    streams: input.streams ?? p.streams,
    socketBufferBytes: input.socketBuffer ?? p.socketBufferBytes,
    latencyAware,
    concurrent: input.concurrent ?? p.concurrent,
    rttSec: input.rtt ?? p.rttSec,
  };
}

/** The explicit segments of a plan with the uniform overrides applied; null for a uniform path. */
function segmentsOf(
  input: CanonicalInput,
  presetSegments: PathPlan["segments"],
  networkMtuBytes: number,
): PathPlan["segments"] {
  const list = input.segments === undefined ? presetSegments : withMtu(input.segments, networkMtuBytes);
  if (list === null) return null;
  const n = list.length;
  return list.map((s, i) => ({
    ...s,
    ...(input.link !== undefined ? { linkBytesPerSec: input.link } : {}),
    ...(input.pathMtu !== undefined ? { mtuBytes: input.pathMtu } : {}),
    ...(input.distance !== undefined ? { distanceKm: input.distance / n } : {}),
    ...(input.loss !== undefined ? { lossFraction: i === 0 ? input.loss : 0 } : {}),
  }));
}

/**
 * Whether the input asks for the path model: any path field other than `rtt` (which alone, with
 * `bandwidth`, keeps describing a directly given transport).
 */
export function hasPath(input: CanonicalInput): boolean {
  for (const k of PATH_TRIGGER_KEYS) if (input[k] !== undefined) return true;
  return false;
}

/** The path's segment spec when {@link hasPath}, else null. */
export function pathSpecOf(input: CanonicalInput): PathSpec | null {
  return hasPath(input) ? planToSpec(planOf(input)) : null;
}

/**
 * The computed path when {@link hasPath}, else null; `opts` goes to `computePath`. With a host
 * network configuration (`src/input/host.ts`) the path follows from it, and is null when the
 * configuration fails the migration (no route, stack mismatch). `name` names keys in errors.
 */
export function pathOf(
  input: CanonicalInput,
  opts: ComputePathOptions = {},
  name: FieldNamer = cliFlagName,
): PathResult | null {
  if (hasHost(input)) {
    const host = hostNetworkOf(input, name, opts);
    return host !== null && host.kind === "route" ? host.path : null;
  }
  const spec = pathSpecOf(input);
  return spec === null ? null : computePath(spec, opts);
}
