import { InputError, badValue } from "../errors.js";
import { FIELDS, type CanonicalInput, type FieldDef, type FieldKey } from "../input/fields.js";
import { parseInput } from "../input/parse.js";
import { PRESET_NAMES, type PresetName } from "../network/index.js";
import { parseChoice } from "../units/parse.js";

/** One `compare` column as written: a preset and the path overrides that apply to it alone. */
export interface PathColumnSpec {
  /** The `--path` text as given, e.g. `wan:hops=4,rtt=30ms` (the column's header). */
  readonly label: string;
  readonly preset: PresetName;
  readonly overrides: CanonicalInput;
}

/**
 * The keys a `--path` entry may set: every path field of the field table but `preset` (the part
 * before the colon) and `segments` (its own syntax uses commas and semicolons).
 */
export const PATH_OVERRIDE_KEYS: readonly FieldKey[] = FIELDS.filter(
  (f: FieldDef) => f.path !== undefined && f.key !== "preset" && f.key !== "segments",
).map((f) => f.key);

/**
 * `--path wan:hops=4,rtt=30ms` (the `n`th `--path`, from 1) -> its column. Hand-written: the
 * syntax is two splits, and each value goes through the field table's own parser (`parseInput`),
 * so an error names `--path[n].hops` and says what is accepted, exactly as `--hops` would.
 */
export function parsePathColumn(raw: string, n: number): PathColumnSpec {
  const field = `--path[${n}]`;
  const colon = raw.indexOf(":");
  const name = (colon < 0 ? raw : raw.slice(0, colon)).trim();
  const preset = parseChoice(name, field, PRESET_NAMES);
  if (colon < 0) return { label: raw.trim(), preset, overrides: {} };
  const values: Record<string, string> = {};
  for (const pair of raw.slice(colon + 1).split(",")) {
    const eq = pair.indexOf("=");
    if (eq < 0) throw badValue(field, "PRESET:key=value,key=value, like wan:hops=4,rtt=30ms", raw);
    const key = pair.slice(0, eq).trim();
    if (!(PATH_OVERRIDE_KEYS as readonly string[]).includes(key))
      throw new InputError(
        "unknown-field",
        `${field}.${key.slice(0, 40)}`,
        `is not a path key (accepted: ${PATH_OVERRIDE_KEYS.join(", ")})`,
      );
    if (key in values) throw new InputError("conflict", `${field}.${key}`, "is given twice");
    values[key] = pair.slice(eq + 1).trim();
  }
  return { label: raw.trim(), preset, overrides: parseInput(values, (key) => `${field}.${key}`) };
}
