import { Command, type Option } from "commander";
import { describe, expect, it } from "vitest";
import { COMMAND_LOADERS } from "../../src/cli/commands/index.js";
import { runCli } from "./run-cli.js";

/**
 * Every flag's --help of every command (issue 17): its default shown once, a required flag
 * marked "(required)", and a value flag's placeholder named for what it takes (`<rate>`, not
 * `<value>`). The rules run on commander's own help rendering, so they see what users see; the
 * first test shows the checker catching each kind of fault.
 */

/** Placeholders that name nothing. */
const UNNAMED = new Set(["value", "unknown", "string", "arg", "args", "val", "x", "option", "type"]);

/** The faults of one option's help line, empty when it follows the rules. */
function faults(cmd: Command, opt: Option, required: ReadonlySet<string>): string[] {
  const line = `${opt.flags}  ${cmd.createHelp().optionDescription(opt)}`;
  const out: string[] = [];
  // A default as help states it: "(default 200)", "(default: \"200\")", "(6.0+, default)"; not a
  // word of a value ("default-stack-static-routes", "default gateway").
  const defaults = line.match(/\((?:[^()]*,\s*)?default\b[^()]*\)/gi)?.length ?? 0;
  if (defaults > 1) out.push(`default shown ${defaults} times: ${line}`);
  if (opt.required || opt.optional) {
    const ph = /[<[]([^>\]]*)[>\]]/.exec(opt.flags)?.[1] ?? "";
    if (ph === "" || UNNAMED.has(ph.replace(/\.\.\.$/, "").toLowerCase()))
      out.push(`placeholder not named: ${opt.flags}`);
  }
  if ((opt.mandatory || required.has(opt.long ?? "")) && !/\(required\)/.test(line))
    out.push(`required but not marked: ${line}`);
  if (!opt.mandatory && !required.has(opt.long ?? "") && /\(required\)/.test(line))
    out.push(`marked required but optional: ${line}`);
  return out;
}

/** The flag a command names as missing when run bare ("vmotion-sim: --memory: is required"). */
function firstRequired(name: string): string | null {
  const r = runCli([name]);
  return /^vmotion-sim: (--[a-z-]+): is required/m.exec(r.stderr)?.[1] ?? null;
}

describe("the help checker", () => {
  it("catches a doubled default, an unnamed placeholder and an unmarked required flag", () => {
    const cmd = new Command("t")
      .option("--size <value>", "how big")
      .option("--mode <mode>", "how (default fast)", "fast")
      .requiredOption("--out <dir>", "where");
    const got = cmd.options.flatMap((o) => faults(cmd, o, new Set()));
    expect(got).toHaveLength(3);
    expect(got[0]).toMatch(/^placeholder not named: --size <value>/);
    expect(got[1]).toMatch(/^default shown 2 times/);
    expect(got[2]).toMatch(/^required but not marked: --out <dir>/);
    // And one marked (required) that is not.
    const loose = new Command("u").option("--memory <size>", "VM memory (required)");
    expect(faults(loose, loose.options[0] as Option, new Set())).toEqual([
      "marked required but optional: --memory <size>  VM memory (required)",
    ]);
  });
});

describe("--help of every command", () => {
  it.each(Object.keys(COMMAND_LOADERS))(
    "%s: defaults once, required flags marked, placeholders named",
    async (name) => {
      const cmd = await (COMMAND_LOADERS[name] as () => Promise<Command>)();
      // The boundary's required flag (not commander's: a file-given value counts) as the command
      // reports it when run bare.
      const first = firstRequired(name);
      const required = new Set(first === null ? [] : [first]);
      expect(cmd.options.flatMap((o) => faults(cmd, o, required))).toEqual([]);
    },
  );
});
