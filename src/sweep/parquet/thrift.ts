import { ByteSink } from "./bytes.js";

/**
 * A writer of the Thrift compact protocol (Apache Thrift, "Thrift Compact protocol encoding",
 * doc/specs/thrift-compact-protocol.md), just what a Parquet footer needs: structs, fields, lists,
 * i8/i16/i32/i64, bool, binary/string. Method names follow Apache Thrift's `TCompactProtocol`.
 *
 * Encoding, from that spec:
 * - integers (i16, i32, i64) are zigzag-encoded, then written as ULEB128 varints;
 * - a field header is one byte `delta << 4 | type` when the field id is 1..15 above the previous
 *   field id of the same struct, else the type byte followed by the zigzag varint field id;
 * - bool fields carry their value in the type (1 true, 2 false) and have no payload;
 * - a list header is one byte `size << 4 | element type` for fewer than 15 elements, else
 *   `0xF0 | element type` followed by the size as a varint;
 * - binary and string are a varint length and the bytes (strings as UTF-8);
 * - a struct ends with a stop byte (0).
 *
 * i64 values are JavaScript numbers and must be safe integers (|x| < 2^53); zigzag (2x, or
 * -2x - 1 for negative x) is computed in doubles below 2^52, where it is exact, else in bigint.
 */

/** Field and element types (Apache Thrift `Thrift.Type` values; the compact codes are derived). */
export const TType = {
  BOOL: 2,
  BYTE: 3,
  I16: 6,
  I32: 8,
  I64: 10,
  STRING: 11,
  STRUCT: 12,
  LIST: 15,
} as const;
export type TTypeId = (typeof TType)[keyof typeof TType];

/** Compact-protocol type codes (spec table "Types"). */
const COMPACT: Record<TTypeId, number> = {
  [TType.BOOL]: 1, // true; false is 2
  [TType.BYTE]: 3,
  [TType.I16]: 4,
  [TType.I32]: 5,
  [TType.I64]: 6,
  [TType.STRING]: 8,
  [TType.STRUCT]: 12,
  [TType.LIST]: 9,
};

export class CompactWriter {
  /** The shared Parquet byte buffer and its one ULEB128 writer. */
  private readonly out = new ByteSink(4096);
  private lastFieldId = 0;
  private readonly fieldIds: number[] = [];
  /** A bool field's header is written with its value: the pending field id. */
  private pendingBoolField: number | null = null;
  private readonly utf8 = new TextEncoder();

  writeByte(b: number): void {
    this.out.byte(b & 0xff);
  }

  /** Unsigned LEB128 of a non-negative integer below 2^54 (ByteSink's writer). */
  private varint(x: number): void {
    this.out.uleb128(x);
  }

  private zigzag(x: number): void {
    if (!Number.isSafeInteger(x)) throw new RangeError(`compact protocol: ${x} is not a safe integer`);
    if (Math.abs(x) < 2 ** 52) this.varint(x >= 0 ? 2 * x : -2 * x - 1);
    else {
      // 2|x| passes 2^53 here: exact in bigint.
      let z = x >= 0 ? 2n * BigInt(x) : -2n * BigInt(x) - 1n;
      while (z >= 0x80n) {
        this.out.byte(Number(z & 0x7fn) | 0x80);
        z >>= 7n;
      }
      this.out.byte(Number(z));
    }
  }

  writeI16(x: number): void {
    this.zigzag(x);
  }

  writeI32(x: number): void {
    this.zigzag(x);
  }

  writeI64(x: number): void {
    this.zigzag(x);
  }

  writeBinary(bytes: Uint8Array): void {
    this.varint(bytes.length);
    this.out.bytes(bytes);
  }

  writeString(s: string): void {
    this.writeBinary(this.utf8.encode(s));
  }

  writeBool(v: boolean): void {
    const id = this.pendingBoolField;
    if (id === null) throw new Error("compact protocol: bool list elements are not supported");
    this.pendingBoolField = null;
    this.fieldHeader(v ? 1 : 2, id);
  }

  writeStructBegin(): void {
    this.fieldIds.push(this.lastFieldId);
    this.lastFieldId = 0;
  }

  writeStructEnd(): void {
    this.lastFieldId = this.fieldIds.pop() ?? 0;
  }

  writeFieldBegin(type: TTypeId, id: number): void {
    if (type === TType.BOOL) this.pendingBoolField = id;
    else this.fieldHeader(COMPACT[type], id);
  }

  writeFieldEnd(): void {}

  writeFieldStop(): void {
    this.writeByte(0);
  }

  private fieldHeader(code: number, id: number): void {
    const delta = id - this.lastFieldId;
    if (delta > 0 && delta <= 15) this.writeByte((delta << 4) | code);
    else {
      this.writeByte(code);
      this.zigzag(id);
    }
    this.lastFieldId = id;
  }

  writeListBegin(elementType: TTypeId, size: number): void {
    const code = elementType === TType.BOOL ? 1 : COMPACT[elementType];
    if (size < 15) this.writeByte((size << 4) | code);
    else {
      this.writeByte(0xf0 | code);
      this.varint(size);
    }
  }

  writeListEnd(): void {}

  /**
   * Bytes already in this encoding, as they are: a struct written on its own by another writer
   * (a struct's field ids are deltas from its own previous field, starting afresh at the struct,
   * so its bytes are the same wherever it sits, e.g. as an element of a list of structs).
   */
  writeRaw(bytes: Uint8Array): void {
    this.out.bytes(bytes);
  }

  /** The bytes written so far. */
  bytes(): Uint8Array {
    return this.out.buf.slice(0, this.out.length);
  }

  /** The bytes written so far, as a view valid until the next write or reset. */
  view(): Uint8Array {
    return this.out.buf.subarray(0, this.out.length);
  }

  /** Start over (the buffer is kept): one writer serves many small structs, such as page headers. */
  reset(): void {
    this.out.reset();
    this.lastFieldId = 0;
    this.fieldIds.length = 0;
    this.pendingBoolField = null;
  }
}
