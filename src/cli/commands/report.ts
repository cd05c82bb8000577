import { existsSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { Command } from "commander";
import { InputError } from "../../errors.js";
import type { Report } from "../../report/index.js";
import { out, readUserFile } from "../io.js";

/** Every file of a generated report, by name relative to its directory. */
export type ReportFiles = Map<string, string | Uint8Array>;

/**
 * Read, check and build a report file; sweep files it names are read relative to it. Throws
 * InputError naming the location in the file for any problem, before anything is written.
 */
export async function loadAndBuildReport(file: string): Promise<Report> {
  // Loaded on use, not at start-up: the other commands need none of it.
  const { buildReport, parseReportText, resolveReport } = await import("../../report/index.js");
  const { parseSweepText } = await import("../../sweep/load.js");
  const text = readUserFile(file, "FILE");
  const parsed = parseReportText(text, file);
  const dir = dirname(file);
  const resolved = resolveReport(parsed, (path, field) =>
    parseSweepText(readUserFile(resolve(dir, path), field), path),
  );
  return buildReport(resolved);
}

/** Render every chart and the two pages: the full content of the report directory. */
export async function renderReportFiles(report: Report): Promise<ReportFiles> {
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
  files.set("index.html", renderHtml(report, { svgs }));
  return files;
}

/**
 * Write the files into a fresh directory next to `outDir` and rename it into place, replacing an
 * existing `outDir` only once the new one is complete: a failure leaves no partial directory.
 */
export async function writeReportDir(outDir: string, files: ReportFiles): Promise<void> {
  const target = resolve(outDir);
  const tmp = join(dirname(target), `.${basename(target)}.tmp-${process.pid}`);
  const old = join(dirname(target), `.${basename(target)}.old-${process.pid}`);
  await rm(tmp, { recursive: true, force: true });
  try {
    await mkdir(tmp, { recursive: true });
    for (const [name, data] of [...files].sort(([a], [b]) => a.localeCompare(b)))
      await writeFile(join(tmp, name), data);
    if (existsSync(target)) await rename(target, old);
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    if (existsSync(old) && !existsSync(target)) await rename(old, target);
    throw err;
  }
  await rm(old, { recursive: true, force: true });
}

/** `vmotion-sim report FILE --out DIR`: a blog-style report (Markdown, HTML, charts) from a report file. */
export function reportCommand(): Command {
  const cmd = new Command("report")
    .description("build a report (index.md, index.html and charts) from a report file")
    .argument("<file>", "report file (YAML; schema/report.schema.json)")
    .requiredOption("--out <dir>", "output directory (replaced when the new report is complete)");
  cmd.action(async (file: string, opts: { out: string }) => {
    if (opts.out.trim() === "") throw new InputError("bad-value", "--out", 'expected a directory (got "")');
    const report = await loadAndBuildReport(file);
    const files = await renderReportFiles(report);
    await writeReportDir(opts.out, files);
    const charts = report.sections.reduce((n, s) => n + s.charts.length, 0);
    out(`wrote ${join(opts.out, "index.md")}, ${join(opts.out, "index.html")} and ${charts} charts`);
  });
  return cmd;
}
