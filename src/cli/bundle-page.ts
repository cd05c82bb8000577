import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Build step (`npm run build` runs it after tsc): the explore page's script, bundled for the
 * browser by esbuild from the compiled `dist/src/explore/browser/main.js` (the core, the chart
 * builders, vega-embed and the page) into one minified ES module, `dist/explore/page.js`.
 * `vmotion-sim explore` inlines it into the page it writes; esbuild is needed only here, at build
 * time (a devDependency).
 */
export const BUNDLE_RELATIVE_PATH = join("explore", "page.js");

async function main(): Promise<void> {
  const { build } = await import("esbuild");
  // dist/src/cli/bundle-page.js -> dist/
  const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
  const result = await build({
    entryPoints: [join(dist, "src", "explore", "browser", "main.js")],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    legalComments: "none",
    // csv-parse's Node build uses Buffer; its browser build (exported for this) brings its own.
    alias: { "csv-parse/sync": "csv-parse/browser/esm/sync" },
    logLevel: "warning",
  });
  const code = result.outputFiles[0]?.text;
  if (code === undefined) throw new Error("esbuild produced no output");
  const out = join(dist, BUNDLE_RELATIVE_PATH);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(`${out}.tmp`, code);
  renameSync(`${out}.tmp`, out);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
