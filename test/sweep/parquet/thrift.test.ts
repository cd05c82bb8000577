import { deserializeTCompactProtocol } from "hyparquet/src/thrift.js";
import { describe, expect, it } from "vitest";
import { CompactWriter, TType } from "../../../src/sweep/parquet/thrift.js";

/** Parse one struct with hyparquet's reader (the oracle: an independent compact-protocol parser). */
const parse = (bytes: Uint8Array): Record<string, unknown> =>
  deserializeTCompactProtocol({
    view: new DataView(bytes.buffer, bytes.byteOffset, bytes.length),
    offset: 0,
  });

function struct(w: CompactWriter, body: () => void): void {
  w.writeStructBegin();
  body();
  w.writeFieldStop();
  w.writeStructEnd();
}

describe("CompactWriter", () => {
  it("writes i32 and i64 fields hyparquet reads back, with zigzag signs and multi-byte varints", () => {
    const w = new CompactWriter();
    const i32s = [0, 1, -1, 63, -64, 64, 300, -300, 2 ** 31 - 1, -(2 ** 31)];
    const i64s = [0, 2 ** 40 + 7, -(2 ** 40) - 7, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER];
    struct(w, () => {
      i32s.forEach((x, i) => {
        w.writeFieldBegin(TType.I32, i + 1);
        w.writeI32(x);
      });
      i64s.forEach((x, i) => {
        w.writeFieldBegin(TType.I64, 20 + i);
        w.writeI64(x);
      });
    });
    const back = parse(w.bytes());
    i32s.forEach((x, i) => expect(back[`field_${i + 1}`]).toBe(x));
    // hyparquet reads i64 as bigint.
    i64s.forEach((x, i) => expect(back[`field_${20 + i}`]).toBe(BigInt(x)));
  });

  it("writes field ids by delta (1..15 above the last) and in long form otherwise (jumps, going back)", () => {
    const w = new CompactWriter();
    struct(w, () => {
      for (const id of [1, 16, 17, 40, 3]) {
        w.writeFieldBegin(TType.I32, id);
        w.writeI32(id * 10);
      }
    });
    const bytes = w.bytes();
    // Field 1: one header byte 0x15 (delta 1, compact i32 = 5), then zigzag(10) = 20.
    expect([...bytes.subarray(0, 2)]).toEqual([0x15, 20]);
    expect(parse(bytes)).toEqual({ field_1: 10, field_16: 160, field_17: 170, field_40: 400, field_3: 30 });
  });

  it("writes bools in the field header, strings, nested structs and short and long lists", () => {
    const w = new CompactWriter();
    const long = Array.from({ length: 20 }, (_, i) => i - 5);
    struct(w, () => {
      w.writeFieldBegin(TType.BOOL, 1);
      w.writeBool(true);
      w.writeFieldBegin(TType.BOOL, 2);
      w.writeBool(false);
      w.writeFieldBegin(TType.STRING, 3);
      w.writeString("päge");
      w.writeFieldBegin(TType.STRUCT, 4);
      struct(w, () => {
        w.writeFieldBegin(TType.BYTE, 1);
        w.writeByte(8);
        w.writeFieldBegin(TType.I16, 7);
        w.writeI16(-3);
      });
      w.writeFieldBegin(TType.LIST, 5);
      w.writeListBegin(TType.I32, 3);
      [7, 8, 9].forEach((x) => w.writeI32(x));
      w.writeFieldBegin(TType.LIST, 6);
      w.writeListBegin(TType.I64, long.length);
      long.forEach((x) => w.writeI64(x));
      w.writeFieldBegin(TType.LIST, 7);
      w.writeListBegin(TType.STRUCT, 2);
      struct(w, () => undefined);
      struct(w, () => {
        w.writeFieldBegin(TType.STRING, 2);
        w.writeString("b");
      });
      w.writeFieldBegin(TType.I32, 8); // after a nested struct the outer delta resumes from 7
      w.writeI32(1);
    });
    const back = parse(w.bytes());
    expect(back.field_1).toBe(true);
    expect(back.field_2).toBe(false);
    expect(new TextDecoder().decode(back.field_3 as Uint8Array)).toBe("päge");
    expect(back.field_4).toEqual({ field_1: 8, field_7: -3 });
    expect(back.field_5).toEqual([7, 8, 9]);
    expect(back.field_6).toEqual(long.map(BigInt));
    const structs = back.field_7 as Record<string, unknown>[];
    expect(structs.length).toBe(2);
    expect(structs[0]).toEqual({});
    expect(new TextDecoder().decode(structs[1]?.field_2 as Uint8Array)).toBe("b");
    expect(back.field_8).toBe(1);
  });

  it("refuses integers beyond 2^53 and bool list elements", () => {
    const w = new CompactWriter();
    expect(() => w.writeI64(2 ** 53)).toThrow(RangeError);
    expect(() => w.writeBool(true)).toThrow(/bool list/);
  });
});
