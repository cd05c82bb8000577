import { max } from "simple-statistics";
import { InputError, badValue } from "../errors.js";

/**
 * QEMU `query-migrate` output (QMP), as one object, an array, or a series of objects over time
 * (NDJSON or concatenated pretty-printed JSON, e.g. a QMP transcript), with or without the
 * `{"return": ...}` wrapper. QMP greetings, commands and events in a transcript are skipped.
 *
 * Field units, from QEMU's `qapi/migration.json` (MigrationInfo / MigrationStats):
 * `total-time`, `downtime`, `setup-time`, `expected-downtime` in milliseconds; `ram.transferred`,
 * `remaining`, `total`, `normal-bytes` in bytes; `duplicate` (zero pages) and `normal` in pages
 * of `page-size` bytes (field since QEMU 2.10; 4096 assumed when absent); `mbps` in megabits
 * (10^6 bits) per second; `dirty-pages-rate` in pages per second, absent (null) in a completed
 * sample, where QEMU leaves it 0 without measuring; `dirty-sync-count` counts the
 * dirty-bitmap syncs, one per pre-copy iteration (used here as the iteration count).
 *
 * Example: `parseQemuMigrate('{"return":{"status":"completed","total-time":1000,"ram":{"mbps":800}}}')`
 * gives `totalTimeSec` 1 and `throughputBytesPerSec` 1e8.
 */

export interface QemuMigrationSample {
  readonly status: string | null;
  readonly totalTimeSec: number | null;
  readonly downtimeSec: number | null;
  readonly expectedDowntimeSec: number | null;
  readonly setupTimeSec: number | null;
  readonly transferredBytes: number | null;
  readonly remainingBytes: number | null;
  readonly totalBytes: number | null;
  readonly duplicatePages: number | null;
  readonly normalPages: number | null;
  readonly normalBytes: number | null;
  readonly pageSizeBytes: number;
  readonly dirtySyncCount: number | null;
  readonly throughputMbps: number | null;
  readonly throughputBytesPerSec: number | null;
  readonly dirtyPagesRate: number | null;
  readonly dirtyRateBytesPerSec: number | null;
}

export interface QemuMigrationStats extends QemuMigrationSample {
  /** Every migration sample in input order; the flat fields are the last one's. */
  readonly samples: readonly QemuMigrationSample[];
  /** Highest `dirty-pages-rate` x page size seen in the series (QEMU reports 0 once completed). */
  readonly peakDirtyRateBytesPerSec: number | null;
  /** Mean of the non-zero dirty rates in the series, or null if there is none. */
  readonly meanDirtyRateBytesPerSec: number | null;
}

/** Page size QEMU reports on x86 (`page-size`, since 2.10); assumed for older output. */
export const QEMU_DEFAULT_PAGE_BYTES = 4096;

const FIELD = "query-migrate";

/** Splits text into top-level JSON values by bracket depth (outside strings). */
function splitJsonValues(text: string, label: string): string[] {
  const values: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === "\\") escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === "{" || c === "[") {
      if (depth === 0) start = i;
      depth++;
    } else if (c === "}" || c === "]") {
      depth--;
      if (depth === 0 && start >= 0) {
        values.push(text.slice(start, i + 1));
        start = -1;
      }
      if (depth < 0) throw new InputError("bad-file", label, `unbalanced "${c}" at character ${i}`);
    } else if (depth === 0 && !/\s/.test(c ?? "")) {
      throw new InputError(
        "bad-file",
        label,
        `expected QMP JSON, found ${JSON.stringify(c)} at character ${i}`,
      );
    }
  }
  if (depth !== 0) throw new InputError("bad-file", label, "truncated JSON (unclosed object or array)");
  return values;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/**
 * A counter of the output: absent (null) or a finite number >= 0. Every query-migrate number is
 * a time, a byte or page count or a rate, so a negative one is a corrupt or hand-edited file and
 * is refused naming its place (`mig.json sample 2 ram.mbps`), not carried into `-1 Mbit/s`.
 */
function num(obj: Record<string, unknown> | undefined, key: string, prefix: string): number | null {
  const v = obj?.[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0)
    throw badValue(`${prefix}${key}`, "a number >= 0", v);
  return v;
}

function isMigrationInfo(x: Record<string, unknown>): boolean {
  return "status" in x || "ram" in x || "total-time" in x;
}

function toSample(info: Record<string, unknown>, where: string): QemuMigrationSample {
  const ram = isRecord(info.ram) ? info.ram : undefined;
  const at = `${where} ram.`;
  const ms = (key: string): number | null => {
    const v = num(info, key, `${where} `);
    return v === null ? null : v / 1000;
  };
  const pageSizeBytes = num(ram, "page-size", at) ?? QEMU_DEFAULT_PAGE_BYTES;
  // A page is a power of two from 1 KiB (some Arm configurations) to 1 GiB (huge pages).
  if (!Number.isInteger(Math.log2(pageSizeBytes)) || pageSizeBytes < 1024 || pageSizeBytes > 2 ** 30)
    throw badValue(`${at}page-size`, "a power of two from 1024 to 1073741824 bytes", pageSizeBytes);
  const mbps = num(ram, "mbps", at);
  const status = typeof info.status === "string" ? info.status : null;
  // QEMU fills dirty-pages-rate only while a migration is not completed (migration/migration.c,
  // populate_ram_info: `if (s->state != MIGRATION_STATUS_COMPLETED)`); a completed sample's 0 is
  // the field left unset, not a measured rate, so it is read as absent.
  const loggedDirtyPagesRate = num(ram, "dirty-pages-rate", at);
  const dirtyPagesRate = status === "completed" ? null : loggedDirtyPagesRate;
  return {
    status,
    totalTimeSec: ms("total-time"),
    downtimeSec: ms("downtime"),
    expectedDowntimeSec: ms("expected-downtime"),
    setupTimeSec: ms("setup-time"),
    transferredBytes: num(ram, "transferred", at),
    remainingBytes: num(ram, "remaining", at),
    totalBytes: num(ram, "total", at),
    duplicatePages: num(ram, "duplicate", at),
    normalPages: num(ram, "normal", at),
    normalBytes: num(ram, "normal-bytes", at),
    pageSizeBytes,
    dirtySyncCount: num(ram, "dirty-sync-count", at),
    throughputMbps: mbps,
    throughputBytesPerSec: mbps === null ? null : (mbps * 1e6) / 8,
    dirtyPagesRate,
    dirtyRateBytesPerSec: dirtyPagesRate === null ? null : dirtyPagesRate * pageSizeBytes,
  };
}

/** Collects MigrationInfo objects from one parsed JSON value (object, wrapper or array). */
function collect(value: unknown, out: Record<string, unknown>[]): void {
  if (Array.isArray(value)) {
    for (const v of value) collect(v, out);
    return;
  }
  if (!isRecord(value)) return;
  if ("return" in value) {
    collect(value.return, out);
    return;
  }
  if (isMigrationInfo(value)) out.push(value);
}

/**
 * Parse query-migrate output. `label` (the file name) is the field of an error about the whole
 * text (`mig.json: expected QMP JSON ...`) and starts that of a bad value: `mig.json ram.mbps`,
 * or `mig.json sample 3 ram.mbps` in a series.
 */
export function parseQemuMigrate(text: string, label = FIELD): QemuMigrationStats {
  const infos: Record<string, unknown>[] = [];
  for (const chunk of splitJsonValues(text, label)) {
    let value: unknown;
    try {
      value = JSON.parse(chunk);
    } catch (e) {
      throw new InputError("bad-file", label, `invalid JSON: ${(e as Error).message}`);
    }
    collect(value, infos);
  }
  const samples = infos.map((info, i) =>
    toSample(info, infos.length === 1 ? label : `${label} sample ${i + 1}`),
  );
  const last = samples.at(-1);
  if (last === undefined) {
    throw new InputError("missing-value", label, "no query-migrate result (an object with status/ram) found");
  }
  const rates = samples.map((s) => s.dirtyRateBytesPerSec).filter((r): r is number => r !== null && r > 0);
  return {
    ...last,
    samples,
    peakDirtyRateBytesPerSec: rates.length === 0 ? null : max(rates),
    meanDirtyRateBytesPerSec: rates.length === 0 ? null : rates.reduce((a, b) => a + b, 0) / rates.length,
  };
}
