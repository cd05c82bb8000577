import { CommanderError } from "commander";
import { describe, expect, it } from "vitest";
import { classifyError, EXIT_BAD_INPUT, EXIT_INTERNAL } from "../../src/cli/exit.js";

describe("classifyError(err)", () => {
  it("classifyError(internal Error) is one line naming where it was thrown", () => {
    const { code, message } = classifyError(new Error("boom"));
    expect(code).toBe(EXIT_INTERNAL);
    expect(message.split("\n")).toHaveLength(1);
    expect(message).toMatch(/^vmotion-sim: internal error: boom \(at .*exit\.test\.ts:\d+:\d+\)$/);
  });

  it("classifyError(commander error with a suggestion line) joins it into one line", () => {
    const err = new CommanderError(
      1,
      "commander.unknownOption",
      "error: unknown option '--memry'\n(Did you mean --memory?)",
    );
    expect(classifyError(err)).toEqual({
      code: EXIT_BAD_INPUT,
      message: "vmotion-sim: unknown option '--memry' (did you mean --memory?)",
    });
  });
});
