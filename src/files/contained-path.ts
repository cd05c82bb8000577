import { realpathSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import { InputError, quote } from "../errors.js";

/** True when `path` is `dir` or inside it. */
function inside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path; // missing: the reader says so
  }
}

/**
 * A path written inside a file (a report's `sweep: runs/wan.yaml`), resolved relative to that
 * file's folder `baseDir`, which it must stay inside, symbolic links followed, unless `allowOutside`
 * (`report --allow-outside-paths`). So a report file cannot make the tool read, and quote,
 * `/etc/passwd` or `/proc/self/environ`.
 */
export function containedPath(baseDir: string, written: string, field: string, allowOutside = false): string {
  const abs = resolve(baseDir, written);
  if (allowOutside) return abs;
  if (!inside(real(resolve(baseDir)), real(abs)))
    throw new InputError(
      "bad-value",
      field,
      `must name a file inside the report file's folder (got ${quote(written)}): move the file there, or add --allow-outside-paths`,
      written,
    );
  return abs;
}
