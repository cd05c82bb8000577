import { CUBIC_BETA, CUBIC_C, MATHIS_C, MIN_RTO_SEC } from "./defaults.js";
import type { CongestionControl } from "./types.js";

/**
 * New Reno loss bound on one TCP stream, bytes per second: the Mathis et al. (1997) bound with the
 * retransmission-timeout term of Padhye, Firoiu, Towsley and Kurose (1998, eq. 31 with one packet
 * acknowledged per ACK):
 *
 *   throughput = MSS / ( RTT sqrt(p) / C + T0 min(1, 3 sqrt(3p/8)) p (1 + 32 p^2) ),   C = 1.22
 *
 * For small p the first term dominates and this is Mathis, (MSS / RTT) x C / sqrt(p); as p nears 1
 * the timeouts take over and the stream carries a few packets per T0 (T0 = 1 s, RFC 6298; `rtoSec`,
 * 200 ms for a Linux sender).
 * Returns null on a loss-free path (p = 0: no bound). Never increases with RTT or p.
 *
 * Example: MSS 1448 B, RTT 10 ms, p = 1e-4: Mathis gives 17.67 MB/s; the timeout term adds
 * 1.84e-6 s to the 8.2e-5 s per packet, so 17.28 MB/s.
 */
export function renoBoundBytesPerSec(
  mssBytes: number,
  rttSec: number,
  lossFraction: number,
  rtoSec: number = MIN_RTO_SEC,
): number | null {
  if (lossFraction <= 0) return null;
  const p = lossFraction;
  const perPacketSec =
    (rttSec * Math.sqrt(p)) / MATHIS_C +
    rtoSec * Math.min(1, 3 * Math.sqrt((3 * p) / 8)) * p * (1 + 32 * p * p);
  return mssBytes / perPacketSec;
}

/**
 * CUBIC's average throughput under random loss, bytes per second (RFC 9438, section 5.1):
 *
 *   AVG_W_cubic = (C (3 + beta) / (4 (1 - beta)))^(1/4) x RTT^(3/4) / p^(3/4)   segments,
 *
 * with C = 0.4 and beta = 0.7 ((0.4 x 3.7 / 1.2)^(1/4) = 1.054), so per stream
 * MSS x 1.054 / (RTT^(1/4) p^(3/4)). CUBIC never runs below its Reno-friendly window (RFC 9438
 * section 4.3, which matches Reno's average), so the bound is the larger of this and
 * {@link renoBoundBytesPerSec}. Null on a loss-free path.
 *
 * Example: MSS 1448 B, RTT 26 ms, p = 1e-5: 1448 x 1.054 / (0.4016 x 1.778e-4) = 21.4 MB/s per
 * stream, below New Reno's 21.5 MB/s there (the Reno-friendly region wins); at RTT 100 ms, p = 1e-6
 * CUBIC gives 85.8 MB/s and New Reno 17.7 MB/s.
 */
export function cubicBoundBytesPerSec(
  mssBytes: number,
  rttSec: number,
  lossFraction: number,
  rtoSec: number = MIN_RTO_SEC,
): number | null {
  const reno = renoBoundBytesPerSec(mssBytes, rttSec, lossFraction, rtoSec);
  if (reno === null) return null;
  const k = ((CUBIC_C * (3 + CUBIC_BETA)) / (4 * (1 - CUBIC_BETA))) ** 0.25;
  const cubic = (mssBytes * k) / (rttSec ** 0.25 * lossFraction ** 0.75);
  return Math.max(cubic, reno);
}

/**
 * The loss bound per stream of the given congestion control; null on a loss-free path. `rtoSec`
 * is the timeout term's T0: 1 s by default (RFC 6298), 200 ms for a Linux sender.
 */
export function lossBoundBytesPerSec(
  congestionControl: CongestionControl,
  mssBytes: number,
  rttSec: number,
  lossFraction: number,
  rtoSec: number = MIN_RTO_SEC,
): number | null {
  return congestionControl === "cubic"
    ? cubicBoundBytesPerSec(mssBytes, rttSec, lossFraction, rtoSec)
    : renoBoundBytesPerSec(mssBytes, rttSec, lossFraction, rtoSec);
}
