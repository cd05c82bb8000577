import { loadCommands } from "./commands/index.js";
import { quietOnClosedPipe, runProgram } from "./run.js";

/**
 * A run without a bundle (`report`, help, an unknown command, or sources compiled without
 * bundling): the ES modules of the commands `argv` needs (`commands/index.ts`), only the one it
 * runs, or all of them for top-level help. The launcher is `main.cts`.
 */
export async function runUnbundled(argv: readonly string[]): Promise<void> {
  quietOnClosedPipe();
  process.exitCode = await runProgram(argv, await loadCommands(argv));
}
