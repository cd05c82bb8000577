/**
 * JSON for `--json` and the files commands write: byte counts as whole bytes (a simulation's
 * `switchoverBytes` of 292300327.4661806 is 292300327 bytes to anyone reading it), everything else
 * as computed. A key names its unit (`switchoverBytes`, `memoryBytes`), so the key decides.
 *
 * Example: `toJson({ switchoverBytes: 2.5, rttSec: 0.0003 })` returns
 * `'{\n  "switchoverBytes": 3,\n  "rttSec": 0.0003\n}'`.
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value, wholeBytes, 2);
}

/** `...Bytes` keys and an iteration's own `bytes` (estimate --json's `iterations[].bytes`). */
const BYTES_KEY = /^bytes$|Bytes$/;

function wholeBytes(key: string, value: unknown): unknown {
  return typeof value === "number" && Number.isFinite(value) && BYTES_KEY.test(key)
    ? Math.round(value)
    : value;
}
