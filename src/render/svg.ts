import type { TopLevelSpec } from "vega-lite";
import { installDejavuTextMeasure } from "./text-measure.js";

/**
 * Render a Vega-Lite spec to an SVG string in Node, without a browser: compile to Vega, run a
 * headless View (renderer "none") and serialise its scenegraph with `toSVG()`. Text is measured
 * with DejaVu Sans widths (see textMeasure.ts), the font the spec's config names and the PNG
 * renderer loads. vega and vega-lite load on first use, so commands that draw nothing start fast.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, { compile }] = await Promise.all([import("vega"), import("vega-lite")]);
  installDejavuTextMeasure(vega);
  const compiled = compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
