import type { PathFailure, PathSegment, Sender } from "./types.js";
import { segmentName } from "./segment-name.js";

/** What the MTU rules decide for one path. */
export interface MtuVerdict {
  /** Largest IP packet the hosts send: the vmknic MTU, lowered by any MSS clamp on the path. */
  readonly packetBytes: number;
  /** Largest packet every segment carries: min(packetBytes, every segment's MTU). */
  readonly pathMtuBytes: number;
  /** A black hole, or null when every segment carries the hosts' packets. */
  readonly failure: PathFailure | null;
}

/**
 * Path MTU and black holes (model.md section 4). vMotion sends with don't-fragment set (Broadcom
 * KB 419088: "Some ESXi services such as vMotion, vSAN and iSCSI storage send network traffic with
 * the do not fragment bit set"), so a segment whose MTU is below the packets the vmknics send drops
 * every full-size packet, and the vMotion fails or times out (KB 417889). A device that clamps the
 * TCP MSS at connection set-up (`clampsMss`) lowers the packets of the whole connection to fit its
 * segment. Nothing else changes the MTU: a router hop by itself never does.
 *
 *   packet = min(vmknic MTU, MTU of every clamping segment)
 *   black hole at the first segment with MTU < packet
 *
 * A Linux sender (QEMU/KVM, Xen's dom0; model.md section 4.2) sets don't-fragment too, for path MTU
 * discovery (RFC 1191): it lowers its packets when a router's ICMP "fragmentation needed" reaches
 * it, and is black-holed when a firewall drops that ICMP (RFC 2923 section 2.1). The model takes
 * the black hole [assumption: ICMP filtered, the case that needs the warning]; the reason says so
 * and how to model the other case (`clampsMss=true` on the segment, which gives the same packets
 * as working PMTUD).
 *
 * Example: vmknics at 9000 over segments 9000, 1500, 9000 without a clamp: black hole at segment 2;
 * with `clampsMss` on segment 2, packets of 1500 and no failure.
 */
export function mtuVerdict(
  hostMtuBytes: number,
  segments: readonly PathSegment[],
  sender: Sender = "vmotion",
): MtuVerdict {
  let packetBytes = hostMtuBytes;
  for (const s of segments) if (s.clampsMss === true && s.mtuBytes < packetBytes) packetBytes = s.mtuBytes;
  let pathMtuBytes = packetBytes;
  let failure: PathFailure | null = null;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i] as PathSegment;
    if (s.mtuBytes >= packetBytes) continue;
    pathMtuBytes = Math.min(pathMtuBytes, s.mtuBytes);
    if (failure === null)
      failure = {
        outcome: "path-mtu-blackhole",
        segmentIndex: i,
        reason:
          sender === "vmotion"
            ? `the vmknics send ${packetBytes}-byte packets with don't-fragment set but ${segmentName(s, i)} ` +
              `carries at most ${s.mtuBytes}: every full-size packet is dropped and the vMotion times out ` +
              `(set MTU ${s.mtuBytes} on the vmknics, or jumbo frames on every device of the path)`
            : `the hosts send ${packetBytes}-byte packets with don't-fragment set (path MTU discovery) but ` +
              `${segmentName(s, i)} carries at most ${s.mtuBytes}: taking the ICMP "fragmentation needed" ` +
              `replies to be filtered (an assumption), every full-size packet is dropped and the migration ` +
              `stalls (set MTU ${s.mtuBytes} on the hosts, or jumbo frames on every device of the path; ` +
              `where ICMP gets through, clampsMss=true on the segment models the lowered packets)`,
      };
  }
  return { packetBytes, pathMtuBytes, failure };
}
