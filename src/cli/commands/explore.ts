import { existsSync, readFileSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { InputError } from "../../errors.js";
import { explorePageHtml, GENERATOR } from "../../explore/html.js";
import { dejavuFontFiles } from "../../render/fonts.js";
import { out } from "../io.js";

/** The bundle `npm run build` makes (src/cli/bundle-page.ts), relative to this compiled module. */
const BUNDLE = fileURLToPath(new URL("../../../explore/page.js", import.meta.url));

/** The explore page as one string: the bundled script and the fonts inlined. */
export async function explorePage(): Promise<string> {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run "npm run build" first`);
  const fonts = dejavuFontFiles();
  const [script, regular, bold] = await Promise.all([
    readFile(BUNDLE, "utf8"),
    readFile(fonts.regular),
    readFile(fonts.bold),
  ]);
  return explorePageHtml({
    script,
    fonts: { regular: regular.toString("base64"), bold: bold.toString("base64") },
  });
}

/**
 * Write `DIR/index.html`, creating DIR. An existing `index.html` is replaced only when explore
 * wrote it (it carries the generator mark) or with `--force`: a user's own file is never lost.
 * The file is written under a temporary name and renamed into place: complete or absent.
 */
export async function writeExplorePage(dir: string, opts: { force?: boolean } = {}): Promise<string> {
  const path = join(dir, "index.html");
  if (existsSync(path) && !opts.force) {
    const head = readFileSync(path, "utf8").slice(0, 2000);
    if (!head.includes(`<meta name="generator" content="${GENERATOR}">`))
      throw new InputError(
        "conflict",
        "--out",
        `${JSON.stringify(path)} exists and was not written by explore (use --force to replace it)`,
        dir,
      );
  }
  const html = await explorePage();
  await mkdir(dir, { recursive: true });
  // Loaded on use: the chart renderer it sits with is not needed at start-up.
  const { writeAtomic } = await import("../../render/write.js");
  await writeAtomic(path, html);
  return path;
}

/** `vmotion-sim explore --out DIR`: the interactive what-if page, one offline HTML file. */
export function exploreCommand(): Command {
  const cmd = new Command("explore")
    .description("write an interactive what-if page (one self-contained HTML file, works offline)")
    .requiredOption("--out <dir>", "output directory: DIR/index.html is written")
    .option("--force", "replace DIR/index.html even if explore did not write it");
  cmd.action(async (opts: { out: string; force?: boolean }) => {
    if (opts.out.trim() === "") throw new InputError("bad-value", "--out", 'expected a directory (got "")');
    const path = await writeExplorePage(opts.out, { force: opts.force });
    out(`wrote ${path}`);
  });
  return cmd;
}
