import { max, quantileSorted } from "simple-statistics";
import type { TopLevelSpec } from "vega-lite";
import { isFailed, titleOf, type ChartText } from "./common.js";
import { histogram } from "./histogram.js";
import { chartConfig, OKABE_ITO, VEGA_LITE_SCHEMA } from "./theme.js";
import { formatCount, plural } from "../units/format.js";
import { finiteMax, roundSig, timeUnitFor } from "./units.js";

/**
 * One Monte Carlo draw: the migration's total time and the guest-seen stun (`downtimeSec`), and
 * how it ended (a value of `Outcome`) when known: a draw that never switched over has no stun and
 * no migration time (a sweep row's time is then how long pre-copy tried), so it is drawn in
 * neither histogram.
 */
export interface DistributionSample {
  readonly totalTimeSec: number;
  readonly downtimeSec: number;
  readonly outcome?: string;
}

/** The quantiles marked on each histogram. */
export const MARKED_QUANTILES = [0.5, 0.95, 0.99] as const;

/** Bins per histogram aimed for; the step is rounded to 1, 2 or 5 x 10^k. */
const TARGET_BINS = 30;

/**
 * Quantiles of finite values with simple-statistics `quantileSorted`: linear interpolation at
 * rank (n - 1) p (Hyndman & Fan type 7, numpy's default). Empty input gives an empty list.
 * Example: for 1..100, p50 = 50.5, p95 = 95.05, p99 = 99.01.
 */
export function markedQuantiles(values: readonly number[]): { p: number; value: number }[] {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  return MARKED_QUANTILES.map((p) => ({ p, value: quantileSorted(sorted, p) }));
}

type Panel = Extract<TopLevelSpec, { hconcat: unknown }>["hconcat"][number];

/** Panel width (px). */
const WIDTH_PX = 300;
/** Quantile label rows: the first row's centre and the step between rows, px from the top. */
const ROW_TOP_PX = 8;
const ROW_STEP_PX = 14;

/**
 * The label row of each quantile (rows from the top in order of value, so close quantiles do not
 * overprint) and where the rules start: below every label row, so that no rule runs through a
 * label ("p99 556 ms" was crossed by the p95 rule at 541 ms, 9 px away).
 */
function labelRows(marks: { value: number; yPx: number; ruleTopPx: number }[]): void {
  const sorted = [...marks].sort((a, b) => a.value - b.value);
  sorted.forEach((m, row) => (m.yPx = ROW_TOP_PX + row * ROW_STEP_PX));
  for (const m of marks) m.ruleTopPx = ROW_TOP_PX + (marks.length - 0.5) * ROW_STEP_PX;
}

/**
 * A panel's title: how many draws it shows, and of how many when some never switched over
 * (`"Total migration time, 180 of 200 runs (20 never switch over)"`).
 */
function panelTitle(what: string, shown: number, all: number): string {
  if (shown === all) return `${what}, ${plural(all, "run")}`;
  const failed = all - shown;
  return `${what}, ${formatCount(shown)} of ${plural(all, "run")} (${formatCount(failed)} never switch${failed === 1 ? "es" : ""} over)`;
}

/** The panel for draws none of which switched over: a note where the histogram would be. */
function emptyPanel(what: string, all: number): Panel {
  return {
    width: WIDTH_PX,
    height: 240,
    title: { text: `${what}, ${plural(all, "run")}`, fontSize: 13, fontWeight: "normal" },
    data: { values: [{ note: `none of the ${plural(all, "run")}\nswitches over: nothing to show` }] },
    mark: { type: "text", fontSize: 13, color: "#404040", lineBreak: "\n" },
    encoding: {
      x: { value: WIDTH_PX / 2 },
      y: { value: 120 },
      text: { field: "note", type: "nominal" },
    },
  };
}

function panel(values: readonly number[], what: string, colour: string, all: number): Panel {
  if (values.length === 0) return emptyPanel(what, all);
  const unit = timeUnitFor(finiteMax(values, 1));
  const scaled = values.map((v) => v / unit.divisor);
  const bins = histogram(scaled, TARGET_BINS).map((b) => ({
    x0: roundSig(b.x0),
    x1: roundSig(b.x1),
    count: b.count,
  }));
  const lo = bins[0]?.x0 ?? 0;
  const hi = bins[bins.length - 1]?.x1 ?? 1;
  const maxCount = bins.length === 0 ? 1 : Math.max(1, max(bins.map((b) => b.count)));
  const marks = markedQuantiles(scaled).map((q) => ({
    value: roundSig(q.value),
    // Labels right of centre go on the left of their rule so they stay inside the panel.
    side: q.value > (lo + hi) / 2 ? "left" : "right",
    label: `p${Math.round(q.p * 100)} ${roundSig(q.value, 3)} ${unit.label}`,
    // Set by labelRows: labels stack down from the top so close quantiles do not overprint.
    yPx: 0,
    ruleTopPx: 0,
  }));
  labelRows(marks);
  const xTitle = `${what} (${unit.label})`;
  return {
    width: WIDTH_PX,
    height: 240,
    title: { text: panelTitle(what, values.length, all), fontSize: 13, fontWeight: "normal" },
    layer: [
      {
        data: { values: bins },
        mark: { type: "rect", color: colour, opacity: 0.85 },
        encoding: {
          x: { field: "x0", type: "quantitative", title: xTitle, scale: { zero: false } },
          x2: { field: "x1" },
          // Headroom above the tallest bar keeps the quantile labels clear of the bars.
          y: {
            field: "count",
            type: "quantitative",
            title: "Runs per bin",
            scale: { domain: [0, Math.ceil(maxCount * 1.35)], nice: false },
          },
          tooltip: [
            { field: "x0", title: `From (${unit.label})` },
            { field: "x1", title: `To (${unit.label})` },
            { field: "count", title: "Runs" },
          ],
        },
      },
      {
        data: { values: marks },
        layer: [
          {
            mark: { type: "rule", strokeDash: [4, 3], strokeWidth: 1.5, color: "#000000" },
            encoding: {
              x: { field: "value", type: "quantitative", title: xTitle },
              y: { field: "ruleTopPx", type: "quantitative", scale: null, axis: null },
              y2: { value: "height" },
            },
          },
          {
            transform: [{ filter: "datum.side === 'right'" }],
            mark: { type: "text", align: "left", dx: 3, fontSize: 11, color: "#000000" },
            encoding: {
              x: { field: "value", type: "quantitative", title: xTitle },
              y: { field: "yPx", type: "quantitative", scale: null, axis: null },
              text: { field: "label" },
            },
          },
          {
            transform: [{ filter: "datum.side === 'left'" }],
            mark: { type: "text", align: "right", dx: -3, fontSize: 11, color: "#000000" },
            encoding: {
              x: { field: "value", type: "quantitative", title: xTitle },
              y: { field: "yPx", type: "quantitative", scale: null, axis: null },
              text: { field: "label" },
            },
          },
        ],
      },
    ],
  };
}

/**
 * Distributions from a Monte Carlo sweep: histograms of total migration time and of the
 * guest-seen stun time, side by side, each with p50, p95 and p99 as dashed rules labelled with
 * their values. Bins are computed here (about 30, nice steps) so the spec stays small for large
 * sweeps. Draws that never switched over (a failed outcome, or no finite time) are left out of
 * both panels, whose titles then say how many of the draws they show; when none switched over,
 * each panel says so instead of drawing a histogram.
 *
 * Example: 200 draws of which 20 end `not-converging` give panels titled "Total migration time,
 * 180 of 200 runs (20 never switch over)" and "Stun time (guest-seen), 180 of 200 runs (...)".
 */
export function distributionChart(samples: readonly DistributionSample[], text?: ChartText): TopLevelSpec {
  const ok = samples.filter(
    (s) => !isFailed(s.outcome ?? "converged", s.totalTimeSec) && Number.isFinite(s.downtimeSec),
  );
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: titleOf(text, "Distribution of migration time and stun time"),
    config: chartConfig(),
    hconcat: [
      panel(
        ok.map((s) => s.totalTimeSec),
        "Total migration time",
        OKABE_ITO.blue,
        samples.length,
      ),
      panel(
        ok.map((s) => s.downtimeSec),
        "Stun time (guest-seen)",
        OKABE_ITO.orange,
        samples.length,
      ),
    ],
  };
}
