import type { CanonicalInput } from "../../input/fields.js";
import type { SolveFor } from "../../plan/solve.js";
import { formatBytes, formatDuration, formatRate } from "../../units/format.js";
import { rate } from "../findings/words.js";

/** A solve answer in words, by what was solved for: `324 GiB`, `1.25 Gbit/s`, `4`. */
export function valueWords(what: SolveFor, v: number): string {
  switch (what) {
    case "memory":
      return formatBytes(v);
    case "dirty-rate":
      return rate(v);
    case "bandwidth":
      return formatRate(v);
    case "rtt":
      return formatDuration(v);
    case "loss":
      return v.toExponential(1);
    case "streams":
      return String(v);
  }
}

/** The fixed inputs of a question in words: "over a 1 Gbit/s, 50 ms path (wan) while dirtying 100 MiB/s". */
export function settingWords(input: CanonicalInput, what: SolveFor): string {
  const words: string[] = [];
  const path: string[] = [];
  if (input.link !== undefined) path.push(formatRate(input.link));
  if (input.bandwidth !== undefined) path.push(formatRate(input.bandwidth));
  if (input.rtt !== undefined) path.push(`${formatDuration(input.rtt)} RTT`);
  const preset =
    input.preset !== undefined
      ? ` (${input.preset} path${input.loss !== undefined ? `, loss ${String(input.loss)}` : ""})`
      : "";
  if (path.length > 0 || preset !== "")
    words.push(`over a ${path.length > 0 ? path.join(", ") : "network"} link${preset}`);
  if (input.dirtyRate !== undefined && what !== "dirty-rate")
    words.push(`while dirtying ${rate(input.dirtyRate)}`);
  if (input.memory !== undefined && what !== "memory") words.push(`for a ${formatBytes(input.memory)} VM`);
  return words.join(" ");
}
