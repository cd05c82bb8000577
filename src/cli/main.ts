#!/usr/bin/env node
import { existsSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/**
 * The `vmotion-sim` launcher. It loads as little as it can before the command runs:
 *
 * - a command that `npm run build` bundled (`dist/src/bin/NAME.cjs`, see `bundle.ts`) is run from
 *   its bundle: one CommonJS file holding the command, commander and the core, so Node neither
 *   resolves ~50 ES modules one by one nor runs the CommonJS lexer over commander (estimate start-up
 *   went from 1.6x to ~1.25x `node -e 0` in CPU time). A bundle older than this file (the sources
 *   were compiled again without bundling) is not used;
 * - anything else (`report`, help, an unknown command) imports the ES modules of the commands it
 *   needs: only the one it runs, or all for top-level help (`commands/index.ts`).
 */
const argv = process.argv.slice(2);

/** The bundle for the command named first in `argv`, when it exists and is fresh; else null. */
function freshBundle(): string | null {
  const name = argv[0];
  if (name === undefined || !/^[a-z]+$/.test(name)) return null;
  const bundle = fileURLToPath(new URL(`../bin/${name}.cjs`, import.meta.url));
  if (!existsSync(bundle)) return null;
  return statSync(bundle).mtimeMs >= statSync(fileURLToPath(import.meta.url)).mtimeMs ? bundle : null;
}

const bundle = freshBundle();
if (bundle !== null) {
  createRequire(import.meta.url)(bundle);
} else {
  const [{ loadCommands }, { quietOnClosedPipe, runProgram }] = await Promise.all([
    import("./commands/index.js"),
    import("./run.js"),
  ]);
  quietOnClosedPipe();
  process.exitCode = await runProgram(argv, await loadCommands(argv));
}
