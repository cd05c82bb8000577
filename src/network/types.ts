import type { ThroughputBinding } from "../model/types.js";

/**
 * A network path between the source and destination vMotion vmknics, in canonical units
 * (bytes, seconds, bytes per second, fractions). Built and validated at the boundary
 * (`src/input/path.ts`, or by hand for library use); {@link computePath} trusts it.
 *
 * The path is a chain: segment 0 leaves the source host, each router hop is followed by one more
 * segment, so a path with N router hops usually has N + 1 segments.
 */

/** One link: a cable or circuit between two store-and-forward devices. */
export interface PathSegment {
  /** Line rate, bytes per second. */
  readonly linkBytesPerSec: number;
  /** Largest IP packet the segment carries, bytes. */
  readonly mtuBytes: number;
  /** Fibre length, km (about 5 us per km one way). */
  readonly distanceKm: number;
  /** Probability that a packet is lost on this segment, in [0, 1). */
  readonly lossFraction: number;
}

/** One router on the path (the vMotion TCP/IP stack's gateway and the routers after it). */
export interface RouterHop {
  /** One-way forwarding plus queueing delay, seconds. */
  readonly delaySec: number;
  /** Probability that the router drops a packet, in [0, 1). */
  readonly lossFraction: number;
}

/** vMotion's latency-aware mode: above the threshold RTT, buffers grow toward the BDP, up to a limit. */
export interface LatencyAwareSpec {
  /** `Migrate.NetLatencyModeThreshold`, 4 ms. */
  readonly thresholdRttSec: number;
  /** Largest buffer, bytes: `Net.TcpipAutoScaleSndBufSize` 16 MiB [inference]. */
  readonly maxBufferBytes: number;
  /** The rate the bandwidth-delay product is computed with: `Migrate.NetExpectedLineRateMBps`, 133 MB/s. */
  readonly expectedLineRateBytesPerSec: number;
}

export interface PathSpec {
  readonly segments: readonly PathSegment[];
  readonly hops: readonly RouterHop[];
  /** MTU of the vmknics at both ends, bytes; the path MTU is the smallest of this and every segment's. */
  readonly hostMtuBytes: number;
  /** Time the two host stacks add to one round trip (interrupts, copies, ack processing), seconds. */
  readonly hostStackSec: number;
  /** A measured RTT that replaces the computed one; null to compute it. */
  readonly rttOverrideSec: number | null;
  /** TCP streams per migration; "auto" = ceil(source link / stream helper rate) (vSphere 7.0 U2+). */
  readonly streams: number | "auto";
  /** Socket buffer per stream, bytes (`Migrate.SndBufSize`, 562540). */
  readonly socketBufferBytes: number;
  /** Latency-aware buffer growth; null turns it off. */
  readonly latencyAware: LatencyAwareSpec | null;
  /** Most one stream can carry (stream helper CPU), bytes per second; null for no limit. */
  readonly streamCpuCapBytesPerSec: number | null;
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
  /** Fair share of the bottleneck times the protocol efficiency at the path MTU. */
  readonly linkBytesPerSec: number;
  /** Window / RTT per stream times streams. */
  readonly windowBytesPerSec: number;
  /** Mathis bound per stream times streams; null on a loss-free path. */
  readonly lossBytesPerSec: number | null;
  /** Per-stream CPU cap times streams; null when there is no cap. */
  readonly cpuBytesPerSec: number | null;
  /** The configured cap; null when there is none. */
  readonly capBytesPerSec: number | null;
}

export interface PathResult {
  readonly rttSec: number;
  readonly pathMtuBytes: number;
  /** TCP payload per packet at the path MTU, bytes. */
  readonly mssBytes: number;
  /** Payload bytes per byte of line time at the path MTU. */
  readonly protocolEfficiency: number;
  /** Smallest line rate on the path, bytes per second (not shared, not reduced by efficiency). */
  readonly bottleneckBytesPerSec: number;
  /** End-to-end packet loss probability. */
  readonly lossFraction: number;
  readonly streams: number;
  /** Window per stream after latency-aware growth, bytes. */
  readonly windowBytes: number;
  readonly latencyAware: boolean;
  readonly concurrent: number;
  /** Achieved throughput of one migration, bytes per second: the smallest bound. */
  readonly throughputBytesPerSec: number;
  readonly binding: PathBinding;
  readonly bounds: PathBounds;
  /** TCP initial congestion window, bytes (segments x MSS). */
  readonly initialWindowBytes: number;
  /** Extra time for slow start, charged to iteration 0, seconds. */
  readonly slowStartSec: number;
  readonly warnings: readonly string[];
}
