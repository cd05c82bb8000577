import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { parseReportText, reportSchemaJson, resolveReport } from "../../src/report/index.js";

const noSweeps = (): never => {
  throw new Error("no sweep files here");
};

function errorOf(text: string): InputError {
  try {
    resolveReport(parseReportText(text, "r.yaml"), noSweeps);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("expected an InputError");
}

const GOOD = `
title: T
sections:
  - title: A
    throughput: { path: { preset: wan }, rtt: { from: 1ms, to: 10ms, count: 3 } }
    charts: [{ kind: throughput-limits }]
  - title: B
    scenarios: [{ name: x, input: { memory: 1GiB } }]
    charts: [{ kind: pie }]
`;

describe("parseReportText(text) and resolveReport(file)", () => {
  it("schema/report.schema.json is reportSchemaJson()", () => {
    // Compared as data: prettier formats the committed file.
    const file: unknown = JSON.parse(
      readFileSync(new URL("../../schema/report.schema.json", import.meta.url), "utf8"),
    );
    expect(file).toEqual(JSON.parse(reportSchemaJson()));
  });
  it("names the location of a bad chart kind and the allowed kinds", () => {
    const e = errorOf(GOOD);
    expect(e.field).toBe("sections[1].charts[0].kind");
    expect(e.message).toMatch(
      /^sections\[1\]\.charts\[0\]\.kind: expected one of migration-time, .* \(got "pie"\)$/,
    );
  });
  it("rejects a chart that does not fit the section's data source", () => {
    const e = errorOf(GOOD.replace("kind: pie", "kind: feasibility"));
    expect(e.message).toBe(
      'sections[1].charts[0].kind: expected one of convergence for a scenarios section (got "feasibility")',
    );
  });
  it("needs exactly one data source per section", () => {
    expect(errorOf("title: T\nsections:\n  - title: A\n").field).toBe("sections[0]");
  });
  it("names unknown fields, missing fields and YAML syntax errors", () => {
    expect(errorOf("title: T\nsections:\n  - title: A\n    colour: red\n").field).toBe("sections[0].colour");
    expect(errorOf("sections:\n  - { title: A, solve: [{ for: memory, base: {} }] }\n").field).toBe("title");
    expect(errorOf("title: [\n").field).toMatch(/^r\.yaml(:\d+:\d+)?$/);
  });
  it("checks inline sweeps with the sweep schema", () => {
    const e = errorOf(
      "title: T\nsections:\n  - title: A\n    sweep: { base: {}, axes: [{ key: colour, values: [1] }] }\n",
    );
    expect(e.field).toBe("sections[0].sweep.axes[0].key");
  });
});
