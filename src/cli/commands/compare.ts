import {
  congestionControlSpread,
  congestionControlsJson,
  congestionSpreadWords,
  otherCongestionCell,
  type CongestionSpread,
} from "../../plan/congestion-readings.js";
import { Command } from "commander";
import { InputError, badValue } from "../../errors.js";
import { cliFlagName, type CanonicalInput } from "../../input/fields.js";
import { HOST_KEYS } from "../../input/host.js";
import { buildScenario, checkBufferKeysForSender } from "../../input/scenario.js";
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
import { addFieldOptions, fieldKeysExcept } from "../field-options.js";
import { toJson } from "../json.js";
import { textTable } from "../text-table.js";
import { compareConfigsOutput } from "../compare-configs.js";
import type { UncertainColumn } from "../compare-uncertainty.js";
import { PATH_OVERRIDE_KEYS, parsePathColumn, resolveColumn, type PathColumnSpec } from "../compare-paths.js";
import {
  bufferModeSpread,
  bufferModesJson,
  otherReadingCell,
  spreadWords,
  type BufferModeSpread,
} from "../../plan/buffer-modes.js";
import { HOST_CONFIG_NAMES } from "../../network/host/presets.js";
import type { SampleOptions, UncertainInput } from "../../input/uncertain.js";
import { addSampleOptions, uncertainFromOptions } from "../uncertain-options.js";
import { compareUncertaintyLead, uncertaintyRows } from "../compare-uncertainty.js";

/** One column of a comparison: the same VM over one network path. */
export interface CompareColumn extends UncertainColumn {
  /** The column's header: the preset name, or the `--path` text as given. */
  readonly label: string;
  readonly preset: PresetName;
  readonly plan: PathPlan;
  readonly path: PathResult;
  readonly result: MigrationResult;
  /** Both buffer-sizing readings when they differ by more than 10 %; null when they agree. */
  readonly spread: BufferModeSpread | null;
  /** Both congestion-control readings when they differ by more than 10 %; null when they agree. */
  readonly ccSpread: CongestionSpread | null;
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
 * Simulate the same VM over each column's path: the preset, the global flags as
 * `resolveColumn` combines them (a column's own `--path` keys win; `--link`/`--bandwidth` set the
 * hosts' NICs, not a WAN circuit; `--hops` leaves an L2 column alone), then each column's other
 * buffer-sizing reading when it differs by more than 10 % (`bufferModeSpread`, as `estimate`).
 */
export function runCompare(input: CanonicalInput, columns: readonly PathColumnSpec[]): CompareColumn[] {
  return columns.map((col) => {
    const { input: colInput, plan, notApplied } = resolveColumn(input, col);
    // One path per column, computed once: the scenario's transport is built from it.
    const path = computePath(planToSpec(plan));
    // A combination the column's own keys make (a vMotion key with --policy qemu) names them.
    const name = (key: string): string =>
      col.field !== undefined && key in col.overrides ? `${col.field}.${key}` : cliFlagName(key);
    checkBufferKeysForSender(colInput, name);
    const result = simulate(buildScenario(colInput, name, { path }));
    const spread = bufferModeSpread(colInput, { path, result }, name);
    const ccSpread = congestionControlSpread(colInput, { path, result }, name);
    return { label: col.label, preset: col.preset, plan, path, result, spread, ccSpread, notApplied };
  });
}

/**
 * {@link runCompare} with uncertain inputs: each column's result at the medians, and its range
 * over the same draws (same seed: common random numbers, so differences between columns are not
 * sampling noise). A column's own `--path` override of an uncertain field wins over the draws.
 */
export async function runCompareUncertain(
  u: UncertainInput,
  sampling: SampleOptions,
  columns: readonly PathColumnSpec[],
): Promise<CompareColumn[]> {
  const cols = runCompare(u.input, columns);
  const out: CompareColumn[] = [];
  for (const [i, spec] of columns.entries()) {
    const col = cols[i] as CompareColumn;
    const { input } = resolveColumn(u.input, spec);
    // A field the column set, or that resolveColumn left out of it (--hops on an L2 column), is
    // not drawn for that column.
    const uncertain = u.uncertain.filter((f) => !(f.key in spec.overrides) && input[f.key] !== undefined);
    if (uncertain.length === 0) {
      out.push(col);
      continue;
    }
    // Loaded only here, when an input is uncertain: the sweep engine stays out of a plain compare.
    const { estimateUncertainty } = await import("../../plan/uncertainty.js");
    out.push({ ...col, uncertainty: await estimateUncertainty({ input, uncertain }, sampling) });
  }
  return out;
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
      // Buffer sizing on long paths is an assumption with two readings: shown when they part.
      ...(cols.some((c) => c.spread !== null)
        ? [row("other buffer sizing", (c) => otherReadingCell(c.spread, c.path))]
        : []),
      // So is the vMotion stack's congestion control when none is named.
      ...(cols.some((c) => c.ccSpread !== null)
        ? [row("other congestion control", (c) => otherCongestionCell(c.ccSpread))]
        : []),
      row("warnings", (c) => String(c.path.warnings.length)),
      ...uncertaintyRows(cols),
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

/**
 * Global flags that cannot apply to path columns: a host network configuration's keys (they
 * describe one host configuration: compare those with `--configs`), `--segments` (one whole path:
 * give it per column, `--path wan:segments=...`), and `--link` with `--bandwidth` (both set the
 * hosts' NICs here).
 */
function checkGlobalFlags(input: CanonicalInput): void {
  for (const k of HOST_KEYS)
    if (input[k] !== undefined)
      throw new InputError(
        "conflict",
        cliFlagName(k),
        "is a host network setting: compare host configurations with --configs (e.g. --configs stretched-l2,vmotion-stack-routed), or give a path column's streams with --path PRESET:streams=N",
      );
  if (input.segments !== undefined)
    throw new InputError(
      "conflict",
      "--segments",
      "describes one whole path: give each column its own with --path PRESET:segments=... (last in the entry)",
    );
  if (input.link !== undefined && input.bandwidth !== undefined)
    throw new InputError(
      "conflict",
      "--bandwidth",
      "cannot be combined with --link in compare (both set the hosts' NIC rate)",
    );
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
      "--preset <name>",
      `the first column, the one the others are compared against (${PRESET_NAMES.join(", ")}); then the --path columns, or the default paths`,
    )
    .option(
      "--path <preset:key=value,...>",
      `one column (repeatable, in order, instead of --presets), its overrides for it alone, e.g. wan:hops=4,rtt=30ms; keys: the path flags' names (${PATH_OVERRIDE_KEYS.slice(0, 9).join(", ")}, ...); segments=... last, in --segments syntax. ` +
        "Global flags apply to every column that does not set them, except: --link and --bandwidth set the hosts' NICs (the whole fabric in one data centre; a metro or WAN circuit keeps its rate) and --hops leaves L2 columns (same-l2, same-l2-25g) without routers",
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .option(
      "--configs <list>",
      `host network configurations to compare instead of paths, comma-separated (${HOST_CONFIG_NAMES.join(",")})`,
    )
    .option(
      "--json",
      "print an array of { label, preset, plan, path, result } as JSON on stdout (plan: the column's path inputs; with uncertain inputs also uncertainty, result at the medians)",
    );
  addSampleOptions(cmd);
  cmd.action(async (opts: Record<string, unknown>) => {
    if (opts.configs !== undefined) {
      out(await compareConfigsOutput(opts));
      return;
    }
    const paths = opts.path as string[];
    if (paths.length > 0 && opts.presets !== undefined)
      throw new InputError(
        "conflict",
        "--presets",
        "cannot be combined with --path (the --path entries are the columns)",
      );
    const first =
      opts.preset === undefined ? null : parseChoice(String(opts.preset), "--preset", PRESET_NAMES);
    if (first !== null && opts.presets !== undefined)
      throw new InputError(
        "conflict",
        "--preset",
        "cannot be combined with --presets (list every column there)",
      );
    const rest =
      paths.length > 0
        ? paths.map((p, i) => parsePathColumn(p, i + 1))
        : presetColumns(parsePresetList(opts.presets, "--presets").filter((p) => p !== first));
    const columns = first === null ? rest : [...presetColumns([first]), ...rest];
    const { u, sampling } = uncertainFromOptions(opts);
    checkGlobalFlags(u.input);
    // The NIC rate becomes each column's link or segments: a range of it has no one field to draw.
    for (const f of u.uncertain)
      if (f.key === "link" || f.key === "bandwidth")
        throw new InputError(
          "conflict",
          f.flag,
          "sets the hosts' NIC rate in compare, which takes one value (a range of it: run estimate --preset NAME per path)",
          f.text,
        );
    const cols =
      u.uncertain.length > 0 ? await runCompareUncertain(u, sampling, columns) : runCompare(u.input, columns);
    if (opts.json) {
      out(
        toJson(
          cols.map(({ label, preset, plan, path, result, uncertainty, spread, ccSpread }) => ({
            label,
            preset,
            plan,
            path,
            result,
            ...(spread === null ? {} : { bufferModes: bufferModesJson(spread) }),
            ...(ccSpread === null ? {} : { congestionControls: congestionControlsJson(ccSpread) }),
            ...(uncertainty !== undefined ? { uncertainty } : {}),
          })),
        ),
      );
      return;
    }
    const lines = [...compareUncertaintyLead(cols), compareTable(cols)];
    if (cols[0] !== undefined) lines.push(`dirty model: ${cols[0].result.dirtyModel}`);
    const spreads = cols.filter((c) => c.spread !== null);
    if (spreads.length > 0)
      lines.push(
        "",
        "Buffer sizing:",
        ...spreads.map((c) => `  ${c.label}: ${spreadWords(c.spread as BufferModeSpread)}`),
      );
    const ccSpreads = cols.filter((c) => c.ccSpread !== null);
    if (ccSpreads.length > 0)
      lines.push(
        "",
        "Congestion control:",
        ...ccSpreads.map((c) => `  ${c.label}: ${congestionSpreadWords(c.ccSpread as CongestionSpread)}`),
      );
    const skipped = cols.flatMap((c) => c.notApplied.map((n) => `  ${c.label}: ${n}`));
    if (skipped.length > 0) lines.push("", "Global flags not applied:", ...skipped);
    const changes = compareChanges(cols);
    if (changes.length > 0) lines.push("", `Against ${cols[0]?.label}:`, ...changes.map((l) => `  ${l}`));
    const warnings = cols.flatMap((c) => c.path.warnings.map((w) => `  ${c.label}: ${w}`));
    if (warnings.length > 0) lines.push("", "Warnings:", ...warnings);
    out(lines.join("\n"));
  });
  return cmd;
}
