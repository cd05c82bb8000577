import { MATHIS_C } from "./defaults.js";

/**
 * Mathis et al. (1997) loss bound on one TCP stream, bytes per second:
 *
 *   throughput <= (MSS / RTT) x C / sqrt(p),   C = 1.22
 *
 * Returns null on a loss-free path (p = 0: no bound). Source: model.md section 4.
 *
 * Example: MSS 1448 B, RTT 10 ms, p = 1e-4: 144800 x 1.22 / 0.01 = 17.67 MB/s (141 Mbit/s).
 */
export function mathisBoundBytesPerSec(
  mssBytes: number,
  rttSec: number,
  lossFraction: number,
): number | null {
  if (lossFraction <= 0) return null;
  return (mssBytes / rttSec) * (MATHIS_C / Math.sqrt(lossFraction));
}
