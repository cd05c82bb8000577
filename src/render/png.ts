import { createRequire } from "node:module";
import type { Resvg as ResvgClass } from "@resvg/resvg-js";

/** The native renderer, loaded on first use. */
let resvgCtor: typeof ResvgClass | null = null;
function loadResvg(): typeof ResvgClass {
  return (resvgCtor ??= (createRequire(import.meta.url)("@resvg/resvg-js") as { Resvg: typeof ResvgClass })
    .Resvg);
}
import { dejavuFontFiles, FONT_FAMILY } from "./fonts.js";

/** Options for {@link renderPng}. */
export interface PngOptions {
  /** Pixel density: 2 draws each SVG px as 2x2 PNG pixels (sharp on high-DPI screens). */
  readonly scale?: number;
}

/**
 * Rasterise an SVG to PNG bytes with resvg, loading only the DejaVu fonts shipped with the
 * project (no system fonts), so the same SVG gives the same pixels on every machine.
 */
export function renderPng(svg: string, options: PngOptions = {}): Uint8Array {
  const files = dejavuFontFiles();
  const Resvg = loadResvg();
  const resvg = new Resvg(svg, {
    background: "#ffffff",
    fitTo: { mode: "zoom", value: options.scale ?? 2 },
    font: {
      fontFiles: [files.regular, files.bold],
      loadSystemFonts: false,
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
    },
  });
  return new Uint8Array(resvg.render().asPng());
}
