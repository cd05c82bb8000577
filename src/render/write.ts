import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { TopLevelSpec } from "vega-lite";
import { renderPng } from "./png.js";
import { renderSvg } from "./svg.js";
import { writeFileAtomic } from "../files/atomic-write.js";

/** Paths of the three files written for one chart. */
export interface ChartFiles {
  readonly specPath: string;
  readonly svgPath: string;
  readonly pngPath: string;
}

/**
 * Write a chart three ways into `dir`: `<name>.vl.json` (open in the Vega editor), `<name>.svg` and
 * `<name>.png`. Everything is rendered in memory first; each file is then written atomically
 * ({@link writeFileAtomic}), so a reader never sees a half-written file. The one place chart code
 * touches the filesystem.
 */
export async function writeChart(dir: string, name: string, spec: TopLevelSpec): Promise<ChartFiles> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    throw new Error(`chart name must be letters, digits, ".", "_" or "-" (got ${JSON.stringify(name)})`);
  }
  const svg = await renderSvg(spec);
  const png = renderPng(svg);
  await mkdir(dir, { recursive: true });
  const files: ChartFiles = {
    specPath: join(dir, `${name}.vl.json`),
    svgPath: join(dir, `${name}.svg`),
    pngPath: join(dir, `${name}.png`),
  };
  writeFileAtomic(files.specPath, `${JSON.stringify(spec, null, 2)}\n`);
  writeFileAtomic(files.svgPath, svg);
  writeFileAtomic(files.pngPath, png);
  return files;
}
