import { escapeMarkdown, escapeMarkdownBlock } from "./escape.js";
import type { BuiltTable, Report } from "./types.js";

/**
 * The report as Markdown for blogs: headings, generated findings as bullets, each chart as a
 * relative image link to its PNG with links to its spec and SVG, tables as GFM pipe tables. Every
 * string that is not markup passes through `escapeMarkdown`. No timestamps, no machine paths.
 */
export function renderMarkdown(report: Report): string {
  const out: string[] = [`# ${escapeMarkdown(report.title)}`, ""];
  if (report.intro !== undefined && report.intro.trim() !== "")
    out.push(escapeMarkdownBlock(report.intro), "");
  for (const s of report.sections) {
    out.push(`## ${escapeMarkdown(s.title)}`, "");
    if (s.text !== undefined && s.text.trim() !== "") out.push(escapeMarkdownBlock(s.text), "");
    if (s.findings.length > 0) {
      out.push(...s.findings.map((f) => `- ${escapeMarkdown(f)}`), "");
    }
    for (const c of s.charts) {
      out.push(`![${escapeMarkdown(c.caption)}](${c.name}.png)`, "");
      out.push(
        `*${escapeMarkdown(c.caption)}* ([Vega-Lite spec](${c.name}.vl.json), [SVG](${c.name}.svg))`,
        "",
      );
    }
    for (const t of s.tables) out.push(markdownTable(t), "");
    if (s.assumptions.length > 0) {
      out.push("Assumptions:", "", ...s.assumptions.map((a) => `- ${escapeMarkdown(a)}`), "");
    }
  }
  if (report.paths !== null) out.push("## Network paths", "", markdownTable(report.paths), "");
  out.push("## Defaults and their sources", "");
  out.push(
    markdownTable({
      caption: "Model defaults used unless a scenario overrides them",
      header: ["Default", "Value", "Source"],
      rows: report.sources.map((s) => [s.what, s.value, s.source]),
    }),
    "",
  );
  return `${out.join("\n").replace(/\n+$/, "")}\n`;
}

/** A GFM table with its caption in bold above; `numeric` columns right-aligned. Cells are escaped. */
export function markdownTable(t: BuiltTable): string {
  const cell = (c: string): string => codeSpans(c);
  const align = t.header.map((_, i) => (t.numeric?.[i] ? "---:" : "---"));
  return [
    `**${escapeMarkdown(t.caption)}**`,
    "",
    `| ${t.header.map(cell).join(" | ")} |`,
    `| ${align.join(" | ")} |`,
    ...t.rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
  ].join("\n");
}

/** Escape a cell, keeping our own `code` spans (setting names) as code. */
function codeSpans(text: string): string {
  return text
    .split(/(`[^`]+`)/)
    .map((part) => (/^`[^`]+`$/.test(part) ? part.replace(/\|/g, "\\|") : escapeMarkdown(part)))
    .join("");
}
