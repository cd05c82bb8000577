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
 * The window one vMotion stream uses, bytes: never below the socket buffer (`Migrate.SndBufSize`,
 * 562540 B), grown by the latency-aware buffer sizing (model.md section 4), which VMware documents
 * only as settings and as buffers "dynamically resized based on the observed RTT". Two readings,
 * both assumptions (`bufferMode`):
 *
 * - `bdp` (default): the window covers the path's bandwidth-delay product per stream,
 *   `streamRateBytesPerSec` x RTT, up to `maxBufferBytes` (the TCP window-scale limit, 1 GiB). This
 *   fits VMware's published long-distance results (VROOM blog, Feb 2015: 10 GbE at up to 100 ms RTT
 *   "with minimal performance impact"). It applies at every RTT: below the 4 ms threshold the socket
 *   buffer already covers a 1 GbE path (562540 B / 4 ms = 141 MB/s), the case the threshold was set
 *   for; growing only above 4 ms would make a 3.9 ms path slower than a 4.1 ms one.
 * - `expected-line-rate`: above `Migrate.NetLatencyModeThreshold` (4 ms) the window is sized for
 *   `Migrate.NetExpectedLineRateMBps` (133 MB/s) x RTT, up to `maxBufferBytes` (16 MiB,
 *   `Net.TcpipAutoScaleSndBufSize`): one stream then carries at most ~133 MB/s above 4 ms whatever
 *   the link. Supported by the Metro vMotion example (0.5 MB at 10 ms resized to 1.25 MB).
 *
 * Either way the window bound W / RTT never rises with RTT.
 *
 * Example: 0.5 MB buffer, 10 ms RTT, 1.25e9 B/s per stream: `bdp` gives min(12.5 MB, 1 GiB) =
 * 12.5 MB; `expected-line-rate` gives max(0.5 MB, 133 MB/s x 10 ms) = 1.33 MB.
 */
export function effectiveWindowBytes(
  socketBufferBytes: number,
  rttSec: number,
  latencyAware: LatencyAwareSpec | null,
  streamRateBytesPerSec: number,
): number {
  if (latencyAware === null) return socketBufferBytes;
  if (latencyAware.bufferMode === "bdp") {
    const bdpBytes = streamRateBytesPerSec * rttSec;
    return Math.max(socketBufferBytes, Math.min(bdpBytes, latencyAware.maxBufferBytes));
  }
  if (rttSec <= latencyAware.thresholdRttSec) return socketBufferBytes;
  const bdpBytes = latencyAware.expectedLineRateBytesPerSec * rttSec;
  return Math.max(socketBufferBytes, Math.min(bdpBytes, latencyAware.maxBufferBytes));
}
