import type { Command } from "commander";

/**
 * Say which word of a command line is one too many, and after which flag, where commander only
 * says "too many arguments for 'estimate'. Expected 0 arguments but got 1.".
 *
 * The usual cause is a value with a space before its unit (`--memory 64 GiB`): the unit becomes
 * a stray argument. We walk the words as commander does (a flag that takes a value consumes the
 * next word; `--flag=value` consumes none) and name the first operand beyond the command's
 * declared arguments. Hand-written because commander's error carries neither the word nor the
 * command it came from.
 *
 * Example: `strayArgumentMessage(program, ["estimate", "--memory", "64", "GiB"])` returns
 * `--memory: unexpected "GiB" after "64" (write a value with its unit as one word: --memory 64GiB, or quote it)`.
 */
export function strayArgumentMessage(program: Command, argv: readonly string[]): string | undefined {
  let cmd: Command = program;
  let i = 0;
  // Descend into the subcommand named by the first word that is not a flag.
  while (i < argv.length) {
    const sub = cmd.commands.find((c) => c.name() === argv[i] || c.aliases().includes(argv[i] ?? ""));
    if (sub === undefined) break;
    cmd = sub;
    i++;
  }
  const declared = cmd.registeredArguments;
  const capacity = declared.some((a) => a.variadic) ? Number.POSITIVE_INFINITY : declared.length;
  let operands = 0;
  let lastFlag: { flag: string; value: string | undefined } | undefined;
  for (; i < argv.length; i++) {
    const word = argv[i] as string;
    if (word === "--") break;
    if (word.startsWith("-") && word.length > 1) {
      const name = word.split("=")[0] as string;
      const opt = cmd.options.find((o) => o.long === name || o.short === name);
      const takesValue = opt !== undefined && (opt.required || opt.optional) && !word.includes("=");
      const value = takesValue ? argv[i + 1] : word.includes("=") ? word.slice(name.length + 1) : undefined;
      lastFlag = { flag: name, value };
      if (takesValue) i++;
      continue;
    }
    operands++;
    if (operands <= capacity) {
      lastFlag = undefined;
      continue;
    }
    const stray = JSON.stringify(word);
    if (lastFlag === undefined) {
      const takes =
        capacity === 0 ? "takes no arguments" : `takes ${capacity} argument${capacity === 1 ? "" : "s"}`;
      return `unexpected argument ${stray}: ${cmd.name()} ${takes}`;
    }
    if (lastFlag.value === undefined)
      return `${lastFlag.flag}: unexpected argument ${stray} after ${lastFlag.flag}`;
    const joined = `${lastFlag.value}${word}`;
    const looksLikeUnit = /^[+-]?[\d.]+(e[+-]?\d+)?$/i.test(lastFlag.value) && /^[^\d\s-]/.test(word);
    if (!looksLikeUnit)
      return `${lastFlag.flag}: unexpected argument ${stray} after ${lastFlag.flag} ${JSON.stringify(lastFlag.value)}`;
    return (
      `${lastFlag.flag}: unexpected ${stray} after ${JSON.stringify(lastFlag.value)} ` +
      `(write a value with its unit as one word: ${lastFlag.flag} ${joined}, or quote it)`
    );
  }
  return undefined;
}
