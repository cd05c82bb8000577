import { CommanderError } from "commander";
import { InputError } from "../errors.js";
import { Interrupted, signalExitCode } from "./signals.js";

/**
 * Exit codes: 0 any simulated outcome, 2 bad input, 1 internal error, 130/143 stopped by SIGINT/SIGTERM.
 * The one place they are chosen.
 */
export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_BAD_INPUT = 2;

/**
 * One line, whatever the source: commander's "(Did you mean --memory?)" on a second line joins
 * the first, lower-cased, so every error is a single `vmotion-sim:` line a script can grep.
 */
export function oneLine(text: string): string {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .map((l, k) => (k > 0 ? l.replace(/^\(Did you mean/, "(did you mean") : l))
    .join(" ");
}

/** Map anything thrown by a command to an exit code and one line for stderr. */
export function classifyError(err: unknown): { code: number; message: string } {
  if (err instanceof Interrupted)
    return { code: signalExitCode(err.signal), message: `vmotion-sim: ${oneLine(err.message)}` };
  if (err instanceof InputError)
    return { code: EXIT_BAD_INPUT, message: `vmotion-sim: ${oneLine(err.message)}` };
  if (err instanceof CommanderError) {
    if (err.code === "commander.helpDisplayed" || err.code === "commander.version")
      return { code: EXIT_OK, message: "" };
    // Help shown because no command was given (commander printed it on stderr): a usage error.
    if (err.code === "commander.help")
      return err.exitCode === 0
        ? { code: EXIT_OK, message: "" }
        : { code: EXIT_BAD_INPUT, message: "vmotion-sim: no command given (the commands are listed above)" };
    return { code: EXIT_BAD_INPUT, message: `vmotion-sim: ${oneLine(err.message.replace(/^error: /, ""))}` };
  }
  // A bug: one line with the message and where it was thrown (the first stack frame).
  const detail = err instanceof Error ? err.message : String(err);
  const frame = err instanceof Error ? /\n\s*at (.*)/.exec(err.stack ?? "")?.[1] : undefined;
  return {
    code: EXIT_INTERNAL,
    message: `vmotion-sim: internal error: ${oneLine(detail)}${frame ? ` (at ${frame})` : ""}`,
  };
}
