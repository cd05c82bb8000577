import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { createRequire } from "node:module";
import { InputError, quote } from "../errors.js";
import { fsInputError } from "./fs-error.js";

/**
 * Reading a file a user named: regular files only (a device such as /dev/zero, a FIFO or a folder
 * is refused by name, and a FIFO is opened non-blocking so it cannot hang the run), never more
 * than a documented number of bytes, and gzip inflated only up to the same cap. The limits
 * (README, "Limits"):
 *
 * | kind | files | cap (bytes read, and after gunzip) |
 * |---|---|---|
 * | `document` | sweep, report, inventory, dirty-curve, published-cases files | 64 MiB |
 * | `log` | vmkernel/hostd/vpxa/vmware.log, QEMU query-migrate JSON | 256 MiB |
 *
 * [assumption] The caps are far above any real input (the largest example sweep file is 2 KB, a
 * day of vmkernel.log is tens of MB) and well below Node's 512 MiB string limit.
 */
export const INPUT_LIMITS = { document: 64 << 20, log: 256 << 20 } as const;
export type InputKind = keyof typeof INPUT_LIMITS;

const MiB = (n: number): string => `${n / (1 << 20)} MiB`;

function kindOf(mode: number): string {
  switch (mode & constants.S_IFMT) {
    case constants.S_IFDIR:
      return "a folder";
    case constants.S_IFCHR:
      return "a character device";
    case constants.S_IFBLK:
      return "a block device";
    case constants.S_IFIFO:
      return "a FIFO (named pipe)";
    case constants.S_IFSOCK:
      return "a socket";
    default:
      return "not a regular file";
  }
}

/** The bytes of a regular file, at most `cap` of them, or an InputError naming `field`. */
export function readInputBytes(path: string, field: string, cap: number): Buffer {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw fsInputError(err, field, "read", path);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile())
      throw new InputError(
        "bad-file",
        field,
        `${quote(path)} is ${kindOf(st.mode)}: expected a regular file`,
        path,
      );
    if (st.size > cap)
      throw new InputError(
        "bad-file",
        field,
        `${quote(path)} is ${st.size} bytes, above the limit of ${MiB(cap)}`,
        path,
      );
    // Read until EOF (files in /proc report size 0), never past the cap.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(1 << 20, cap + 1 - total));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
      total += n;
      if (total > cap)
        throw new InputError(
          "bad-file",
          field,
          `${quote(path)} is larger than the limit of ${MiB(cap)}`,
          path,
        );
    }
    return Buffer.concat(chunks, total);
  } catch (err) {
    throw fsInputError(err, field, "read", path);
  } finally {
    closeSync(fd);
  }
}

/**
 * zlib, required on the first gzipped file only: loading it costs ~2 ms of CPU, 2-3 % of a
 * one-shot command's start-up (bench `cli/startup`), and most inputs are plain text. (This module
 * reads files, so it is never in the browser page's bundle, where `createRequire` does not exist.)
 */
function zlib(): typeof import("node:zlib") {
  return createRequire(import.meta.url)("node:zlib") as typeof import("node:zlib");
}

/** A user file as UTF-8 text, gunzipped when it starts with the gzip magic bytes; see the limits above. */
export function readInputFile(path: string, field: string, kind: InputKind = "document"): string {
  const cap = INPUT_LIMITS[kind];
  let buf = readInputBytes(path, field, cap);
  if (buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      buf = zlib().gunzipSync(buf, { maxOutputLength: cap });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE")
        throw new InputError(
          "bad-file",
          field,
          `${quote(path)} inflates to more than the limit of ${MiB(cap)}`,
          path,
        );
      throw new InputError("bad-file", field, `${quote(path)} is not valid gzip`, path);
    }
  }
  return buf.toString("utf8");
}
