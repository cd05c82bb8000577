import type { Uplink } from "./types.js";

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
