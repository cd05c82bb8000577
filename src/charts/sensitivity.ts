import type { TopLevelSpec } from "vega-lite";
import { readingNames, readingPanels } from "./buffer-readings.js";
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
  /**
   * The same inputs moved under the other buffer-sizing reading (model.md section 4: both
   * readings are assumptions), given only where the two part by more than 10 %: drawn as a second
   * tornado below the first, on its own time axis.
   */
  readonly other?: {
    readonly rows: readonly SensitivityRow[];
    readonly baselineTotalTimeSec: number;
    readonly usedMode: string;
    readonly otherMode: string;
  };
}

/** Below this change either way an input's bars are too short to see (as the findings say: 0.5 %). */
const QUIET_FRACTION = 0.005;
const QUIET_NOTE = "less than 0.5 % either way";

/**
 * Tornado chart: for each input, a bar from the baseline total time to the time with the input
 * lowered by `deltaFraction` and one to the time with it raised, inputs sorted by swing
 * (|high - low|, largest on top); the baseline is a vertical rule. Non-finite times (the
 * migration fails at that setting) are drawn to the chart edge and labelled "fails"; an input that
 * moves the time by less than 0.5 % either way is labelled so beside the baseline. A baseline that
 * fails is drawn at that edge too (the axis from 0), its bars running to the ends that complete.
 *
 * With `other` (the two buffer-sizing readings part), a second tornado below the first shows the
 * other reading, each panel titled with its reading ("Buffer sizing (assumed): bdp (used)"), the
 * other's baseline named in its title.
 */
export function sensitivityChart(rows: readonly SensitivityRow[], options: SensitivityOptions): TopLevelSpec {
  const other = options.other;
  if (other === undefined) return tornado(rows, options);
  const { other: _o, ...rest } = options;
  const otherSpec = tornado(other.rows, { ...rest, baselineTotalTimeSec: other.baselineTotalTimeSec });
  const baseline = (otherSpec as { title?: { subtitle?: string[] } }).title?.subtitle?.at(-1) ?? "";
  return readingPanels(tornado(rows, rest), otherSpec, readingNames([other]), ` (${lower(baseline)})`, {
    scale: { x: "independent" },
  });
}

const lower = (t: string): string => t.charAt(0).toLowerCase() + t.slice(1);

/** One tornado (see {@link sensitivityChart}). */
function tornado(rows: readonly SensitivityRow[], options: SensitivityOptions): TopLevelSpec {
  const pct = roundSig(options.deltaFraction * 100, 3);
  const lowLabel = `input \u2212${pct} %`;
  const highLabel = `input +${pct} %`;
  const all = [options.baselineTotalTimeSec, ...rows.flatMap((r) => [r.lowTotalTimeSec, r.highTotalTimeSec])];
  const maxFinite = finiteMax(all, 1);
  const unit = timeUnitFor(maxFinite);
  const edge = maxFinite * 1.1;
  // A baseline that never switches over has no time: it is drawn at the right edge, as a failed
  // end is, and each bar runs from there to the time at the end that completes (it was drawn
  // at "Infinity s", which JSON turns into null).
  const baseFails = !Number.isFinite(options.baselineTotalTimeSec);
  const swing = (r: SensitivityRow): number =>
    Math.abs(Math.min(r.highTotalTimeSec, edge) - Math.min(r.lowTotalTimeSec, edge));
  const sorted = [...rows].sort((a, b) => swing(b) - swing(a) || a.input.localeCompare(b.input));
  const base = (baseFails ? edge : options.baselineTotalTimeSec) / unit.divisor;
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
      changePct:
        Number.isFinite(t) && !baseFails
          ? roundSig(((t - options.baselineTotalTimeSec) / options.baselineTotalTimeSec) * 100, 3)
          : null,
      note: Number.isFinite(t) ? "" : "fails",
    })),
  );
  const xTitle = `Total migration time (${unit.label})`;
  const small = (t: number): boolean =>
    !baseFails && Number.isFinite(t) && Math.abs(t / options.baselineTotalTimeSec - 1) < QUIET_FRACTION;
  const quiet = sorted.filter((r) => small(r.lowTotalTimeSec) && small(r.highTotalTimeSec));
  const baselineNote = baseFails
    ? "Black line: the baseline, which never switches over (drawn at the right edge)"
    : `Black line: baseline, ${roundSig(base, 3)} ${unit.label}`;
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
              x: {
                field: "from",
                type: "quantitative",
                title: xTitle,
                scale: baseFails ? { domain: [0, roundSig(base)] } : { zero: false },
              },
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
      // Inputs whose bars are too short to see say so, not an empty row that reads as missing data.
      ...(quiet.length === 0
        ? []
        : [
            {
              data: {
                values: quiet.map((r) => ({ input: r.input, base: roundSig(base), note: QUIET_NOTE })),
              },
              mark: { type: "text" as const, align: "left" as const, dx: 6, fontSize: 11, color: "#555555" },
              encoding: {
                y: { field: "input", type: "nominal" as const, sort: sorted.map((r) => r.input) },
                x: { field: "base", type: "quantitative" as const, title: xTitle },
                text: { field: "note" },
              },
            },
          ]),
      {
        data: { values: [{ base: roundSig(base) }] },
        mark: { type: "rule", color: "#000000", strokeWidth: 1.5 },
        encoding: { x: { field: "base", type: "quantitative", title: xTitle } },
      },
    ],
  };
}
