export { renderSvg } from "./svg.js";
export { renderPng, type PngOptions } from "./png.js";
export { writeChart, writeAtomic, type ChartFiles } from "./write.js";
export { dejavuFontFiles, FONT_FAMILY } from "./fonts.js";
export { measureText, installDejavuTextMeasure } from "./textMeasure.js";
export { advanceWidthsEm } from "./ttfMetrics.js";
