import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { explorePageHtml } from "../../explore/html.js";
import { OutputDir } from "../../files/output-dir.js";
import { dejavuFontFiles } from "../../render/fonts.js";
import { out, writeOutputFiles } from "../io.js";

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
 * `vmotion-sim explore --out DIR`: the interactive what-if page, one offline HTML file,
 * `DIR/index.html`. DIR is an output folder like a report's (`src/files/output-dir.ts`): written
 * beside it and swapped in when complete, replacing only a folder vmotion-sim wrote.
 */
export function exploreCommand(): Command {
  const cmd = new Command("explore")
    .description("write an interactive what-if page (one self-contained HTML file, works offline)")
    .requiredOption(
      "--out <dir>",
      "output folder: DIR/index.html (replaced if vmotion-sim wrote it) (required)",
    )
    .option("--force", "write into a non-empty folder vmotion-sim did not write (its files are kept)");
  cmd.action(async (opts: { out: string; force?: boolean }) => {
    const dir = OutputDir.open(opts.out, { force: opts.force === true });
    try {
      const html = await explorePage();
      await writeOutputFiles(dir, new Map([["index.html", html]]), { command: "explore", source: null });
    } finally {
      dir.discard(); // no-op once committed
    }
    out(`wrote ${join(opts.out, "index.html")}`);
  });
  return cmd;
}
