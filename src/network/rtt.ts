import { FIBRE_SEC_PER_KM } from "./defaults.js";
import { wireFrameBytes } from "./frame.js";
import type { PathSpec } from "./types.js";

/**
 * Round-trip time of a path, seconds:
 *
 *   RTT = 2 x (propagation + segment delays + hop delays + serialization) + host stack time
 *
 * with propagation = 5 us per km of fibre, segment delays the stated extra one-way delay of each
 * segment (a circuit's latency, a firewall), and serialization = one full frame at the path MTU
 * (MTU + 38 bytes on the wire) per store-and-forward segment, at that segment's line rate.
 * Source: issue 3, model.md section 4 (1538 bytes at 10 Gbit/s is 1.23 us; 9038 bytes is 7.2 us).
 *
 * Example: one 10 Gbit/s segment of 0.2 km at MTU 9000 with 180 us of host time:
 * 2 x (1 us + 7.23 us) + 180 us = 196.5 us.
 */
export function pathRttSec(spec: PathSpec, pathMtuBytes: number): number {
  const frameBytes = wireFrameBytes(pathMtuBytes);
  let oneWaySec = 0;
  for (const segment of spec.segments) {
    oneWaySec +=
      segment.distanceKm * FIBRE_SEC_PER_KM + segment.delaySec + frameBytes / segment.linkBytesPerSec;
  }
  for (const hop of spec.hops) oneWaySec += hop.delaySec;
  return 2 * oneWaySec + spec.hostStackSec;
}
