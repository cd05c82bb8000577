/**
 * A growable little-endian byte buffer: what the Parquet encoder writes pages into. One is kept
 * per encoder and reused row group after row group (`reset`), so encoding allocates only when a
 * row group is larger than any before it.
 */
export class ByteSink {
  buf: Uint8Array;
  private view: DataView;
  /** Bytes written. */
  length = 0;

  constructor(capacity = 1 << 16) {
    this.buf = new Uint8Array(capacity);
    this.view = new DataView(this.buf.buffer);
  }

  reset(): void {
    this.length = 0;
  }

  /**
   * Write from byte 0 of `target` from now on (a view of shared memory: a worker's result slot),
   * so nothing is copied afterwards. Outgrowing it moves the bytes to a new buffer of this sink's
   * own, as `ensure` always does (`buf` is then no longer `target`).
   */
  wrap(target: Uint8Array): void {
    this.buf = target;
    this.view = new DataView(target.buffer, target.byteOffset, target.byteLength);
    this.length = 0;
  }

  /** Make room for `n` more bytes. */
  ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(2 * this.buf.length, this.length + n));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.length++] = b;
  }

  /**
   * ULEB128 varint of a non-negative whole number below 2^54 (Parquet run headers, delta-encoding
   * headers; exact in doubles, as dividing by 128 is).
   */
  uleb128(x: number): void {
    this.ensure(8);
    while (x >= 0x80) {
      this.buf[this.length++] = (x % 0x80) | 0x80;
      x = Math.floor(x / 0x80);
    }
    this.buf[this.length++] = x;
  }

  u32(x: number): void {
    this.ensure(4);
    this.view.setUint32(this.length, x, true);
    this.length += 4;
  }

  /** Overwrite the 4 bytes at `at` (a length prefix written before its body was known). */
  u32At(at: number, x: number): void {
    this.view.setUint32(at, x, true);
  }

  i32(x: number): void {
    this.ensure(4);
    this.view.setInt32(this.length, x, true);
    this.length += 4;
  }

  /** A whole number |x| < 2^53 as a little-endian two's-complement int64 (low word, then high). */
  i64(x: number): void {
    this.ensure(8);
    const hi = Math.floor(x / 4294967296);
    this.view.setUint32(this.length, x - hi * 4294967296, true);
    this.view.setInt32(this.length + 4, hi, true);
    this.length += 8;
  }

  f64(x: number): void {
    this.ensure(8);
    this.view.setFloat64(this.length, x, true);
    this.length += 8;
  }

  bytes(src: Uint8Array): void {
    this.ensure(src.length);
    this.buf.set(src, this.length);
    this.length += src.length;
  }
}
