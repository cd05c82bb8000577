import { renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/**
 * Build step (`npm run build` runs it after tsc): the sweep worker as one CommonJS file,
 * `dist/workers/sweep.cjs`, which the pool starts instead of `dist/workers/sweep.js` when it is
 * there and not older (`workerPath` in src/sweep/pool.ts). Every worker thread of every sweep
 * loads it: one file to read and compile, where the ES module worker resolved, read and linked
 * ~40 modules one by one (the same reason the commands are bundled, src/cli/bundle.ts).
 *
 * piscina stays external: it is the package that loads this file, in the worker's own copy of it.
 * The bundle sits beside the compiled worker, so `import.meta.url` (defined as the bundle's own
 * URL) resolves paths relative to it as the module did.
 */
async function main(): Promise<void> {
  const dir = dirname(fileURLToPath(import.meta.url)); // dist/workers
  const path = join(dir, "sweep.cjs");
  const result = await build({
    entryPoints: [join(dir, "sweep.js")],
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    external: ["piscina"],
    define: { "import.meta.url": "__bundleUrl" },
    banner: { js: `const __bundleUrl = require("node:url").pathToFileURL(__filename).href;` },
    outfile: `${path}.tmp`,
    // Whitespace and syntax only (as the command bundles): names are kept for error frames.
    minifyWhitespace: true,
    minifySyntax: true,
    metafile: true,
    logLevel: "error",
  });
  renameSync(`${path}.tmp`, path);
  // What the bundle holds, for test/sweep/worker-bundle.test.ts.
  writeFileSync(
    join(dir, "sweep.inputs.json"),
    `${JSON.stringify(Object.keys(result.metafile.inputs).sort(), null, 1)}\n`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
