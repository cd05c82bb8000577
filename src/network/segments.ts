import { badValue } from "../errors.js";
import { parseCount, parseDuration, parseFraction, parseNumber, parseRate } from "../units/parse.js";
import { MAX_MTU_BYTES, MIN_MTU_BYTES } from "./defaults.js";
import type { PathSegment } from "./types.js";

/** Most segments one path may have. [assumption: more is a typo or a generated list gone wrong] */
export const MAX_SEGMENTS = 64;
/** Longest fibre of one segment, km. [assumption] */
const MAX_SEGMENT_KM = 40_000;
/** Largest extra one-way delay of one segment. [assumption] */
const MAX_SEGMENT_DELAY_SEC = 1;

/**
 * One parsed segment: a {@link PathSegment} whose MTU may be left to the path (`mtuBytes` absent:
 * the uniform network MTU, `--path-mtu` or `--mtu`, filled in by `planOf` in src/input/path.ts).
 */
export type SegmentInput = Omit<PathSegment, "mtuBytes"> & { readonly mtuBytes?: number };

/** A segment list with every MTU filled in: absent ones take `defaultMtuBytes`. */
export function withMtu(segments: readonly SegmentInput[], defaultMtuBytes: number): PathSegment[] {
  return segments.map((s) => ({ ...s, mtuBytes: s.mtuBytes ?? defaultMtuBytes }));
}

/** The keys of one segment in sweep/report files and in `--segments`. */
export const SEGMENT_KEYS = [
  "label",
  "link",
  "mtu",
  "distance",
  "delay",
  "loss",
  "flowCap",
  "clampsMss",
] as const;

const WHAT =
  "a list of segments, each with link (a rate) and optionally label, mtu (576-9216), distance (km), " +
  "delay (one way), loss (0 to 1, exclusive), flowCap (a rate) and clampsMss (true/false); " +
  'on the command line "link=10Gbit/s,mtu=9000;link=1Gbit/s,mtu=1500"';

/**
 * Parse a segment list at the boundary: an array of objects (sweep and report files) or a string
 * of `;`-separated segments with `,`-separated `key=value` pairs (`--segments`). Every segment needs
 * `link`; `mtu` is left to the path when absent (see {@link SegmentInput}), the rest default to 0 /
 * none. Throws InputError naming `field[i].key` (or `field` for the list itself) with the value
 * and what is accepted.
 *
 * Example: `parseSegments("link=10Gbit/s,mtu=9000;label=dci,link=10Gbit/s,distance=80km", "--segments")`
 * returns two segments, the second 80 km long and named "dci".
 */
export function parseSegments(raw: unknown, field: string): SegmentInput[] {
  if (typeof raw === "string" && raw.trim() === "") throw badValue(field, WHAT, raw);
  const list = typeof raw === "string" ? fromString(raw, field) : raw;
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_SEGMENTS)
    throw badValue(field, `${WHAT}; 1 to ${MAX_SEGMENTS} segments`, raw);
  return list.map((item: unknown, i) => parseSegment(item, `${field}[${i}]`));
}

function fromString(raw: string, field: string): Record<string, string>[] {
  return raw.split(";").map((part) => {
    const out: Record<string, string> = {};
    for (const pair of part.split(",")) {
      if (pair.trim() === "") continue;
      const eq = pair.indexOf("=");
      if (eq <= 0) throw badValue(field, WHAT, raw);
      out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
    }
    return out;
  });
}

/** Canonical segment keys (a parsed segment) and the file key each stands for. */
const CANONICAL_KEYS: Readonly<Record<string, string>> = {
  linkBytesPerSec: "link",
  mtuBytes: "mtu",
  distanceKm: "distance",
  delaySec: "delay",
  lossFraction: "loss",
  flowCapBytesPerSec: "flowCap",
};

function parseSegment(item: unknown, field: string): SegmentInput {
  if (typeof item !== "object" || item === null || Array.isArray(item)) throw badValue(field, WHAT, item);
  // A parsed segment (canonical keys, numbers) parses to itself: sweeps re-read canonical values.
  const s: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) s[CANONICAL_KEYS[k] ?? k] = v;
  for (const key of Object.keys(s))
    if (!(SEGMENT_KEYS as readonly string[]).includes(key))
      throw badValue(`${field}.${key}`, `one of the segment keys ${SEGMENT_KEYS.join(", ")}`, key);
  const has = (k: string): boolean => s[k] !== undefined && s[k] !== null;
  if (!has("link")) throw badValue(`${field}.link`, "a line rate above zero, like 10Gbit/s", s.link);
  const segment: SegmentInput = {
    linkBytesPerSec: parseRate(s.link, `${field}.link`, { allowZero: false }),
    ...(has("mtu") ? { mtuBytes: parseMtu(s.mtu, `${field}.mtu`) } : {}),
    distanceKm: has("distance") ? parseKm(s.distance, `${field}.distance`) : 0,
    delaySec: has("delay") ? parseDelay(s.delay, `${field}.delay`) : 0,
    lossFraction: has("loss")
      ? parseFraction(s.loss, `${field}.loss`, { min: 0, max: 1, maxExclusive: true })
      : 0,
    flowCapBytesPerSec: has("flowCap")
      ? parseRate(s.flowCap, `${field}.flowCap`, { allowZero: false })
      : null,
  };
  const label = has("label") ? parseLabel(s.label, `${field}.label`) : undefined;
  const clamps = has("clampsMss") ? parseFlag(s.clampsMss, `${field}.clampsMss`) : false;
  return {
    ...segment,
    ...(label === undefined ? {} : { label }),
    ...(clamps ? { clampsMss: true } : {}),
  };
}

function parseMtu(v: unknown, field: string): number {
  return parseCount(v, field, { min: MIN_MTU_BYTES, max: MAX_MTU_BYTES });
}

/** `80`, `80km` or `0.5 km`. */
export function parseKm(v: unknown, field: string): number {
  const what = `a distance in km from 0 to ${MAX_SEGMENT_KM}, like 80 or 80km`;
  const raw = typeof v === "string" ? v.replace(/\s*km\s*$/i, "") : v;
  try {
    return parseNumber(raw, field, { min: 0, max: MAX_SEGMENT_KM, what });
  } catch {
    throw badValue(field, what, v);
  }
}

function parseDelay(v: unknown, field: string): number {
  const d = parseDuration(v, field);
  if (d > MAX_SEGMENT_DELAY_SEC) throw badValue(field, "a one-way delay from 0 to 1s, like 2ms", v);
  return d;
}

function parseLabel(v: unknown, field: string): string {
  if (typeof v !== "string" || v.length === 0 || v.length > 40 || /[\n\r\t]/.test(v))
    throw badValue(field, "a name of 1 to 40 characters on one line", v);
  return v;
}

function parseFlag(v: unknown, field: string): boolean {
  if (v === true || v === "true") return true;
  if (v === false || v === "false") return false;
  throw badValue(field, "true or false", v);
}
