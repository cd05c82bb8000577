import type { TopLevelSpec } from "vega-lite";
import type { BuiltChart, BuiltSection, ChartRequest, ResolvedSection } from "../types.js";
import type { SectionParts } from "./parts.js";
import { configsSection } from "./configs.js";
import { scenariosSection } from "./scenarios.js";
import { sensitivitySection } from "./sensitivity.js";
import { solveSection } from "./solve.js";
import { sweepSection } from "./sweep.js";
import { throughputSection } from "./throughput.js";

/**
 * Build one section: run its data source through the builder of its kind (one module each, each
 * a pure builder of {@link SectionParts}), then name its charts. Pure apart from CPU: no files,
 * no clocks (sweeps run in-process unless `workers` is set).
 */
export interface SectionOptions {
  /** Sweep worker threads; 0 (default) runs in-process. */
  readonly workers?: number;
  /** Stops the section sweeps between batches (the CLI passes its SIGINT/SIGTERM signal). */
  readonly signal?: AbortSignal;
}

/** `s2-feasibility`, or `s2-feasibility-1` when the section draws two charts of that kind. */
function chartName(id: string, c: ChartRequest, j: number, all: readonly ChartRequest[]): string {
  const dup = all.filter((x) => x.kind === c.kind).length > 1;
  return `${id}-${c.kind}${dup ? `-${j + 1}` : ""}`;
}

function specTitle(spec: TopLevelSpec): string {
  const t = (spec as { title?: string | { text?: string } }).title;
  return typeof t === "string" ? t : (t?.text ?? "");
}

async function partsOf(sec: ResolvedSection, opts: SectionOptions): Promise<SectionParts> {
  switch (sec.source) {
    case "sweep":
      return sweepSection(sec, opts);
    case "scenarios":
      return scenariosSection(sec);
    case "throughput":
      return throughputSection(sec);
    case "sensitivity":
      return sensitivitySection(sec);
    case "solve":
      return solveSection(sec);
    case "configs":
      return configsSection(sec);
  }
}

export async function buildSection(
  sec: ResolvedSection,
  index: number,
  opts: SectionOptions = {},
): Promise<BuiltSection> {
  const id = `s${index + 1}`;
  const parts = await partsOf(sec, opts);
  const requests = sec.charts ?? [];
  const charts: BuiltChart[] = parts.charts.map((d) => ({
    name: chartName(id, d.request, d.index, requests),
    caption: specTitle(d.spec),
    spec: d.spec,
  }));
  return {
    id,
    title: sec.title,
    ...(sec.text !== undefined ? { text: sec.text } : {}),
    findings: parts.findings,
    charts,
    tables: parts.tables,
    assumptions: parts.assumptions,
  };
}
