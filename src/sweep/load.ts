import { readInputFile } from "../files/read-input.js";
import { lazyValidator } from "../files/schema-validator.js";
import { parseYamlText, schemaError } from "../input/document.js";
import { SWEEP_SCHEMA } from "./schema.js";
import type { SweepFile } from "./types.js";

/**
 * Read a sweep file (YAML or JSON: JSON is YAML) and check it against the JSON Schema. Errors are
 * InputErrors whose field is the location in the file: `sweep.yaml:3:7` for syntax,
 * `axes[2].values` for structure (`src/input/document.ts`).
 */
export { pointerToPath } from "../input/document.js";
const validate = lazyValidator(SWEEP_SCHEMA, "sweep");

/** Parse and schema-check the text of a sweep file; `label` names it in syntax errors. */
export function parseSweepText(text: string, label = "sweep file"): SweepFile {
  return checkSweepData(parseYamlText(text, label));
}

/** Schema-check sweep data already parsed (an inline sweep of a report file). */
export function checkSweepData(data: unknown): SweepFile {
  const check = validate();
  if (!check(data))
    throw schemaError(check.errors ?? [], data, {
      what: "sweep",
      oneOfHint: "needs exactly one of values, range, distribution, zip or rows",
    });
  return data as SweepFile;
}

/**
 * Load a sweep file from a path, or from its text when `source` is `{ text }`.
 * Example: `loadSweepFile("reports/sweeps/wan-rtt.yaml")`.
 */
export function loadSweepFile(source: string | { text: string; label?: string }): SweepFile {
  if (typeof source !== "string") return parseSweepText(source.text, source.label);
  return parseSweepText(readInputFile(source, "sweep file"), source);
}
