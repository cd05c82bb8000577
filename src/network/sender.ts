import {
  LINUX_DEFAULT_CONGESTION_CONTROL,
  LINUX_MIN_RTO_SEC,
  LINUX_TCP_WMEM_MAX_BYTES,
  OPENSSH_CHANNEL_WINDOW_BYTES,
} from "./defaults.js";
import type { PathPlan } from "./plan.js";
import type { Sender } from "./types.js";

/**
 * Who sends the migration stream, from the hypervisor policy: ESXi's vMotion stack for `vmotion`,
 * a Linux host's TCP for QEMU/KVM (`qemu`) and for Xen's dom0 (`xen`, `xen-v2`). The path's
 * transport defaults follow from it (model.md section 4.2).
 *
 * Example: `senderOfPolicy("xen-v2")` returns "xen"; `senderOfPolicy(undefined)` returns "vmotion".
 */
export function senderOfPolicy(policy: string | undefined): Sender {
  if (policy === undefined || policy === "vmotion") return "vmotion";
  return policy === "qemu" ? "qemu" : "xen";
}

/**
 * The transport of a Linux sender (model.md section 4.2), which replaces vMotion's in a plan:
 *
 * - one stream: QEMU sends its migration over one channel unless multifd is turned on (then give
 *   `--streams N` for N multifd channels); `xl migrate` over one ssh connection;
 * - no stream-helper CPU bound: the 18 and 15 Gbit/s figures are vMotion's worker threads
 *   (KB 323379); what one QEMU migration thread or ssh cipher carries is not published, so none is
 *   modelled [assumption: the NIC or the path binds first];
 * - a fixed window, no latency-aware growth: the send buffer autotunes up to `tcp_wmem` max, 4 MiB
 *   (`LINUX_TCP_WMEM_MAX_BYTES`); over Xen's ssh the channel window, 2 MiB
 *   (`OPENSSH_CHANNEL_WINDOW_BYTES`); vMotion's two buffer-sizing readings do not apply;
 * - CUBIC, Linux's default, with Linux's 200 ms minimum RTO.
 *
 * Example: `linuxTransport("qemu").socketBufferBytes` is 4194304; for "xen" 2097152.
 */
export function linuxTransport(
  sender: Exclude<Sender, "vmotion">,
): Pick<
  PathPlan,
  | "sender"
  | "streams"
  | "socketBufferBytes"
  | "latencyAware"
  | "congestionControl"
  | "streamCpuCapBytesPerSec"
  | "loneStreamCpuCapBytesPerSec"
  | "minRtoSec"
> {
  return {
    sender,
    streams: 1,
    socketBufferBytes: sender === "qemu" ? LINUX_TCP_WMEM_MAX_BYTES : OPENSSH_CHANNEL_WINDOW_BYTES,
    latencyAware: null,
    congestionControl: LINUX_DEFAULT_CONGESTION_CONTROL,
    streamCpuCapBytesPerSec: null,
    loneStreamCpuCapBytesPerSec: null,
    minRtoSec: LINUX_MIN_RTO_SEC,
  };
}

/** How a sender is named in sentences: "vMotion", "QEMU", "Xen". */
export const SENDER_WORDS: Readonly<Record<Sender, string>> = {
  vmotion: "vMotion",
  qemu: "QEMU",
  xen: "Xen",
};
