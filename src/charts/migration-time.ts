import { min } from "simple-statistics";
import type { TopLevelSpec } from "vega-lite";
import { lineReadingLayers, readingNames } from "./buffer-readings.js";
import { drawHiddenFirst, hiddenLines, identicalSeries, withSubtitleLines } from "./hidden.js";
import { titleOf, isFailed, type ChartText } from "./common.js";
import { chartConfig, pathColourEncoding, pathColourScale, VEGA_LITE_SCHEMA } from "./theme.js";
import { finiteMax, roundSig, timeUnitFor, toMiBPerSec } from "./units.js";

/** One simulated migration: a path at one dirty rate. `outcome` is a value of `Outcome`. */
export interface MigrationTimeRow {
  readonly path: string;
  readonly dirtyRateBytesPerSec: number;
  readonly totalTimeSec: number;
  readonly outcome: string;
  /**
   * The same migration under the other buffer-sizing reading, when the two part by more than
   * 10 % (model.md section 4: both readings are assumptions), with the two readings' names; absent
   * where they agree. `otherTotalTimeSec` is NaN when the other reading does not switch over.
   */
  readonly otherTotalTimeSec?: number;
  readonly otherOutcome?: string;
  readonly usedMode?: string;
  readonly otherMode?: string;
}

/** How a row is marked in the strip under the lines; converged rows get no mark. */
export type ConvergenceStatus = "throttled" | "forced" | "failed";

/** Legend labels and grey shades for the strip, ordered from mild to worst. */
const STATUS: Readonly<Record<ConvergenceStatus, { label: string; colour: string }>> = {
  throttled: { label: "converges only by throttling the guest (SDPS)", colour: "#d4d4d4" },
  forced: { label: "forced switchover (round or data limit)", colour: "#969696" },
  failed: { label: "does not converge", colour: "#404040" },
};

/** The strip status of an outcome, or undefined for a plain convergence. */
export function convergenceStatus(outcome: string, totalTimeSec: number): ConvergenceStatus | undefined {
  if (isFailed(outcome, totalTimeSec)) return "failed";
  if (outcome === "max-rounds" || outcome === "data-cap") return "forced";
  if (outcome === "converged-throttled") return "throttled";
  return undefined;
}

/**
 * Headline chart: total migration time against the guest's dirty rate, one line per network path,
 * with a strip below that marks, per path, the dirty rates where pre-copy does not converge on
 * its own (SDPS throttling, forced switchover, or failure).
 *
 * Each strip cell spans half-way to the neighbouring dirty rates of the same path, so adjacent
 * cells join into one band. Failed rows have no finite time and are left out of the lines.
 * Display units: MiB/s for dirty rate; s, min or h for time (chosen from the largest time); the
 * time axis turns logarithmic when times span more than a factor of 20.
 *
 * The dirty-rate axis turns logarithmic when the swept rates span more than a factor of 100 (two
 * decades: a linear axis over 1 KiB/s to 100 GiB/s put every rate below 1 GiB/s on top of the
 * time axis). One swept rate gets the axis 0 to twice it (a zero-width domain had ticks such as
 * "400.000000"). Where nothing fails to converge on its own the strip is left out (it drew an
 * empty panel under a legend with no entries); where no migration switches over there is no line,
 * and the subtitle says so.
 *
 * Where the two buffer-sizing readings part (`otherTotalTimeSec`), the other reading is drawn too,
 * as in the configurations chart: diamonds (joined by a dashed line in the path's colour) beside
 * the reading used (circles), under a "Buffer sizing (assumed)" legend, and the strip gets a row
 * for the other reading of each such path (`metro, expected-line-rate`). Without such a row the
 * chart has neither.
 */
export function migrationTimeChart(rows: readonly MigrationTimeRow[], text?: ChartText): TopLevelSpec {
  const plotted = rows.filter((r) => !isFailed(r.outcome, r.totalTimeSec));
  const parting = rows.filter((r) => r.otherOutcome !== undefined);
  const names = readingNames(parting);
  const otherPlotted = parting.filter((r) => !isFailed(r.otherOutcome ?? "", r.otherTotalTimeSec ?? NaN));
  const allTimes = [
    ...plotted.map((r) => r.totalTimeSec),
    ...otherPlotted.map((r) => r.otherTotalTimeSec as number),
  ];
  const unit = timeUnitFor(finiteMax(allTimes, 1));
  const colour = pathColourScale(rows.map((r) => r.path));
  const times = allTimes.filter((t) => t > 0);
  // Log scale when times span more than a factor of 20 (a WAN line would otherwise flatten the rest).
  const log = times.length > 0 && finiteMax(times, 1) / min(times) > 20;
  const points = plotted.map((r) => ({
    path: r.path,
    dirtyMiBps: roundSig(toMiBPerSec(r.dirtyRateBytesPerSec)),
    time: roundSig(r.totalTimeSec / unit.divisor),
    outcome: r.outcome,
    ...(parting.length > 0 ? { reading: names.used } : {}),
  }));
  const others = otherPlotted.map((r) => ({
    path: r.path,
    dirtyMiBps: roundSig(toMiBPerSec(r.dirtyRateBytesPerSec)),
    time: roundSig((r.otherTotalTimeSec as number) / unit.divisor),
    outcome: r.otherOutcome as string,
    reading: names.other,
  }));
  // The other reading's strip rows: its outcome where it parts, the used one's elsewhere.
  const otherPaths = new Set(parting.map((r) => r.path));
  const otherLabel = (path: string): string => `${path}, ${names.other}`;
  const stripRows = [
    ...rows,
    ...rows
      .filter((r) => otherPaths.has(r.path))
      .map((r) => ({
        ...r,
        path: otherLabel(r.path),
        outcome: r.otherOutcome ?? r.outcome,
        totalTimeSec: r.otherOutcome === undefined ? r.totalTimeSec : (r.otherTotalTimeSec ?? NaN),
      })),
  ];
  const stripOrder = colour.domain.flatMap((p) => (otherPaths.has(p) ? [p, otherLabel(p)] : [p]));
  const strip = stripCells(stripRows);
  const hidden = hiddenSeries(points);
  // The hidden series first, so that the line on top is the one the subtitle names (it said
  // "routed-lan's line lies under same-l2's" while routed-lan, drawn later, lay on top).
  const lines = drawHiddenFirst(points, (l) => l.path, hidden);
  const tooltip = [
    { field: "path", title: "Path" },
    { field: "dirtyMiBps", title: "Dirty rate (MiB/s)" },
    { field: "time", title: `Total time (${unit.label})` },
    { field: "outcome", title: "Outcome" },
  ];
  const statuses = (Object.keys(STATUS) as ConvergenceStatus[]).filter((s) => strip.some((c) => c.s === s));
  const xScale = dirtyRateScale(rows.map((r) => toMiBPerSec(r.dirtyRateBytesPerSec)));
  const xTitle = `Guest dirty rate (MiB/s${xScale.type === "log" ? ", log scale" : ""})`;
  const nothingPlotted = points.length === 0 && others.length === 0;
  // The other reading's dashed lines hide one another too (two paths both bound by the same
  // expected-line-rate window): named as the used lines are, the hidden drawn first.
  const otherSeries = (o: { path: string }): string => `${o.path}, ${names.other}`;
  const hiddenOthers = identicalSeries(
    others.map((o) => ({ series: otherSeries(o), x: o.dirtyMiBps, y: o.time })),
  );
  const subtitle = [
    ...hiddenLines(hidden),
    ...hiddenLines(hiddenOthers),
    ...(nothingPlotted ? ["no migration switches over at any dirty rate swept: no time to draw"] : []),
  ];
  const top = {
    width: 560,
    height: 300,
    data: { values: lines },
    encoding: {
      // The strip below, when there is one, carries the x axis title; this axis keeps its labels.
      x: {
        field: "dirtyMiBps",
        type: "quantitative" as const,
        title: strip.length > 0 ? null : xTitle,
        scale: xScale,
      },
      y: {
        field: "time",
        type: "quantitative" as const,
        title: `Total migration time (${unit.label}${log ? ", log scale" : ""})`,
        // Without a point the domain would be empty (ticks "0.000000"): 0 to 1 of the unit.
        scale: log ? { type: "log" as const } : nothingPlotted ? { domain: [0, 1] } : { zero: true },
      },
      color: pathColourEncoding(colour),
    },
    layer: lineReadingLayers(names, tooltip, drawHiddenFirst(others, otherSeries, hiddenOthers)),
  };
  if (strip.length === 0)
    return {
      $schema: VEGA_LITE_SCHEMA,
      title: withSubtitleLines(titleOf(text, "Migration time vs dirty rate"), subtitle),
      config: chartConfig(),
      vconcat: [top],
    };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: withSubtitleLines(titleOf(text, "Migration time vs dirty rate"), subtitle),
    config: chartConfig(),
    spacing: 6,
    vconcat: [
      top,
      {
        width: 560,
        height: { step: 16 },
        title: { text: "Where pre-copy does not converge on its own", fontSize: 12, fontWeight: "normal" },
        data: { values: strip.map((c) => ({ path: c.path, x0: c.x0, x1: c.x1, status: STATUS[c.s].label })) },
        mark: { type: "rect", height: { band: 0.7 } },
        encoding: {
          x: { field: "x0", type: "quantitative", title: xTitle, scale: xScale },
          x2: { field: "x1" },
          // Room for a label and its reading ("LAN and WAN, expected-line-rate" was cut at 180 px).
          y: { field: "path", type: "nominal", title: null, sort: stripOrder, axis: { labelLimit: 320 } },
          color: {
            field: "status",
            type: "nominal",
            title: "Strip below the lines",
            scale: {
              domain: statuses.map((s) => STATUS[s].label),
              range: statuses.map((s) => STATUS[s].colour),
            },
            legend: { orient: "bottom", direction: "vertical" },
          },
        },
      },
    ],
    resolve: { scale: { color: "independent", x: "shared" } },
  };
}

/** Swept dirty rates spanning more than this factor get a log axis. [assumption: two decades] */
const LOG_X_SPAN = 100;

/**
 * The dirty-rate axis' scale for the swept rates (MiB/s): log above {@link LOG_X_SPAN}, 0 to
 * twice the rate for one rate, else linear over the rates. Example: `dirtyRateScale([400])` is
 * `{ domain: [0, 800], nice: false }`.
 */
export function dirtyRateScale(mibps: readonly number[]): { type?: "log"; domain?: number[]; nice: false } {
  const xs = mibps.filter((x) => Number.isFinite(x) && x > 0);
  if (xs.length === 0) return { nice: false };
  // simple-statistics' min loops: a spread of a 160,000-row sweep's rates overflows the stack.
  const lo = min(xs);
  const hi = finiteMax(xs, lo);
  if (hi / lo > LOG_X_SPAN) return { type: "log", nice: false };
  if (hi === lo) return { domain: [0, roundSig(2 * hi)], nice: false };
  return { nice: false };
}

interface StripCell {
  readonly path: string;
  readonly x0: number;
  readonly x1: number;
  readonly s: ConvergenceStatus;
}

/**
 * Strip cells in MiB/s: each marked row spans to the midpoints with its path neighbours, and
 * touching cells of the same path and status merge into one (no seams between them).
 */
function stripCells(rows: readonly MigrationTimeRow[]): StripCell[] {
  const byPath = new Map<string, MigrationTimeRow[]>();
  for (const r of rows) {
    const list = byPath.get(r.path);
    if (list === undefined) byPath.set(r.path, [r]);
    else list.push(r);
  }
  const cells: StripCell[] = [];
  for (const [path, list] of byPath) {
    const sorted = [...list].sort((a, b) => a.dirtyRateBytesPerSec - b.dirtyRateBytesPerSec);
    sorted.forEach((r, i) => {
      const s = convergenceStatus(r.outcome, r.totalTimeSec);
      if (s === undefined) return;
      const x = r.dirtyRateBytesPerSec;
      // A path's only rate spans 10 % either side (half-way to itself is no width at all).
      const lone = sorted.length === 1;
      const prev = sorted[i - 1]?.dirtyRateBytesPerSec ?? (lone ? x * 0.8 : x);
      const next = sorted[i + 1]?.dirtyRateBytesPerSec ?? (lone ? x * 1.2 : x);
      const x0 = roundSig(toMiBPerSec((prev + x) / 2));
      const x1 = roundSig(toMiBPerSec((x + next) / 2));
      const last = cells[cells.length - 1];
      if (last !== undefined && last.path === path && last.s === s && last.x1 === x0) {
        cells[cells.length - 1] = { ...last, x1 };
      } else {
        cells.push({ path, x0, x1, s });
      }
    });
  }
  return cells;
}

/**
 * Series whose every point equals an earlier series' (same x, time within 0.1 %): their line is
 * drawn under that one, so the subtitle says so. Example: `[["routed-lan", "same-l2"]]`.
 */
export function hiddenSeries(
  lines: readonly { path: string; dirtyMiBps: number; time: number }[],
): [string, string][] {
  return identicalSeries(lines.map((l) => ({ series: l.path, x: l.dirtyMiBps, y: l.time })));
}
