import fc from "fast-check";
import { readRleBitPackedHybrid } from "hyparquet/src/encoding.js";
import { describe, expect, it } from "vitest";
import { ByteSink } from "../../../src/sweep/parquet/bytes.js";
import { bitWidthOf, encodeHybrid } from "../../../src/sweep/parquet/hybrid.js";

function encode(values: readonly number[], width: number): number[] {
  const out = new ByteSink(4);
  encodeHybrid(Int32Array.from(values), values.length, width, out);
  return [...out.buf.subarray(0, out.length)];
}

/**
 * A reference decoder written from the spec, in bigint so any width up to 32 is exact: each run's
 * ULEB128 header, then an RLE value in ceil(width / 8) bytes or groups of 8 values packed LSB first.
 */
function referenceDecode(bytes: readonly number[], width: number, n: number): number[] {
  const out: number[] = [];
  let pos = 0;
  while (out.length < n) {
    let header = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[pos++] as number;
      header += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) break;
    }
    if (header % 2 === 0) {
      let v = 0;
      for (let b = 0; b < (width + 7) >> 3; b++) v += (bytes[pos++] as number) * 2 ** (8 * b);
      for (let i = 0; i < header / 2; i++) out.push(v);
    } else {
      const groupBytes = ((header - 1) / 2) * width;
      let big = 0n;
      for (let i = groupBytes - 1; i >= 0; i--) big = (big << 8n) | BigInt(bytes[pos + i] as number);
      pos += groupBytes;
      for (let i = 0; i < ((header - 1) / 2) * 8; i++)
        out.push(Number((big >> BigInt(width * i)) & ((1n << BigInt(width)) - 1n)));
    }
  }
  return out.slice(0, n);
}

/**
 * Decode with hyparquet's reader (an independent implementation of the same spec). It packs bits in
 * 32-bit integers, so it is used up to width 24 (the encoder never goes beyond 10: dictionaries
 * hold at most 1,024 entries).
 */
function decode(bytes: readonly number[], width: number, n: number): number[] {
  const u8 = Uint8Array.from(bytes);
  const reader = { view: new DataView(u8.buffer), offset: 0 };
  const output = new Array<number>(n);
  readRleBitPackedHybrid(reader, width, output, u8.length);
  return output;
}

describe("encodeHybrid(values, n, bitWidth, out)", () => {
  it("writes a run of 8 or more equal values as one RLE run: [1 x 20] at width 1 is 0x28 0x01", () => {
    // Header 20 << 1 = 40 = 0x28, then the value in one byte (Encodings.md, RLE runs).
    expect(encode(Array(20).fill(1), 1)).toEqual([0x28, 0x01]);
  });

  it("bit-packs 0..7 at width 3 as the spec's example: header 0x03, bytes 0x88 0xC6 0xFA", () => {
    // Encodings.md, "Bit-packed": 0..7 at width 3 pack to 10001000 11000110 11111010.
    expect(encode([0, 1, 2, 3, 4, 5, 6, 7], 3)).toEqual([0x03, 0x88, 0xc6, 0xfa]);
  });

  it("pads the last bit-packed group with zeros: [1, 0, 1] at width 1 is 0x03 0x05", () => {
    expect(encode([1, 0, 1], 1)).toEqual([0x03, 0x05]);
  });

  it("writes a value of width 9..16 in two little-endian bytes in an RLE run", () => {
    // 300 = 0x012C; 10 copies: header 20 = 0x14.
    expect(encode(Array(10).fill(300), 9)).toEqual([0x14, 0x2c, 0x01]);
  });

  it("round-trips through the reference decoder (widths 1..32) and hyparquet's (1..24)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 32 }),
        fc.array(fc.tuple(fc.nat({ max: 40 }), fc.nat()), { maxLength: 40 }),
        (width, runs) => {
          // Runs of random lengths exercise both run kinds and their boundaries.
          const max = width === 32 ? 2 ** 31 - 1 : 2 ** width - 1;
          const values = runs.flatMap(([len, v]) => Array<number>(len).fill(v % (max + 1)));
          const bytes = encode(values, width);
          expect(referenceDecode(bytes, width, values.length)).toEqual(values);
          if (width <= 24) expect(decode(bytes, width, values.length)).toEqual(values);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("refuses a bit width outside 1..32", () => {
    expect(() => encode([0], 0)).toThrow(/bit width 0/);
  });
});

describe("bitWidthOf(max)", () => {
  it("is the bits of the largest index, at least 1: 0 -> 1, 1 -> 1, 2 -> 2, 255 -> 8, 256 -> 9", () => {
    expect([0, 1, 2, 255, 256].map(bitWidthOf)).toEqual([1, 1, 2, 8, 9]);
  });
});
