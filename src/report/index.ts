/** Reports: report files -> built reports (findings, charts, tables) -> Markdown and HTML. */
export { parseReportText, resolveReport, reportSchemaError, prefixError, type SweepLoader } from "./load.js";
export { buildReport } from "./build.js";
export { buildSection, type SectionOptions } from "./sections/index.js";
export { simulatedPathsTable, sweepPaths, type SimulatedPath } from "./tables/paths.js";
export { renderMarkdown, markdownTable } from "./markdown.js";
export { renderHtml, htmlTable, namespaceSvg, type HtmlOptions } from "./html.js";
export { escapeHtml, escapeMarkdown, escapeMarkdownBlock, paragraphs } from "./escape.js";

export { defaultSources } from "./sources.js";
export { REPORT_SCHEMA, reportSchemaJson } from "./schema.js";
export { SENSITIVITY_INPUTS } from "./inputs.js";
export * from "./findings/index.js";
export * from "./types.js";
