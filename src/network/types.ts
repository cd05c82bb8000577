import type { ThroughputBinding } from "../model/types.js";

/**
 * A network path between the source and destination vMotion vmknics, in canonical units
 * (bytes, seconds, bytes per second, fractions). Built and validated at the boundary
 * (`src/input/path.ts`, `segments.ts`, the host-configuration layer, or by hand for library use);
 * {@link computePath} trusts it.
 *
 * A path is a chain of segments (model.md section 4): segment 0 leaves the source host, and the
 * last one reaches the destination. Each segment is one link with its own line rate, MTU, length,
 * extra delay, loss and optional per-flow cap. Router hops sit between segments; a hop adds its
 * forwarding delay and loss but never changes the MTU or the rate by itself: only a segment does.
 * The bottleneck, path MTU, RTT and loss all follow from the segments and hops.
 */

/** One link: a cable, a circuit or a shared uplink between two devices. */
export interface PathSegment {
  /** Name used in outputs ("uplink", "dci", "firewall"); `segment N` (1-based) when absent. */
  readonly label?: string;
  /** Line rate, bytes per second. */
  readonly linkBytesPerSec: number;
  /** Largest IP packet the segment carries, bytes (576..9216). */
  readonly mtuBytes: number;
  /** Fibre length, km (5 us per km one way). */
  readonly distanceKm: number;
  /**
   * One-way delay beyond fibre propagation and serialization, seconds: a carrier circuit's stated
   * latency, a firewall's or WAN optimiser's processing. 0 when the segment is plain fibre.
   */
  readonly delaySec: number;
  /** Probability that a packet is lost on this segment, in [0, 1). */
  readonly lossFraction: number;
  /**
   * Most one TCP flow (one vMotion stream) can carry across this segment, bytes per second: a
   * firewall's or WAN optimiser's per-flow limit, a policer. null for none.
   */
  readonly flowCapBytesPerSec: number | null;
  /**
   * The device at the entry of this segment rewrites the TCP MSS of connection set-up to fit this
   * segment's MTU (MSS clamping, e.g. `ip tcp adjust-mss`). Absent/false: nothing clamps, and a
   * packet larger than the MTU with don't-fragment set is dropped (KB 419088).
   */
  readonly clampsMss?: boolean;
}

/** One router on the path (the vMotion TCP/IP stack's gateway and the routers after it). */
export interface RouterHop {
  /** One-way forwarding plus queueing delay, seconds. */
  readonly delaySec: number;
  /** Probability that the router drops a packet, in [0, 1). */
  readonly lossFraction: number;
}

/**
 * How vMotion sizes its socket buffers (model.md section 4). VMware documents the settings, not how
 * they combine, so both readings are assumptions:
 * - `bdp` (default): the buffers cover the path's bandwidth-delay product per stream, up to
 *   `maxBufferBytes` (VMware: buffers "dynamically resized based on the observed RTT"; VROOM 2015:
 *   10 GbE up to 100 ms RTT "with minimal performance impact");
 * - `expected-line-rate`: above the threshold the buffers are sized for
 *   `Migrate.NetExpectedLineRateMBps` (133 MB/s) x RTT, the conservative reading.
 */
export type BufferMode = "bdp" | "expected-line-rate";

export const BUFFER_MODES: readonly BufferMode[] = ["bdp", "expected-line-rate"];

/** vMotion's latency-aware buffer sizing. */
export interface LatencyAwareSpec {
  /** Which reading of the buffer sizing applies; see {@link BufferMode}. */
  readonly bufferMode: BufferMode;
  /** `Migrate.NetLatencyModeThreshold`, 4 ms: `expected-line-rate` resizes only above it. */
  readonly thresholdRttSec: number;
  /** Largest buffer per stream, bytes. */
  readonly maxBufferBytes: number;
  /** `expected-line-rate` mode's rate: `Migrate.NetExpectedLineRateMBps`, 133 MB/s. */
  readonly expectedLineRateBytesPerSec: number;
}

/**
 * The TCP congestion control of the vMotion TCP/IP stack: `newreno` (Mathis et al. 1997 with the
 * timeout term of Padhye et al. 1998) or `cubic` (RFC 9438). Per-stack setting in ESXi; which one
 * the vMotion stack uses by default is not published (an assumption, see defaults.ts).
 */
export type CongestionControl = "newreno" | "cubic";

export const CONGESTION_CONTROLS: readonly CongestionControl[] = ["newreno", "cubic"];

/**
 * Who sends the migration stream (model.md section 4.2): ESXi's vMotion stack, or a Linux host's
 * TCP under QEMU/KVM or Xen (dom0, over `xl migrate`'s ssh). It decides the words and which support
 * limits apply (vMotion's 150 ms, 250 Mbit/s and 1 Gbit/s are vMotion's own); the transport
 * numbers themselves are the spec's fields (`linuxTransport` in sender.ts sets a Linux sender's).
 */
export type Sender = "vmotion" | "qemu" | "xen";

export interface PathSpec {
  /** The sender; absent: "vmotion". */
  readonly sender?: Sender;
  /**
   * Floor of the retransmission timeout T0 in the loss model's timeout term, seconds; absent: 1 s
   * (RFC 6298, `MIN_RTO_SEC`). Linux senders: 200 ms (`LINUX_MIN_RTO_SEC`).
   */
  readonly minRtoSec?: number;
  /** At least one segment, source host first. */
  readonly segments: readonly PathSegment[];
  readonly hops: readonly RouterHop[];
  /** MTU of the vmknics at both ends, bytes. */
  readonly hostMtuBytes: number;
  /** Time the two host stacks add to one round trip (interrupts, copies, ack processing), seconds. */
  readonly hostStackSec: number;
  /** A measured RTT that replaces the computed one; null to compute it. */
  readonly rttOverrideSec: number | null;
  /** TCP streams per migration; "auto" = ceil(source link / stream helper rate) (vSphere 7.0 U2+). */
  readonly streams: number | "auto";
  /** Socket buffer per stream, bytes (`Migrate.SndBufSize`, 562540). */
  readonly socketBufferBytes: number;
  /** Buffer growth over long paths; null keeps the socket buffer at every RTT. */
  readonly latencyAware: LatencyAwareSpec | null;
  /** TCP congestion control, for the loss bound. */
  readonly congestionControl: CongestionControl;
  /** Most one stream can carry (stream helper CPU), bytes per second; null for no limit. */
  readonly streamCpuCapBytesPerSec: number | null;
  /**
   * Most a stream carries when it is the only one, bytes per second (KB 323379: 18 Gbit/s); the
   * CPU bound is max(this, streams x `streamCpuCapBytesPerSec`). null: the same as the per-stream cap.
   */
  readonly loneStreamCpuCapBytesPerSec: number | null;
  /** A configured limit on one migration's throughput, bytes per second; null for none. */
  readonly capBytesPerSec: number | null;
  /** Migrations sharing the path at once; each gets a fair share of the bottleneck. */
  readonly concurrent: number;
  /** TCP initial congestion window, segments (10, RFC 6928). */
  readonly initialWindowSegments: number;
}

/** The terms that can bound path throughput (the core adds "given" for a user-set bandwidth). */
export type PathBinding = Exclude<ThroughputBinding, "given">;

/** Every throughput bound of one migration, bytes per second; null means unbounded. */
export interface PathBounds {
  /** Fair share of the bottleneck x protocol efficiency at the path MTU x (1 - loss). */
  readonly linkBytesPerSec: number;
  /** Window / RTT per stream times streams. */
  readonly windowBytesPerSec: number;
  /** Congestion-control loss bound per stream times streams; null on a loss-free path. */
  readonly lossBytesPerSec: number | null;
  /** max(lone-stream peak, per-stream CPU cap x streams); null when there is no cap. */
  readonly cpuBytesPerSec: number | null;
  /** The smallest per-flow cap of any segment times streams; null when no segment has one. */
  readonly flowCapBytesPerSec: number | null;
  /** The configured cap; null when there is none. */
  readonly capBytesPerSec: number | null;
}

/**
 * A path on which no migration can run. `path-mtu-blackhole`: the vmknics send packets larger than
 * a segment's MTU with don't-fragment set and nothing clamps the MSS, so every full-size packet is
 * dropped and the vMotion fails or times out (Broadcom KB 419088, KB 417889).
 */
export interface PathFailure {
  readonly outcome: "path-mtu-blackhole";
  /** Index of the segment that drops the packets. */
  readonly segmentIndex: number;
  /** One sentence naming the segment and the numbers: built from them. */
  readonly reason: string;
}

export interface PathResult {
  /** Who sends the stream (the spec's, "vmotion" when it named none). */
  readonly sender: Sender;
  readonly rttSec: number;
  /** Largest packet on the wire: min(vmknic MTU, every segment's MTU). */
  readonly pathMtuBytes: number;
  /** TCP payload per packet at the path MTU (after any MSS clamp), bytes. */
  readonly mssBytes: number;
  /** Payload bytes per byte of line time at the path MTU. */
  readonly protocolEfficiency: number;
  /** Smallest line rate on the path, bytes per second (not shared, not reduced by efficiency). */
  readonly bottleneckBytesPerSec: number;
  /** Index of the segment with the smallest line rate (the first on a tie). */
  readonly bottleneckSegment: number;
  /** End-to-end packet loss probability. */
  readonly lossFraction: number;
  readonly streams: number;
  /** Socket buffer per stream before any latency-aware growth, bytes (the spec's). */
  readonly socketBufferBytes: number;
  /** Window per stream after buffer sizing, bytes. */
  readonly windowBytes: number;
  /** RTT above `Migrate.NetLatencyModeThreshold` (vMotion runs latency-aware). */
  readonly latencyAware: boolean;
  /** The buffer sizing used (null when latency-aware sizing is off). */
  readonly bufferMode: BufferMode | null;
  readonly congestionControl: CongestionControl;
  readonly concurrent: number;
  /** Achieved throughput of one migration, bytes per second: the smallest bound (0 on a failure). */
  readonly throughputBytesPerSec: number;
  readonly binding: PathBinding;
  /** The segment the binding limit sits on (link, flow-cap), or null when it is not one segment's. */
  readonly bindingSegment: number | null;
  /**
   * The binding limit in words, naming the segment: "link of segment 2 (wan), 9.9 Gbit/s"; "" when
   * computed with `warnings: false` (sweeps, which never show it).
   */
  readonly limit: string;
  readonly bounds: PathBounds;
  /** TCP initial congestion window, bytes (segments x MSS). */
  readonly initialWindowBytes: number;
  /** Extra time for slow start, charged to iteration 0, seconds. */
  readonly slowStartSec: number;
  /** Why no migration can run over this path, or null. */
  readonly failure: PathFailure | null;
  readonly warnings: readonly string[];
}
