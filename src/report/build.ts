import { unifySeriesColours } from "../charts/palette.js";
import { sectionPaths } from "./section-paths.js";
import { buildSection, type SectionOptions } from "./sections/index.js";
import { simulatedPathsTable } from "./tables/paths.js";
import { defaultSources } from "./sources.js";
import type { Report, ResolvedReport } from "./types.js";

/**
 * Build a report from a resolved report file: every section's data source is run, its charts
 * drawn and its findings written from the numbers; the network paths simulated anywhere (with
 * each section's overrides, under the user's labels) are collected into one table; the model's defaults are listed with their sources. Deterministic:
 * the same file gives the same report (seeded Monte Carlo, no clocks).
 */
export async function buildReport(file: ResolvedReport, opts: SectionOptions = {}): Promise<Report> {
  const sections = [];
  for (const [i, s] of file.sections.entries()) sections.push(await buildSection(s, i, opts));
  // One colour per series name across the report's charts.
  const specs = unifySeriesColours(sections.flatMap((s) => s.charts.map((c) => c.spec)));
  let k = 0;
  const coloured = sections.map((s) => ({
    ...s,
    charts: s.charts.map((c) => ({ ...c, spec: specs[k++] as typeof c.spec })),
  }));
  // The paths as simulated, each with its section's overrides, under the user's labels.
  const paths = simulatedPathsTable(
    file.sections.flatMap((s, i) => sectionPaths(s, `s${i + 1}`)),
    "Network paths as simulated: each preset with the overrides of the sections that use it",
    true,
  );
  return {
    title: file.title,
    ...(file.intro !== undefined ? { intro: file.intro } : {}),
    sections: coloured,
    paths,
    sources: defaultSources(),
  };
}
