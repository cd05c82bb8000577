import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderReportFiles, writeReportDir } from "../src/cli/commands/report.js";
import { migrationTimeChart } from "../src/charts/index.js";
import { buildReport, parseReportText, resolveReport } from "../src/report/index.js";
import { consume, type BenchOptions, type BenchTask } from "./task.js";

const MIB = 2 ** 20;

/** A small report: one sweep (2 paths x n dirty rates), its headline chart and results table. */
function reportText(n: number): string {
  return `title: bench
sections:
  - title: paths
    sweep:
      base: { memory: 16GiB }
      axes:
        - { key: preset, values: [same-l2, routed-lan] }
        - { key: dirtyRate, range: { from: 50MiB/s, to: 2GiB/s, count: ${n}, scale: log } }
    charts: [{ kind: migration-time }]
    tables: [{ kind: results }]
`;
}

/**
 * Chart spec building (`charts/spec`: the headline chart from 4 paths x n rows) and a whole
 * report generated into a temp dir (`report/generate`: sweep, findings, SVG, PNG, Markdown, HTML).
 */
export function reportTasks(opts: BenchOptions): BenchTask[] {
  const n = opts.quick ? 10 : 100;
  const rows = ["same-l2", "routed-lan", "metro", "wan"].flatMap((path, p) =>
    Array.from({ length: n }, (_, i) => ({
      path,
      dirtyRateBytesPerSec: (50 + i * 20) * MIB,
      totalTimeSec: 60 + i + p * 5,
      outcome: i > n * 0.8 ? "converged-throttled" : "converged",
    })),
  );
  const points = opts.quick ? 5 : 20;
  const resolved = resolveReport(parseReportText(reportText(points)), () => {
    throw new Error("no sweep files");
  });
  let dir = "";
  return [
    {
      name: "charts/spec",
      size: `${rows.length} rows`,
      fn: () => {
        const spec = migrationTimeChart(rows);
        consume(JSON.stringify(spec).length);
      },
    },
    {
      name: "report/generate",
      size: `1 section, ${2 * points} scenarios, 1 chart`,
      scenariosPerCall: 2 * points,
      before: () => {
        dir = mkdtempSync(join(tmpdir(), "vmotion-bench-report-"));
      },
      fn: async () => {
        const report = await buildReport(resolved);
        const files = await renderReportFiles(report);
        await writeReportDir(join(dir, "out"), files);
        consume(files.size);
      },
      after: () => {
        rmSync(dir, { recursive: true, force: true });
      },
    },
  ];
}
