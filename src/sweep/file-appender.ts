import { closeSync, openSync, writeSync } from "node:fs";

/**
 * The largest write(2) a sweep file takes: 64 KiB. {@link FileAppender} cuts what it appends at
 * every multiple of it in the file, so no call is longer and none crosses such a boundary.
 *
 * Why (measured, docs/performance.md "Session 7: ..."): Linux (6.18 here) sizes the page-cache
 * folios of an ext4 file from each write's length and position, so a write of a whole Parquet row
 * group (~3.4 MB) fills folios of up to 2 MB. On this project's VM the kernel's copy into them
 * cost 0.26-0.62 s of system time for a 10 M sweep's 470 MB, against 0.11-0.16 s in writes of at
 * most 64 KiB (folios of at most 64 KiB); `writev` of the same pieces is one write again (the
 * kernel sizes folios from the whole call). 7,200 calls instead of 153 cost ~5-12 ms of user time.
 */
export const APPEND_PIECE_BYTES = 1 << 16;

/** The `writeSync` signature used here (injectable so tests see every call). */
export type WriteSync = (
  fd: number,
  bytes: Uint8Array,
  offset: number,
  length: number,
  position: null,
) => number;

/**
 * A file written from its start, in order, in pieces of at most {@link APPEND_PIECE_BYTES} that
 * never cross a multiple of it; partial writes are continued. Opening truncates (the sweep's
 * files live in the run's temporary output folder, `src/files/output-dir.ts`).
 *
 * Example: `const f = new FileAppender(path); f.append(bytes); f.close();` writes `bytes` in
 * `ceil` of its 64 KiB pieces.
 */
export class FileAppender {
  private readonly fd: number;
  private open = true;
  /** Bytes appended so far (the file's length). */
  position = 0;

  constructor(
    path: string,
    private readonly write: WriteSync = writeSync,
  ) {
    this.fd = openSync(path, "w");
  }

  /** Append `bytes` (any length, any view). */
  append(bytes: Uint8Array): void {
    const piece = APPEND_PIECE_BYTES;
    let done = 0;
    while (done < bytes.length) {
      const boundary = (Math.floor((this.position + done) / piece) + 1) * piece - this.position;
      const end = Math.min(bytes.length, boundary);
      while (done < end) done += this.write(this.fd, bytes, done, end - done, null);
    }
    this.position += bytes.length;
  }

  /** Close the file (once; later calls do nothing). */
  close(): void {
    if (this.open) closeSync(this.fd);
    this.open = false;
  }
}
