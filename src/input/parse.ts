import { InputError, badValue } from "../errors.js";
import {
  parseChoice,
  parseCount,
  parseDuration,
  parseFraction,
  parseNumber,
  parseRate,
  parseSize,
} from "../units/parse.js";
import { validateCurve } from "./curve-csv.js";
import { parseNetworkWords, parseVersion } from "./network-words.js";
import { parseSegments } from "../network/segments.js";
import {
  cliFlagName,
  fieldOf,
  isNumericField,
  type CanonicalInput,
  type CurvePoints,
  type FieldDef,
  type FieldNamer,
} from "./fields.js";

/**
 * The only place scenario strings are parsed. {@link parseInput} turns user input (flag-like keys
 * with unit strings or canonical numbers, from the CLI, a sweep or report file or an inventory)
 * into a {@link CanonicalInput}: each field by its row of the field table (dimension, aliases,
 * limits). Combinations (a working set larger than memory, QEMU keys with the vMotion policy,
 * a missing dirty rate) are checked by `buildScenario`, which reads numbers only.
 *
 * Every bad value throws an {@link InputError} naming the field as the user knows it, the value,
 * and what is accepted.
 */
export type RawInput = Readonly<Record<string, unknown>>;

function present(v: unknown): boolean {
  return v !== undefined && v !== null;
}

function parseBool(input: unknown, field: string): boolean {
  if (input === true || input === "true" || input === "yes" || input === "on") return true;
  if (input === false || input === "false" || input === "no" || input === "off") return false;
  throw badValue(field, "true or false", input);
}

/** A distance in km: `80`, `80km` or `0.5 km` (no other unit). */
function parseDistanceKm(raw: unknown, field: string, f: FieldDef, lax: boolean): number {
  const max = lax ? undefined : f.max;
  const what = `a distance in km from 0 to ${f.max ?? 1e12}, like 80 or 80km`;
  const v = typeof raw === "string" ? raw.replace(/\s*km\s*$/i, "") : raw;
  try {
    return parseNumber(v, field, { min: 0, ...(max !== undefined ? { max } : {}), what });
  } catch {
    throw badValue(field, what, raw);
  }
}

function parseCurve(raw: unknown, field: string): CurvePoints {
  const at = (k: number, col: string): string => `${field}[${k}].${col}`;
  if (Array.isArray(raw)) {
    const pts = raw as unknown[];
    const get = (p: unknown, k: "interval" | "dirtied"): unknown =>
      Array.isArray(p)
        ? p[k === "interval" ? 0 : 1]
        : typeof p === "object" && p !== null
          ? (p as Record<string, unknown>)[k]
          : undefined;
    return validateCurve(
      pts.map((p) => get(p, "interval")),
      pts.map((p) => get(p, "dirtied")),
      at,
    );
  }
  if (typeof raw === "object" && raw !== null && "intervalsSec" in raw) {
    const r = raw as CurvePoints;
    return validateCurve(r.intervalsSec, r.dirtiedBytes, at);
  }
  throw badValue(field, "a list of {interval, dirtied} points", raw);
}

/**
 * A numeric field's value in its canonical unit, by the dimension's parser only (`"400MiB/s"` ->
 * 419430400): no limits but sign, for range ends and distribution parameters (a standard
 * deviation of memory is not a memory). Throws for a word field.
 */
export function toNumber(f: FieldDef, raw: unknown, where: string): number {
  switch (f.dimension) {
    case "size":
      return parseSize(raw, where, { allowZero: true });
    case "rate":
      return parseRate(raw, where);
    case "duration":
      return parseDuration(raw, where);
    case "fraction":
      return parseFraction(raw, where);
    case "count":
      return parseCount(raw, where);
    case "distance":
      return parseDistanceKm(raw, where, f, true);
    default:
      throw new InputError("bad-value", where, `${f.key} takes words, not a numeric range or distribution`);
  }
}

/** Largest canonical number of each unit dimension (`src/units/parse.ts`). */
const MAX_QUANTITY = Number.MAX_SAFE_INTEGER;
const MAX_DURATION_SEC = 1e9;

/**
 * A canonical number against a numeric field's limits, without allocating: the sweep checks each
 * Monte Carlo draw with it. Returns `v` when accepted; otherwise {@link parseField} throws the
 * field's one error for it.
 */
export function checkNumber(f: FieldDef, v: number, where: string): number {
  if (acceptsNumber(f, v)) return v;
  parseField(f, v, where);
  return v;
}

/** Whether numeric field `f` accepts canonical number `v` (what {@link checkNumber} lets through). */
function acceptsNumber(f: FieldDef, v: number): boolean {
  const d = f.dimension;
  const max = f.max ?? (d === "duration" ? MAX_DURATION_SEC : d === "fraction" ? 1 : MAX_QUANTITY);
  return (
    Number.isFinite(v) &&
    v >= (f.min ?? 0) &&
    v <= max &&
    !(f.maxExclusive === true && v === max) &&
    !(v === 0 && f.zero !== true && (d === "size" || d === "rate" || d === "duration")) &&
    !(d === "count" && !Number.isInteger(v))
  );
}

/**
 * One field's raw value in canonical form, within the field's limits; `where` names it in errors.
 * Numbers are taken as already canonical and checked like parsed ones.
 *
 * Example: `parseField(fieldOf("dirtyRate"), "400MiB/s", "--dirty-rate")` returns 419430400.
 */
export function parseField(f: FieldDef, raw: unknown, where: string): CanonicalInput[keyof CanonicalInput] {
  if (f.aliases !== undefined) {
    const key = typeof raw === "string" ? raw.trim() : typeof raw === "number" ? String(raw) : undefined;
    if (key !== undefined && Object.hasOwn(f.aliases, key)) return f.aliases[key] as never;
  }
  const range = {
    ...(f.min !== undefined ? { min: f.min } : {}),
    ...(f.max !== undefined ? { max: f.max } : {}),
  };
  const quantity = { allowZero: f.zero ?? false, ...(f.max !== undefined ? { max: Infinity } : {}) };
  const limited = (v: number): number => {
    if ((f.min !== undefined && v < f.min) || (f.max !== undefined && v > f.max))
      throw badValue(where, f.accepted ?? `a value from ${f.min ?? 0} to ${f.max ?? "any"}`, raw);
    return v;
  };
  switch (f.dimension) {
    // A field with its own upper limit words it (`limited`), rather than the canonical one.
    case "size":
      return limited(parseSize(raw, where, quantity));
    case "rate":
      return limited(parseRate(raw, where, quantity));
    case "duration":
      return limited(parseDuration(raw, where, quantity));
    case "fraction":
      return parseFraction(raw, where, { ...range, maxExclusive: f.maxExclusive ?? false });
    case "count":
      return parseCount(raw, where, range);
    case "distance":
      return parseDistanceKm(raw, where, f, false);
    case "choice":
      return parseChoice(raw, where, f.choices ?? []) as never;
    case "bool":
      return parseBool(raw, where);
    case "curve":
      return parseCurve(raw, where);
    case "version":
      return limited(parseVersion(raw, where, f));
    case "cidr":
    case "address":
    case "routes":
    case "names":
      return parseNetworkWords(f, raw, where);
    case "segments":
      return parseSegments(raw, where);
  }
}

/** The canonical unit a numeric dimension's numbers are in, for a library caller's error. */
const CANONICAL_UNIT: Readonly<Record<string, string>> = {
  size: "bytes",
  rate: "bytes per second",
  duration: "seconds",
  fraction: "a plain fraction",
  count: "a whole number",
  distance: "km",
};

/**
 * Check a {@link CanonicalInput} that did not come from {@link parseInput} (a library caller's
 * numbers) against the field table, as parsed values are checked: an unknown key, a unit string
 * where a number is canonical (`memory: "64GiB"`), NaN, Infinity, a negative or out-of-range
 * number, or a word outside a field's choices throws that field's one {@link InputError}. Input
 * from `parseInput` passes unchanged (it is idempotent on its own output). Numbers and choices
 * are checked without allocating ({@link checkNumber}); the structured fields (curve, segments,
 * addresses, routes) go through {@link parseField}, which accepts their canonical forms.
 *
 * Example: `checkCanonical({ memory: -5 }, cliFlagName)` throws
 * `--memory: expected a size like 64GiB (got -5)`.
 */
export function checkCanonical(input: CanonicalInput, name: FieldNamer): void {
  const values = input as Readonly<Record<string, unknown>>;
  for (const key in values) {
    const v = values[key];
    if (!present(v)) continue;
    const f = fieldOf(key);
    if (f === undefined) throw new InputError("unknown-field", name(key), "is not a known field");
    // The field's name is made (a string) only for an error.
    if (isNumericField(f)) {
      if (typeof v === "number" && acceptsNumber(f, v)) continue;
      if (f.aliases !== undefined && Object.values(f.aliases).includes(v as number | string)) continue;
      if (typeof v !== "number")
        throw badValue(
          name(key),
          `a number in ${CANONICAL_UNIT[f.dimension] ?? "the field's canonical unit"} (unit strings such as "64GiB" go through parseInput or scenarioFromInput)`,
          v,
        );
      parseField(f, v, name(key));
    } else if (f.dimension === "choice") {
      if (!(f.choices ?? []).includes(v as string)) parseField(f, v, name(key));
    } else if (f.dimension === "bool") {
      if (typeof v !== "boolean") parseField(f, v, name(key));
    } else parseField(f, v, name(key));
  }
}

/** Text in the range/distribution grammar of `uncertain.ts` (`200MiB/s..600MiB/s`, `lognormal:...`). */
const RANGE_TEXT = /\.\.|^\s*[a-z][a-z-]*\s*:/i;

/**
 * Parse user input into a {@link CanonicalInput}: every present key through its field row. An
 * unknown key is an error (a typo must not fall back to a default). `name` names a key in errors
 * (`--dirty-rate` on the CLI, `base.dirtyRate` in a sweep file).
 *
 * Example: `parseInput({ memory: "64GiB", dirtyRate: "400MiB/s", preset: "wan" })` returns
 * `{ memory: 68719476736, dirtyRate: 419430400, preset: "wan" }`.
 */
export function parseInput(raw: RawInput, name: FieldNamer = cliFlagName): CanonicalInput {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(raw)) {
    const v = raw[key];
    if (!present(v)) continue;
    const f = fieldOf(key);
    if (f === undefined) throw new InputError("unknown-field", name(key), "is not a known field");
    try {
      out[key] = parseField(f, v, name(key));
    } catch (err) {
      // A range or distribution where only a value is accepted: say where it is accepted.
      if (err instanceof InputError && isNumericField(f) && typeof v === "string" && RANGE_TEXT.test(v))
        throw new InputError(
          err.code,
          err.field,
          `${err.detail}; a range or distribution is accepted only as a flag of estimate, compare or solve (in a sweep file: a distribution axis)`,
          err.value,
        );
      throw err;
    }
  }
  return out as CanonicalInput;
}
