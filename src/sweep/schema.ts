import { DISTRIBUTION_KINDS } from "./distributions.js";
import { FIELDS, FIELD_KEYS, type FieldDef } from "../input/fields.js";

/**
 * The JSON Schema (draft 2020-12) of a sweep file, shipped as `schema/sweep.schema.json` so editors
 * can complete and check sweep files (`# yaml-language-server: $schema=...`). The file is this
 * object written out; a test asserts they are equal (regenerate with
 * `node -e 'import("./dist/src/sweep/schema.js").then((m) => console.log(m.sweepSchemaJson()))' > schema/sweep.schema.json`).
 *
 * The field properties are generated from the field table (`src/input/fields.ts`). The schema
 * checks structure (known fields, types, non-empty lists, choices); units, limits and
 * combinations are checked by the plan (`parseInput`, then `buildScenario`).
 */
const scalar = { type: ["string", "number", "boolean"] };

/**
 * One field's schema: its description and JSON types. Words, units and limits are left to
 * `parseInput`, whose errors name the field and say what is accepted.
 */
export function fieldSchema(f: FieldDef): object {
  if (f.dimension === "curve")
    return { description: f.description, type: "array", minItems: 2, items: { type: ["object", "array"] } };
  if (f.dimension === "segments")
    return { description: f.description, type: ["array", "string"], minItems: 1, items: { type: "object" } };
  return { description: f.description, ...scalar };
}

const baseSchema = {
  description: "The base scenario: the same fields and units as the CLI flags (camelCase).",
  type: "object",
  additionalProperties: false,
  properties: Object.fromEntries(FIELDS.map((f) => [f.key, fieldSchema(f)])),
};

const keySchema = { description: "the scenario field this axis varies", enum: FIELD_KEYS };

const rangeSchema = {
  description: "count values from `from` to `to` inclusive, evenly spaced (linear) or in ratio (log)",
  type: "object",
  additionalProperties: false,
  required: ["from", "to", "count"],
  properties: {
    from: scalar,
    to: scalar,
    count: { type: "integer", minimum: 1 },
    scale: { enum: ["linear", "log"] },
  },
};

const distributionSchema = {
  description: "Monte Carlo: each sample draws this field from the distribution",
  type: "object",
  additionalProperties: false,
  required: ["kind"],
  properties: {
    kind: { enum: DISTRIBUTION_KINDS },
    min: scalar,
    max: scalar,
    mean: scalar,
    stdev: scalar,
    median: scalar,
    sigma: { type: "number" },
    mode: scalar,
    values: { type: "array", minItems: 1, items: scalar },
  },
};

const memberSchema = {
  type: "object",
  additionalProperties: false,
  required: ["key"],
  properties: {
    key: keySchema,
    values: { type: "array", minItems: 1, items: scalar },
    range: rangeSchema,
  },
};

const axisSchema = {
  description:
    "One axis: a list of values, a range, a distribution, zipped axes (vary together) or rows of fields. Axes are crossed (full grid).",
  type: "object",
  additionalProperties: false,
  properties: {
    name: { type: "string", minLength: 1 },
    key: keySchema,
    values: { type: "array", minItems: 1, items: scalar },
    range: rangeSchema,
    distribution: distributionSchema,
    zip: { type: "array", minItems: 1, items: memberSchema },
    rows: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        properties: { label: { type: "string" }, ...baseSchema.properties },
        additionalProperties: false,
      },
    },
  },
  oneOf: [
    { required: ["values"] },
    { required: ["range"] },
    { required: ["distribution"] },
    { required: ["zip"] },
    { required: ["rows"] },
  ],
};

export const SWEEP_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://github.com/vmotion-sim/vmotion-sim/schema/sweep.schema.json",
  title: "vmotion-sim sweep file",
  type: "object",
  additionalProperties: false,
  required: ["base", "axes"],
  properties: {
    $schema: { type: "string" },
    name: { type: "string" },
    description: { type: "string" },
    base: baseSchema,
    axes: { type: "array", items: axisSchema },
    samples: { description: "Monte Carlo samples per grid point", type: "integer", minimum: 1 },
    seed: { description: "seed of the counter-based generator", type: "integer", minimum: 0 },
    summary: {
      description: "how summary.json and the console table group the scenarios",
      type: "object",
      additionalProperties: false,
      properties: {
        by: {
          description:
            "grid axis names to group by, in this order (default: the leading axes, up to 10,000 groups; [] for one group)",
          type: "array",
          uniqueItems: true,
          items: { type: "string", minLength: 1 },
        },
      },
    },
  },
} as const;

/** The schema as the text of `schema/sweep.schema.json`. */
export function sweepSchemaJson(): string {
  return `${JSON.stringify(SWEEP_SCHEMA, null, 2)}\n`;
}
