import type { Command } from "commander";
import { FIELDS, FIELD_KEYS, cliFlagName, type CanonicalInput, type FieldKey } from "../input/fields.js";
import { parseCurveCsv } from "../input/curve-csv.js";
import { parseInput } from "../input/parse.js";
import { readUserFile } from "./io.js";

/**
 * The scenario flags of a command, generated from the field table (`src/input/fields.ts`): each
 * row's `flag` and `description`, in table order. `keys` picks the rows (default all of them);
 * `describe` replaces a row's help text where a command means something more specific;
 * `required` marks the rows the command cannot run without (checked by the boundary, which says
 * so in one line: not commander's requiredOption, so a file-given value still counts).
 * Values stay strings here: they are parsed once, by `parseInput`.
 */
export function addFieldOptions(
  cmd: Command,
  keys: readonly FieldKey[] = FIELD_KEYS,
  describe: Partial<Record<FieldKey, string>> = {},
  required: readonly FieldKey[] = [],
): Command {
  for (const f of FIELDS)
    if (keys.includes(f.key)) {
      const text = describe[f.key] ?? f.description;
      cmd.option(f.flag, required.includes(f.key) ? `${text} (required)` : text);
    }
  return cmd;
}

/** Every field key but those listed (`compare` sets `preset` itself, per column). */
export function fieldKeysExcept(...drop: readonly FieldKey[]): FieldKey[] {
  return FIELD_KEYS.filter((k) => !drop.includes(k));
}

/**
 * Commander's options object -> canonical input: the field keys only (a command's own options
 * are not fields), `--dirty-curve` read from disk, then `parseInput` with flag names.
 */
export function inputFromOptions(opts: Readonly<Record<string, unknown>>): CanonicalInput {
  return parseInput(rawFromOptions(opts), cliFlagName);
}

/** The field keys of commander's options object, `--dirty-curve` read from disk; not parsed. */
export function rawFromOptions(opts: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const k of FIELD_KEYS) if (opts[k] !== undefined) raw[k] = opts[k];
  if (typeof raw.dirtyCurve === "string")
    raw.dirtyCurve = parseCurveCsv(readUserFile(raw.dirtyCurve, "--dirty-curve"), "--dirty-curve");
  return raw;
}
