import { extent, quantile } from "simple-statistics";
import { distributionChart, feasibilityChart, migrationTimeChart } from "../../charts/index.js";
import { guestSlowdownChart } from "../../charts/slowdown.js";
import { InputError, badValue } from "../../errors.js";
import { PRESETS, describePlanChange, type PresetName } from "../../network/index.js";
import { checkSweepData } from "../../sweep/load.js";
import { runSweepInMemory, type SweepRow } from "../../sweep/memory.js";
import { FIELDS, fieldOf, type CanonicalInput } from "../../input/fields.js";
import { formatFieldValue } from "../../input/uncertain.js";
import { simulate } from "../../model/simulate.js";
import { bufferModeSpread, partsBeyondSpread } from "../../plan/buffer-modes.js";
import { planScenario } from "../../plan/scenario.js";
import { InputBuilder } from "../../sweep/scenario-at.js";
import { planSweep } from "../../sweep/plan.js";
import type { GridMember, SweepPlan } from "../../sweep/types.js";
import { parseRate } from "../../units/parse.js";
import {
  bandwidthOf,
  convergenceLimitFindings,
  distributionFindings,
  feasibilityFindings,
  routingFindings,
  slowdownFindings,
  toPoints,
  type SweepPoint,
} from "../findings/index.js";
import { bufferFindings, bufferLead, otherReadingFindings, type BufferReading } from "../findings/buffers.js";
import { distributionsPart, sweepReadings, type OtherRun, type SweepReadings } from "./sweep-readings.js";
import { readingNames, readingPanels } from "../../charts/buffer-readings.js";
import { completed, lossWords, rate, time } from "../findings/words.js";
import { describeSweep } from "../inputs.js";
import { prefixError } from "../load.js";
import { tableSeries } from "../section-paths.js";
import { seriesAxisIndex, simulatedPathsTable, sweepPaths } from "../tables/paths.js";
import { resultsAtRate, type ResultVariants } from "../tables/results-at-rate.js";
import { resultsOfDraws } from "../tables/results-of-draws.js";
import type { BuiltTable, ChartRequest, ResolvedSection } from "../types.js";
import { addChart, chartText, emptyParts, type SectionParts } from "./parts.js";
import { withThrottleName } from "./throttle-name.js";
import type { SectionOptions } from "./index.js";

function matches(row: SweepRow, where: ChartRequest["where"]): boolean {
  if (where === undefined) return true;
  return Object.entries(where).every(([k, v]) => {
    const got = row.inputs[k];
    return typeof got === "number" && typeof v === "number" ? got === v : String(got) === String(v);
  });
}

/**
 * A sweep section: run the sweep in memory, draw the requested charts from its rows, and write
 * findings and the results and paths tables from the numbers.
 */
/** The largest sweep a report section runs (rows are kept in memory for charts and tables). */
export const MAX_REPORT_SWEEP_ROWS = 200_000;

export async function sweepSection(sec: ResolvedSection, opts: SectionOptions): Promise<SectionParts> {
  const parts = emptyParts();
  const sweep = sec.sweep;
  if (sweep === undefined) return parts;
  const at =
    sec.sweepFrom === "inline" || sec.sweepFrom === undefined
      ? `${sec.where}.sweep`
      : `${sec.where}.sweep (${sec.sweepFrom}):`;
  let rows: readonly SweepRow[];
  let plan: SweepPlan;
  let readings: SweepReadings | null = null;
  try {
    // Inline sweeps get the sweep schema's own check (the report schema embeds it; this names
    // fields the same way), on the data as loaded: not written out and parsed again.
    const file = sec.sweepFrom === "inline" ? checkSweepData(sweep) : sweep;
    plan = planSweep(file);
    // A report keeps every row in memory for its charts and tables: larger sweeps belong in
    // `vmotion-sim sweep`, and are refused here as input, before any work.
    if (plan.total > MAX_REPORT_SWEEP_ROWS)
      throw new InputError(
        "bad-value",
        "axes",
        `expected at most ${MAX_REPORT_SWEEP_ROWS.toLocaleString("en-US")} scenarios in a report sweep; run larger sweeps with vmotion-sim sweep (got ${plan.total.toLocaleString("en-US")})`,
        plan.total,
      );
    rows = (
      await runSweepInMemory(plan, {
        workers: opts.workers ?? 0,
        maxRows: MAX_REPORT_SWEEP_ROWS,
        signal: opts.signal,
      })
    ).rows;
    // What the charts and the results table draw under the other buffer-sizing reading too.
    const drawn = (sec.charts ?? []).length > 0;
    const tabled = (sec.tables ?? []).some((t) => t.kind === "results");
    if (drawn || tabled) readings = await sweepReadings(file, plan, rows, opts);
  } catch (err) {
    throw at.endsWith(":") && err instanceof InputError
      ? new InputError(err.code, `${at} ${err.field}`, err.message.slice(err.field.length + 2), err.value)
      : prefixError(err, at);
  }
  parts.assumptions.push(...describeSweep(sweep, sec.sweepFrom ?? "inline"));
  const basePreset = typeof sweep.base.preset === "string" ? sweep.base.preset : "scenario";
  const rates = rows
    .map((r) => r.inputs.dirtyRateBytesPerSec)
    .filter((v): v is number => typeof v === "number");
  // The rate the findings quote: the geometric middle of the swept rates.
  const atRate = sec.at !== undefined ? parseRate(sec.at, `${sec.where}.at`) : geometricMiddle(rates);
  const allPoints = (series: string): SweepPoint[] => toPoints(rows, series, basePreset);
  const charts = sec.charts ?? [];
  const otherSentences: string[] = [];
  charts.forEach((c, j) => {
    const field = `${sec.where}.charts[${j}]`;
    const keptAt = rows.flatMap((r, i) => (matches(r, c.where) ? [i] : []));
    const kept = keptAt.map((i) => rows[i] as SweepRow);
    const otherAt = (k: number): OtherRun | undefined => readings?.parted[keptAt[k] ?? -1];
    // A chart row's other-reading fields (charts/buffer-readings.ts), where the two part.
    const otherFields = (o: OtherRun | undefined) =>
      o === undefined || readings === null
        ? {}
        : {
            otherTotalTimeSec: o.totalTimeSec,
            otherOutcome: o.outcome,
            usedMode: readings.usedMode,
            otherMode: readings.otherMode,
          };
    if (kept.length === 0)
      throw new InputError("bad-value", `${field}.where`, "keeps no rows of the sweep", c.where);
    // A field's key names its column too (`series: memory` for `memoryBytes`, as the axes write it).
    const columns = rows[0]?.inputs ?? {};
    const keyColumn = c.series === undefined ? undefined : fieldOf(c.series)?.column;
    const series =
      c.series === undefined
        ? "preset"
        : !(c.series in columns) && keyColumn !== undefined && keyColumn in columns
          ? keyColumn
          : c.series;
    if (!(series in columns) && c.series !== undefined)
      throw badValue(
        `${field}.series`,
        `an input column of the sweep (${Object.keys(rows[0]?.inputs ?? {}).join(", ")})`,
        c.series,
      );
    const points = toPoints(kept, series, basePreset);
    // A chart's findings, and (after the section's buffer finding) those that read otherwise when
    // computed again under the other buffer-sizing reading.
    const findingsBoth = (of: (pts: readonly SweepPoint[]) => string[]): void => {
      const used = of(points);
      parts.findings.push(...used);
      if (readings !== null) {
        const other = toPoints(
          keptAt.map((i) => readings?.rows[i] as SweepRow),
          series,
          basePreset,
        );
        // With several series, only sentences about a series that parts (not those regrouping
        // the ones that agree: "same-l2 and routed-lan converge ..." once metro leaves them).
        const all = new Set(points.map((p) => p.series));
        const parting = [...new Set(points.filter((_, k) => otherAt(k) !== undefined).map((p) => p.series))];
        otherSentences.push(
          ...otherReadingFindings(used, of(other), readings.otherMode).filter(
            (f) => all.size <= 1 || parting.some((name) => f.includes(name)),
          ),
        );
      }
    };
    switch (c.kind) {
      case "migration-time": {
        addChart(
          parts,
          c,
          j,
          migrationTimeChart(
            points.map((p, k) => {
              const o = otherAt(k);
              return {
                path: p.series,
                dirtyRateBytesPerSec: p.dirtyRateBytesPerSec,
                totalTimeSec: p.totalTimeSec,
                outcome: p.outcome,
                ...otherFields(o),
              };
            }),
            chartText(c),
          ),
        );
        findingsBoth((pts) => [
          ...routingFindings(pts, { atBytesPerSec: atRate, changes: planChanges(pts) }),
          ...convergenceLimitFindings(pts),
        ]);
        break;
      }
      case "feasibility": {
        const axis = c.axis ?? "rtt";
        addChart(
          parts,
          c,
          j,
          feasibilityChart(
            points.map((p, k) => ({
              rttSec: p.rttSec,
              bandwidthBytesPerSec: bandwidthOf(p),
              dirtyRateBytesPerSec: p.dirtyRateBytesPerSec,
              totalTimeSec: p.totalTimeSec,
              outcome: p.outcome,
              ...otherFields(otherAt(k)),
            })),
            { ...chartText(c), axis },
          ),
        );
        findingsBoth((pts) => feasibilityFindings(pts, axis));
        break;
      }
      case "guest-slowdown":
        addChart(
          parts,
          c,
          j,
          guestSlowdownChart(
            points.map((p, k) => {
              const o = otherAt(k);
              return o === undefined ||
                readings === null ||
                !partsBeyondSpread(o.guestSlowdown, p.guestSlowdown)
                ? p
                : {
                    ...p,
                    otherGuestSlowdown: o.guestSlowdown,
                    usedMode: readings.usedMode,
                    otherMode: readings.otherMode,
                  };
            }),
            chartText(c),
          ),
        );
        findingsBoth(slowdownFindings);
        break;
      case "distribution": {
        // Both readings where the draws' distributions part (quantiles by more than 10 %): the
        // other reading's histograms as a second panel, its findings where they read otherwise.
        const other =
          readings === null
            ? null
            : toPoints(
                keptAt.map((i) => readings?.rows[i] as SweepRow),
                series,
                basePreset,
              );
        // A draw that never switches over has neither time (its row's time is how long it
        // tried): NaN, which distributionsPart counts as not finishing.
        const ended = (p: SweepPoint, v: number): number => (completed(p.outcome, p.totalTimeSec) ? v : NaN);
        const apart =
          other !== null &&
          (distributionsPart(
            points.map((p) => ended(p, p.totalTimeSec)),
            other.map((p) => ended(p, p.totalTimeSec)),
          ) ||
            distributionsPart(
              points.map((p) => ended(p, p.downtimeSec)),
              other.map((p) => ended(p, p.downtimeSec)),
            ));
        addChart(
          parts,
          c,
          j,
          apart && other !== null && readings !== null
            ? readingPanels(
                distributionChart(points, chartText(c)),
                distributionChart(other),
                readingNames([readings]),
                "",
                {},
              )
            : distributionChart(points, chartText(c)),
        );
        parts.findings.push(...distributionFindings(points));
        if (apart && other !== null && readings !== null)
          otherSentences.push(
            `${bufferLead("these draws use", readings.usedMode, readings.otherMode)} half the migrations finish within ${time(medianTime(other))} instead of ${time(medianTime(points))}.`,
          );
        if (apart && other !== null && readings !== null)
          otherSentences.push(
            ...otherReadingFindings(
              distributionFindings(points),
              distributionFindings(other),
              readings.otherMode,
            ),
          );
        break;
      }
      default:
        break;
    }
  });
  // The tables are labelled as the user labelled the series (a chart's series, a rows axis), so
  // that two rows on one preset stay two rows under their own labels.
  const series = tableSeries(sec, plan);
  parts.findings.push(
    ...bufferFindings(
      ...bufferReadings(plan, rows, allPoints(series), atRate, variantsOf(plan, rows, series, false)),
      atRate,
    ),
  );
  parts.findings.push(...otherSentences);
  // The first column is headed by what the series is: "Path" for paths, else the field whose
  // values label the rows ("memory" over "16 GiB", "64 GiB"; it was "Path").
  const seriesField = FIELDS.find((f) => f.column === series && f.key !== "preset");
  const headed = (table: BuiltTable): BuiltTable =>
    seriesField === undefined ? table : { ...table, header: [seriesField.key, ...table.header.slice(1)] };
  for (const t of sec.tables ?? []) {
    if (t.kind === "results")
      parts.tables.push(
        headed(
          plan.random.length > 0
            ? resultsOfDraws(
                allPoints(series),
                variantsOf(plan, rows, series, true),
                readings === null
                  ? undefined
                  : { mode: readings.otherMode, points: toPoints(readings.rows, series, basePreset) },
              )
            : resultsAtRate(
                allPoints(series),
                atRate,
                variantsOf(plan, rows, series, false),
                readings === null ? undefined : { mode: readings.otherMode, parted: readings.parted },
              ),
        ),
      );
    if (t.kind === "paths") {
      const table = simulatedPathsTable(
        sweepPaths(plan, series, basePreset),
        "Network paths as simulated (each preset with this section's overrides)",
      );
      if (table !== null) parts.tables.push(table);
    }
  }
  return withThrottleName(parts, sweep.base.policy);
}

/**
 * The migrations a grid section quotes (per series and value of the other axes, the one nearest
 * the section's dirty rate, as in its results table) whose two buffer-sizing readings part by more
 * than 10 %: each rebuilt from its scenario index and simulated under the other reading too
 * (`bufferModeSpread`). Paths below 4 ms part too where the socket buffer does not cover the
 * path (10 GbE from ~0.45 ms: bdp grows the buffer at every RTT, expected-line-rate only above
 * 4 ms); a Monte Carlo
 * section has no one migration to quote and gets none. Also returns how many migrations were
 * looked at (one per group).
 */
function bufferReadings(
  plan: SweepPlan,
  rows: readonly SweepRow[],
  points: readonly SweepPoint[],
  atRate: number,
  variants: ResultVariants,
): [BufferReading[], number] {
  if (plan.random.length > 0) return [[], 0];
  const best = new Map<string, number>();
  const d = (i: number): number =>
    Math.abs(Math.log((points[i] as SweepPoint).dirtyRateBytesPerSec / atRate));
  points.forEach((p, i) => {
    const key = [p.series, ...(variants.cells[i] ?? [])].join("\u0000");
    const j = best.get(key);
    if (j === undefined || d(i) < d(j)) best.set(key, i);
  });
  const builder = new InputBuilder(plan);
  const out: BufferReading[] = [];
  for (const i of best.values()) {
    const p = points[i] as SweepPoint;
    const input = { ...builder.at(Number(rows[i]?.inputs.index ?? 0)) } as CanonicalInput;
    const planned = planScenario(input);
    const spread = bufferModeSpread(input, { path: planned.path, result: simulate(planned.scenario) });
    if (spread === null) continue;
    const cells = (variants.cells[i] ?? []).map((c, a) => `${variants.header[a] ?? ""} ${c}`);
    const over = cells.length > 0 ? ` (${cells.join(", ")})` : "";
    out.push({ label: `${p.series}${over} at ${rate(p.dirtyRateBytesPerSec)}`, spread });
  }
  return [out, best.size];
}

/** The median total time of the draws that switch over (type 7 quantile), NaN when none does. */
function medianTime(points: readonly SweepPoint[]): number {
  const done = points.filter((p) => completed(p.outcome, p.totalTimeSec)).map((p) => p.totalTimeSec);
  return done.length === 0 ? NaN : quantile(done, 0.5);
}

/**
 * sqrt(min x max) of the values, NaN when empty; extent by a loop (simple-statistics): a spread
 * `Math.min(...values)` of a 160,000-row sweep overflowed the call stack.
 *
 * Example: `geometricMiddle([100, 400, 1600])` returns 400.
 */
export function geometricMiddle(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const [lo, hi] = extent(values as number[]);
  return Math.sqrt(lo * hi);
}

/** What each preset series changes against the first one (`+2 hops`, `MTU 1500`). */
function planChanges(points: readonly SweepPoint[]): Record<string, string[]> {
  const names = [...new Set(points.map((p) => p.series))].filter((n): n is PresetName => n in PRESETS);
  const first = names[0];
  if (first === undefined) return {};
  return Object.fromEntries(names.map((n) => [n, describePlanChange(PRESETS[first], PRESETS[n])]));
}

/**
 * A grid member's value j in the results table: a number in the product's one format (`10 ms`,
 * whether the file wrote `10ms` or `0.01s`), anything else as written, `(base)` where the row
 * leaves the field at its base value.
 */
function memberCell(m: GridMember, j: number): string {
  const v = m.values[j];
  const f = fieldOf(m.key);
  if (v === null || v === undefined) return m.labels[j] ?? "";
  if (typeof v !== "number" || f === undefined || !m.numeric) return m.labels[j] ?? String(v);
  // Loss probabilities as the paths table writes them (`1e-5`); link rates in bits.
  return f.dimension === "fraction" && v !== 0 && v < 1e-3 ? lossWords(v) : formatFieldValue(f, v);
}

/**
 * The grid axes other than the series (and the dirty rate, unless `withDirtyRate`: a Monte Carlo
 * table has no rate it picks rows at), as results-table columns: each row's value on each, read
 * from its scenario index (grid order, last axis fastest; Monte Carlo samples of one grid point
 * share its values).
 */
function variantsOf(
  plan: SweepPlan,
  rows: readonly SweepRow[],
  series: string,
  withDirtyRate: boolean,
): ResultVariants {
  const s = seriesAxisIndex(plan, series);
  const axes = plan.grid
    .map((a, i) => ({ a, i }))
    .filter(({ a, i }) => i !== s && (withDirtyRate || !a.members.some((m) => m.key === "dirtyRate")));
  if (axes.length === 0) return { header: [], cells: [] };
  const strides = plan.grid.map((_, i) => plan.grid.slice(i + 1).reduce((n, g) => n * g.length, 1));
  const labelAt = (a: SweepPlan["grid"][number], j: number): string =>
    a.rowLabels?.[j] ?? a.members.map((m) => memberCell(m, j)).join(", ");
  return {
    header: axes.map(({ a }) => a.name),
    cells: rows.map((r) => {
      const point = Math.floor(Number(r.inputs.index ?? 0) / Math.max(1, plan.samples));
      return axes.map(({ a, i }) => labelAt(a, Math.floor(point / (strides[i] ?? 1)) % a.length));
    }),
  };
}
