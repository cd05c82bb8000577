/** A plain-text table with right-aligned numeric columns, for terminal output. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  // A loop, not Math.max(...cells): a spread of a long table overflows the call stack.
  const widths = header.map((h, c) => {
    let w = h.length;
    for (const r of rows) w = Math.max(w, (r[c] ?? "").length);
    return w;
  });
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, c) => {
        const w = widths[c] ?? 0;
        return c === 0 ? cell.padEnd(w) : cell.padStart(w);
      })
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
