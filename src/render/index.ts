export { renderSvg } from "./svg.js";
export { renderPng, type PngOptions } from "./png.js";
export { writeChart, type ChartFiles } from "./write.js";
export { dejavuFontFiles, FONT_FAMILY } from "./fonts.js";
export { measureText, installDejavuTextMeasure } from "./text-measure.js";
export { advanceWidthsEm } from "./ttf-metrics.js";
