import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { loadAndBuildReport } from "../../src/cli/commands/report.js";
import { renderMarkdown, type Report } from "../../src/report/index.js";

/**
 * Golden tests on the example report's text (not its pixels): the committed
 * `reports/routed-vmotion/index.md` must be what the current code makes of
 * `reports/routed-vmotion.yaml`, and each section's findings must match
 * `test/golden/report/routed-vmotion.findings.json`. After an intended change, regenerate with
 * `npm start` and `UPDATE_GOLDEN=1 npx vitest run test/report/golden.test.ts`, and read the diff.
 */
const root = (p: string): string => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const FINDINGS = root("test/golden/report/routed-vmotion.findings.json");

let report: Report;
beforeAll(async () => {
  report = await loadAndBuildReport(root("reports/routed-vmotion.yaml"));
}, 60_000);

describe("the routed-vmotion example report", () => {
  it("index.md is the committed text", () => {
    expect(renderMarkdown(report)).toBe(readFileSync(root("reports/routed-vmotion/index.md"), "utf8"));
  });
  it("each section's findings are the golden findings", () => {
    const got = Object.fromEntries(report.sections.map((s) => [s.title, s.findings]));
    // Only an explicit update writes the golden file; a missing one fails (it was written and
    // then compared with itself, so the test could not fail).
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(FINDINGS, `${JSON.stringify(got, null, 2)}\n`);
    else if (!existsSync(FINDINGS))
      throw new Error(`${FINDINGS} is missing: regenerate it with UPDATE_GOLDEN=1 and commit it`);
    expect(got).toEqual(JSON.parse(readFileSync(FINDINGS, "utf8")));
  });
  it("has every chart the issue asks for, each with its three files committed", () => {
    const kinds = report.sections.flatMap((s) => s.charts.map((c) => c.name.replace(/^s\d+-/, "")));
    for (const k of [
      "migration-time",
      "feasibility",
      "throughput-limits",
      "guest-slowdown",
      "convergence",
      "distribution",
      "sensitivity",
    ])
      expect(kinds).toContain(k);
    for (const s of report.sections)
      for (const c of s.charts)
        for (const ext of [".vl.json", ".svg", ".png"])
          expect(existsSync(root(`reports/routed-vmotion/${c.name}${ext}`))).toBe(true);
  });
  it("has no timestamps or machine paths", () => {
    const md = renderMarkdown(report);
    expect(md).not.toMatch(/\b20\d\d-\d\d-\d\d\b|\/work\/|\/home\/|\/tmp\//);
  });
});
