/**
 * Time TCP slow start takes to open the window from the initial window to the bandwidth-delay
 * product, doubling once per round trip: RTT x log2(BDP / initial window), or 0 when the initial
 * window already covers the BDP. The pre-copy core charges it to iteration 0. It slightly
 * overstates the loss (the data sent while opening is about one RTT's worth at full rate).
 * Source: model.md section 4; initial window 10 segments (RFC 6928).
 *
 * Example: 100 ms RTT at 10 Gbit/s (BDP 125 MB), initial window 10 x 1448 B: log2(8633) = 13.08
 * doublings, 1.31 s.
 */
export function slowStartSec(rttSec: number, bdpBytes: number, initialWindowBytes: number): number {
  if (bdpBytes <= initialWindowBytes) return 0;
  return rttSec * Math.log2(bdpBytes / initialWindowBytes);
}
