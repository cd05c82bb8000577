import type { CostSpec, PolicyKind } from "./types.js";

const GIB = 2 ** 30;

/**
 * Write-trace installation time before iteration 0, seconds (model.md section 1).
 *
 * Since vSphere 7.0 U1 one vCPU installs traces ("loose page-trace"), so the cost scales with
 * memory; a short stop of every vCPU (TLB flush) adds a per-vCPU term. No published per-GiB
 * figure exists: 2 ms per GiB plus 1 ms per vCPU is an assumption that puts a 6 TiB, 256-vCPU
 * VM at ~12.8 s, well under the "hundreds of seconds" reported for the older stop-based trace.
 *
 * Example: traceSetupSec(64 GiB, 8 vCPUs) = 0.128 + 0.008 = 0.136 s.
 */
export function traceSetupSec(memoryBytes: number, vcpus: number): number {
  return (memoryBytes / GIB) * 0.002 + vcpus * 0.001;
}

/**
 * Default device-state (checkpoint) size sent in the stun, per hypervisor. All are
 * ASSUMPTIONS (no hypervisor documents a typical size; `--checkpoint` overrides):
 * - vMotion: 8 MiB plus 64 KiB per vCPU. ESXi caps the checkpoint cache at 544 MB
 *   (`Migrate.CptCacheMaxSizeMB`); device state with SVGA is megabytes (KB 308477 names high SVGA
 *   resolution as what makes checkpoints too big).
 * - QEMU and Xen: 1 MiB plus 16 KiB per vCPU. What moves in QEMU's non-iterable stage is the
 *   vmstate of the CPUs (registers, MSRs and XSAVE area: kilobytes each) and of the emulated and
 *   virtio devices (kilobytes each); guest RAM, VGA memory included, is iterated with the rest of
 *   memory. Xen's HVM context (per-vCPU registers, LAPIC, platform devices) is of the same order.
 *
 * Example: defaultCheckpointBytes(4, "qemu") = 1 MiB + 64 KiB.
 */
export function defaultCheckpointBytes(vcpus: number, policy: PolicyKind = "vmotion"): number {
  if (policy === "vmotion") return 8 * 2 ** 20 + vcpus * 64 * 2 ** 10;
  return 2 ** 20 + vcpus * 16 * 2 ** 10;
}

/**
 * Zero-page scan rate, bytes of memory read per second to find zero pages, per hypervisor. Finding
 * a zero page means reading all of it (QEMU `buffer_is_zero`; ESXi `Migrate.DetectZeroPages` =
 * 1), on the migration thread, one page after the other; a non-zero page is told apart in its first
 * bytes. The model charges zero bytes / scan rate to iteration 0, not overlapped with sending.
 * 10 GiB/s is an ASSUMPTION for every hypervisor (one core streaming memory with SSE2/AVX2
 * compares, a fraction of a socket's memory bandwidth). It is consistent with the OPNFV KVM4NFV
 * idle case (an 8 GiB idle guest migrated in 2.07 s on 10 GbE with QEMU 2.4's SSE2 zero check,
 * which needs at least ~4 GiB/s), and OPNFV reports the AVX2 zero check as one of the two changes
 * that cut that migration to 0.4 s.
 */
export const ZERO_SCAN_BYTES_PER_SEC = 10 * GIB;

/**
 * QEMU's dirty-bitmap sync before each pre-copy round (`migration_bitmap_sync`: harvest KVM's
 * dirty log, vhost logs, merge into the RAMBlock bitmaps, clear the logged bits). It runs between
 * rounds on the migration thread: nothing is sent meanwhile, while the vCPUs keep running (and
 * dirtying). Cost = per GiB of memory x memory + per dirty page x pages dirty:
 * - 0.05 ms per GiB: a 256 GiB, 64-vCPU VM synced in 12 ms once fragmented clear-dirty ioctls were
 *   merged (QEMU patch by Chuang Xu, ByteDance, Dec 2025, lore.kernel.org/r/
 *   20251218114220.83354-1-xuchuangxclwt@bytedance.com: 73 ms before, of which 2.5 ms KVM
 *   harvest, 3 ms vhost log sync, 5 ms aligned RAMBlock sync, at a 10 GB/s dirty rate).
 * - 5 ns per dirty page: an ASSUMPTION (the same commit says sync time grows with the dirty rate
 *   but gives no per-page figure; 5 ns is one bit test-and-clear plus a counter, cache-missing).
 * vMotion and Xen: 0 (not modelled: vMotion's trace firing marks pages as written; Xen's
 * log-dirty peek is not documented as a separate cost).
 */
export const QEMU_ROUND_SYNC_SEC_PER_BYTE = 0.00005 / GIB;
export const QEMU_ROUND_SYNC_SEC_PER_PAGE = 5e-9;

/**
 * Fixed stun costs (assumptions, each overridable):
 * - `fixedSwitchoverSec` 20 ms: quiesce, device save/restore and resume outside the transfer.
 * - `bitmapSyncSecPerByte`: 0.5 ms per GiB for the final dirty-bitmap sync (KubeVirt reports
 *   hundreds of ms to seconds for ~1000 GB VMs, model.md section 1.5: 1000 GiB -> 0.5 s).
 * - `handshakeRtts` 2: the final acknowledgement and the resume handshake, each one round trip.
 *   The last bytes' one-way delay is added separately.
 * - `zeroPageHeaderBytes` 8: QEMU sends an 8-byte header per zero page (model.md section 1.2);
 *   ESXi detects zero pages (`Migrate.DetectZeroPages` = 1), assumed to cost the same.
 * - `zeroScanBytesPerSec`, `roundSyncSecPerByte`, `roundSyncSecPerDirtyPage`: see above.
 */
export function defaultCosts(memoryBytes: number, vcpus: number, policy: PolicyKind = "vmotion"): CostSpec {
  return {
    traceSetupSec: traceSetupSec(memoryBytes, vcpus),
    fixedSwitchoverSec: 0.02,
    bitmapSyncSecPerByte: 0.0005 / GIB,
    handshakeRtts: 2,
    zeroPageHeaderBytes: 8,
    zeroScanBytesPerSec: ZERO_SCAN_BYTES_PER_SEC,
    roundSyncSecPerByte: policy === "qemu" ? QEMU_ROUND_SYNC_SEC_PER_BYTE : 0,
    roundSyncSecPerDirtyPage: policy === "qemu" ? QEMU_ROUND_SYNC_SEC_PER_PAGE : 0,
  };
}

/**
 * Send-socket buffer assumed to hold the last bytes still unsent when the hypervisor's stun clock
 * stops (see `hypervisorDowntimeSec`): vMotion `Migrate.SndBufSize` = 562,540 B per stream (ESXi
 * advanced settings); QEMU and Xen 4 MiB, Linux's default `net.ipv4.tcp_wmem` maximum, an
 * ASSUMPTION (autotuning grows the buffer up to it on a busy stream).
 */
export function sendBufferBytes(policy: PolicyKind): number {
  return policy === "vmotion" ? 562540 : 4 * 2 ** 20;
}

/**
 * The stun as the hypervisor reports it, next to the guest-seen stun the model computes. QEMU
 * stops its downtime clock when the last bytes are handed to the socket (model.md section 1.5):
 * it does not count draining the send buffer's backlog at the throughput B, the last byte's
 * one-way delay, nor the resume handshake. So
 *   reported = guest-seen - min(final bytes + device state, send buffer) / B - RTT / 2 - handshakes x RTT.
 * The same reading is applied to vMotion and Xen (an assumption: their counters are not
 * documented at this level). Never negative.
 */
export function hypervisorDowntimeSec(
  guestSeenSec: number,
  finalBytes: number,
  rateBytesPerSec: number,
  rttSec: number,
  costs: CostSpec,
  policy: PolicyKind,
): number {
  const backlog = Math.min(finalBytes, sendBufferBytes(policy));
  const d = guestSeenSec - backlog / rateBytesPerSec - rttSec / 2 - costs.handshakeRtts * rttSec;
  return d > 0 ? d : 0;
}
