import type { ErrorObject } from "ajv";
import { parseDocument } from "yaml";
import { InputError, clip, quote } from "../errors.js";
import { MAX_YAML_ALIASES, MAX_YAML_DEPTH, checkYamlNesting, depthOf } from "./yaml-limits.js";

/**
 * The shared boundary for user files (sweep files, report files): YAML or JSON text (JSON is YAML)
 * checked against a JSON Schema, every error an {@link InputError} whose field is the location in
 * the file: `sweep.yaml:3:7` for syntax, `axes[2].values[3]` for structure. Environment-neutral
 * (no Node imports): the validators themselves are loaded by `src/files/schema-validator.ts`.
 */

/**
 * The yaml library's message in the user's words: its first line without the position (the field
 * names it), and without its advice to the programmer ("please use YAML.parseAllDocuments()").
 */
function yamlProblem(message: string): string {
  const line = (message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
  if (line.startsWith("Source contains multiple documents"))
    return "holds more than one document (a second ---): expected one";
  return clip(line);
}

/**
 * Parse YAML/JSON text into plain data; a syntax error names `label:line:col`. Aliases and nesting
 * are limited (`yaml-limits.ts`): a "billion laughs" file is one line of error, not a crash.
 */
export function parseYamlText(text: string, label: string): unknown {
  checkYamlNesting(text, label);
  // logLevel "error": the yaml library would print its warnings itself (a six-line "(node)
  // YAMLWarning" block on stderr); they are ours to say, as one line, below.
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true, logLevel: "error" });
  const first = doc.errors[0] ?? doc.warnings[0];
  if (first !== undefined) {
    const pos = first.linePos?.[0];
    const where = pos ? `${label}:${pos.line}:${pos.col}` : label;
    throw new InputError(
      "bad-file",
      where,
      `${doc.errors.length > 0 ? "not valid YAML or JSON" : "ambiguous YAML (write it plainly)"}: ${yamlProblem(first.message)}`,
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) as unknown;
  } catch (err) {
    if (err instanceof ReferenceError || err instanceof RangeError)
      throw new InputError(
        "bad-file",
        label,
        `expands YAML aliases (*name) more than ${MAX_YAML_ALIASES} times or too deeply: write the values out`,
      );
    throw err;
  }
  if (depthOf(data) > MAX_YAML_DEPTH)
    throw new InputError(
      "bad-file",
      label,
      `nests deeper than ${MAX_YAML_DEPTH} levels (the most an input file may have)`,
    );
  return data;
}

/** A value named by its kind alone: `a text of 2345 characters`. */
function kindOf(v: unknown): string {
  if (typeof v === "string") return `a text of ${v.length} characters`;
  if (Array.isArray(v)) return `a list of ${v.length} items`;
  return v === null || v === undefined ? "nothing" : `a ${typeof v}`;
}

/** `/axes/2/values/3` -> `axes[2].values[3]`; the document root is `(file)`. */
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

/** The value at a JSON pointer, or undefined. */
export function valueAt(data: unknown, pointer: string): unknown {
  let v: unknown = data;
  for (const p of pointer.split("/").slice(1)) {
    if (typeof v !== "object" || v === null) return undefined;
    v = (v as Record<string, unknown>)[p.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return v;
}

/**
 * The most useful schema error as one InputError: the deepest location first; `if`/`anyOf` noise
 * and the `required` errors of `oneOf` branches dropped; a bare `oneOf` explained by `oneOfHint`.
 */
export function schemaError(
  errors: readonly ErrorObject[],
  data: unknown,
  opts: { what: string; oneOfHint?: string },
): InputError {
  const useful = errors
    .filter((e) => e.keyword !== "if" && e.keyword !== "anyOf")
    .filter((e) => !(e.keyword === "required" && e.schemaPath.includes("/oneOf/")));
  const ranked = [...useful].sort(
    (a, b) =>
      Number(a.keyword === "oneOf") - Number(b.keyword === "oneOf") ||
      b.instancePath.length - a.instancePath.length,
  );
  const e = ranked[0] ?? errors[0];
  if (e === undefined) return new InputError("bad-file", "(file)", `does not match the ${opts.what} schema`);
  const path = pointerToPath(e.instancePath);
  // The whole document is never quoted: a file read by mistake (say /etc/passwd) parses as one
  // long string, and only its kind and length are named.
  const got = valueAt(data, e.instancePath);
  const shown = e.instancePath === "" ? kindOf(got) : quote(got);
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
      return new InputError("bad-value", path, `expected one of ${allowed} (got ${shown})`, got);
    }
    case "minItems":
    case "minLength":
      return new InputError("bad-value", path, "must not be empty", got);
    case "type": {
      const want = (e.params as { type: string | string[] }).type;
      const types = Array.isArray(want) ? want.join(" or ") : want;
      const expected = types === "object" ? "a mapping" : types === "array" ? "a list" : types;
      return new InputError("bad-value", path, `expected ${expected} (got ${shown})`, got);
    }
    case "uniqueItems": {
      // ajv's own words were "must NOT have duplicate items (items ## 1 and 0 are identical)".
      const { i, j } = e.params as { i: number; j: number };
      const item = Array.isArray(got) ? (got as unknown[])[i] : undefined;
      return new InputError(
        "bad-value",
        path,
        `lists ${quote(item)} twice (items ${Math.min(i, j)} and ${Math.max(i, j)}): give each once`,
        got,
      );
    }
    case "oneOf":
      return new InputError("bad-value", path, opts.oneOfHint ?? "matches none of the allowed shapes", got);
    default:
      return new InputError("bad-value", path, `${e.message ?? "is not valid"} (got ${shown})`, got);
  }
}
