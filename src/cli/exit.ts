import { CommanderError } from "commander";
import { InputError } from "../errors.js";

/** Exit codes: 0 any simulated outcome, 2 bad input, 1 internal error. The one place they are chosen. */
export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_BAD_INPUT = 2;

/** Map anything thrown by a command to an exit code and one line for stderr. */
export function classifyError(err: unknown): { code: number; message: string } {
  if (err instanceof InputError) return { code: EXIT_BAD_INPUT, message: `vmotion-sim: ${err.message}` };
  if (err instanceof CommanderError) {
    if (
      err.code === "commander.helpDisplayed" ||
      err.code === "commander.version" ||
      err.code === "commander.help"
    )
      return { code: EXIT_OK, message: "" };
    return { code: EXIT_BAD_INPUT, message: `vmotion-sim: ${err.message.replace(/^error: /, "")}` };
  }
  const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
  return { code: EXIT_INTERNAL, message: `vmotion-sim: internal error: ${detail}` };
}
