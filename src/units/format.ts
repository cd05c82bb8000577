/**
 * Formatting canonical values (bytes, bytes/s, seconds) for people: reports, tables, summaries.
 * Binary prefixes for sizes (what hypervisors show for memory), decimal bits for link rates.
 *
 * Example: `formatBytes(68719476736)` returns `"64 GiB"`; `formatRate(1.25e9)` returns `"10 Gbit/s"`.
 */

function trim(value: number, digits: number): string {
  if (value === 0) return "0";
  const abs = Math.abs(value);
  const decimals = abs >= 100 ? 0 : abs >= 10 ? Math.min(1, digits) : digits;
  return value.toFixed(decimals).replace(/\.0+$|(\.\d*?)0+$/, "$1");
}

export function formatBytes(bytes: number, digits = 2): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${trim(v, digits)} ${units[i]}`;
}

/** A rate in bits per second with decimal prefixes (network convention). */
export function formatRate(bytesPerSec: number, digits = 2): string {
  const units = ["bit/s", "Kbit/s", "Mbit/s", "Gbit/s", "Tbit/s"];
  let v = bytesPerSec * 8;
  let i = 0;
  while (Math.abs(v) >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${trim(v, digits)} ${units[i]}`;
}

/** A rate in binary bytes per second (how guests' dirty rates are usually given). */
export function formatByteRate(bytesPerSec: number, digits = 2): string {
  return `${formatBytes(bytesPerSec, digits)}/s`;
}

export function formatDuration(sec: number, digits = 2): string {
  const abs = Math.abs(sec);
  if (abs === 0) return "0 s";
  if (abs < 1e-3) return `${trim(sec * 1e6, digits)} us`;
  if (abs < 1) return `${trim(sec * 1e3, digits)} ms`;
  if (abs < 120) return `${trim(sec, digits + 1)} s`;
  if (abs < 7200) return `${trim(sec / 60, digits)} min`;
  return `${trim(sec / 3600, digits)} h`;
}

export function formatPercent(fraction: number, digits = 1): string {
  return `${trim(fraction * 100, digits)} %`;
}
