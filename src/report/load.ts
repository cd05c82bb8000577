import type { ErrorObject } from "ajv/dist/2020.js";
import { InputError, quote } from "../errors.js";
import { lazyValidator } from "../files/schema-validator.js";
import { parseYamlText, schemaError } from "../input/document.js";
import type { SweepFile } from "../sweep/types.js";
import { REPORT_SCHEMA } from "./schema.js";
import {
  CHARTS_BY_SOURCE,
  SOURCE_KINDS,
  type ReportFile,
  type ResolvedReport,
  type ResolvedSection,
  type SourceKind,
} from "./types.js";

/**
 * Read a report file: YAML syntax, then the JSON Schema, then the rules the schema cannot say
 * (exactly one data source per section, charts that fit it). Every error is an InputError whose
 * field is the location in the file: `report.yaml:3:7` for syntax,
 * `sections[1].charts[0].kind` for structure.
 */
const validate = lazyValidator(REPORT_SCHEMA, "report");

/** The most useful schema error of a report file as an InputError. */
export function reportSchemaError(errors: readonly ErrorObject[], data: unknown): InputError {
  return schemaError(errors, data, { what: "report" });
}

/** Parse and schema-check the text of a report file; `label` names it in syntax errors. */
export function parseReportText(text: string, label = "report file"): ReportFile {
  const data = parseYamlText(text, label);
  const check = validate();
  if (!check(data)) throw reportSchemaError(check.errors ?? [], data);
  return data as ReportFile;
}

/** Re-home an InputError raised inside a nested document under `prefix`. */
export function prefixError(err: unknown, prefix: string): unknown {
  if (!(err instanceof InputError)) return err;
  const rest = err.message.startsWith(`${err.field}: `)
    ? err.message.slice(err.field.length + 2)
    : err.message;
  const field =
    err.field === "(file)"
      ? prefix
      : /^[[]/.test(err.field)
        ? `${prefix}${err.field}`
        : `${prefix}.${err.field}`;
  return new InputError(err.code, field, rest, err.value);
}

/** Loads a sweep file named in a report (`path` as written, relative to the report file). */
export type SweepLoader = (path: string, field: string) => SweepFile;

/**
 * Check the rules the schema cannot express and load referenced sweep files: each section has
 * exactly one data source, and each chart kind fits it. `loadSweep` is only called for sweeps
 * given as a path; inline sweeps were checked by the schema.
 */
export function resolveReport(file: ReportFile, loadSweep: SweepLoader): ResolvedReport {
  const sections = file.sections.map((s, i): ResolvedSection => {
    const where = `sections[${i}]`;
    const present = SOURCE_KINDS.filter((k) => s[k] !== undefined);
    if (present.length !== 1)
      throw new InputError(
        present.length === 0 ? "missing-value" : "conflict",
        where,
        `needs exactly one of ${SOURCE_KINDS.join(", ")} (got ${present.length === 0 ? "none" : present.join(" and ")})`,
      );
    const source = present[0] as SourceKind;
    const allowed = CHARTS_BY_SOURCE[source];
    (s.charts ?? []).forEach((c, j) => {
      if (!allowed.includes(c.kind))
        throw new InputError(
          "bad-value",
          `${where}.charts[${j}].kind`,
          allowed.length === 0
            ? `a ${source} section draws no charts (got ${quote(c.kind)})`
            : `expected one of ${allowed.join(", ")} for a ${source} section (got ${quote(c.kind)})`,
          c.kind,
        );
    });
    const { sweep, ...rest } = s;
    if (typeof sweep === "string") {
      let loaded: SweepFile;
      try {
        loaded = loadSweep(sweep, `${where}.sweep`);
      } catch (err) {
        // Errors inside the sweep file name their place in it: say which file, unless they do.
        if (err instanceof InputError && !err.field.startsWith(where) && !err.field.startsWith(sweep))
          throw new InputError(
            err.code,
            `${where}.sweep (${sweep}): ${err.field}`,
            err.message.slice(err.field.length + 2),
            err.value,
          );
        throw err;
      }
      return { ...rest, source, where, sweep: loaded, sweepFrom: sweep };
    }
    return sweep === undefined
      ? { ...rest, source, where }
      : { ...rest, source, where, sweep, sweepFrom: "inline" };
  });
  return { title: file.title, ...(file.intro !== undefined ? { intro: file.intro } : {}), sections };
}
