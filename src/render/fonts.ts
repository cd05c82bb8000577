import { createRequire } from "node:module";

/**
 * The fonts charts are drawn with: DejaVu Sans from the `dejavu-fonts-ttf` npm package, a
 * dependency of this project, so a clean machine renders the same text as a developer's.
 */
export const FONT_FAMILY = "DejaVu Sans";

const require = createRequire(import.meta.url);

/** Absolute paths of the regular and bold DejaVu Sans files. */
export function dejavuFontFiles(): { regular: string; bold: string } {
  return {
    regular: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"),
    bold: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"),
  };
}
