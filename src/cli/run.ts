import { Command } from "commander";
import { classifyError, EXIT_BAD_INPUT } from "./exit.js";
import { installStopSignals, Interrupted, settleSignals, stoppedBy } from "./signals.js";
import { strayArgumentMessage } from "./stray-argument.js";

/**
 * The CLI program: a thin shell around the commands it is given. Commands return data; errors
 * are mapped to exit codes in `exit.ts`. No command module is imported here, so a launcher that
 * runs one command loads that command's code only (see `main.ts` and `bundle.ts`).
 */
export function buildProgram(commands: readonly Command[]): Command {
  const program = new Command("vmotion-sim")
    .description("Simulate and plan vMotion and other pre-copy live migrations")
    .version("0.1.0");
  for (const command of commands) program.addCommand(command);
  // Commander errors (unknown flag, missing value) become exceptions mapped in one place.
  const quiet = (c: Command): void => {
    c.exitOverride().configureOutput({ outputError: () => undefined });
    c.commands.forEach(quiet);
  };
  quiet(program);
  return program;
}

/** Parse `argv` (without node and script) with `commands` and run; the exit code. */
export async function runProgram(argv: readonly string[], commands: readonly Command[]): Promise<number> {
  installStopSignals();
  const program = buildProgram(commands);
  try {
    await program.parseAsync(argv as string[], { from: "user" });
    // A command too short to watch for signals still ends the way a stopped one does.
    await settleSignals();
    const sig = stoppedBy();
    if (sig !== null) throw new Interrupted(sig, `interrupted by ${sig}`);
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

/**
 * A reader that closes the pipe early (`| head`) is not an error: stop quietly. stderr gets its
 * handler when something first uses it: a run that writes nothing there (most) never builds the
 * stream, which costs ~4 ms of CPU (a pipe's or terminal's stream loads `net`), ~5 % of a
 * one-shot `estimate` (bench `cli/startup`). Node defines `process.stderr` as a configurable getter
 * that builds the stream once; it is wrapped, and put back at the first use.
 */
export function quietOnClosedPipe(): void {
  const onError = (err: NodeJS.ErrnoException): void => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  };
  process.stdout.on("error", onError);
  const stderr = Object.getOwnPropertyDescriptor(process, "stderr");
  const getStderr = stderr?.get;
  if (stderr === undefined || getStderr === undefined || !stderr.configurable) {
    process.stderr.on("error", onError);
    return;
  }
  Object.defineProperty(process, "stderr", {
    configurable: true,
    enumerable: stderr.enumerable ?? true,
    get(): NodeJS.WriteStream {
      Object.defineProperty(process, "stderr", stderr);
      const stream = getStderr.call(process) as NodeJS.WriteStream;
      stream.on("error", onError);
      return stream;
    },
  });
}
