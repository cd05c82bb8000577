import type { TopLevelSpec } from "vega-lite";
import { readingNames, readingPanels } from "./buffer-readings.js";
import { isFailed, titleOf, type ChartText } from "./common.js";
import { cellEdges, spansDecades } from "./edges.js";
import { chartConfig, FAILED_GREY, OUTCOME_COLOURS, VEGA_LITE_SCHEMA } from "./theme.js";
import { formatNumber } from "../units/format.js";
import { finiteMax, roundSig, timeUnitFor, toGbitPerSec, toMiBPerSec } from "./units.js";

/** One grid cell: a path (RTT or bandwidth) and a dirty rate, and how the migration ended. */
export interface FeasibilityRow {
  /** Round-trip time; required when the x axis is "rtt". */
  readonly rttSec?: number;
  /** Path throughput or link rate; required when the x axis is "bandwidth". */
  readonly bandwidthBytesPerSec?: number;
  readonly dirtyRateBytesPerSec: number;
  readonly totalTimeSec: number;
  readonly outcome: string;
  /**
   * The same migration under the other buffer-sizing reading, when the two part by more than
   * 10 % (model.md section 4: both readings are assumptions), with the readings' names; absent
   * where they agree. `otherTotalTimeSec` is NaN when the other reading does not switch over.
   */
  readonly otherTotalTimeSec?: number;
  readonly otherOutcome?: string;
  readonly usedMode?: string;
  readonly otherMode?: string;
}

export interface FeasibilityOptions extends ChartText {
  /** What the x axis shows; default "rtt". */
  readonly axis?: "rtt" | "bandwidth";
  /**
   * RTT support limit drawn as a rule on an RTT axis: 150 ms, the largest RTT VMware supports for
   * long-distance vMotion (vSphere 6.0+, model.md section 5).
   */
  readonly supportLimitRttSec?: number;
}

/** Default RTT support limit (s): long-distance vMotion, vSphere 6.0+ (model.md section 5). */
export const VMOTION_RTT_LIMIT_SEC = 0.15;

/**
 * The categories a feasibility cell falls in, in legend order, with their labels. Forced
 * switchovers (round limit, data cap) switch over but only by force, so they are their own
 * category; every failure outcome is "fails".
 */
export const FEASIBILITY_CATEGORIES = [
  { key: "converged", label: "converges on its own" },
  { key: "converged-throttled", label: "converges only with SDPS throttling" },
  { key: "forced", label: "forced switchover (round limit or data cap)" },
  { key: "failed", label: "fails (no switchover)" },
] as const;

const CATEGORY_COLOURS: Readonly<Record<string, string>> = {
  converged: OUTCOME_COLOURS.converged as string,
  "converged-throttled": OUTCOME_COLOURS["converged-throttled"] as string,
  forced: OUTCOME_COLOURS["max-rounds"] as string,
  failed: FAILED_GREY,
  same: "#ffffff",
};

/** The categories with the other reading's blank cell last (only its map has such cells). */
const CATEGORIES: readonly { readonly key: string; readonly label: string }[] = [
  ...FEASIBILITY_CATEGORIES,
  { key: "same", label: "within 10 % of the reading used" },
];

function categoryLabel(outcome: string, totalTimeSec: number): string {
  const key = feasibilityCategory(outcome, totalTimeSec);
  return CATEGORIES.find((c) => c.key === key)?.label ?? key;
}

/** The category of one outcome (see {@link FEASIBILITY_CATEGORIES}). */
export function feasibilityCategory(outcome: string, totalTimeSec: number): string {
  if (outcome === SAME_OUTCOME) return SAME_OUTCOME;
  if (isFailed(outcome, totalTimeSec)) return "failed";
  if (outcome === "converged" || outcome === "converged-throttled") return outcome;
  return "forced";
}

/** Plot height (px) and the size of the time printed in each cell. */
const HEIGHT_PX = 340;
const CELL_FONT_PX = 9;

/** Grids up to this many columns and rows print each cell's time in it; larger ones only in tooltips. */
const MAX_LABELLED_CELLS_PER_AXIS = 16;

/**
 * Feasibility map: RTT (ms) or bandwidth (Gbit/s) against dirty rate (MiB/s). Each cell's colour
 * is its category (converges on its own, only with SDPS throttling, by a forced switchover, or
 * fails), with a legend entry only for the categories present; the total time is the second
 * channel, printed in every cell that switched over when the grid is small enough to read it
 * (up to 16 x 16; the support-limit rule is then drawn around the numbers, never over them), else
 * only in the tooltip. Axes end where the cells end; on an RTT axis the
 * support limit is a dashed rule, drawn only when it falls within the simulated RTTs. Axes turn
 * logarithmic when the grid spans more than 20x; cells span half-way to neighbours.
 */
export function feasibilityChart(
  rows: readonly FeasibilityRow[],
  options: FeasibilityOptions = {},
): TopLevelSpec {
  const parting = rows.filter((r) => r.otherOutcome !== undefined);
  if (parting.length === 0) return feasibilityMap(rows, options, rows);
  // Both readings: the map of the reading used, and below it the other reading's map, where the
  // cells that agree within 10 % are left blank (drawn once, above). One time unit and one colour
  // scale for both, so that a colour and a number mean the same in either.
  const names = readingNames(parting);
  const otherRows = rows.map((r) =>
    r.otherOutcome === undefined
      ? { ...r, outcome: SAME_OUTCOME, totalTimeSec: NaN }
      : { ...r, outcome: r.otherOutcome, totalTimeSec: r.otherTotalTimeSec ?? NaN },
  );
  const all = [...rows, ...otherRows];
  return readingPanels(
    feasibilityMap(rows, options, all),
    feasibilityMap(otherRows, options, all),
    names,
    "; blank cells are within 10 % of the map above",
    { scale: { color: "shared" } },
  );
}

/** The outcome of a cell of the other reading's map that agrees with the used one. */
const SAME_OUTCOME = "same";

/** One map; `scaleRows` sets the time unit and the colour legend (both maps' rows when two). */
function feasibilityMap(
  rows: readonly FeasibilityRow[],
  options: FeasibilityOptions,
  scaleRows: readonly FeasibilityRow[],
): TopLevelSpec {
  const axis = options.axis ?? "rtt";
  const xOf = (r: FeasibilityRow): number =>
    axis === "rtt" ? (r.rttSec ?? NaN) * 1e3 : toGbitPerSec(r.bandwidthBytesPerSec ?? NaN);
  const xs = rows.map(xOf);
  const ys = rows.map((r) => toMiBPerSec(r.dirtyRateBytesPerSec));
  const limitMs = (options.supportLimitRttSec ?? VMOTION_RTT_LIMIT_SEC) * 1e3;
  const xLog = spansDecades(xs);
  const yLog = spansDecades(ys);
  const xEdges = cellEdges(xs, xLog);
  const yEdges = cellEdges(ys, yLog);
  const ok = rows.filter((r) => !isFailed(r.outcome, r.totalTimeSec));
  const unit = timeUnitFor(
    finiteMax(
      scaleRows.filter((r) => !isFailed(r.outcome, r.totalTimeSec)).map((r) => r.totalTimeSec),
      1,
    ),
  );
  const cells = rows.map((r, i) => {
    const [x0, x1] = xEdges.get(xs[i] ?? NaN) ?? [NaN, NaN];
    const [y0, y1] = yEdges.get(ys[i] ?? NaN) ?? [NaN, NaN];
    const category = feasibilityCategory(r.outcome, r.totalTimeSec);
    const time = category === "failed" || category === SAME_OUTCOME ? null : r.totalTimeSec / unit.divisor;
    return {
      x: roundSig(xs[i] ?? NaN),
      y: roundSig(ys[i] ?? NaN),
      x0: roundSig(x0),
      x1: roundSig(x1),
      y0: roundSig(y0),
      y1: roundSig(y1),
      xMid: roundSig(xLog ? Math.sqrt(x0 * x1) : (x0 + x1) / 2),
      yMid: roundSig(yLog ? Math.sqrt(y0 * y1) : (y0 + y1) / 2),
      time: time === null ? null : roundSig(time),
      timeText: time === null ? "" : formatNumber(time, 2),
      category: categoryLabel(r.outcome, r.totalTimeSec),
      outcome: r.outcome,
    };
  });
  const scaleCategories = new Set(scaleRows.map((r) => categoryLabel(r.outcome, r.totalTimeSec)));
  const present = CATEGORIES.filter((c) => scaleCategories.has(c.label));
  const xTitle = axis === "rtt" ? "Round-trip time (ms)" : "Bandwidth (Gbit/s)";
  const xLabel = axis === "rtt" ? "RTT (ms)" : "Bandwidth (Gbit/s)";
  const timeTitle = `Total time (${unit.label})`;
  // The axes end where the outer cells end.
  const xDomain = [Math.min(...cells.map((c) => c.x0)), Math.max(...cells.map((c) => c.x1))];
  const yDomain = [Math.min(...cells.map((c) => c.y0)), Math.max(...cells.map((c) => c.y1))];
  const xScale = { ...(xLog ? { type: "log" as const } : { zero: false }), nice: false, domain: xDomain };
  const yScale = { ...(yLog ? { type: "log" as const } : { zero: false }), nice: false, domain: yDomain };
  const tooltip = [
    { field: "x", type: "quantitative" as const, title: xLabel },
    { field: "y", type: "quantitative" as const, title: "Dirty rate (MiB/s)" },
    { field: "time", type: "quantitative" as const, title: timeTitle },
    { field: "outcome", type: "nominal" as const, title: "Outcome" },
  ];
  const xField = `${xTitle}${xLog ? ", log scale" : ""}`;
  const position = {
    x: { field: "x0", type: "quantitative" as const, title: xField, scale: xScale },
    x2: { field: "x1" },
    y: {
      field: "y0",
      type: "quantitative" as const,
      title: `Guest dirty rate (MiB/s${yLog ? ", log scale" : ""})`,
      scale: yScale,
    },
    y2: { field: "y1" },
  };
  const columns = new Set(xs).size;
  const rowsCount = new Set(ys).size;
  const labelled = columns <= MAX_LABELLED_CELLS_PER_AXIS && rowsCount <= MAX_LABELLED_CELLS_PER_AXIS;
  const layers: NonNullable<Extract<TopLevelSpec, { layer: unknown }>["layer"]> = [
    {
      mark: { type: "rect", stroke: "#ffffff", strokeWidth: 0.5 },
      encoding: {
        ...position,
        color: {
          field: "category",
          type: "nominal",
          title: "Pre-copy",
          scale: {
            domain: present.map((c) => c.label),
            range: present.map((c) => CATEGORY_COLOURS[c.key] ?? FAILED_GREY),
          },
          // A thin grey outline, so that the other reading's blank (white) cell has a swatch.
          legend: {
            orient: "right",
            symbolType: "square",
            symbolStrokeColor: "#bdbdbd",
            symbolStrokeWidth: 0.5,
          },
        },
        tooltip,
      },
    },
  ];
  // The rule only among the simulated RTTs: beyond the last one it would mark a limit no cell reaches.
  const limitInside = axis === "rtt" && limitMs >= Math.min(...xs) && limitMs <= Math.max(...xs);
  if (limitInside) {
    const line = `${roundSig(limitMs, 4)} ms RTT (vMotion support limit)`;
    // Over labelled cells the rule is drawn only in each row's margins above and below the
    // number, so that it never covers a cell's time (a whole rule ran through the numbers of the
    // column at the limit); over unlabelled cells it is one rule.
    const yRows = [...new Map(cells.map((c) => [c.y0, c.y1])).entries()];
    const cellPx = HEIGHT_PX / Math.max(1, rowsCount);
    const textShare = Math.min(0.8, (CELL_FONT_PX + 4) / cellPx);
    const at = (y0: number, y1: number, f: number): number =>
      roundSig(yLog ? y0 * (y1 / y0) ** f : y0 + (y1 - y0) * f);
    const values =
      labelled && ok.length > 0
        ? yRows.flatMap(([y0, y1]) => [
            { limitMs: roundSig(limitMs), ya: y0, yb: at(y0, y1, (1 - textShare) / 2), line },
            { limitMs: roundSig(limitMs), ya: at(y0, y1, (1 + textShare) / 2), yb: y1, line },
          ])
        : [{ limitMs: roundSig(limitMs), ya: yDomain[0], yb: yDomain[1], line }];
    layers.push({
      data: { values },
      mark: { type: "rule", strokeWidth: 2, color: "#000000" },
      encoding: {
        x: { field: "limitMs", type: "quantitative", title: xField, scale: xScale },
        y: { field: "ya", type: "quantitative", scale: yScale },
        y2: { field: "yb" },
        strokeDash: {
          field: "line",
          type: "nominal",
          title: "Dashed line",
          scale: { range: [[6, 4]] },
          legend: { orient: "right", symbolStrokeColor: "#000000", symbolStrokeWidth: 2, symbolSize: 400 },
        },
      },
    });
  }
  if (labelled && ok.length > 0)
    layers.push({
      transform: [{ filter: "datum.time !== null" }],
      mark: { type: "text", fontSize: CELL_FONT_PX, color: "#000000" },
      encoding: {
        x: { field: "xMid", type: "quantitative", scale: xScale },
        y: { field: "yMid", type: "quantitative", scale: yScale },
        text: { field: "timeText", type: "nominal" },
        tooltip,
      },
    });
  const subtitle = labelled && ok.length > 0 ? [`Numbers in cells: ${timeTitle.toLowerCase()}`] : [];
  const text = titleOf(options, "Where migration is feasible");
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: subtitle.length > 0 ? { ...text, subtitle: [...(text.subtitle ?? []), ...subtitle] } : text,
    config: chartConfig(),
    width: 520,
    height: HEIGHT_PX,
    data: { values: cells },
    layer: layers,
  };
}
