import { SWEEP_SCHEMA } from "../sweep/schema.js";
import { CHART_KINDS, TABLE_KINDS } from "./types.js";

/**
 * The JSON Schema (draft 2020-12) of a report file, shipped as `schema/report.schema.json` so
 * editors can complete and check report files (`# yaml-language-server: $schema=...`). The file
 * is this object written out; a test asserts they are equal (regenerate with
 * `node -e 'import("./dist/src/report/schema.js").then((m) => process.stdout.write(m.reportSchemaJson()))' > schema/report.schema.json`).
 *
 * The schema checks structure; which charts fit which data source, units and scenario values
 * are checked when the report is resolved and built (`load.ts`, `build.ts`).
 */
const scalar = { type: ["string", "number", "boolean"] };
const text = { type: "string", minLength: 1 };

/** Scenario input: the same camelCase keys and unit strings as a sweep's `base`. */
const input = { $ref: "#/$defs/scenario" };

/** The sweep schema without its own identity, embedded for inline sweeps. */
const { $schema: _s, $id: _i, title: _t, ...sweepBody } = SWEEP_SCHEMA;

const chart = {
  type: "object",
  additionalProperties: false,
  required: ["kind"],
  properties: {
    kind: { description: "which chart to draw", enum: CHART_KINDS },
    title: text,
    subtitle: text,
    series: { description: "sweep charts: the input column that names the series (default preset)", ...text },
    axis: { description: "feasibility: the x axis", enum: ["rtt", "bandwidth"] },
    where: {
      description: "sweep charts: keep only rows whose input columns have these values",
      type: "object",
      additionalProperties: scalar,
    },
  },
};

const table = {
  type: "object",
  additionalProperties: false,
  required: ["kind"],
  properties: {
    kind: {
      description:
        "which table to add: results (each series, under its label, and each value of the other axes, at the dirty rate nearest `at`; in a throughput section, each RTT's throughput and binding bound) or paths (each path as simulated, with its row's overrides)",
      enum: TABLE_KINDS,
    },
  },
};

const named = {
  type: "object",
  additionalProperties: false,
  required: ["name", "input"],
  properties: { name: text, input },
};

const section = {
  type: "object",
  additionalProperties: false,
  required: ["title"],
  description:
    "One section: a title, optional text, exactly one data source (sweep, scenarios, throughput, sensitivity, solve or configs), and the charts and tables drawn from it.",
  properties: {
    title: text,
    text: { type: "string" },
    at: { description: "sweep sections: the dirty rate the findings quote, e.g. 400MiB/s", ...scalar },
    sweep: {
      description: "a sweep: inline, or the path of a sweep file relative to the report file",
      if: { type: "object" },
      then: { $ref: "#/$defs/sweep" },
      else: text,
    },
    scenarios: {
      description: "named scenarios for per-iteration convergence traces",
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name", "input"],
        properties: { name: text, input },
      },
    },
    throughput: {
      description: "a network path and an RTT range for the throughput limits chart",
      type: "object",
      additionalProperties: false,
      required: ["path", "rtt"],
      properties: {
        path: input,
        rtt: {
          type: "object",
          additionalProperties: false,
          required: ["from", "to", "count"],
          properties: {
            from: scalar,
            to: scalar,
            count: { type: "integer", minimum: 2, maximum: 1000 },
            scale: { enum: ["linear", "log"] },
          },
        },
      },
    },
    sensitivity: {
      description: "a base scenario whose inputs are each moved down and up by delta (e.g. 20%)",
      type: "object",
      additionalProperties: false,
      required: ["base", "delta", "inputs"],
      properties: {
        base: input,
        delta: scalar,
        inputs: { type: "array", minItems: 1, items: text },
      },
    },
    solve: {
      description: "inverse questions, as `vmotion-sim solve`",
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        additionalProperties: false,
        required: ["for", "base"],
        properties: { for: text, base: input, maxTotal: scalar, maxStun: scalar },
      },
    },
    configs: {
      description:
        "host network configurations compared: every VM at every destination under every configuration, as `vmotion-sim compare --configs`",
      type: "object",
      additionalProperties: false,
      required: ["configs", "vms", "sites"],
      properties: {
        configs: { type: "array", minItems: 1, items: text },
        vms: { type: "array", minItems: 1, items: named },
        sites: { type: "array", minItems: 1, items: named },
      },
    },
    charts: { type: "array", items: chart },
    tables: { type: "array", items: table },
  },
};

export const REPORT_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://github.com/vmotion-sim/vmotion-sim/schema/report.schema.json",
  title: "vmotion-sim report file",
  type: "object",
  additionalProperties: false,
  required: ["title", "sections"],
  properties: {
    $schema: { type: "string" },
    title: text,
    intro: { type: "string" },
    sections: { type: "array", minItems: 1, items: section },
  },
  $defs: {
    scenario: SWEEP_SCHEMA.properties.base,
    sweep: sweepBody,
  },
} as const;

/** The schema as the text of `schema/report.schema.json`. */
export function reportSchemaJson(): string {
  return `${JSON.stringify(REPORT_SCHEMA, null, 2)}\n`;
}
