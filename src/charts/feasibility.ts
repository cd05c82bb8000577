import type { TopLevelSpec } from "vega-lite";
import { isFailed, titleOf, type ChartText } from "./common.js";
import { cellEdges, spansDecades } from "./edges.js";
import { chartConfig, FAILED_GREY, VEGA_LITE_SCHEMA } from "./theme.js";
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
 * Feasibility map: RTT (ms) or bandwidth (Gbit/s) against dirty rate (MiB/s), each cell coloured
 * by total migration time (viridis, log when times span more than 20x); cells where the VM never
 * switches over are grey with their own legend; on an RTT axis the support limit is a dashed rule.
 * Axes turn logarithmic when the grid spans more than 20x; cells span half-way to neighbours.
 */
export function feasibilityChart(
  rows: readonly FeasibilityRow[],
  options: FeasibilityOptions = {},
): TopLevelSpec {
  const axis = options.axis ?? "rtt";
  const xOf = (r: FeasibilityRow): number =>
    axis === "rtt" ? (r.rttSec ?? NaN) * 1e3 : toGbitPerSec(r.bandwidthBytesPerSec ?? NaN);
  const xs = rows.map(xOf);
  const ys = rows.map((r) => toMiBPerSec(r.dirtyRateBytesPerSec));
  const limitMs = (options.supportLimitRttSec ?? VMOTION_RTT_LIMIT_SEC) * 1e3;
  const xLog = spansDecades(axis === "rtt" ? [...xs, limitMs] : xs);
  const yLog = spansDecades(ys);
  const xEdges = cellEdges(xs, xLog);
  const yEdges = cellEdges(ys, yLog);
  const ok = rows.filter((r) => !isFailed(r.outcome, r.totalTimeSec));
  const unit = timeUnitFor(
    finiteMax(
      ok.map((r) => r.totalTimeSec),
      1,
    ),
  );
  const timeLog = spansDecades(ok.map((r) => r.totalTimeSec));
  const cells = rows.map((r, i) => {
    const [x0, x1] = xEdges.get(xs[i] ?? NaN) ?? [NaN, NaN];
    const [y0, y1] = yEdges.get(ys[i] ?? NaN) ?? [NaN, NaN];
    const failed = isFailed(r.outcome, r.totalTimeSec);
    return {
      x: roundSig(xs[i] ?? NaN),
      y: roundSig(ys[i] ?? NaN),
      x0: roundSig(x0),
      x1: roundSig(x1),
      y0: roundSig(y0),
      y1: roundSig(y1),
      time: failed ? null : roundSig(r.totalTimeSec / unit.divisor),
      status: failed ? "does not converge" : "converges",
      outcome: r.outcome,
    };
  });
  const xTitle = axis === "rtt" ? "Round-trip time (ms)" : "Bandwidth (Gbit/s)";
  const xLabel = axis === "rtt" ? "RTT (ms)" : "Bandwidth (Gbit/s)";
  const timeTitle = `Total time (${unit.label})`;
  const xScale = xLog ? { type: "log" as const, nice: false } : { nice: false, zero: false };
  const yScale = yLog ? { type: "log" as const, nice: false } : { nice: false, zero: false };
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
  const layers: NonNullable<Extract<TopLevelSpec, { layer: unknown }>["layer"]> = [
    {
      transform: [{ filter: "datum.time !== null" }],
      mark: { type: "rect", stroke: "#ffffff", strokeWidth: 0.5 },
      encoding: {
        ...position,
        color: {
          field: "time",
          type: "quantitative",
          title: timeTitle,
          scale: timeLog ? { type: "log", scheme: "viridis" } : { scheme: "viridis", zero: false },
          legend: { orient: "right", gradientLength: 200 },
        },
        tooltip,
      },
    },
    {
      transform: [{ filter: "datum.time === null" }],
      mark: { type: "rect", stroke: "#ffffff", strokeWidth: 0.5 },
      encoding: {
        ...position,
        color: {
          field: "status",
          type: "nominal",
          title: "Pre-copy",
          scale: { domain: ["does not converge"], range: [FAILED_GREY] },
          legend: { orient: "right", symbolType: "square" },
        },
        tooltip,
      },
    },
  ];
  if (axis === "rtt") {
    layers.push({
      data: {
        values: [
          { limitMs: roundSig(limitMs), line: `${roundSig(limitMs, 4)} ms RTT (vMotion support limit)` },
        ],
      },
      mark: { type: "rule", strokeWidth: 2, color: "#000000" },
      encoding: {
        x: { field: "limitMs", type: "quantitative", title: xField },
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
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: titleOf(options, "Where migration is feasible"),
    config: chartConfig(),
    width: 520,
    height: 340,
    data: { values: cells },
    layer: layers,
    resolve: { scale: { color: "independent" } },
  };
}
