import type { TopLevelSpec } from "vega-lite";
import { subtitleLines, titleOf, type ChartText } from "./common.js";
import { chartConfig, OKABE_ITO, VEGA_LITE_SCHEMA } from "./theme.js";
import { finiteMax, roundSig, timeUnitFor } from "./units.js";

/** Total time with one input moved down and up by the same fraction, all else at baseline. */
export interface SensitivityRow {
  /** Input name as shown on the axis, e.g. "dirty rate" or "RTT". */
  readonly input: string;
  readonly lowTotalTimeSec: number;
  readonly highTotalTimeSec: number;
}

export interface SensitivityOptions extends ChartText {
  readonly baselineTotalTimeSec: number;
  /** How far each input was moved, as a fraction (0.2 for +-20 %). */
  readonly deltaFraction: number;
}

/**
 * Tornado chart: for each input, a bar from the baseline total time to the time with the input
 * lowered by `deltaFraction` and one to the time with it raised, inputs sorted by swing
 * (|high - low|, largest on top); the baseline is a vertical rule. Non-finite times (the
 * migration fails at that setting) are drawn to the chart edge and labelled "fails".
 */
export function sensitivityChart(rows: readonly SensitivityRow[], options: SensitivityOptions): TopLevelSpec {
  const pct = roundSig(options.deltaFraction * 100, 3);
  const lowLabel = `input \u2212${pct} %`;
  const highLabel = `input +${pct} %`;
  const all = [options.baselineTotalTimeSec, ...rows.flatMap((r) => [r.lowTotalTimeSec, r.highTotalTimeSec])];
  const maxFinite = finiteMax(all, 1);
  const unit = timeUnitFor(maxFinite);
  const edge = maxFinite * 1.1;
  const swing = (r: SensitivityRow): number =>
    Math.abs(Math.min(r.highTotalTimeSec, edge) - Math.min(r.lowTotalTimeSec, edge));
  const sorted = [...rows].sort((a, b) => swing(b) - swing(a) || a.input.localeCompare(b.input));
  const base = options.baselineTotalTimeSec / unit.divisor;
  const bars = sorted.flatMap((r) =>
    (
      [
        [lowLabel, r.lowTotalTimeSec],
        [highLabel, r.highTotalTimeSec],
      ] as const
    ).map(([direction, t]) => ({
      input: r.input,
      direction,
      from: roundSig(base),
      to: roundSig((Number.isFinite(t) ? t : edge) / unit.divisor),
      changePct: Number.isFinite(t)
        ? roundSig(((t - options.baselineTotalTimeSec) / options.baselineTotalTimeSec) * 100, 3)
        : null,
      note: Number.isFinite(t) ? "" : "fails",
    })),
  );
  const xTitle = `Total migration time (${unit.label})`;
  const baselineNote = `Black line: baseline, ${roundSig(base, 3)} ${unit.label}`;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: titleOf(
      { ...options, subtitle: [...subtitleLines(options.subtitle), baselineNote] },
      `Sensitivity of total time to each input (\u00b1${pct} %)`,
    ),
    config: chartConfig(),
    width: 520,
    height: { step: 34 },
    layer: [
      {
        data: { values: bars },
        encoding: {
          y: {
            field: "input",
            type: "nominal",
            title: null,
            sort: sorted.map((r) => r.input),
            axis: { labelLimit: 200 },
          },
        },
        layer: [
          {
            mark: { type: "bar", height: { band: 0.7 }, opacity: 0.9 },
            encoding: {
              x: { field: "from", type: "quantitative", title: xTitle, scale: { zero: false } },
              x2: { field: "to" },
              color: {
                field: "direction",
                type: "nominal",
                title: "Change to the input",
                scale: { domain: [lowLabel, highLabel], range: [OKABE_ITO.blue, OKABE_ITO.orange] },
                legend: { orient: "bottom" },
              },
              tooltip: [
                { field: "input", title: "Input" },
                { field: "direction", title: "Change" },
                { field: "to", title: xTitle },
                { field: "changePct", title: "Change in total time (%)" },
              ],
            },
          },
          {
            transform: [{ filter: "datum.note !== ''" }],
            mark: { type: "text", align: "right", dx: -4, fontSize: 11, color: "#000000" },
            encoding: { x: { field: "to", type: "quantitative", title: xTitle }, text: { field: "note" } },
          },
        ],
      },
      {
        data: { values: [{ base: roundSig(base) }] },
        mark: { type: "rule", color: "#000000", strokeWidth: 1.5 },
        encoding: { x: { field: "base", type: "quantitative", title: xTitle } },
      },
    ],
  };
}
