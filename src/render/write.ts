import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { TopLevelSpec } from "vega-lite";
import { renderPng } from "./png.js";
import { renderSvg } from "./svg.js";

/** Paths of the three files written for one chart. */
export interface ChartFiles {
  readonly specPath: string;
  readonly svgPath: string;
  readonly pngPath: string;
}

/**
 * Write a chart three ways into `dir`: `<name>.vl.json` (open in the Vega editor), `<name>.svg` and
 * `<name>.png`. Everything is rendered in memory first; each file is then written under a
 * temporary name and renamed into place, so a reader never sees a half-written file. The one
 * place chart code touches the filesystem.
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
  await writeAtomic(files.specPath, `${JSON.stringify(spec, null, 2)}\n`);
  await writeAtomic(files.svgPath, svg);
  await writeAtomic(files.pngPath, png);
  return files;
}

/** Write to `<path>.<pid>.tmp` and rename over `path` (rename is atomic within a directory). */
export async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
