/**
 * The grammar of unit names, one place for every quantity the CLI and the files accept.
 *
 * Information units follow the networking and IEC conventions: `b` is a bit and `B` a byte,
 * whatever the case of the prefix (`Gb/s`, `Gbps`, `Gbit/s` are gigabits per second; `GB/s`,
 * `GBps` gigabytes per second). Prefixes `k M G T P` are decimal (10^3 steps, any case, since
 * no migration is measured in millibits); `Ki Mi Gi Ti Pi` are binary (2^10 steps). Sources:
 * IEC 80000-13 (binary prefixes, the bit `bit` and byte `B`), IEEE 1541-2002 (`b` for bit,
 * `B` for byte).
 *
 * Example: `informationUnit("Gb/s")` returns `{ bytes: 1.25e8, bits: true, perSecond: true }`.
 */

export interface InformationUnit {
  /** Bytes in one of this unit (per second when `perSecond`). */
  readonly bytes: number;
  /** Whether the unit counts bits (so a size given in it is almost surely a mistake). */
  readonly bits: boolean;
  /** Whether the unit is a rate (`/s`, `/sec` or `ps`). */
  readonly perSecond: boolean;
}

/** Bytes in one guest page: x86 4 KiB pages (the unit of vMotion's "pages left" log lines). */
export const PAGE_BYTES = 4096;

const PREFIX: Readonly<Record<string, number>> = { "": 1, k: 1e3, m: 1e6, g: 1e9, t: 1e12, p: 1e15 };
const BINARY_PREFIX: Readonly<Record<string, number>> = {
  k: 2 ** 10,
  m: 2 ** 20,
  g: 2 ** 30,
  t: 2 ** 40,
  p: 2 ** 50,
};

// Prefix letter (any case), optional "i" for binary, then the base: "B" (byte) or "b" (bit) as a
// single case-sensitive letter, or the spelled words in any case; then an optional "per second".
const INFORMATION = /^(?:([kmgtp])(i)?)?(?:(B|b)(ps)?|(bits?|bytes?)|(pages?))(\/s|\/sec)?$/i;

/** The information unit a name spells, or undefined if it spells none. */
export function informationUnit(name: string): InformationUnit | undefined {
  const m = INFORMATION.exec(name);
  if (m === null) return undefined;
  const [, prefix = "", binary, letter, ps, word, page, per] = m;
  if (page !== undefined) {
    // "pages" takes no prefix; "pages/s" is a rate.
    if (prefix !== "" || ps !== undefined) return undefined;
    return { bytes: PAGE_BYTES, bits: false, perSecond: per !== undefined };
  }
  if (ps !== undefined && per !== undefined) return undefined; // "Mbps/s"
  // The letter's case carries the meaning, so the case-insensitive match is re-checked here.
  const bits = letter !== undefined ? letter === "b" : word!.toLowerCase().startsWith("bit");
  if (letter !== undefined && letter !== "b" && letter !== "B") return undefined;
  if (binary !== undefined && prefix === "") return undefined;
  const p = prefix.toLowerCase();
  const scale = binary !== undefined ? BINARY_PREFIX[p] : PREFIX[p];
  if (scale === undefined) return undefined;
  return { bytes: bits ? scale / 8 : scale, bits, perSecond: ps !== undefined || per !== undefined };
}

/** Seconds in one of each duration unit (lower case; `µs` and `μs` both micro). */
export const DURATION_UNITS: Readonly<Record<string, number>> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  μs: 1e-6,
  ms: 1e-3,
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
  min: 60,
  mins: 60,
  minute: 60,
  minutes: 60,
  h: 3600,
  hr: 3600,
  hour: 3600,
  hours: 3600,
};
