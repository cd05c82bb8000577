import {
  AUTOSCALE_MAX_BUFFER_BYTES,
  DEFAULT_CONGESTION_CONTROL,
  DEFAULT_HOP_DELAY_SEC,
  ETHERNET_BER,
  EXPECTED_LINE_RATE_BYTES_PER_SEC,
  INITIAL_WINDOW_SEGMENTS,
  LATENCY_AWARE_THRESHOLD_RTT_SEC,
  LONE_STREAM_PEAK_BYTES_PER_SEC,
  STREAM_HELPER_BYTES_PER_SEC,
  TCP_MAX_WINDOW_BYTES,
  VMOTION_SOCKET_BUFFER_BYTES,
} from "./defaults.js";
import { wireFrameBytes } from "./frame.js";
import type { PathPlan } from "./plan.js";
import type { BufferMode, LatencyAwareSpec } from "./types.js";

/**
 * The paths users compare (model.md section 5). Every preset uses 10 GbE (25 GbE in
 * `same-l2-25g`) and, but for `routed-lan-mtu1500`, jumbo frames end to end, so that a comparison
 * isolates what routing and distance do. Values with a source say so; the rest are marked
 * [assumption].
 */

export { DEFAULT_HOP_DELAY_SEC };

/**
 * The latency-aware buffer sizing of a buffer mode, with that mode's ceiling: `bdp` grows to the
 * path's BDP up to the TCP window limit (1 GiB, RFC 7323); `expected-line-rate` sizes for
 * `Migrate.NetExpectedLineRateMBps` (133 MB/s) above `Migrate.NetLatencyModeThreshold` (4 ms), up
 * to `Net.TcpipAutoScaleSndBufSize` (16 MiB). See `window.ts`.
 */
export function latencyAwareFor(bufferMode: BufferMode): LatencyAwareSpec {
  return {
    bufferMode,
    thresholdRttSec: LATENCY_AWARE_THRESHOLD_RTT_SEC,
    maxBufferBytes: bufferMode === "bdp" ? TCP_MAX_WINDOW_BYTES : AUTOSCALE_MAX_BUFFER_BYTES,
    expectedLineRateBytesPerSec: EXPECTED_LINE_RATE_BYTES_PER_SEC,
  };
}

/** The buffer mode when none is given: `bdp`, the reading that fits VMware's long-distance results. */
export const DEFAULT_BUFFER_MODE: BufferMode = "bdp";

/** The vMotion transport defaults every preset shares. */
export const VMOTION_TRANSPORT_DEFAULTS = {
  /** [assumption] Two host stacks' share of one RTT, chosen so the same-L2 RTT comes out at ~0.2 ms
   * (model.md section 5: 0.1-0.3 ms). */
  hostStackSec: 180e-6,
  rttSec: null,
  /** vSphere 7.0 U2+: streams scale with NIC speed (Hagoort 2021, nielshagoort.com/2021/03/09/auto-tuning-vmotion-streams/). */
  streams: "auto",
  /** `Migrate.SndBufSize` 562540 B. */
  socketBufferBytes: VMOTION_SOCKET_BUFFER_BYTES,
  /** Buffer mode `bdp` [assumption], see {@link latencyAwareFor}. */
  latencyAware: latencyAwareFor(DEFAULT_BUFFER_MODE),
  /** New Reno [assumption], see `DEFAULT_CONGESTION_CONTROL`. */
  congestionControl: DEFAULT_CONGESTION_CONTROL,
  /** `Migrate.MigrateStreamHelperBwUtilMax` 15000 Mbps per stream helper. */
  streamCpuCapBytesPerSec: STREAM_HELPER_BYTES_PER_SEC,
  /** KB 323379: a lone worker thread peaks at 18 Gbit/s. */
  loneStreamCpuCapBytesPerSec: LONE_STREAM_PEAK_BYTES_PER_SEC,
  capBytesPerSec: null,
  concurrent: 1,
  /** RFC 6928. */
  initialWindowSegments: INITIAL_WINDOW_SEGMENTS,
  segments: null,
} as const satisfies Partial<PathPlan>;

const TEN_GBE = 10e9 / 8;

/** Packet loss of a dedicated circuit from its bit error ratio: BER x frame bits (IEEE 802.3's 1e-12). */
const circuitLoss = (mtuBytes: number): number => ETHERNET_BER * wireFrameBytes(mtuBytes) * 8;

/** One vMotion VLAN, 10 GbE, jumbo frames end to end (recommended by the vSphere docs), no router. */
const sameL2: PathPlan = {
  ...VMOTION_TRANSPORT_DEFAULTS,
  linkBytesPerSec: TEN_GBE,
  hostMtuBytes: 9000,
  networkMtuBytes: 9000,
  hops: 0,
  hopDelaySec: DEFAULT_HOP_DELAY_SEC,
  lossFraction: 0, // [assumption] a healthy data-centre LAN
  distanceKm: 0.2, // [assumption] within one data centre
};

/**
 * The vMotion TCP/IP stack routed across subnets (vSphere 6.0+): two router hops [assumption: the
 * stack's gateway and one core router], MTU 9000 end to end (vSphere networking best practices:
 * jumbo frames on every device of the path), in the same data centre as `same-l2` (0.2 km): against
 * it, only routing differs.
 */
const routedLan: PathPlan = {
  ...sameL2,
  hops: 2,
};

/**
 * `routed-lan` where one routed segment (the core) stays at MTU 1500, so the vmknics must use 1500
 * too (at 9000 this path is a black hole): uplink 9000, core 1500, uplink 9000, vmknics 1500.
 */
const routedLanMtu1500: PathPlan = {
  ...routedLan,
  hostMtuBytes: 1500,
  networkMtuBytes: 1500,
  segments: [9000, 1500, 9000].map((mtuBytes, i) => ({
    label: ["uplink", "core", "uplink"][i] as string,
    linkBytesPerSec: TEN_GBE,
    mtuBytes,
    distanceKm: 0.2 / 3,
    delaySec: 0,
    lossFraction: 0,
    flowCapBytesPerSec: null,
  })),
};

/**
 * Metro vMotion: ~5 ms RTT (<= 10 ms supported, vSphere 5.0+), 10 GbE, three hops [assumption],
 * 450 km of fibre [assumption, sized to give ~5 ms RTT], a dedicated circuit with jumbo frames
 * [assumption] losing packets only to bit errors (IEEE 802.3 BER 1e-12: 7.2e-8 per 9038-byte frame).
 */
const metro: PathPlan = {
  ...routedLan,
  hops: 3,
  distanceKm: 450,
  lossFraction: circuitLoss(9000),
};

/**
 * Long-distance vMotion (vSphere 6.0+, <= 150 ms RTT): 2500 km [assumption, ~25 ms RTT], six hops
 * [assumption], 10 GbE, a dedicated inter-site circuit with jumbo frames [assumption] and the same
 * bit-error loss as `metro`. A shared or VPN WAN loses far more: add `--loss 1e-5`.
 */
const wan: PathPlan = {
  ...metro,
  hops: 6,
  distanceKm: 2500,
};

/** `same-l2` with 25 GbE NICs: two stream helpers by the 7.0 U2+ rule. */
const sameL2_25g: PathPlan = { ...sameL2, linkBytesPerSec: 25e9 / 8 };

export const PRESETS = {
  "same-l2": sameL2,
  "same-l2-25g": sameL2_25g,
  "routed-lan": routedLan,
  "routed-lan-mtu1500": routedLanMtu1500,
  metro,
  wan,
} as const satisfies Record<string, PathPlan>;

export type PresetName = keyof typeof PRESETS;

export const PRESET_NAMES: readonly PresetName[] = [
  "same-l2",
  "same-l2-25g",
  "routed-lan",
  "routed-lan-mtu1500",
  "metro",
  "wan",
];

/** The four scenarios `compare` shows by default, in order from nearest to farthest. */
export const COMPARE_PRESET_NAMES: readonly PresetName[] = ["same-l2", "routed-lan", "metro", "wan"];
