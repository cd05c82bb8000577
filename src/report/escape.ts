/**
 * Escaping user text for the two outputs. Every string that did not come from this module's
 * callers' own markup (titles, intros, section titles, scenario names, findings) passes through
 * one of these before it is written.
 */

const HTML: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Text for HTML element content or a quoted attribute value.
 * Example: `escapeHtml('<script>"x"')` returns `"&lt;script&gt;&quot;x&quot;"`.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML[c] ?? c);
}

/**
 * Inline Markdown text (CommonMark and GitHub Flavored Markdown) that renders as the literal
 * characters: emphasis, code, link brackets, table pipes and strikethrough are backslash-escaped
 * (with `[` and `]` escaped, `(`, `)` and `!` cannot form a link or image); `<`, `>` and `&`
 * become entities so no raw HTML or autolink gets through; a block marker at the start (`#`,
 * `+`, `-`, `=`, `1.`) is escaped; line breaks become spaces (the caller decides the blocks).
 *
 * Example: `escapeMarkdown("a|b *c* [x](y)")` returns `"a\\|b \\*c\\* \\[x\\](y)"`.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r?\n/g, " ")
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/[&<>]/g, (c) => HTML[c] ?? c)
    .replace(/^(\s*)([-=+#])/, "$1\\$2")
    .replace(/^(\s*\d+)([.)])(?=\s|$)/, "$1\\$2");
}

/**
 * A paragraph of user text for Markdown: blank lines separate paragraphs; each paragraph is
 * escaped with {@link escapeMarkdown}, so a leading `#`, `-` or `1.` stays text.
 */
export function escapeMarkdownBlock(text: string): string {
  return paragraphs(text)
    .map((p) => escapeMarkdown(p))
    .join("\n\n");
}

/** User text split into paragraphs (blank-line separated), each on one line, empty ones dropped. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.replace(/\s*\r?\n\s*/g, " ").trim())
    .filter((p) => p !== "");
}
