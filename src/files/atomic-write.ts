import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * The one atomic file write: `data` goes to `.<name>.<pid>.partial` in the same folder, is flushed
 * and renamed over `path` (rename(2) is atomic within one file system), so a reader sees the old
 * file or the new one, never half of it. On any failure the temporary file is removed and the
 * error rethrown. Used for every file this tool writes whole (manifests, summaries, charts, pages,
 * bench results); streamed outputs are written inside a temporary output folder instead
 * (`output-dir.ts`).
 *
 * Example: `writeFileAtomic("out/summary.json", "{}\n")`.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  try {
    const fd = openSync(tmp, "w");
    try {
      const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
      let off = 0;
      while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
