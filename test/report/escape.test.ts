import { describe, expect, it } from "vitest";
import {
  escapeHtml,
  escapeMarkdown,
  renderHtml,
  renderMarkdown,
  type Report,
} from "../../src/report/index.js";

const NASTY = 'Evil <script>alert("x")</script> | *bold* [x](y) & _u_';

/** A report whose every user string is hostile. */
function hostile(): Report {
  return {
    title: NASTY,
    intro: `# not a heading\n\n- not a list ${NASTY}`,
    sections: [
      {
        id: "s1",
        title: NASTY,
        text: NASTY,
        findings: [NASTY],
        charts: [],
        tables: [{ caption: NASTY, header: ["a|b", "c"], rows: [[NASTY, "1"]] }],
        assumptions: [NASTY],
      },
    ],
    paths: null,
    sources: [],
  };
}

describe("escapeMarkdown(text)", () => {
  it("escapes emphasis, links, pipes and raw HTML", () => {
    expect(escapeMarkdown("a|b *c* [x](y)")).toBe("a\\|b \\*c\\* \\[x\\](y)");
    expect(escapeMarkdown("<script>")).toBe("&lt;script&gt;");
    expect(escapeMarkdown("# h")).toBe("\\# h");
    expect(escapeMarkdown("1. item")).toBe("1\\. item");
    expect(escapeMarkdown("9.9 Gbit/s")).toBe("9.9 Gbit/s");
  });
});

describe("escapeHtml(text)", () => {
  it("escapes the five HTML specials", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});

describe("renderMarkdown(report) escapes every user string", () => {
  const md = renderMarkdown(hostile());
  it("has no raw tag, link or emphasis from user text", () => {
    expect(md).not.toContain("<script>");
    expect(md).not.toMatch(/[^\\]\[x\]/);
    expect(md).not.toMatch(/(^|[^\\])\*bold/m);
    expect(md).toContain(
      'Evil &lt;script&gt;alert("x")&lt;/script&gt; \\| \\*bold\\* \\[x\\](y) &amp; \\_u\\_',
    );
  });
  it("keeps the title a heading and user text out of block markup", () => {
    expect(md.split("\n")[0]).toMatch(/^# Evil /);
    expect(md).toContain("\\# not a heading");
    expect(md).toContain("\\- not a list");
  });
  it("escapes pipes in table cells so the row keeps its columns", () => {
    const row = md.split("\n").find((l) => l.startsWith("| Evil"));
    expect(row?.split(/(?<!\\)\|/).length).toBe(4); // "", cell, cell, "" around 3 unescaped pipes
  });
});

describe("renderHtml(report) escapes every user string", () => {
  const html = renderHtml(hostile(), { svgs: new Map() });
  it("has no script element and no user markup", () => {
    expect(html).not.toContain("<script");
    expect(html).not.toContain('<a href="y"');
    expect(html).toContain(
      "<title>Evil &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; | *bold* [x](y) &amp; _u_</title>",
    );
  });
});
