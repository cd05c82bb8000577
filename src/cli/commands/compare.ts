import { Command } from "commander";
import { InputError, badValue } from "../../errors.js";
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
import { formatDuration, formatPercent, formatRate } from "../../units/format.js";
import { parseChoice } from "../../units/parse.js";
import { out } from "../io.js";
import { addFieldOptions, fieldKeysExcept, inputFromOptions } from "../field-options.js";
import { toJson } from "../json.js";
import { textTable } from "../text-table.js";
import { compareConfigsOutput } from "../compare-configs.js";
import { PATH_OVERRIDE_KEYS, parsePathColumn, type PathColumnSpec } from "../compare-paths.js";
import { HOST_CONFIG_NAMES } from "../../network/host/presets.js";

/** One column of a comparison: the same VM over one network path. */
export interface CompareColumn {
  /** The column's header: the preset name, or the `--path` text as given. */
  readonly label: string;
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

/** `--presets same-l2,wan` -> one column per preset, with no overrides of its own. */
export function presetColumns(presets: readonly PresetName[]): PathColumnSpec[] {
  return presets.map((preset) => ({ label: preset, preset, overrides: {} }));
}

/**
 * Simulate the same VM over each column's path: the preset, then the global path flags (which
 * apply to every column), then the column's own `--path` overrides (which win; `--bandwidth`
 * still overrides the achieved throughput).
 */
export function runCompare(input: CanonicalInput, columns: readonly PathColumnSpec[]): CompareColumn[] {
  return columns.map(({ label, preset, overrides }) => {
    const withPreset = { ...input, ...overrides, preset };
    const plan = planOf(withPreset);
    // One path per column, computed once: the scenario's transport is built from it.
    const path = computePath(planToSpec(plan));
    const result = simulate(buildScenario(withPreset, cliFlagName, { path }));
    return { label, preset, plan, path, result };
  });
}

/** Side by side: one column per path, one row per quantity (units in the cells). */
export function compareTable(cols: readonly CompareColumn[]): string {
  const row = (label: string, cell: (c: CompareColumn) => string): string[] => [label, ...cols.map(cell)];
  return textTable(
    ["", ...cols.map((c) => c.label)],
    [
      row("RTT", (c) => formatDuration(c.path.rttSec)),
      row("path MTU (bytes)", (c) => String(c.path.pathMtuBytes)),
      row("throughput", (c) => formatRate(c.result.throughputBytesPerSec)),
      row("bound by", (c) => c.result.binding),
      row("iterations", (c) => String(c.result.iterationCount)),
      row("pre-copy", (c) => formatDuration(c.result.precopyTimeSec)),
      row("stun", (c) => formatDuration(c.result.downtimeSec)),
      row("total", (c) => (completedResult(c.result) ? formatDuration(c.result.totalTimeSec) : "-")),
      // Shown whenever any column throttles the guest, so a throttled convergence is never hidden.
      ...(cols.some((c) => c.result.guestSlowdown > 0)
        ? [row("guest slowdown", (c) => formatPercent(c.result.guestSlowdown))]
        : []),
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
    return `${c.label}: ${what}: ${throughputChangeWords(ratio)}, ${timeChangeWords(base.result, c.result)}`;
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
      "--path <preset:key=value,...>",
      `one column (repeatable, in order, instead of --presets), its overrides for it alone, e.g. wan:hops=4,rtt=30ms; keys: the path flags' names (${PATH_OVERRIDE_KEYS.slice(0, 9).join(", ")}, ...). Path flags such as --hops apply to every column`,
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .option(
      "--configs <list>",
      `host network configurations to compare instead of paths, comma-separated (${HOST_CONFIG_NAMES.join(",")})`,
    )
    .option(
      "--json",
      "print an array of { label, preset, plan, path, result } as JSON on stdout (plan: the column's path inputs)",
    );
  cmd.action((opts: Record<string, unknown>) => {
    if (opts.configs !== undefined) {
      out(compareConfigsOutput(opts));
      return;
    }
    const paths = opts.path as string[];
    if (paths.length > 0 && opts.presets !== undefined)
      throw new InputError(
        "conflict",
        "--presets",
        "cannot be combined with --path (the --path entries are the columns)",
      );
    const columns =
      paths.length > 0
        ? paths.map((p, i) => parsePathColumn(p, i + 1))
        : presetColumns(parsePresetList(opts.presets, "--presets"));
    const input = inputFromOptions(opts);
    const cols = runCompare(input, columns);
    if (opts.json) {
      out(
        toJson(cols.map(({ label, preset, plan, path, result }) => ({ label, preset, plan, path, result }))),
      );
      return;
    }
    const lines = [compareTable(cols)];
    if (cols[0] !== undefined) lines.push(`dirty model: ${cols[0].result.dirtyModel}`);
    const changes = compareChanges(cols);
    if (changes.length > 0) lines.push("", `Against ${cols[0]?.label}:`, ...changes.map((l) => `  ${l}`));
    const warnings = cols.flatMap((c) => c.path.warnings.map((w) => `  ${c.label}: ${w}`));
    if (warnings.length > 0) lines.push("", "Warnings:", ...warnings);
    out(lines.join("\n"));
  });
  return cmd;
}
