import { unifySeriesColours } from "../charts/palette.js";
import { PRESETS, type PresetName } from "../network/index.js";
import { presetsOf, sweepPresets } from "./inputs.js";
import { buildSection, presetTable, type SectionOptions } from "./sections/index.js";
import { defaultSources } from "./sources.js";
import type { Report, ResolvedReport } from "./types.js";

/**
 * Build a report from a resolved report file: every section's data source is run, its charts
 * drawn and its findings written from the numbers; the network presets used anywhere are
 * collected into one table; the model's defaults are listed with their sources. Deterministic:
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
  const used = new Set<PresetName>();
  for (const s of file.sections) {
    if (s.sweep) sweepPresets(s.sweep).forEach((p) => used.add(p));
    for (const sc of s.scenarios ?? []) presetsOf(sc.input).forEach((p) => used.add(p));
    presetsOf(s.throughput?.path).forEach((p) => used.add(p));
    presetsOf(s.sensitivity?.base).forEach((p) => used.add(p));
    for (const q of s.solve ?? []) presetsOf(q.base).forEach((p) => used.add(p));
  }
  const order = (Object.keys(PRESETS) as PresetName[]).filter((p) => used.has(p));
  return {
    title: file.title,
    ...(file.intro !== undefined ? { intro: file.intro } : {}),
    sections: coloured,
    paths: order.length > 0 ? presetTable(order) : null,
    sources: defaultSources(),
  };
}
