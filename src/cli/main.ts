#!/usr/bin/env node
import { Command } from "commander";
import { compareCommand } from "./commands/compare.js";
import { estimateCommand } from "./commands/estimate.js";
import { evacuateCommand } from "./commands/evacuate.js";
import { logsCommand } from "./commands/logs.js";
import { reportCommand } from "./commands/report.js";
import { solveCommand } from "./commands/solve.js";
import { sweepCommand } from "./commands/sweep.js";
import { validateCommand } from "./commands/validate.js";
import { classifyError, EXIT_BAD_INPUT } from "./exit.js";
import { strayArgumentMessage } from "./stray-argument.js";

/** The CLI: a thin shell. Commands return data; errors are mapped to exit codes in `exit.ts`. */
export function buildProgram(): Command {
  const program = new Command("vmotion-sim")
    .description("Simulate and plan vMotion and other pre-copy live migrations")
    .version("0.1.0");
  program.addCommand(estimateCommand());
  program.addCommand(compareCommand());
  program.addCommand(logsCommand());
  program.addCommand(validateCommand());
  program.addCommand(solveCommand());
  program.addCommand(reportCommand());
  program.addCommand(sweepCommand());
  program.addCommand(evacuateCommand());
  // Commander errors (unknown flag, missing value) become exceptions mapped in one place.
  const quiet = (c: Command): void => {
    c.exitOverride().configureOutput({ outputError: () => undefined });
    c.commands.forEach(quiet);
  };
  quiet(program);
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[], { from: "user" });
    return 0;
  } catch (err) {
    const stray =
      (err as { code?: unknown }).code === "commander.excessArguments" && strayArgumentMessage(program, argv);
    if (stray) {
      process.stderr.write(`vmotion-sim: ${stray}\n`);
      return EXIT_BAD_INPUT;
    }
    const { code, message } = classifyError(err);
    if (message) process.stderr.write(`${message}\n`);
    return code;
  }
}

// A reader that closes the pipe early (`| head`) is not an error: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
}

process.exitCode = await main(process.argv.slice(2));
