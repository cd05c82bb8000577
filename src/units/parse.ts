import { badValue } from "../errors.js";
import { formatBytes, formatDuration } from "./format.js";
import { DURATION_UNITS, informationUnit, PAGE_BYTES } from "./unit-names.js";

export { PAGE_BYTES };

/**
 * Human units, parsed only at the edges into one canonical unit per dimension:
 * bytes, bytes per second, seconds. The unit names are in `unit-names.ts`: `b` is a bit and `B`
 * a byte everywhere (`10Gb/s` = `10Gbps` = `10Gbit/s` = 1.25e9 bytes/s; `10GB/s` = 1e10).
 *
 * - Sizes: `B`, `KB MB GB TB PB` (10^3 steps), `KiB MiB GiB TiB PiB` (2^10 steps), `pages` (4 KiB).
 *   A size in bits (`64Gb`) is an error: no memory or buffer is sized in bits, so it is a typo.
 * - Rates: any size unit per second (`/s`, `/sec` or `ps`: `MB/s`, `MBps`), bits per second
 *   (`bit/s Kbit/s ... Tbit/s`, `Kb/s ... Tb/s`, `bps Kbps ... Tbps`), `pages/s`.
 * - Durations: `ns`, `us` (`µs`), `ms`, `s`, `min`, `h`.
 *
 * A bare `0` needs no unit (zero is zero in every unit); any other number without a unit, an
 * unknown unit, a negative, NaN, Infinity or a value that overflows the safe range is an error
 * naming the field and quoting the value. A number (not a string) is accepted as already
 * canonical, for JSON/YAML files that give `memoryBytes: 1073741824`.
 *
 * Example: `parseSize("64GiB", "--memory")` returns `68719476736`; `parseRate("10Gb/s", "--link")`
 * returns `1250000000`.
 */

/** The largest canonical value we accept: beyond 2^53 integers stop being exact. */
const MAX_CANONICAL = Number.MAX_SAFE_INTEGER;

const QUANTITY = /^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*([^\s\d].*?)?\s*$/;

type Dimension = "size" | "rate" | "duration";

/** The factor to canonical units of `unit` in `dimension`, or a reason it is not one. */
function unitFactor(unit: string, dimension: Dimension): number | "bits" | undefined {
  if (dimension === "duration") return DURATION_UNITS[unit] ?? DURATION_UNITS[unit.toLowerCase()];
  const info = informationUnit(unit);
  if (info === undefined || info.perSecond !== (dimension === "rate")) return undefined;
  if (dimension === "size" && info.bits) return "bits";
  return info.bytes;
}

function parseQuantity(
  input: unknown,
  field: string,
  dimension: Dimension,
  expected: string,
  opts: { allowZero: boolean; max?: number },
): number {
  let value: number;
  if (typeof input === "number") {
    value = input;
  } else if (typeof input === "string") {
    const m = QUANTITY.exec(input);
    if (!m) throw badValue(field, expected, input);
    const number = Number(m[1]);
    const unit = m[2];
    if (unit === undefined) {
      if (number !== 0) throw badValue(field, expected, input);
      value = 0;
    } else {
      const factor = unitFactor(unit, dimension);
      if (factor === "bits") throw badValue(field, `${expected}, in bytes: B is a byte, b a bit`, input);
      if (factor === undefined) throw badValue(field, expected, input);
      value = number * factor;
    }
  } else {
    throw badValue(field, expected, input);
  }
  if (!Number.isFinite(value) || value < 0) throw badValue(field, expected, input);
  if (!opts.allowZero && value === 0) throw badValue(field, `${expected}, above zero`, input);
  const max = opts.max ?? MAX_CANONICAL;
  if (value > max) throw badValue(field, `${expected}, at most ${maxWords(dimension, max)}`, input);
  return value;
}

/** The largest value in words: "8 PiB" (2^53 bytes), "8 PiB/s", "277,778 h" (1e9 s). */
function maxWords(dimension: Dimension, max: number): string {
  if (dimension === "duration") return formatDuration(max);
  return dimension === "rate" ? `${formatBytes(max)}/s` : formatBytes(max);
}

/** Parse a size (`64GiB`, `8 GB`, `1000 pages`) into bytes. */
/**
 * Options of the quantity parsers: `max` replaces the canonical limit (2^53 bytes, 1e9 s), for a
 * caller that checks a field's own, smaller limit next and words it (`Infinity`: only finite).
 */
export interface QuantityOptions {
  readonly allowZero?: boolean;
  readonly max?: number;
}

export function parseSize(input: unknown, field: string, opts: QuantityOptions = {}): number {
  return parseQuantity(input, field, "size", "a size like 64GiB", {
    allowZero: opts.allowZero ?? false,
    ...(opts.max !== undefined ? { max: opts.max } : {}),
  });
}

/** Parse a rate (`10Gbit/s`, `10Gb/s`, `400MiB/s`, `25000 pages/s`) into bytes per second. */
export function parseRate(input: unknown, field: string, opts: QuantityOptions = {}): number {
  return parseQuantity(input, field, "rate", "a rate like 10Gbit/s or 400MiB/s", {
    allowZero: opts.allowZero ?? true,
    ...(opts.max !== undefined ? { max: opts.max } : {}),
  });
}

/** Parse a duration (`500ms`, `0.3ms`, `2min`) into seconds. */
export function parseDuration(input: unknown, field: string, opts: QuantityOptions = {}): number {
  return parseQuantity(input, field, "duration", "a duration like 500ms", {
    allowZero: opts.allowZero ?? true,
    max: opts.max ?? 1e9,
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
