import { readFileSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { advanceWidthsEm, dejavuFontFiles, measureText } from "../../src/render/index.js";

const files = dejavuFontFiles();

/** Width of `text` as resvg lays it out in DejaVu Sans (ink bounding box, px). */
function resvgInkWidth(text: string, sizePx: number, bold = false): number {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="200"><text x="10" y="150" ` +
    `font-family="DejaVu Sans" font-size="${sizePx}"${bold ? ' font-weight="bold"' : ""}>${text}</text></svg>`;
  const resvg = new Resvg(svg, {
    font: {
      fontFiles: [files.regular, files.bold],
      loadSystemFonts: false,
      defaultFontFamily: "DejaVu Sans",
    },
  });
  const box = resvg.getBBox();
  if (box === undefined) throw new Error("resvg drew nothing");
  return box.width;
}

describe("advanceWidthsEm", () => {
  it("advanceWidthsEm(DejaVuSans, 'a H i space') reads hmtx advances over unitsPerEm 2048", () => {
    // 1255, 1540, 569 and 651 font units: this parser's reading, cross-checked against resvg's
    // own layout of the same font in the measureText tests below (which would fail if wrong).
    const font = new Uint8Array(readFileSync(files.regular));
    expect(advanceWidthsEm(font, [0x61, 0x48, 0x69, 0x20])).toEqual([
      1255 / 2048,
      1540 / 2048,
      569 / 2048,
      651 / 2048,
    ]);
  });
  it("returns undefined for code points the font does not map (private use, astral)", () => {
    const font = new Uint8Array(readFileSync(files.regular));
    expect(advanceWidthsEm(font, [0xe000, 0x1f600])).toEqual([undefined, undefined]);
  });
  it("throws on bytes that are not a font", () => {
    expect(() => advanceWidthsEm(new Uint8Array(64), [0x61])).toThrow(/no head table/);
  });
});

describe("measureText", () => {
  it('measureText("Hi", 10) is 10.298 px (H 1540 + i 569 font units of 2048, at 10 px)', () => {
    expect(measureText("Hi", 10)).toBeCloseTo((10 * (1540 + 569)) / 2048, 9);
  });
  // Advance widths include the side bearings of the first and last glyph, which the ink box does
  // not; for labels of 10+ characters at 100 px that difference is under 2 %, the tolerance here.
  for (const [text, bold] of [
    ["Total migration time (min, log scale)", false],
    ["Guest dirty rate (MiB/s)", false],
    ["WWWW mmmm iiii 0123456789", false],
    ["Migration time vs dirty rate", true],
  ] as const) {
    it(`measureText("${text}"${bold ? ", bold" : ""}) agrees with resvg's layout within 2 %`, () => {
      const ours = measureText(text, 100, bold);
      const theirs = resvgInkWidth(text, 100, bold);
      expect(Math.abs(ours - theirs) / theirs).toBeLessThan(0.02);
    });
  }
});
