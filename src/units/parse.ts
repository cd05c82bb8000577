import { badValue } from "../errors.js";

/**
 * Human units, parsed only at the edges into one canonical unit per dimension:
 * bytes, bytes per second, seconds.
 *
 * - Sizes: `B`, `KB/MB/GB/TB` (10^3 steps), `KiB/MiB/GiB/TiB` (2^10 steps), `pages` (4 KiB).
 * - Rates: `B/s`, `KB/s`, `MB/s`, `GB/s`, `KiB/s`, `MiB/s`, `GiB/s`; bits `bit/s`, `Kbit/s`,
 *   `Mbit/s`, `Gbit/s`, `Tbit/s`, `bps`, `Kbps`, `Mbps`, `Gbps`; `pages/s`.
 * - Durations: `us`, `ms`, `s`, `min`, `h`.
 *
 * A number without a unit, an unknown unit, a negative, NaN, Infinity or a value that overflows
 * the safe range is an error naming the field and quoting the value. A number (not a string) is
 * accepted as already canonical, for JSON/YAML files that give `memoryBytes: 1073741824`.
 *
 * Example: `parseSize("64GiB", "--memory")` returns `68719476736`.
 */

/** Bytes in one guest page: x86 4 KiB pages (the unit of vMotion's "pages left" log lines). */
export const PAGE_BYTES = 4096;

const SIZE_UNITS: Record<string, number> = {
  b: 1,
  byte: 1,
  bytes: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
  page: PAGE_BYTES,
  pages: PAGE_BYTES,
};

const RATE_UNITS: Record<string, number> = {
  "b/s": 1,
  "kb/s": 1e3,
  "mb/s": 1e6,
  "gb/s": 1e9,
  "kib/s": 2 ** 10,
  "mib/s": 2 ** 20,
  "gib/s": 2 ** 30,
  "bit/s": 1 / 8,
  "kbit/s": 1e3 / 8,
  "mbit/s": 1e6 / 8,
  "gbit/s": 1e9 / 8,
  "tbit/s": 1e12 / 8,
  bps: 1 / 8,
  kbps: 1e3 / 8,
  mbps: 1e6 / 8,
  gbps: 1e9 / 8,
  "page/s": PAGE_BYTES,
  "pages/s": PAGE_BYTES,
};

const DURATION_UNITS: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  ms: 1e-3,
  s: 1,
  sec: 1,
  min: 60,
  h: 3600,
};

/** The largest canonical value we accept: beyond 2^53 integers stop being exact. */
const MAX_CANONICAL = Number.MAX_SAFE_INTEGER;

const QUANTITY = /^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*([^\s\d].*?)?\s*$/;

function parseQuantity(
  input: unknown,
  field: string,
  units: Record<string, number>,
  expected: string,
  opts: { allowZero: boolean; max?: number },
): number {
  let value: number;
  if (typeof input === "number") {
    value = input;
  } else if (typeof input === "string") {
    const m = QUANTITY.exec(input);
    const unit = m?.[2];
    if (!m || unit === undefined) throw badValue(field, expected, input);
    const factor = units[unit.toLowerCase()] ?? units[unit];
    // Case matters for the one pair that differs only by case: "Mb/s"-style bits are not accepted,
    // so "mb/s" and "MB/s" both mean megabytes; bits must be spelled "Mbit/s" or "Mbps".
    if (factor === undefined) throw badValue(field, expected, input);
    value = Number(m[1]) * factor;
  } else {
    throw badValue(field, expected, input);
  }
  if (!Number.isFinite(value) || value < 0) throw badValue(field, expected, input);
  if (!opts.allowZero && value === 0) {
    throw badValue(field, opts.allowZero ? expected : `${expected}, above zero`, input);
  }
  if (value > (opts.max ?? MAX_CANONICAL)) throw badValue(field, `${expected} within range`, input);
  return value;
}

/** Parse a size (`64GiB`, `8 GB`, `1000 pages`) into bytes. */
export function parseSize(input: unknown, field: string, opts: { allowZero?: boolean } = {}): number {
  return parseQuantity(input, field, SIZE_UNITS, "a size like 64GiB", { allowZero: opts.allowZero ?? false });
}

/** Parse a rate (`10Gbit/s`, `400MiB/s`, `25000 pages/s`) into bytes per second. */
export function parseRate(input: unknown, field: string, opts: { allowZero?: boolean } = {}): number {
  return parseQuantity(input, field, RATE_UNITS, "a rate like 10Gbit/s or 400MiB/s", {
    allowZero: opts.allowZero ?? true,
  });
}

/** Parse a duration (`500ms`, `0.3ms`, `2min`) into seconds. */
export function parseDuration(input: unknown, field: string, opts: { allowZero?: boolean } = {}): number {
  return parseQuantity(input, field, DURATION_UNITS, "a duration like 500ms", {
    allowZero: opts.allowZero ?? true,
    max: 1e9,
  });
}

/** Parse a plain fraction in [min, max] (`0.2`, or `20%`). */
export function parseFraction(
  input: unknown,
  field: string,
  range: { min?: number; max?: number; maxExclusive?: boolean } = {},
): number {
  const min = range.min ?? 0;
  const max = range.max ?? 1;
  const accepted = `a number from ${min} to ${max}${range.maxExclusive ? " (exclusive)" : ""}, like 0.2 or 20%`;
  let value: number;
  if (typeof input === "number") value = input;
  else if (typeof input === "string" && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*%?\s*$/.test(input)) {
    const t = input.trim();
    value = t.endsWith("%") ? Number(t.slice(0, -1)) / 100 : Number(t);
  } else throw badValue(field, accepted, input);
  if (!Number.isFinite(value) || value < min || value > max || (range.maxExclusive && value === max)) {
    throw badValue(field, accepted, input);
  }
  return value;
}

/** Parse a whole number in [min, max] (`--streams 4`). */
export function parseCount(
  input: unknown,
  field: string,
  range: { min?: number; max?: number } = {},
): number {
  const min = range.min ?? 0;
  const max = range.max ?? 1e9;
  const accepted = `a whole number from ${min} to ${max}`;
  let value: number;
  if (typeof input === "number") value = input;
  else if (typeof input === "string" && /^\s*\d+\s*$/.test(input)) value = Number(input);
  else throw badValue(field, accepted, input);
  if (!Number.isInteger(value) || value < min || value > max) throw badValue(field, accepted, input);
  return value;
}

/** Parse a plain positive real number (`--distance 80`). */
export function parseNumber(
  input: unknown,
  field: string,
  range: { min?: number; max?: number; what?: string } = {},
): number {
  const min = range.min ?? 0;
  const max = range.max ?? 1e12;
  const accepted = range.what ?? `a number from ${min} to ${max}`;
  let value: number;
  if (typeof input === "number") value = input;
  else if (typeof input === "string" && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(input))
    value = Number(input);
  else throw badValue(field, accepted, input);
  if (!Number.isFinite(value) || value < min || value > max) throw badValue(field, accepted, input);
  return value;
}

/** Parse one of a fixed set of words (`--policy vmotion`). */
export function parseChoice<T extends string>(input: unknown, field: string, choices: readonly T[]): T {
  if (typeof input === "string" && (choices as readonly string[]).includes(input)) return input as T;
  throw badValue(field, `one of ${choices.join(", ")}`, input);
}
