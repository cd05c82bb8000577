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
 * The window one vMotion stream uses, bytes. At or below the latency-aware threshold
 * (`Migrate.NetLatencyModeThreshold`, 4 ms) it is the socket buffer (`Migrate.SndBufSize`,
 * 562540 B). Above it vMotion resizes its buffers for the bandwidth-delay product of the *expected*
 * line rate (`Migrate.NetExpectedLineRateMBps`, 133 MB/s) x RTT, never below the socket buffer and
 * never above `maxBufferBytes` (16 MiB, `Net.TcpipAutoScaleSndBufSize`). VMware documents the
 * settings, not how they combine (research/vmotion.md section 1.8): this reading is an [inference],
 * supported by the Metro vMotion example (0.5 MB at 10 ms resized to 1.25 MB, ~125 MB/s).
 *
 * The window bound W / RTT is then continuous and never rises with RTT: 562540 B / 4 ms = 141 MB/s
 * at the threshold, max(562540 B / RTT, 133 MB/s) above it. A faster link gains from latency-aware
 * mode only through more streams (or a raised expected line rate).
 *
 * Example: 0.5 MB buffer, 10 ms RTT, latency-aware on: max(0.5 MB, 133 MB/s x 10 ms) = 1.33 MB.
 */
export function effectiveWindowBytes(
  socketBufferBytes: number,
  rttSec: number,
  latencyAware: LatencyAwareSpec | null,
): number {
  if (latencyAware === null || rttSec <= latencyAware.thresholdRttSec) return socketBufferBytes;
  const bdpBytes = latencyAware.expectedLineRateBytesPerSec * rttSec;
  return Math.max(socketBufferBytes, Math.min(bdpBytes, latencyAware.maxBufferBytes));
}
