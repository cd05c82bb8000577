import { readFileSync } from "node:fs";
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import { parseDocument } from "yaml";
import { InputError, quote } from "../errors.js";
import { SWEEP_SCHEMA } from "./schema.js";
import type { SweepFile } from "./types.js";

/**
 * Read a sweep file (YAML or JSON: JSON is YAML) and check it against the JSON Schema. Errors are
 * InputErrors whose field is the location in the file: `sweep.yaml:3:7` for syntax,
 * `axes[2].values` for structure.
 */
let validator: ReturnType<Ajv2020["compile"]> | null = null;

function validate(): ReturnType<Ajv2020["compile"]> {
  if (validator === null) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    validator = ajv.compile(SWEEP_SCHEMA);
  }
  return validator;
}

/** `/axes/2/values/3` -> `axes[2].values[3]`. */
export function pointerToPath(pointer: string, extra?: string): string {
  const parts = pointer.split("/").slice(1);
  if (extra !== undefined) parts.push(extra);
  let out = "";
  for (const raw of parts) {
    const p = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    out += /^\d+$/.test(p) ? `[${p}]` : out === "" ? p : `.${p}`;
  }
  return out === "" ? "(file)" : out;
}

function valueAt(data: unknown, pointer: string): unknown {
  let v: unknown = data;
  for (const p of pointer.split("/").slice(1)) {
    if (typeof v !== "object" || v === null) return undefined;
    v = (v as Record<string, unknown>)[p];
  }
  return v;
}

function toInputError(errors: readonly ErrorObject[], data: unknown): InputError {
  // Branch errors of the axis oneOf are noise: report the oneOf itself.
  const useful = errors.filter((e) => !(e.keyword === "required" && e.schemaPath.includes("/oneOf/")));
  const e = useful.find((x) => x.keyword !== "oneOf") ?? useful[0] ?? errors[0];
  if (e === undefined) return new InputError("bad-file", "(file)", "does not match the sweep schema");
  const path = pointerToPath(e.instancePath);
  const got = valueAt(data, e.instancePath);
  switch (e.keyword) {
    case "additionalProperties": {
      const extra = String((e.params as { additionalProperty: string }).additionalProperty);
      return new InputError("unknown-field", pointerToPath(e.instancePath, extra), "is not a known field");
    }
    case "required": {
      const missing = String((e.params as { missingProperty: string }).missingProperty);
      return new InputError("missing-value", pointerToPath(e.instancePath, missing), "is required");
    }
    case "enum": {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(String).join(", ");
      return new InputError("bad-value", path, `expected one of ${allowed} (got ${quote(got)})`, got);
    }
    case "minItems":
      return new InputError("bad-value", path, "must not be empty", got);
    case "oneOf":
      return new InputError(
        "bad-value",
        path,
        "needs exactly one of values, range, distribution, zip or rows",
        got,
      );
    default:
      return new InputError("bad-value", path, `${e.message ?? "is not valid"} (got ${quote(got)})`, got);
  }
}

/** Parse and schema-check the text of a sweep file; `label` names it in syntax errors. */
export function parseSweepText(text: string, label = "sweep file"): SweepFile {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  const first = doc.errors[0];
  if (first !== undefined) {
    const pos = first.linePos?.[0];
    const where = pos ? `${label}:${pos.line}:${pos.col}` : label;
    throw new InputError("bad-file", where, `not valid YAML or JSON: ${first.message.split("\n")[0]}`);
  }
  const data: unknown = doc.toJS();
  const check = validate();
  if (!check(data)) throw toInputError(check.errors ?? [], data);
  return data as SweepFile;
}

/**
 * Load a sweep file from a path, or from its text when `source` is `{ text }`.
 * Example: `loadSweepFile("reports/sweeps/wan-rtt.yaml")`.
 */
export function loadSweepFile(source: string | { text: string; label?: string }): SweepFile {
  if (typeof source !== "string") return parseSweepText(source.text, source.label);
  let text: string;
  try {
    text = readFileSync(source, "utf8");
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message;
    throw new InputError("bad-file", source, `cannot read the sweep file: ${why}`, source);
  }
  return parseSweepText(text, source);
}
