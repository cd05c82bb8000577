import { InputError, quote } from "../errors.js";

/** Words for the errno codes a user can cause by naming a bad path. */
const WHY: Readonly<Record<string, string>> = {
  ENOENT: "no such file or folder",
  ENOTDIR: "a part of the path is a file, not a folder",
  EISDIR: "is a folder",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  EEXIST: "already exists",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  ENAMETOOLONG: "name too long",
  ELOOP: "too many symbolic links",
  EMFILE: "too many open files",
  EXDEV: "on another file system",
  ENOTEMPTY: "folder not empty",
  EINVAL: "invalid argument",
  EIO: "input/output error",
};

/** True for the errors a user's path or disk causes (as opposed to a bug). */
export function isUserFsError(err: unknown): err is NodeJS.ErrnoException {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return typeof code === "string" && code in WHY;
}

/**
 * An errno error as one InputError line: `--out: cannot create "/sys/x": operation not permitted
 * (EPERM)`. Anything that is not a file-system error is returned unchanged.
 */
export function fsInputError(err: unknown, field: string, action: string, path: string): unknown {
  if (!isUserFsError(err)) return err;
  const code = err.code as string;
  return new InputError("bad-file", field, `cannot ${action} ${quote(path)}: ${WHY[code]} (${code})`, path);
}
