import { dirname, join } from "node:path";
import { Command } from "commander";
import { containedPath } from "../../files/contained-path.js";
import { OutputDir } from "../../files/output-dir.js";
import type { Report } from "../../report/index.js";
import { out, readUserFile, writeOutputFiles } from "../io.js";
import { plural } from "../../units/format.js";
import { stopSignal } from "../signals.js";

/** Every file of a generated report, by name relative to its directory. */
export type ReportFiles = Map<string, string | Uint8Array>;

/**
 * Read, check and build a report file; sweep files it names are read relative to it. Throws
 * InputError naming the location in the file for any problem, before anything is written.
 */
export async function loadAndBuildReport(
  file: string,
  opts: { readonly allowOutsidePaths?: boolean } = {},
): Promise<Report> {
  // Loaded on use, not at start-up: the other commands need none of it.
  const { buildReport, parseReportText, resolveReport } = await import("../../report/index.js");
  const { parseSweepText } = await import("../../sweep/load.js");
  const text = readUserFile(file, "FILE");
  const parsed = parseReportText(text, file);
  const dir = dirname(file);
  const resolved = resolveReport(parsed, (path, field) =>
    parseSweepText(readUserFile(containedPath(dir, path, field, opts.allowOutsidePaths), field), path),
  );
  // A stop signal ends the section sweeps between batches; the command then writes nothing.
  return buildReport(resolved, { signal: stopSignal });
}

/** Render every chart and the two pages: the full content of the report directory. */
export async function renderReportFiles(
  report: Report,
  opts: { exploreHref?: string } = {},
): Promise<ReportFiles> {
  const { renderPng, renderSvg } = await import("../../render/index.js");
  const { renderHtml, renderMarkdown } = await import("../../report/index.js");
  const files: ReportFiles = new Map();
  const svgs = new Map<string, string>();
  for (const s of report.sections)
    for (const c of s.charts) {
      const svg = await renderSvg(c.spec);
      svgs.set(c.name, svg);
      files.set(`${c.name}.vl.json`, `${JSON.stringify(c.spec, null, 2)}\n`);
      files.set(`${c.name}.svg`, svg);
      files.set(`${c.name}.png`, renderPng(svg));
    }
  files.set("index.md", renderMarkdown(report));
  files.set("index.html", renderHtml(report, { svgs, exploreHref: opts.exploreHref }));
  return files;
}

/** Write the report's files into its output folder and swap it in (see {@link writeOutputFiles}). */
export async function writeReportDir(
  outDir: string | OutputDir,
  files: ReportFiles,
  opts: { readonly source?: string; readonly force?: boolean } = {},
): Promise<void> {
  const dir = typeof outDir === "string" ? OutputDir.open(outDir, { force: opts.force }) : outDir;
  await writeOutputFiles(dir, files, { command: "report", source: opts.source ?? null });
}

/** `vmotion-sim report FILE --out DIR`: a blog-style report (Markdown, HTML, charts) from a report file. */
export function reportCommand(): Command {
  const cmd = new Command("report")
    .description("build a report (index.md, index.html and charts) from a report file")
    .argument("<file>", "report file (YAML; schema/report.schema.json)")
    .requiredOption(
      "--out <dir>",
      "output folder (replaced when the new report is complete, if vmotion-sim wrote it) (required)",
    )
    .option("--force", "write into a non-empty folder vmotion-sim did not write (its files are kept)")
    .option("--allow-outside-paths", "let the report file name sweep files outside its own folder")
    .option("--explore <href>", "link the HTML to an explore page at this URL, relative to DIR");
  type Opts = { out: string; force?: boolean; allowOutsidePaths?: boolean; explore?: string };
  cmd.action(async (file: string, opts: Opts) => {
    const dir = OutputDir.open(opts.out, { force: opts.force === true });
    let report;
    try {
      report = await loadAndBuildReport(file, { allowOutsidePaths: opts.allowOutsidePaths === true });
      const files = await renderReportFiles(report, { exploreHref: opts.explore });
      await writeReportDir(dir, files, { source: file });
    } finally {
      dir.discard(); // no-op once committed
    }
    const charts = report.sections.reduce((n, s) => n + s.charts.length, 0);
    out(
      `wrote ${join(opts.out, "index.md")}, ${join(opts.out, "index.html")} and ${plural(charts, "chart")}`,
    );
  });
  return cmd;
}
