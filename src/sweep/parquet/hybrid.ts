import type { ByteSink } from "./bytes.js";

/**
 * The RLE / bit-packing hybrid encoding of Parquet (apache/parquet-format, Encodings.md, "Run
 * Length Encoding / Bit-Packing Hybrid (RLE = 3)"), used for definition levels and dictionary
 * indices. The data is a sequence of runs, each led by a ULEB128 header:
 *
 * - an RLE run: header `count << 1`, then the repeated value in ceil(bitWidth / 8) little-endian
 *   bytes;
 * - a bit-packed run: header `groups << 1 | 1`, then `groups` groups of 8 values, each group
 *   packed into `bitWidth` bytes from the least significant bit of the first byte up.
 *
 * Runs of 8 or more equal values become RLE runs; everything between them is bit-packed (padded
 * with zeros only after the last value, where the reader stops at the page's value count). The
 * length prefix of definition levels in V1 data pages is the caller's.
 *
 * Example: bit width 1, values [1 x 20] -> bytes [0x28, 0x01] (header 20 << 1 = 40, value 1).
 */
export function encodeHybrid(values: ArrayLike<number>, n: number, bitWidth: number, out: ByteSink): void {
  if (bitWidth < 1 || bitWidth > 32) throw new RangeError(`hybrid: bit width ${bitWidth} is not in 1..32`);
  let i = 0;
  while (i < n) {
    const v = values[i] as number;
    let j = i + 1;
    while (j < n && values[j] === v) j++;
    if (j - i >= 8) {
      rleRun(v, j - i, bitWidth, out);
      i = j;
      continue;
    }
    // Bit-packed groups of 8 from i, until a run of 8 starts at a group boundary or the data ends.
    let end = i + 8;
    for (; end < n; end += 8) {
      const w = values[end] as number;
      let k = end + 1;
      while (k < n && k < end + 8 && values[k] === w) k++;
      if (k - end >= 8) break;
    }
    const groups = (Math.min(end, n) - i + 7) >> 3;
    out.uleb128(groups * 2 + 1);
    out.ensure(groups * bitWidth);
    const buf = out.buf;
    let pos = out.length;
    const stop = i + groups * 8;
    if (bitWidth <= 24) {
      // Pending bits stay below 7 + 24 = 31: plain 32-bit integer arithmetic.
      let acc = 0;
      let bits = 0;
      for (let k = i; k < stop; k++) {
        acc |= (k < n ? (values[k] as number) : 0) << bits;
        bits += bitWidth;
        while (bits >= 8) {
          buf[pos++] = acc & 0xff;
          acc >>>= 8;
          bits -= 8;
        }
      }
    } else {
      // Up to 7 + 32 pending bits: kept in a double, exact below 2^53.
      let acc = 0;
      let bits = 0;
      for (let k = i; k < stop; k++) {
        acc += (k < n ? (values[k] as number) >>> 0 : 0) * 2 ** bits;
        bits += bitWidth;
        while (bits >= 8) {
          buf[pos++] = acc % 256;
          acc = Math.floor(acc / 256);
          bits -= 8;
        }
      }
    }
    out.length = pos;
    i = stop;
  }
}

/**
 * One RLE run of the hybrid encoding: `count` copies of `value` at `bitWidth` (header
 * `count << 1`, then the value in ceil(bitWidth / 8) little-endian bytes). Any count is valid, so
 * data known to be one value (all rows defined, a constant column) is written as a single run.
 */
export function rleRun(value: number, count: number, bitWidth: number, out: ByteSink): void {
  const valueBytes = (bitWidth + 7) >> 3;
  out.uleb128(count * 2);
  out.ensure(valueBytes);
  for (let b = 0; b < valueBytes; b++) out.buf[out.length++] = (value >>> (8 * b)) & 0xff;
}

/** Bits needed for the values 0..max (at least 1). */
export function bitWidthOf(max: number): number {
  let w = 1;
  while (w < 32 && max >= 2 ** w) w++;
  return w;
}
