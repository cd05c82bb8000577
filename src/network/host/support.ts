import { formatDuration } from "../../units/format.js";
import type { HostNetworkConfig } from "./types.js";

/**
 * The largest round-trip time vMotion supports on a vSphere version, and where that comes from:
 *
 * | version | RTT | source |
 * |---|---|---|
 * | before 5.0 | 5 ms | KB 310156 ("Understanding Metro vMotion": 4.1 supports < 5 ms RTT) |
 * | 5.x | 10 ms | KB 310156 (Metro vMotion, vSphere 5.0+, Enterprise Plus licence) |
 * | 6.0 and later | 150 ms | KB 336244 (legacy 2106949, long-distance vMotion, Enterprise Plus) |
 *
 * Example: `rttSupportLimit(5.5)` returns 10 ms from KB 310156.
 */
export function rttSupportLimit(vsphereVersion: number): { rttSec: number; what: string } {
  if (vsphereVersion < 5) return { rttSec: 0.005, what: "vMotion before vSphere 5.0 (KB 310156)" };
  if (vsphereVersion < 6)
    return { rttSec: 0.01, what: "Metro vMotion on vSphere 5.x, Enterprise Plus (KB 310156)" };
  return { rttSec: 0.15, what: "long-distance vMotion on vSphere 6.0+, Enterprise Plus (KB 336244)" };
}

/**
 * Support warnings that follow from the host configuration and the path's RTT, in a fixed order:
 * - RTT over the version's limit, before 6.0 (from 6.0 the path model already warns above 150 ms);
 * - source and destination vMotion vmknic MTUs differ (vCenter's compatibility warning "The source
 *   and destination hosts have different vMotion vNIC MTU configurations", KB 432825).
 * Warnings, not failures: the migration is still simulated.
 */
export function hostSupportWarnings(config: HostNetworkConfig, rttSec: number): string[] {
  const out: string[] = [];
  const limit = rttSupportLimit(config.vsphereVersion);
  if (config.vsphereVersion < 6 && rttSec > limit.rttSec) {
    out.push(
      `RTT ${formatDuration(rttSec)} is over the ${formatDuration(limit.rttSec)} supported for ${limit.what}`,
    );
  }
  const srcMtu = config.source.vmknics[0]?.mtuBytes;
  if (srcMtu !== undefined && srcMtu !== config.destination.mtuBytes) {
    out.push(
      `vMotion vmknic MTU ${srcMtu} on the source and ${config.destination.mtuBytes} on the destination: ` +
        "vCenter warns that the MTU configurations differ; such migrations often fail or time out (KB 432825)",
    );
  }
  return out;
}

/**
 * The line rate vCenter's concurrency class is decided from: the vMotion vmknic's uplink, not the
 * slowest link the traffic crosses (model.md section 6; vSphere docs "Limits on Simultaneous
 * Migrations": the limits "vary with a host's link speed to the vMotion network"). With several
 * vMotion vmknics the first one's uplink decides [assumption]. A migration that leaves through a
 * 1 GbE management uplink from a host whose vMotion vmknic sits on 10 GbE is still admitted 8 at a
 * time, and the 8 then share the 1 GbE uplink.
 */
export function admissionLinkBytesPerSec(config: HostNetworkConfig): number {
  const first = config.source.vmknics[0] ?? config.source.management;
  return first.uplink.rateBytesPerSec;
}
