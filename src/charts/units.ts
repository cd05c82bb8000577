/**
 * Display units for charts. Chart data are converted from canonical units (bytes, seconds,
 * bytes/s) here and nowhere else, and each axis title names the unit it shows.
 */

/** Bytes in one MiB (2^20). */
export const BYTES_PER_MIB = 1024 * 1024;

/** Bytes per second to MiB/s (binary, how guests' dirty rates are usually given). */
export function toMiBPerSec(bytesPerSec: number): number {
  return bytesPerSec / BYTES_PER_MIB;
}

/** Bytes per second to Gbit/s (decimal bits, the network convention): 1.25e9 B/s is 10 Gbit/s. */
export function toGbitPerSec(bytesPerSec: number): number {
  return (bytesPerSec * 8) / 1e9;
}

/** A time unit for an axis: its divisor from seconds and its label. */
export interface TimeUnit {
  readonly divisor: number;
  readonly label: "ms" | "s" | "min" | "h";
}

/**
 * Pick a readable time unit for values up to `maxSec`: ms below 1 s, s up to 10 min, min up to
 * 10 h, h above. Example: `timeUnitFor(900)` returns `{ divisor: 60, label: "min" }`.
 */
export function timeUnitFor(maxSec: number): TimeUnit {
  if (maxSec < 1) return { divisor: 1e-3, label: "ms" };
  if (maxSec <= 600) return { divisor: 1, label: "s" };
  if (maxSec <= 36_000) return { divisor: 60, label: "min" };
  return { divisor: 3600, label: "h" };
}

/**
 * Round to `digits` significant digits so inlined chart data stay short and golden specs stable.
 * Example: `roundSig(1234.5678, 4)` returns `1235`.
 */
export function roundSig(value: number, digits = 6): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  return Number(value.toPrecision(digits));
}

/** The largest finite value of a list, or `fallback` when there is none. */
export function finiteMax(values: readonly number[], fallback: number): number {
  let max = -Infinity;
  for (const v of values) if (Number.isFinite(v) && v > max) max = v;
  return max === -Infinity ? fallback : max;
}
