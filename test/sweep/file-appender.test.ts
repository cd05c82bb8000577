import { mkdtempSync, readFileSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { APPEND_PIECE_BYTES, FileAppender, type WriteSync } from "../../src/sweep/file-appender.js";

const root = mkdtempSync(join(tmpdir(), "file-appender-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** `bytes` filled with a pattern that differs from piece to piece (so a misplaced piece shows). */
function pattern(length: number, seed: number): Uint8Array {
  const b = new Uint8Array(length);
  for (let i = 0; i < length; i++) b[i] = (i * 131 + seed * 7 + (i >>> 11)) & 0xff;
  return b;
}

/** Each call's file position and length, and a `writeSync` that writes at most `max` bytes a call (short writes). */
function recording(max: number): { calls: { at: number; length: number }[]; write: WriteSync } {
  const calls: { at: number; length: number }[] = [];
  let at = 0;
  const write: WriteSync = (fd, bytes, offset, length, position) => {
    const n = writeSync(fd, bytes, offset, Math.min(length, max), position);
    calls.push({ at, length });
    at += n;
    return n;
  };
  return { calls, write };
}

describe("FileAppender", () => {
  it("append(bytes) writes the concatenation, in calls of at most 64 KiB that never cross a multiple of 64 KiB", () => {
    let file = 0;
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 * APPEND_PIECE_BYTES + 17 }), { maxLength: 12 }),
        // the most a write(2) takes (short writes are continued): a few KiB, or all asked for
        fc.constantFrom(4093, 1 << 16, 1 << 20),
        (lengths, shortest) => {
          const path = join(root, `f${file++}`);
          const { calls, write } = recording(shortest);
          const f = new FileAppender(path, write);
          const parts = lengths.map((n, k) => pattern(n, k));
          for (const p of parts) f.append(p);
          f.close();
          const expected = Buffer.concat(parts);
          expect(f.position).toBe(expected.length);
          expect(readFileSync(path).equals(expected)).toBe(true);
          for (const c of calls) {
            expect(c.length).toBeGreaterThan(0);
            expect(c.length).toBeLessThanOrEqual(APPEND_PIECE_BYTES);
            // the call's bytes lie within one 64 KiB block of the file
            expect(Math.floor(c.at / APPEND_PIECE_BYTES)).toBe(
              Math.floor((c.at + c.length - 1) / APPEND_PIECE_BYTES),
            );
          }
          rmSync(path);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("append(view) writes the view's bytes, not its buffer's", () => {
    const path = join(root, "view");
    const whole = pattern(3 * APPEND_PIECE_BYTES, 9);
    const view = whole.subarray(1000, 1000 + APPEND_PIECE_BYTES + 5);
    const f = new FileAppender(path);
    f.append(pattern(3, 1));
    f.append(view);
    f.close();
    f.close(); // a second close does nothing
    expect(readFileSync(path).equals(Buffer.concat([pattern(3, 1), view]))).toBe(true);
  });

  it("new FileAppender(path) truncates an existing file", () => {
    const path = join(root, "truncate");
    const a = new FileAppender(path);
    a.append(pattern(5000, 2));
    a.close();
    const b = new FileAppender(path);
    b.append(pattern(10, 3));
    b.close();
    expect(readFileSync(path).equals(Buffer.from(pattern(10, 3)))).toBe(true);
  });
});
