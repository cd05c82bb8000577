/**
 * One catalogue of user-facing error codes, mapped to exit codes in one place (`src/cli/exit.ts`).
 *
 * An {@link InputError} is what every boundary parser throws for a bad value: it names the
 * field (a CLI flag like `--memory`, or a path inside a file like `axes[2].values[3]`), quotes
 * the value, and says what is accepted. Kernels never throw it: they trust validated input.
 */
export type ErrorCode =
  | "bad-value" // a value is malformed or out of range
  | "missing-value" // a required value is absent
  | "unknown-field" // a field or flag that is not recognised
  | "bad-file" // a file cannot be read or parsed
  | "conflict"; // two values that cannot be combined

export class InputError extends Error {
  readonly code: ErrorCode;
  readonly field: string;
  readonly value: unknown;
  /** The message without the field: what is wrong and what is accepted. */
  readonly detail: string;

  constructor(code: ErrorCode, field: string, message: string, value?: unknown) {
    super(`${field}: ${message}`);
    this.detail = message;
    this.name = "InputError";
    this.code = code;
    this.field = field;
    this.value = value;
  }
}

/** Most characters of a user value quoted in an error message. */
export const MAX_QUOTED_CHARS = 200;

/** `text` cut to its first line and {@link MAX_QUOTED_CHARS} characters, `...` marking a cut. */
export function clip(text: string, max = MAX_QUOTED_CHARS): string {
  const nl = text.search(/[\r\n]/);
  const line = nl >= 0 ? text.slice(0, nl) : text;
  const cut = line.length > max ? line.slice(0, max) : line;
  return cut.length < text.length ? `${cut}...` : cut;
}

/**
 * Quote a user value for an error message the way a user typed it: at most its first line and
 * {@link MAX_QUOTED_CHARS} characters, so a file read by mistake (say /etc/passwd) is never
 * echoed whole.
 */
export function quote(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(clip(value));
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  if (value === undefined) return "nothing";
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return clip(text);
}

/** `expected <what> (got "<value>")`: the one shape of a bad-value message. */
export function badValue(field: string, expected: string, value: unknown): InputError {
  return new InputError("bad-value", field, `expected ${expected} (got ${quote(value)})`, value);
}
