import type { CanonicalInput } from "../../input/fields.js";
import type { SolveFor } from "../../plan/solve.js";
import { formatBytes, formatDuration, formatRate, plural } from "../../units/format.js";
import { lossWords, rate } from "../findings/words.js";

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
      return lossWords(v);
    case "streams":
      return String(v);
  }
}

/**
 * The fixed inputs of a question in words: "over a 1 Gbit/s, 50 ms RTT link (wan path, loss 0)
 * while dirtying 100 MiB/s". The input solved for is left out (a base `rtt` is not a fixed input
 * of a question for the RTT), and a loss or stream count is named with or without a preset.
 */
export function settingWords(input: CanonicalInput, what: SolveFor): string {
  const words: string[] = [];
  const path: string[] = [];
  if (what !== "bandwidth") {
    if (input.link !== undefined) path.push(formatRate(input.link));
    if (input.bandwidth !== undefined) path.push(formatRate(input.bandwidth));
  }
  if (input.rtt !== undefined && what !== "rtt") path.push(`${formatDuration(input.rtt)} RTT`);
  const notes = [
    ...(input.preset !== undefined ? [`${input.preset} path`] : []),
    ...(input.loss !== undefined && what !== "loss" ? [`loss ${lossWords(input.loss)}`] : []),
    ...(typeof input.streams === "number" && what !== "streams" ? [plural(input.streams, "stream")] : []),
  ];
  if (path.length > 0)
    words.push(`over a ${path.join(", ")} link${notes.length > 0 ? ` (${notes.join(", ")})` : ""}`);
  else if (input.preset !== undefined)
    // A preset alone names the path ("over a network link (same-l2 path)" said nothing more).
    words.push(`over the ${input.preset} path${notes.length > 1 ? ` (${notes.slice(1).join(", ")})` : ""}`);
  else if (notes.length > 0) words.push(`over a network link (${notes.join(", ")})`);
  if (input.dirtyRate !== undefined && what !== "dirty-rate")
    words.push(`while dirtying ${rate(input.dirtyRate)}`);
  if (input.memory !== undefined && what !== "memory") words.push(`for a ${formatBytes(input.memory)} VM`);
  return words.join(" ");
}
