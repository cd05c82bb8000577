import type { TopLevelSpec } from "vega-lite";
import type { ChartText } from "../../charts/index.js";
import type { BuiltTable, ChartRequest } from "../types.js";

/**
 * What a section builder returns: findings, the charts drawn (named by `buildSection`), tables
 * and the assumptions behind them. Every section kind is a pure builder of one of these.
 */
export interface SectionParts {
  readonly findings: string[];
  readonly charts: ChartDraft[];
  readonly tables: BuiltTable[];
  readonly assumptions: string[];
}

/** A chart drawn for request `index` of the section's `charts`. */
export interface ChartDraft {
  readonly request: ChartRequest;
  readonly index: number;
  readonly spec: TopLevelSpec;
}

export function emptyParts(): SectionParts {
  return { findings: [], charts: [], tables: [], assumptions: [] };
}

/** Record chart `j` of the section's requests. */
export function addChart(
  parts: SectionParts,
  request: ChartRequest,
  index: number,
  spec: TopLevelSpec,
): void {
  parts.charts.push({ request, index, spec });
}

/** The title and subtitle a chart request sets. */
export function chartText(c: ChartRequest): ChartText {
  return {
    ...(c.title !== undefined ? { title: c.title } : {}),
    ...(c.subtitle !== undefined ? { subtitle: c.subtitle } : {}),
  };
}
