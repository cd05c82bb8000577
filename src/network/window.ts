import type { LatencyAwareSpec } from "./types.js";

/**
 * Throughput one TCP stream can reach with a window of W bytes over a round trip: W / RTT.
 *
 * Example: `windowBoundBytesPerSec(0.5e6, 0.01)` returns 5e7 (50 MB/s), and 1.25e6 at 10 ms returns
 * 1.25e8 (125 MB/s, the full 1 GbE): the Metro vMotion example of model.md section 4.
 */
export function windowBoundBytesPerSec(windowBytes: number, rttSec: number): number {
  return windowBytes / rttSec;
}

/**
 * The window one vMotion stream uses, bytes. At or below the latency-aware threshold it is the
 * socket buffer (`Migrate.SndBufSize`, 562540 B). Above it (`Migrate.NetLatencyModeThreshold`, 4 ms)
 * vMotion resizes its buffers: modelled as growing to the path's bandwidth-delay product
 * (bottleneck x RTT), never below the socket buffer and never above `maxBufferBytes` (16 MiB,
 * `Net.TcpipAutoScaleSndBufSize`). The growth rule is an [inference]: VMware documents the settings,
 * not how they combine (research/vmotion.md section 1.8).
 *
 * Note that this makes throughput jump up where the RTT crosses the threshold: the one place where
 * a longer path can be faster.
 *
 * Example: 0.5 MB buffer, 1 GbE (1.25e8 B/s), 10 ms RTT, latency-aware on: the window grows to the
 * BDP, 1.25 MB.
 */
export function effectiveWindowBytes(
  socketBufferBytes: number,
  bdpBytes: number,
  rttSec: number,
  latencyAware: LatencyAwareSpec | null,
): number {
  if (latencyAware === null || rttSec <= latencyAware.thresholdRttSec) return socketBufferBytes;
  return Math.max(socketBufferBytes, Math.min(bdpBytes, latencyAware.maxBufferBytes));
}
