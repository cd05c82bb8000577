/**
 * Formatting canonical values (bytes, bytes/s, seconds) for people: every human output (CLI
 * tables, verdicts, errors, report prose, chart labels) goes through these, so a value prints
 * with the same precision wherever it appears.
 *
 * The one rule: three significant digits, never rounding the integer part (`64 GiB`, `21.5 GiB`,
 * `1.16 GiB`, `279 MiB`, `1023 MiB`), trailing zeros dropped (`10 Gbit/s`, not `10.0 Gbit/s`),
 * zero printed as `0` in the value's base unit (`0 B`, never `0.0 MiB`). Binary prefixes for
 * sizes (what hypervisors show for memory), decimal bits for link rates (the network convention).
 *
 * Example: `formatBytes(68719476736)` returns `"64 GiB"`; `formatRate(1.25e9)` returns
 * `"10 Gbit/s"`; `formatDuration(2.0771)` returns `"2.08 s"`.
 */

/** Significant digits of every formatted quantity. */
export const SIGNIFICANT_DIGITS = 3;

/**
 * `value` to {@link SIGNIFICANT_DIGITS} significant digits, the integer part kept whole, with no
 * trailing zeros and no exponent. Example: `formatNumber(0.0012345)` returns `"0.00123"`;
 * `formatNumber(65536)` returns `"65536"`.
 */
export function formatNumber(value: number, sig = SIGNIFICANT_DIGITS): string {
  if (value === 0) return "0";
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const magnitude = Math.floor(Math.log10(abs));
  const decimals = Math.min(20, Math.max(0, sig - 1 - magnitude));
  const text = value.toFixed(decimals);
  const trimmed = decimals > 0 ? text.replace(/\.?0+$/, "") : text;
  return trimmed === "-0" ? "0" : trimmed;
}

/** A whole count with thousands separators: `formatCount(1000000)` returns `"1,000,000"`. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const [whole, frac] = String(Math.abs(n)).split(".");
  const grouped = (whole ?? "").replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${n < 0 ? "-" : ""}${grouped}${frac ? `.${frac}` : ""}`;
}

/**
 * A count and its noun, the noun in the plural unless the count is exactly 1:
 * `plural(1, "iteration")` returns `"1 iteration"`, `plural(1000, "scenario")` returns
 * `"1,000 scenarios"`, `plural(2, "VM", "VMs")`... and irregular plurals as the third argument.
 */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : pluralForm}`;
}

/** The noun alone, by count: `noun(1, "sample")` returns `"sample"`. */
export function noun(n: number, singular: string, pluralForm = `${singular}s`): string {
  return n === 1 ? singular : pluralForm;
}

/** A unit of one dimension: its label and its size in canonical units. */
export interface DisplayUnit {
  readonly label: string;
  readonly scale: number;
}

const BYTE_UNITS: readonly DisplayUnit[] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"].map((label, i) => ({
  label,
  scale: 1024 ** i,
}));
const BIT_RATE_UNITS: readonly DisplayUnit[] = ["bit/s", "Kbit/s", "Mbit/s", "Gbit/s", "Tbit/s"].map(
  (label, i) => ({ label, scale: 1000 ** i / 8 }),
);
const BYTE_RATE_UNITS: readonly DisplayUnit[] = BYTE_UNITS.map((u) => ({
  label: `${u.label}/s`,
  scale: u.scale,
}));
const DURATION_UNITS: readonly DisplayUnit[] = [
  { label: "us", scale: 1e-6 },
  { label: "ms", scale: 1e-3 },
  { label: "s", scale: 1 },
  { label: "min", scale: 60 },
  { label: "h", scale: 3600 },
];

/** The largest unit of a ladder in which `value` is at least 1 (`step`: the ladder's ratio). */
function pick(units: readonly DisplayUnit[], value: number, step: number): DisplayUnit {
  const abs = Math.abs(value);
  let best = units[0] as DisplayUnit;
  for (const u of units) if (abs >= u.scale * (1 - 1e-12) || u === units[0]) best = u;
  // A value that rounds up to the next unit at three digits (1023.9 MiB) is shown in it.
  const next = units[units.indexOf(best) + 1];
  if (next !== undefined && Number(formatNumber(abs / best.scale)) >= step) best = next;
  return best;
}

function durationUnit(sec: number): DisplayUnit {
  const abs = Math.abs(sec);
  // Seconds up to two minutes, minutes up to two hours: "82.8 s" and "3.5 min" read better than
  // "1.38 min" and "210 s".
  const label = abs < 1e-3 ? "us" : abs < 1 ? "ms" : abs < 120 ? "s" : abs < 7200 ? "min" : "h";
  return DURATION_UNITS.find((u) => u.label === label) as DisplayUnit;
}

/** The unit a list of values shares in a table column: the one its largest value takes. */
export function sharedUnit(
  kind: "bytes" | "rate" | "byteRate" | "duration",
  values: readonly number[],
): DisplayUnit {
  let max = 0;
  for (const v of values) if (Number.isFinite(v) && Math.abs(v) > max) max = Math.abs(v);
  switch (kind) {
    case "bytes":
      return pick(BYTE_UNITS, max, 1024);
    case "rate":
      return pick(BIT_RATE_UNITS, max, 1000);
    case "byteRate":
      return pick(BYTE_RATE_UNITS, max, 1024);
    case "duration":
      return durationUnit(max);
  }
}

function inUnit(value: number, unit: DisplayUnit): string {
  const v = value / unit.scale;
  // Only the top unit of a ladder (h, PiB, Tbit/s) reaches five digits; group them to be read.
  const text = Math.abs(v) >= 1e4 ? formatCount(Math.round(v)) : formatNumber(v);
  return `${text} ${unit.label}`;
}

/** Bytes with binary prefixes: `"64 GiB"`, `"279 MiB"`, `"0 B"`; `unit` fixes the prefix. */
export function formatBytes(bytes: number, unit: DisplayUnit = pick(BYTE_UNITS, bytes, 1024)): string {
  // Below a KiB the count is of whole bytes: a model's 2.75e-8 B left reads "0 B", not a fraction.
  return unit.scale === 1 ? `${formatNumber(Math.round(bytes))} B` : inUnit(bytes, unit);
}

/** A rate in bits per second with decimal prefixes (network convention): `"10 Gbit/s"`. */
export function formatRate(
  bytesPerSec: number,
  unit: DisplayUnit = pick(BIT_RATE_UNITS, bytesPerSec, 1000),
): string {
  return inUnit(bytesPerSec, unit);
}

/** A rate in binary bytes per second (how guests' dirty rates are usually given): `"400 MiB/s"`. */
export function formatByteRate(
  bytesPerSec: number,
  unit: DisplayUnit = pick(BYTE_RATE_UNITS, bytesPerSec, 1024),
): string {
  return inUnit(bytesPerSec, unit);
}

/** A duration: `"294 ms"`, `"82.8 s"`, `"3.5 min"`, `"0 s"`. */
export function formatDuration(sec: number, unit: DisplayUnit = durationUnit(sec)): string {
  if (sec === 0) return "0 s";
  return inUnit(sec, unit);
}

/**
 * A fraction as a percentage with a space before `%`: three significant digits below 10 %
 * (`"4.93 %"`), whole above (`"52 %"`, `"100 %"`) unless it would round to 100 % or 0 % without
 * being it (`"99.9 %"`, `"0.01 %"`).
 */
export function formatPercent(fraction: number): string {
  const p = fraction * 100;
  if (p === 0 || p === 100) return `${p} %`;
  const abs = Math.abs(p);
  let text = abs >= 10 ? p.toFixed(0) : formatNumber(p, 2);
  if (text === "100" || text === "-100")
    text = formatNumber(p, abs > 99.99 ? 5 : 3).replace(/^(-?)100$/, "$199.9");
  if (text === "0") text = formatNumber(p, 1);
  return `${text} %`;
}
