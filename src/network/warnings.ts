import { formatDuration, formatRate } from "../units/format.js";
import {
  MAX_SUPPORTED_RTT_SEC,
  MIN_BANDWIDTH_PER_VMOTION_BYTES_PER_SEC,
  MIN_VMOTION_LINK_BYTES_PER_SEC,
  STANDARD_MTU_BYTES,
} from "./defaults.js";
import type { PathBinding } from "./types.js";

/** What {@link pathWarnings} looks at. */
export interface WarningInputs {
  readonly rttSec: number;
  readonly bottleneckBytesPerSec: number;
  readonly concurrent: number;
  readonly throughputBytesPerSec: number;
  readonly binding: PathBinding;
  /** The largest MTU configured anywhere on the path (vmknics or segments). */
  readonly largestMtuBytes: number;
  readonly pathMtuBytes: number;
}

/**
 * Support-limit and configuration warnings, in a fixed order:
 * - RTT over 150 ms (long-distance vMotion limit, vSphere 6.0+, KB 2106949);
 * - less than 250 Mbit/s of path bandwidth per concurrent vMotion (vSphere 6.0+ requirement), or,
 *   when the bandwidth is there, an achieved throughput below it;
 * - a bottleneck link under 1 Gbit/s (`VMotionLinkCapacityLow`);
 * - a jumbo MTU somewhere while the path MTU is smaller: jumbo frames must be enabled on every
 *   device on the path, otherwise fragmentation or a PMTU mismatch is likely (vSphere 7.0 docs).
 */
export function pathWarnings(w: WarningInputs): string[] {
  const out: string[] = [];
  if (w.rttSec > MAX_SUPPORTED_RTT_SEC) {
    out.push(`RTT ${formatDuration(w.rttSec)} is over the 150 ms supported for long-distance vMotion`);
  }
  const sharePerMigration = w.bottleneckBytesPerSec / w.concurrent;
  if (sharePerMigration < MIN_BANDWIDTH_PER_VMOTION_BYTES_PER_SEC) {
    out.push(
      `${formatRate(sharePerMigration)} of path bandwidth per concurrent vMotion is below the 250 Mbit/s required`,
    );
  } else if (w.throughputBytesPerSec < MIN_BANDWIDTH_PER_VMOTION_BYTES_PER_SEC) {
    out.push(
      `achieved ${formatRate(w.throughputBytesPerSec)} per vMotion (bound by ${w.binding}) is below 250 Mbit/s`,
    );
  }
  if (w.bottleneckBytesPerSec < MIN_VMOTION_LINK_BYTES_PER_SEC) {
    out.push(`link ${formatRate(w.bottleneckBytesPerSec)} is below the 1 Gbit/s minimum for vMotion`);
  }
  if (w.largestMtuBytes > STANDARD_MTU_BYTES && w.pathMtuBytes < w.largestMtuBytes) {
    out.push(
      `MTU ${w.largestMtuBytes} on part of the path but the path MTU is ${w.pathMtuBytes}: ` +
        "fragmentation or a PMTU mismatch is likely (enable jumbo frames end to end or use MTU " +
        `${w.pathMtuBytes} everywhere)`,
    );
  }
  return out;
}
