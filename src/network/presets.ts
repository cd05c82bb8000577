import {
  AUTOSCALE_MAX_BUFFER_BYTES,
  EXPECTED_LINE_RATE_BYTES_PER_SEC,
  INITIAL_WINDOW_SEGMENTS,
  LATENCY_AWARE_THRESHOLD_RTT_SEC,
  STREAM_HELPER_BYTES_PER_SEC,
  VMOTION_SOCKET_BUFFER_BYTES,
} from "./defaults.js";
import type { PathPlan } from "./plan.js";

/**
 * The paths users compare (model.md section 5, issue 3). Every preset uses 10 GbE (25 GbE in
 * `same-l2-25g`) so that a comparison isolates what routing and distance do. Values with a source
 * say so; the rest are marked [assumption].
 */

/** The vMotion transport defaults every preset shares. */
export const VMOTION_TRANSPORT_DEFAULTS = {
  /** [assumption] Two host stacks' share of one RTT, chosen so the same-L2 RTT comes out at ~0.2 ms
   * (model.md section 5: 0.1-0.3 ms). */
  hostStackSec: 180e-6,
  rttSec: null,
  /** vSphere 7.0 U2+: streams scale with NIC speed (research/vmotion.md section 1.8). */
  streams: "auto",
  /** `Migrate.SndBufSize` 562540 B. */
  socketBufferBytes: VMOTION_SOCKET_BUFFER_BYTES,
  /** `Migrate.NetLatencyModeThreshold` 4 ms; `Migrate.NetExpectedLineRateMBps` 133; `Net.TcpipAutoScaleSndBufSize` 16 MiB [inference]. */
  latencyAware: {
    thresholdRttSec: LATENCY_AWARE_THRESHOLD_RTT_SEC,
    maxBufferBytes: AUTOSCALE_MAX_BUFFER_BYTES,
    expectedLineRateBytesPerSec: EXPECTED_LINE_RATE_BYTES_PER_SEC,
  },
  /** `Migrate.MigrateStreamHelperBwUtilMax` 15000 Mbps per stream helper. */
  streamCpuCapBytesPerSec: STREAM_HELPER_BYTES_PER_SEC,
  capBytesPerSec: null,
  concurrent: 1,
  /** RFC 6928. */
  initialWindowSegments: INITIAL_WINDOW_SEGMENTS,
} as const satisfies Partial<PathPlan>;

/**
 * [assumption] One-way forwarding plus light queueing per router hop: 50 us. Data-centre routers
 * forward in a few us; the rest is queueing under load. No measured per-hop vMotion figure exists
 * (model.md section 4), so every preset uses this one value.
 */
export const DEFAULT_HOP_DELAY_SEC = 50e-6;

const TEN_GBE = 10e9 / 8;

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
 * The vMotion TCP/IP stack routed across subnets (vSphere 6.0+): two router hops [assumption, the
 * issue's one to three], MTU 1500 end to end [assumption: jumbo not configured on the routers, so the
 * vmknics use 1500 too; `--mtu 9000` makes it jumbo end to end].
 */
const routedLan: PathPlan = {
  ...sameL2,
  hostMtuBytes: 1500,
  networkMtuBytes: 1500,
  hops: 2,
  distanceKm: 0.5, // [assumption] across a campus
};

/**
 * Metro vMotion: ~5 ms RTT (<= 10 ms supported, vSphere 5.0+), 10 GbE, three hops [assumption],
 * MTU 1500 [assumption], 450 km of fibre [assumption, sized to give ~5 ms RTT], loss-free
 * [assumption: a dedicated metro circuit].
 */
const metro: PathPlan = {
  ...routedLan,
  hops: 3,
  distanceKm: 450,
};

/**
 * Long-distance vMotion (vSphere 6.0+, <= 150 ms RTT): 2500 km [assumption, ~26 ms RTT], six hops
 * [assumption], MTU 1500, 10 GbE [assumption, within the 1-10 Gbit/s], loss 1e-5 [the low
 * end of the 1e-5 to 1e-4].
 */
const wan: PathPlan = {
  ...routedLan,
  hops: 6,
  distanceKm: 2500,
  lossFraction: 1e-5,
};

/** `same-l2` with 25 GbE NICs: two stream helpers by the 7.0 U2+ rule. */
const sameL2_25g: PathPlan = { ...sameL2, linkBytesPerSec: 25e9 / 8 };

export const PRESETS = {
  "same-l2": sameL2,
  "same-l2-25g": sameL2_25g,
  "routed-lan": routedLan,
  metro,
  wan,
} as const satisfies Record<string, PathPlan>;

export type PresetName = keyof typeof PRESETS;

export const PRESET_NAMES: readonly PresetName[] = ["same-l2", "same-l2-25g", "routed-lan", "metro", "wan"];

/** The four scenarios `compare` shows by default, in order from nearest to farthest. */
export const COMPARE_PRESET_NAMES: readonly PresetName[] = ["same-l2", "routed-lan", "metro", "wan"];
