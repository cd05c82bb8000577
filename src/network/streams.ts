/**
 * Streams vMotion opens automatically (vSphere 7.0 U2+): one stream helper per ~15 Gbit/s of NIC
 * bandwidth, so streams = ceil(link / helper rate), at least one. That the count follows this
 * ceiling is an [inference] from the 15 Gbit/s per helper that Hagoort 2021 states
 * (nielshagoort.com/2021/03/09/auto-tuning-vmotion-streams/). Multi-NIC vMotion opens streams
 * per vmknic (KB 323379): a host configuration's `--vmknics` does (src/network/host/path.ts), a
 * plain path takes `--streams N`.
 *
 * Example: `autoStreams(25e9 / 8, 15e9 / 8)` returns 2; 10 GbE gives 1; 100 GbE gives 7.
 */
export function autoStreams(linkBytesPerSec: number, streamHelperBytesPerSec: number): number {
  return Math.max(1, Math.ceil(linkBytesPerSec / streamHelperBytesPerSec - 1e-9));
}
