import type { Command } from "commander";
import { cliFlagName } from "../input/fields.js";
import {
  DEFAULT_SAMPLES,
  DEFAULT_UNCERTAIN_SEED,
  MAX_SAMPLES,
  UNCERTAIN_GRAMMAR,
  parseSampleOptions,
  parseUncertainInput,
  type SampleOptions,
  type UncertainInput,
} from "../input/uncertain.js";
import { formatCount } from "../units/format.js";
import { rawFromOptions } from "./field-options.js";

/**
 * The Monte Carlo options of the commands that accept uncertain inputs (`estimate`, `compare`,
 * `solve`): `--samples` and `--seed`. The help says once that any numeric flag may be a range or
 * distribution (`src/input/uncertain.ts`).
 */
export function addSampleOptions(cmd: Command, maxSamples = MAX_SAMPLES): Command {
  return cmd
    .option(
      "--samples <n>",
      `Monte Carlo draws when any numeric flag is a range or distribution (${UNCERTAIN_GRAMMAR}); default ${formatCount(DEFAULT_SAMPLES)}, at most ${formatCount(maxSamples)}`,
    )
    .option(
      "--seed <n>",
      `seed of the draws (default ${DEFAULT_UNCERTAIN_SEED}: the same command prints the same answer)`,
    );
}

/** Commander's options -> the input with its uncertain fields, and the sample options. */
export function uncertainFromOptions(
  opts: Readonly<Record<string, unknown>>,
  maxSamples = MAX_SAMPLES,
): { u: UncertainInput; sampling: SampleOptions } {
  const u = parseUncertainInput(rawFromOptions(opts), cliFlagName);
  const sampling = parseSampleOptions(opts.samples, opts.seed, u.uncertain.length > 0, maxSamples);
  return { u, sampling };
}
