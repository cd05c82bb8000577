import { InputError } from "../errors.js";
import { parseCurveCsv } from "../input/curve-csv.js";
import { cliFlagName, PATH_TRIGGER_KEYS, type CanonicalInput } from "../input/fields.js";
import { parseInput, type RawInput } from "../input/parse.js";
import { pathOf } from "../input/path.js";
import { buildScenario } from "../input/scenario.js";
import { simulate } from "../model/simulate.js";
import type { MigrationResult, Scenario } from "../model/types.js";
import type { PathResult } from "../network/index.js";
import { dirtyModelOf, fieldInUse, networkOf, PAGE_FIELDS, type FormValues } from "./inputs.js";

/**
 * One evaluation of the page's form: the values as typed -> the raw input the CLI makes of the
 * equivalent flags -> `parseInput` and `buildScenario` (the CLI's validation, the CLI's messages,
 * fields named by their flags) -> `simulate`. A bad value is reported at its field and nothing is
 * computed from the form.
 */
export type Evaluation =
  | {
      readonly ok: false;
      /** Field key -> the CLI's message for it (`--memory: expected a size like 64GiB (got "64")`). */
      readonly errors: ReadonlyMap<string, string>;
      /** A message no field owns (an internal error); null when every error has a field. */
      readonly general: string | null;
    }
  | {
      readonly ok: true;
      /** The input as typed (unit strings; a pasted curve parsed): what `--flag value` would give. */
      readonly raw: RawInput;
      readonly input: CanonicalInput;
      readonly scenario: Scenario;
      readonly result: MigrationResult;
      /** The computed network path, or null when the throughput is given directly. */
      readonly path: PathResult | null;
    };

/**
 * The raw scenario input for the values: every field that applies and is filled in, as typed; a
 * flag field as `true`; a pasted curve parsed as the CLI parses a `--dirty-curve` file (a bad
 * curve throws its InputError); the constant dirtying as `dirtyModel: "constant"`. On a path with
 * no path field given, `preset: "same-l2"` (the default path) switches the path model on.
 */
export function scenarioInputOf(values: FormValues): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const f of PAGE_FIELDS) {
    if (!fieldInUse(f, values)) continue;
    const raw = (values[f.key] ?? "").trim();
    if (f.kind === "flag") {
      if (raw === "on") input[f.key] = true;
    } else if (f.kind === "curve") input[f.key] = parseCurveCsv(raw, cliFlagName(f.key));
    else input[f.key] = raw;
  }
  if (dirtyModelOf(values) === "constant") input.dirtyModel = "constant";
  // The path model is on when a path field is given; with none, the default preset turns it on.
  if (networkOf(values) === "path" && !PATH_TRIGGER_KEYS.some((k) => input[k] !== undefined))
    input.preset = "same-l2";
  return input;
}

/** The page field an InputError names: `--dirty-curve line 3 interval` -> `dirtyCurve`. */
export function fieldKeyOf(err: InputError): string | null {
  for (const f of PAGE_FIELDS) {
    const flag = cliFlagName(f.key);
    if (err.field === flag || err.field.startsWith(`${flag} `) || err.field.startsWith(`${flag}[`))
      return f.key;
  }
  return null;
}

/** Values with one field cleared, or set to `by` (its example, when it is required). */
function replaced(values: FormValues, key: string, by: string | null): FormValues {
  const { [key]: _dropped, ...rest } = values;
  return by === null ? rest : { ...rest, [key]: by };
}

/**
 * Evaluate the form. Every bad field is found, not only the first: after an error the field is
 * cleared and the form built again (a required field, whose clearing gives its "is required"
 * error, gets its example instead), until it builds or an error repeats. At most two passes a field.
 */
export function evaluate(values: FormValues): Evaluation {
  const errors = new Map<string, string>();
  const substituted = new Set<string>();
  let current = values;
  for (let pass = 0; pass <= 2 * PAGE_FIELDS.length; pass++) {
    try {
      const raw = scenarioInputOf(current);
      const input = parseInput(raw, cliFlagName);
      const path = pathOf(input);
      const scenario = buildScenario(input, cliFlagName, { path });
      if (errors.size > 0) return { ok: false, errors, general: null };
      return { ok: true, raw, input, scenario, result: simulate(scenario), path };
    } catch (err) {
      if (!(err instanceof InputError))
        return { ok: false, errors, general: `internal error: ${(err as Error).message}` };
      const key = fieldKeyOf(err);
      if (key === null) return { ok: false, errors, general: err.message };
      if (!errors.has(key)) {
        errors.set(key, err.message);
        current = replaced(current, key, null);
      } else if (err.code === "missing-value" && !substituted.has(key)) {
        substituted.add(key);
        current = replaced(current, key, PAGE_FIELDS.find((f) => f.key === key)?.example ?? "");
      } else return { ok: false, errors, general: null };
    }
  }
  return { ok: false, errors, general: null };
}
