import { escapeHtml, paragraphs } from "./escape.js";
import type { BuiltTable, Report } from "./types.js";

/**
 * The report as one standalone HTML page: charts inline as SVG (no network, no scripts needed),
 * tables, findings, sources. Every string that is not markup passes through `escapeHtml`.
 * `svgs` maps chart names to their SVG text; `script` (optional) is inlined at the end of the
 * body, e.g. vega-embed for interactive charts. No timestamps, no machine paths.
 */
export interface HtmlOptions {
  readonly svgs: ReadonlyMap<string, string>;
  /** JavaScript inlined at the end of the body (never a URL). */
  readonly script?: string;
  /** A link to the interactive what-if page (`vmotion-sim explore`), relative to the report. */
  readonly exploreHref?: string;
}

const STYLE = `
body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #222; margin: 0; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; line-height: 1.5; }
h1 { font-size: 1.8rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #ddd; }
figure { margin: 1.5rem 0; overflow-x: auto; } figure svg { max-width: 100%; height: auto; }
figcaption { font-style: italic; color: #555; font-size: 0.9rem; }
.table { overflow-x: auto; margin: 1rem 0; } table { border-collapse: collapse; font-size: 0.9rem; }
caption { text-align: left; font-weight: bold; padding-bottom: 0.3rem; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; vertical-align: top; }
th { background: #f3f3f3; } td.num { text-align: right; white-space: nowrap; }
ul.findings li { margin-bottom: 0.4rem; } .assumptions { color: #444; font-size: 0.9rem; }
`;

export function renderHtml(report: Report, opts: HtmlOptions): string {
  const out: string[] = [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(report.title)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    "<main>",
    `<h1>${escapeHtml(report.title)}</h1>`,
  ];
  if (report.intro !== undefined) out.push(...paragraphs(report.intro).map((p) => `<p>${escapeHtml(p)}</p>`));
  if (opts.exploreHref !== undefined)
    out.push(
      `<p class="explore">Your own numbers: <a href="${escapeHtml(opts.exploreHref)}">the interactive what-if page</a> runs the same model in the browser, offline.</p>`,
    );
  for (const s of report.sections) {
    out.push(`<section id="${escapeHtml(s.id)}">`, `<h2>${escapeHtml(s.title)}</h2>`);
    if (s.text !== undefined) out.push(...paragraphs(s.text).map((p) => `<p>${escapeHtml(p)}</p>`));
    if (s.findings.length > 0)
      out.push('<ul class="findings">', ...s.findings.map((f) => `<li>${escapeHtml(f)}</li>`), "</ul>");
    for (const c of s.charts) {
      const svg = opts.svgs.get(c.name);
      if (svg === undefined) throw new Error(`no SVG for chart ${c.name}`);
      out.push(
        `<figure class="chart" id="${escapeHtml(c.name)}" data-spec="${escapeHtml(c.name)}.vl.json">`,
        namespaceSvg(svg, c.name),
        `<figcaption>${escapeHtml(c.caption)} (<a href="${escapeHtml(c.name)}.vl.json">Vega-Lite spec</a>, <a href="${escapeHtml(c.name)}.png">PNG</a>)</figcaption>`,
        "</figure>",
      );
    }
    for (const t of s.tables) out.push(htmlTable(t));
    if (s.assumptions.length > 0)
      out.push(
        '<div class="assumptions"><p>Assumptions:</p><ul>',
        ...s.assumptions.map((a) => `<li>${escapeHtml(a)}</li>`),
        "</ul></div>",
      );
    out.push("</section>");
  }
  if (report.paths !== null)
    out.push('<section id="paths">', "<h2>Network paths</h2>", htmlTable(report.paths), "</section>");
  out.push(
    '<section id="sources">',
    "<h2>Defaults and their sources</h2>",
    htmlTable({
      caption: "Model defaults used unless a scenario overrides them",
      header: ["Default", "Value", "Source"],
      rows: report.sources.map((s) => [s.what, s.value, s.source]),
    }),
    "</section>",
    "</main>",
  );
  if (opts.script !== undefined)
    out.push(`<script>${opts.script.replace(/<\/script/gi, "<\\/script")}</script>`);
  out.push("</body>", "</html>");
  return `${out.join("\n")}\n`;
}

/**
 * An HTML table in a box that scrolls sideways when the table is wider than the page (the paths
 * and configurations tables ran past the page's right edge); backticked spans become <code>.
 */
export function htmlTable(t: BuiltTable): string {
  const cell = (c: string): string =>
    escapeHtml(c).replace(/`([^`]+)`/g, (_m, code: string) => `<code>${code}</code>`);
  return [
    '<div class="table"><table>',
    `<caption>${escapeHtml(t.caption)}</caption>`,
    `<thead><tr>${t.header.map((h) => `<th>${cell(h)}</th>`).join("")}</tr></thead>`,
    "<tbody>",
    ...t.rows.map(
      (r) =>
        `<tr>${r.map((c, i) => `<td${t.numeric?.[i] ? ' class="num"' : ""}>${cell(c)}</td>`).join("")}</tr>`,
    ),
    "</tbody>",
    "</table></div>",
  ].join("\n");
}

/**
 * Make the ids of one inline SVG unique in the page (vega names clip paths and gradients
 * `clip1`, `gradient_0`, ... in every chart): prefix each `id` and every `#id` reference.
 * The XML prolog, if any, is dropped.
 */
export function namespaceSvg(svg: string, prefix: string): string {
  const ids = new Set<string>();
  for (const m of svg.matchAll(/\sid="([^"]+)"/g)) if (m[1] !== undefined) ids.add(m[1]);
  let out = svg.replace(/^<\?xml[^>]*\?>\s*/, "");
  if (ids.size === 0) return out;
  out = out.replace(/(\sid=")([^"]+)(")/g, (m, a: string, id: string, b: string) =>
    ids.has(id) ? `${a}${prefix}-${id}${b}` : m,
  );
  out = out.replace(/url\(#([^)]+)\)/g, (m, id: string) => (ids.has(id) ? `url(#${prefix}-${id})` : m));
  out = out.replace(/(href=")#([^"]+)(")/g, (m, a: string, id: string, b: string) =>
    ids.has(id) ? `${a}#${prefix}-${id}${b}` : m,
  );
  return out;
}
