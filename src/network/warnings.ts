import { formatDuration, formatRate } from "../units/format.js";
import {
  MAX_SUPPORTED_RTT_SEC,
  MIN_BANDWIDTH_PER_VMOTION_BYTES_PER_SEC,
  MIN_VMOTION_LINK_BYTES_PER_SEC,
} from "./defaults.js";
import type { PathBinding, Sender } from "./types.js";

/** What {@link pathWarnings} looks at. */
export interface WarningInputs {
  /** Who sends the stream; absent: vMotion. vMotion's support limits warn only for vMotion. */
  readonly sender?: Sender;
  readonly rttSec: number;
  readonly bottleneckBytesPerSec: number;
  readonly concurrent: number;
  readonly throughputBytesPerSec: number;
  readonly binding: PathBinding;
  /** MTU of the vmknics. */
  readonly hostMtuBytes: number;
  /** Largest packet every segment carries (after any MSS clamp). */
  readonly pathMtuBytes: number;
  /** The path is a black hole (a failure, reported as the outcome, not as a warning). */
  readonly failed: boolean;
}

/**
 * Support-limit and configuration warnings, in a fixed order:
 * - RTT over 150 ms (long-distance vMotion limit, vSphere 6.0+, KB 2106949);
 * - less than 250 Mbit/s of path bandwidth per concurrent vMotion (vSphere 6.0+ requirement), or,
 *   when the bandwidth is there, an achieved throughput below it;
 * - a bottleneck link under 1 Gbit/s (`VMotionLinkCapacityLow`);
 * - vmknics at a larger MTU than the path carries, saved by an MSS clamp: the jumbo frames are
 *   configured but not used (without the clamp this is a black hole, a failure, not a warning).
 * The first three are vMotion's support limits: a QEMU or Xen sender gets only the last (its hosts'
 * NICs named as such). A black hole (`failed`) is the outcome: no throughput warning then.
 */
export function pathWarnings(w: WarningInputs): string[] {
  const out: string[] = [];
  if ((w.sender ?? "vmotion") !== "vmotion") {
    if (!w.failed && w.hostMtuBytes > w.pathMtuBytes)
      out.push(
        `the hosts use MTU ${w.hostMtuBytes} but an MSS clamp on the path limits packets to ` +
          `${w.pathMtuBytes} bytes: the jumbo frames are not used`,
      );
    return out;
  }
  if (w.rttSec > MAX_SUPPORTED_RTT_SEC) {
    out.push(`RTT ${formatDuration(w.rttSec)} is over the 150 ms supported for long-distance vMotion`);
  }
  const sharePerMigration = w.bottleneckBytesPerSec / w.concurrent;
  if (sharePerMigration < MIN_BANDWIDTH_PER_VMOTION_BYTES_PER_SEC) {
    out.push(
      `${formatRate(sharePerMigration)} of path bandwidth per concurrent vMotion is below the 250 Mbit/s required`,
    );
  } else if (!w.failed && w.throughputBytesPerSec < MIN_BANDWIDTH_PER_VMOTION_BYTES_PER_SEC) {
    out.push(
      `achieved ${formatRate(w.throughputBytesPerSec)} per vMotion (bound by ${w.binding}) is below 250 Mbit/s`,
    );
  }
  if (w.bottleneckBytesPerSec < MIN_VMOTION_LINK_BYTES_PER_SEC) {
    out.push(`link ${formatRate(w.bottleneckBytesPerSec)} is below the 1 Gbit/s minimum for vMotion`);
  }
  if (!w.failed && w.hostMtuBytes > w.pathMtuBytes) {
    out.push(
      `the vmknics use MTU ${w.hostMtuBytes} but an MSS clamp on the path limits packets to ` +
        `${w.pathMtuBytes} bytes: the jumbo frames are not used (enable them end to end or use MTU ` +
        `${w.pathMtuBytes} on the vmknics)`,
    );
  }
  return out;
}

/**
 * A throughput given directly (`--bandwidth`) over a modelled path that the path cannot carry: above
 * its link bound (the bottleneck's share x framing efficiency x delivered fraction). The given
 * figure still drives the migration (the user's number wins), and this says it is out of reach.
 * Empty when the given rate fits.
 *
 * Example: 20 Gbit/s given over the `wan` preset (10 GbE, 9.9 Gbit/s after framing): one warning.
 */
export function givenThroughputWarnings(
  linkBytesPerSec: number,
  givenBytesPerSec: number,
  failed: boolean,
): string[] {
  if (failed || givenBytesPerSec <= linkBytesPerSec) return [];
  return [
    `the given ${formatRate(givenBytesPerSec)} is above the ${formatRate(linkBytesPerSec)} this path's line rate ` +
      `carries after framing: the result uses the given throughput, which no migration over this path reaches`,
  ];
}
