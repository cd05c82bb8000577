import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { InputError } from "../errors.js";

/** Read a user-named file as text (gunzipping `.gz`), or throw an InputError naming the field. */
export function readUserFile(path: string, field: string): string {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message;
    throw new InputError("bad-file", field, `cannot read ${JSON.stringify(path)}: ${why}`, path);
  }
  if (buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      buf = gunzipSync(buf);
    } catch {
      throw new InputError("bad-file", field, `${JSON.stringify(path)} is not valid gzip`, path);
    }
  }
  return buf.toString("utf8");
}

/** Write one line (or block) to stdout. */
export function out(text: string): void {
  process.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
}
