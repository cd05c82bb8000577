import { renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/**
 * Build step, run by `bundle.ts` in a child process for each bundle:
 * `node dist/src/cli/code-cache.js BUNDLE NAME ARGS...` runs the bundle on the command line
 * `NAME ARGS...` as the launcher (`main.cts`) would, and when the process exits writes V8's code
 * cache of it beside the bundle (`NAME.code-cache`). Made after the run, the cache holds the
 * bytecode of every function that run compiled (commander's setup and parsing, the command, the
 * core), not only the top level, so a later run of the launcher neither parses nor compiles them.
 * Only the build writes it; the launcher only reads it.
 */
type Launcher = typeof import("./main.cjs");

function main(): void {
  const [bundle, ...args] = process.argv.slice(2);
  if (bundle === undefined) throw new Error("usage: code-cache.js BUNDLE NAME ARGS...");
  const launcher = createRequire(import.meta.url)("./main.cjs") as Launcher;
  const compiled = launcher.compileBundle(bundle, undefined);
  // The bundle reads its command line from process.argv, as under the launcher.
  process.argv = [process.argv[0] as string, bundle, ...args];
  process.on("exit", () => {
    const file = launcher.codeCacheOf(bundle);
    writeFileSync(`${file}.tmp`, compiled.script.createCachedData());
    renameSync(`${file}.tmp`, file);
  });
  compiled.run();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
