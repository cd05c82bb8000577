/**
 * Timestamps at the start of ESXi log lines, in the shapes published log excerpts show
 * (Broadcom KBs 436882, 441977, 432796, 435078, 1010045; sexilog.fr and virtuallypeculiar.com copies):
 * - ISO 8601 UTC, ESXi 5.x-8.x: `2015-02-20T11:05:06.449Z`, optionally after a syslog PRI
 *   (`<181>`) or inside brackets (`[2015-02-20T11:05:06]`), with `Z`, an offset or no zone
 *   (read as UTC);
 * - ESX 4.x uptime: `114:03:25:51.489` (days:hours:minutes:seconds since boot).
 *
 * `sec` is seconds on the line's clock: Unix epoch for ISO stamps, since boot for uptime stamps.
 * Only differences between stamps of the same `clock` are meaningful.
 *
 * Example: `parseLogTime("2015-02-20T11:05:06.449Z")` returns
 * `{ text: "2015-02-20T11:05:06.449Z", sec: 1424430306.449, clock: "utc" }`.
 */
export interface LogTime {
  readonly text: string;
  readonly sec: number;
  readonly clock: "utc" | "uptime";
}

const ISO =
  /(?:^|[\s[<>])(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?/;
const UPTIME = /(?:^|\s)(\d{1,5}):(\d{2}):(\d{2}):(\d{2})\.(\d{1,6})\s+cpu\d+:/;

/** Finds the first timestamp within the first 80 characters of a line, or null. */
export function parseLogTime(line: string): LogTime | null {
  const head = line.slice(0, 80);
  const iso = ISO.exec(head);
  if (iso) {
    const [, y, mo, d, h, mi, s, frac, zone] = iso;
    const fraction = frac ? Number(`0.${frac}`) : 0;
    let sec = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) / 1000;
    if (zone && zone !== "Z") {
      const sign = zone.startsWith("-") ? -1 : 1;
      const digits = zone.slice(1).replace(":", "");
      sec -= sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2, 4)) * 60);
    }
    if (Number.isFinite(sec)) {
      return { text: iso[0].replace(/^[\s[<>]/, ""), sec: sec + fraction, clock: "utc" };
    }
  }
  const up = UPTIME.exec(head);
  if (up) {
    const [, d, h, mi, s, frac] = up;
    const sec = Number(d) * 86400 + Number(h) * 3600 + Number(mi) * 60 + Number(s) + Number(`0.${frac}`);
    return { text: `${d}:${h}:${mi}:${s}.${frac}`, sec, clock: "uptime" };
  }
  return null;
}
