/**
 * The network path model (issue 3, model.md sections 4-5): a path of links and router hops in,
 * the RTT, path MTU, achieved throughput and its binding term out. Pure: usable without the core.
 */
export type {
  BufferMode,
  CongestionControl,
  LatencyAwareSpec,
  PathBinding,
  PathBounds,
  PathFailure,
  PathResult,
  PathSegment,
  PathSpec,
  RouterHop,
  Sender,
} from "./types.js";
export { BUFFER_MODES, CONGESTION_CONTROLS } from "./types.js";
export * from "./defaults.js";
export { protocolEfficiency, tcpMssBytes, wireFrameBytes } from "./frame.js";
export { pathRttSec } from "./rtt.js";
export { effectiveWindowBytes, windowBoundBytesPerSec } from "./window.js";
export { mathisBoundBytesPerSec } from "./mathis.js";
export { cubicBoundBytesPerSec, lossBoundBytesPerSec, renoBoundBytesPerSec } from "./loss.js";
export { mtuVerdict, type MtuVerdict } from "./mtu.js";
export { segmentName } from "./segment-name.js";
export { MAX_SEGMENTS, SEGMENT_KEYS, parseSegments } from "./segments.js";
export { autoStreams } from "./streams.js";
export { slowStartSec } from "./slow-start.js";
export { givenThroughputWarnings, pathWarnings, type WarningInputs } from "./warnings.js";
export {
  computePath,
  cpuBoundBytesPerSec,
  tightestBound,
  toTransport,
  toTransportWithThroughput,
  type ComputePathOptions,
} from "./compute.js";
export { planToSpec, type PathPlan } from "./plan.js";
export {
  COMPARE_PRESET_NAMES,
  DEFAULT_BUFFER_MODE,
  latencyAwareFor,
  PRESET_NAMES,
  PRESETS,
  VMOTION_TRANSPORT_DEFAULTS,
  type PresetName,
} from "./presets.js";
export { describePlanChange } from "./diff.js";
export { linuxTransport, senderOfPolicy, SENDER_WORDS } from "./sender.js";
