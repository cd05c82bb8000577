import type { Uplink, Vmknic } from "./types.js";

/**
 * What vMotion can use of an uplink, bytes per second: rate x share - background load.
 * A share stands for NIOC shares or a limit on a shared NIC; the background for the steady load of
 * the traffic it is shared with (management, vSAN, NFS, iSCSI). Both are the user's figures; the
 * boundary keeps the result above zero.
 *
 * Example: 10 Gbit/s, share 0.5, no background -> 5 Gbit/s; 1 Gbit/s, share 1, 200 Mbit/s
 * background -> 800 Mbit/s.
 */
export function uplinkAvailableBytesPerSec(u: Uplink): number {
  return u.rateBytesPerSec * u.share - u.backgroundBytesPerSec;
}

/**
 * The distinct uplinks under some vmknics, in order: several vmknics may share one NIC (KB 323379's
 * three vmknics on one 40 GbE NIC), and a shared NIC counts once.
 *
 * Example: vmk1 and vmk2 on vmnic1 -> [vmnic1].
 */
export function uplinksOf(vmknics: readonly Vmknic[]): Uplink[] {
  const out: Uplink[] = [];
  for (const v of vmknics) if (!out.includes(v.uplink)) out.push(v.uplink);
  return out;
}

/** What vMotion can use of the distinct uplinks under some vmknics, summed, bytes per second. */
export function vmknicsAvailableBytesPerSec(vmknics: readonly Vmknic[]): number {
  return uplinksOf(vmknics).reduce((sum, u) => sum + uplinkAvailableBytesPerSec(u), 0);
}
