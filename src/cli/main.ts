#!/usr/bin/env node
import { createRequire } from "node:module";

/**
 * `node dist/src/cli/main.js`: the launcher is CommonJS (`main.cts`, package.json `bin`,
 * `dist/src/cli/main.cjs`), cheaper to start; this entry hands over to it.
 */
const { launch } = createRequire(import.meta.url)("./main.cjs") as { launch(argv: readonly string[]): void };
launch(process.argv.slice(2));
