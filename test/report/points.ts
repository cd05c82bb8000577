import type { SweepPoint } from "../../src/report/index.js";

export const MIB = 2 ** 20;

/**
 * A sweep point with hand-picked numbers (10 Gbit/s, 1 ms, 100 s, converged); the finding tests
 * work their expected sentences out from these and the overrides `o`.
 */
export function pt(series: string, dirtyMiB: number, o: Partial<SweepPoint> = {}): SweepPoint {
  return {
    series,
    dirtyRateBytesPerSec: dirtyMiB * MIB,
    rttSec: 0.001,
    pathThroughputBytesPerSec: 1.25e9,
    throughputBytesPerSec: 1.25e9,
    linkBytesPerSec: NaN,
    totalTimeSec: 100,
    downtimeSec: 0.3,
    guestSlowdown: 0,
    iterations: 4,
    outcome: "converged",
    binding: "link",
    ...o,
  };
}
