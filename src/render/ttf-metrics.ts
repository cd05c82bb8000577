/**
 * Horizontal advance widths from a TrueType font, for measuring chart text in Node.
 *
 * Reads four tables of the sfnt format (Apple TrueType Reference Manual / OpenType spec):
 * `head` (unitsPerEm at byte 18), `hhea` (numberOfHMetrics at byte 34), `hmtx` (advance width
 * per glyph; glyphs past numberOfHMetrics reuse the last one) and `cmap` (format 4 subtable,
 * Unicode BMP, platform 3 encoding 1 or platform 0). Pure: takes the font bytes, returns numbers.
 *
 * Example: for DejaVu Sans (unitsPerEm 2048, "a" advance 1255) `advanceWidthsEm(font, [97])`
 * returns `[0.61279296875]`.
 */
export function advanceWidthsEm(font: Uint8Array, codePoints: readonly number[]): (number | undefined)[] {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tables = tableOffsets(view);
  const head = required(tables, "head");
  const hhea = required(tables, "hhea");
  const hmtx = required(tables, "hmtx");
  const cmap = required(tables, "cmap");
  const unitsPerEm = view.getUint16(head + 18);
  const numberOfHMetrics = view.getUint16(hhea + 34);
  const lookup = cmapFormat4(view, cmap);
  return codePoints.map((cp) => {
    const glyph = lookup(cp);
    if (glyph === 0) return undefined;
    const index = Math.min(glyph, numberOfHMetrics - 1);
    return view.getUint16(hmtx + index * 4) / unitsPerEm;
  });
}

function tableOffsets(view: DataView): Map<string, number> {
  const numTables = view.getUint16(4);
  const tables = new Map<string, number>();
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + i * 16;
    const tag = String.fromCharCode(
      view.getUint8(rec),
      view.getUint8(rec + 1),
      view.getUint8(rec + 2),
      view.getUint8(rec + 3),
    );
    tables.set(tag, view.getUint32(rec + 8));
  }
  return tables;
}

function required(tables: Map<string, number>, tag: string): number {
  const offset = tables.get(tag);
  if (offset === undefined) throw new Error(`font has no ${tag} table`);
  return offset;
}

/** A code point -> glyph index lookup from the first Unicode BMP format 4 cmap subtable. */
function cmapFormat4(view: DataView, cmap: number): (codePoint: number) => number {
  const count = view.getUint16(cmap + 2);
  for (let i = 0; i < count; i++) {
    const platform = view.getUint16(cmap + 4 + i * 8);
    const encoding = view.getUint16(cmap + 6 + i * 8);
    const sub = cmap + view.getUint32(cmap + 8 + i * 8);
    const unicode = (platform === 3 && encoding === 1) || platform === 0;
    if (unicode && view.getUint16(sub) === 4) return format4(view, sub);
  }
  throw new Error("font has no Unicode format 4 cmap subtable");
}

function format4(view: DataView, sub: number): (codePoint: number) => number {
  const segCount = view.getUint16(sub + 6) / 2;
  const ends = sub + 14;
  const starts = ends + segCount * 2 + 2;
  const deltas = starts + segCount * 2;
  const rangeOffsets = deltas + segCount * 2;
  return (cp) => {
    if (cp > 0xffff) return 0;
    for (let s = 0; s < segCount; s++) {
      if (cp > view.getUint16(ends + s * 2)) continue;
      const start = view.getUint16(starts + s * 2);
      if (cp < start) return 0;
      const delta = view.getInt16(deltas + s * 2);
      const ro = view.getUint16(rangeOffsets + s * 2);
      if (ro === 0) return (cp + delta) & 0xffff;
      const glyph = view.getUint16(rangeOffsets + s * 2 + ro + (cp - start) * 2);
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
}
