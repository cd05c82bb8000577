import type { CostSpec } from "./types.js";

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
 * Default device-state (checkpoint) size: 8 MiB plus 64 KiB per vCPU. An assumption: ESXi caps
 * the checkpoint cache at 544 MB (`Migrate.CptCacheMaxSizeMB`), typical device state (registers,
 * device models, SVGA) is megabytes.
 */
export function defaultCheckpointBytes(vcpus: number): number {
  return 8 * 2 ** 20 + vcpus * 64 * 2 ** 10;
}

/**
 * Fixed stun costs (assumptions, each overridable):
 * - `fixedSwitchoverSec` 20 ms: quiesce, device save/restore and resume outside the transfer.
 * - `bitmapSyncSecPerByte`: 0.5 ms per GiB for the final dirty-bitmap sync (KubeVirt reports
 *   hundreds of ms to seconds for ~1000 GB VMs, model.md section 1.5: 1000 GiB -> 0.5 s).
 * - `handshakeRtts` 2: the final acknowledgement and the resume handshake, each one round trip.
 *   The last bytes' one-way delay is added separately.
 * - `zeroPageHeaderBytes` 8: QEMU sends an 8-byte header per zero page (model.md section 1.2);
 *   ESXi detects zero pages (`Migrate.DetectZeroPages` = 1), assumed to cost the same.
 */
export function defaultCosts(memoryBytes: number, vcpus: number): CostSpec {
  return {
    traceSetupSec: traceSetupSec(memoryBytes, vcpus),
    fixedSwitchoverSec: 0.02,
    bitmapSyncSecPerByte: 0.0005 / GIB,
    handshakeRtts: 2,
    zeroPageHeaderBytes: 8,
  };
}
