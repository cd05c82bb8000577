import { Command } from "commander";
import { badValue } from "../../errors.js";
import { cliFlagName, type CanonicalInput } from "../../input/fields.js";
import { planOf } from "../../input/path.js";
import { buildScenario } from "../../input/scenario.js";
import { simulate } from "../../model/simulate.js";
import type { MigrationResult } from "../../model/types.js";
import {
  COMPARE_PRESET_NAMES,
  PRESET_NAMES,
  computePath,
  describePlanChange,
  planToSpec,
  type PathPlan,
  type PathResult,
  type PresetName,
} from "../../network/index.js";
import { completedResult, throughputChangeWords, timeChangeWords } from "../../report/findings/change.js";
import { formatDuration, formatRate } from "../../units/format.js";
import { parseChoice } from "../../units/parse.js";
import { out } from "../io.js";
import { addFieldOptions, fieldKeysExcept, inputFromOptions } from "../field-options.js";
import { toJson } from "../json.js";
import { textTable } from "../text-table.js";
import { compareConfigsOutput } from "../compare-configs.js";
import { HOST_CONFIG_NAMES } from "../../network/host/presets.js";

/** One column of a comparison: the same VM over one network path. */
export interface CompareColumn {
  readonly preset: PresetName;
  readonly plan: PathPlan;
  readonly path: PathResult;
  readonly result: MigrationResult;
}

/** `--presets same-l2,wan` -> preset names; each must be known, at least one. */
export function parsePresetList(raw: unknown, field: string): PresetName[] {
  if (raw === undefined) return [...COMPARE_PRESET_NAMES];
  if (typeof raw !== "string" || raw.trim() === "")
    throw badValue(field, `a comma-separated list of ${PRESET_NAMES.join(", ")}`, raw);
  return raw.split(",").map((name) => parseChoice(name.trim(), field, PRESET_NAMES));
}

/**
 * Simulate the same VM over each preset path, the user's path overrides applied on top of every
 * preset (`--bandwidth` still overrides the achieved throughput).
 */
export function runCompare(input: CanonicalInput, presets: readonly PresetName[]): CompareColumn[] {
  return presets.map((preset) => {
    const withPreset = { ...input, preset };
    const plan = planOf(withPreset);
    // One path per column, computed once: the scenario's transport is built from it.
    const path = computePath(planToSpec(plan));
    const result = simulate(buildScenario(withPreset, cliFlagName, { path }));
    return { preset, plan, path, result };
  });
}

/** Side by side: one column per path, one row per quantity (units in the cells). */
export function compareTable(cols: readonly CompareColumn[]): string {
  const row = (label: string, cell: (c: CompareColumn) => string): string[] => [label, ...cols.map(cell)];
  return textTable(
    ["", ...cols.map((c) => c.preset)],
    [
      row("RTT", (c) => formatDuration(c.path.rttSec)),
      row("path MTU (bytes)", (c) => String(c.path.pathMtuBytes)),
      row("throughput", (c) => formatRate(c.result.throughputBytesPerSec)),
      row("bound by", (c) => c.result.binding),
      row("iterations", (c) => String(c.result.iterationCount)),
      row("pre-copy", (c) => formatDuration(c.result.precopyTimeSec)),
      row("stun", (c) => formatDuration(c.result.downtimeSec)),
      row("total", (c) => (completedResult(c.result) ? formatDuration(c.result.totalTimeSec) : "-")),
      row("verdict", (c) => c.result.outcome),
      row("warnings", (c) => String(c.path.warnings.length)),
    ],
  );
}

/**
 * Each column after the first against the first, in words:
 * "routed-lan: +2 hops, MTU 1500: 5 % less throughput, 8 % longer".
 */
export function compareChanges(cols: readonly CompareColumn[]): string[] {
  const [base, ...rest] = cols;
  if (base === undefined) return [];
  return rest.map((c) => {
    const diff = describePlanChange(base.plan, c.plan);
    const what = diff.length > 0 ? diff.join(", ") : "same path";
    const ratio = c.result.throughputBytesPerSec / base.result.throughputBytesPerSec;
    return `${c.preset}: ${what}: ${throughputChangeWords(ratio)}, ${timeChangeWords(base.result, c.result)}`;
  });
}

/** `vmotion-sim compare`: the same VM over several network paths, side by side. */
export function compareCommand(): Command {
  const cmd = new Command("compare").description(
    "simulate the same VM over several network paths (same-l2, routed-lan, metro, wan) side by side",
  );
  addFieldOptions(cmd, fieldKeysExcept("preset"), {}, ["memory"])
    .option(
      "--presets <list>",
      `paths to compare, comma-separated (default ${COMPARE_PRESET_NAMES.join(",")})`,
    )
    .option(
      "--configs <list>",
      `host network configurations to compare instead of paths, comma-separated (${HOST_CONFIG_NAMES.join(",")})`,
    )
    .option("--json", "print an array of { preset, path, result } as JSON on stdout");
  cmd.action((opts: Record<string, unknown>) => {
    if (opts.configs !== undefined) {
      out(compareConfigsOutput(opts));
      return;
    }
    const presets = parsePresetList(opts.presets, "--presets");
    const input = inputFromOptions(opts);
    const cols = runCompare(input, presets);
    if (opts.json) {
      out(toJson(cols.map(({ preset, path, result }) => ({ preset, path, result }))));
      return;
    }
    const lines = [compareTable(cols)];
    if (cols[0] !== undefined) lines.push(`dirty model: ${cols[0].result.dirtyModel}`);
    const changes = compareChanges(cols);
    if (changes.length > 0) lines.push("", `Against ${cols[0]?.preset}:`, ...changes.map((l) => `  ${l}`));
    const warnings = cols.flatMap((c) => c.path.warnings.map((w) => `  ${c.preset}: ${w}`));
    if (warnings.length > 0) lines.push("", "Warnings:", ...warnings);
    out(lines.join("\n"));
  });
  return cmd;
}
