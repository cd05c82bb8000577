import { cliFlagName, FIELDS } from "../input/fields.js";
import type { RawInput } from "../input/parse.js";

/**
 * The `vmotion-sim estimate` line equivalent to a raw scenario input: one flag per key, in the
 * field table's order, values shell-quoted when they hold anything but safe characters. A pasted dirty
 * curve becomes `--dirty-curve curve.csv` (the CLI reads curves from files): `curveFile` names it.
 *
 * Example: `{ memory: "64GiB", dirtyRate: "400MiB/s", preset: "wan" }` gives
 * `vmotion-sim estimate --memory 64GiB --dirty-rate 400MiB/s --preset wan`.
 */
export function cliCommand(input: RawInput, opts: { curveFile?: string } = {}): string {
  const args = ["vmotion-sim", "estimate"];
  for (const f of FIELDS) {
    const v = input[f.key];
    if (v === undefined || v === null || v === false) continue;
    const flag = cliFlagName(f.key);
    if (v === true) args.push(flag);
    else if (f.dimension === "curve") args.push(flag, shellQuote(opts.curveFile ?? "curve.csv"));
    else args.push(flag, shellQuote(String(v)));
  }
  return args.join(" ");
}

/** POSIX shell quoting: safe words as they are, anything else in single quotes. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
