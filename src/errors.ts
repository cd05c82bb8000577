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

  constructor(code: ErrorCode, field: string, message: string, value?: unknown) {
    super(`${field}: ${message}`);
    this.name = "InputError";
    this.code = code;
    this.field = field;
    this.value = value;
  }
}

/** Quote a user value for an error message the way a user typed it. */
export function quote(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  if (value === undefined) return "nothing";
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** `expected <what> (got "<value>")`: the one shape of a bad-value message. */
export function badValue(field: string, expected: string, value: unknown): InputError {
  return new InputError("bad-value", field, `expected ${expected} (got ${quote(value)})`, value);
}
