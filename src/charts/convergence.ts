import { max } from "simple-statistics";
import type { TopLevelSpec } from "vega-lite";
import { readingNames, readingShape } from "./buffer-readings.js";
import { lineWithPoints, titleOf, type ChartText } from "./common.js";
import { chartConfig, seriesColourScale, VEGA_LITE_SCHEMA } from "./theme.js";
import { formatBytes } from "../units/format.js";
import { BYTES_PER_MIB, roundSig } from "./units.js";

/** Bytes still to send at the start of one pre-copy iteration of one scenario. */
export interface ConvergenceRow {
  readonly scenario: string;
  /** Pre-copy iteration, 0 = the full first copy. */
  readonly iteration: number;
  readonly remainingBytes: number;
  /**
   * Set on the rows of a trace under the other buffer-sizing reading (model.md section 4: both
   * readings are assumptions), drawn only for scenarios whose two readings part by more than 10 %:
   * that reading's name (`expected-line-rate`) and the one used (`bdp`).
   */
  readonly otherMode?: string;
  readonly usedMode?: string;
}

/**
 * The switchover goal of one scenario in bytes: what can be sent within the goal time, i.e.
 * switchover goal (s) x estimated throughput (B/s); vMotion's goal is 0.5 s
 * (`Migrate.PreCopySwitchoverTimeGoal`, model.md section 1.3).
 */
export interface SwitchoverGoal {
  readonly scenario: string;
  readonly goalBytes: number;
  /** The goal under the other buffer-sizing reading (its own throughput), where the two part. */
  readonly otherGoalBytes?: number;
}

/**
 * Convergence per iteration: bytes remaining (MiB, log scale) at each pre-copy iteration, one line
 * per scenario, with each scenario's switchover goal as a dashed rule in the same colour (one grey
 * rule, its value named, when every goal prints alike). A line
 * that crosses its rule is where pre-copy stops; a flat line never gets there.
 *
 * Where a scenario's two buffer-sizing readings part (rows with `otherMode`), its trace under the
 * other reading is drawn too, as in the configurations chart: diamonds (joined by a dashed line in
 * the scenario's colour) beside the reading used (circles), under a "Buffer sizing (assumed)"
 * legend, with that reading's own goal as a dotted rule. Without such rows the chart has neither.
 */
export function convergenceChart(
  rows: readonly ConvergenceRow[],
  goals: readonly SwitchoverGoal[],
  text?: ChartText,
): TopLevelSpec {
  const colour = seriesColourScale([...rows.map((r) => r.scenario), ...goals.map((g) => g.scenario)]);
  const otherRows = rows.filter((r) => r.otherMode !== undefined);
  const names = readingNames(otherRows);
  const point = (r: ConvergenceRow) => ({
    scenario: r.scenario,
    iteration: r.iteration,
    remainingMiB: roundSig(r.remainingBytes / BYTES_PER_MIB),
    ...(otherRows.length > 0 ? { reading: r.otherMode === undefined ? names.used : names.other } : {}),
  });
  const others = otherRows.filter((r) => r.remainingBytes > 0).map(point);
  const otherGoals = goals.flatMap((g) =>
    g.otherGoalBytes === undefined
      ? []
      : [{ scenario: g.scenario, goalMiB: roundSig(g.otherGoalBytes / BYTES_PER_MIB) }],
  );
  const positive = rows.filter((r) => r.remainingBytes > 0 && r.otherMode === undefined);
  const maxIteration = rows.length === 0 ? 0 : Math.max(0, max(rows.map((r) => r.iteration)));
  const goalRows = goals.map((g) => ({
    scenario: g.scenario,
    goalMiB: roundSig(g.goalBytes / BYTES_PER_MIB),
  }));
  const printed = [...new Set(goals.map((g) => formatBytes(g.goalBytes)))];
  const tooltip = [
    { field: "scenario", title: "Scenario" },
    { field: "iteration", title: "Iteration" },
    { field: "remainingMiB", title: "Bytes remaining (MiB)" },
  ];
  const shared = goals.length > 1 && printed.length === 1 ? (printed[0] as string) : null;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: titleOf(text, "Bytes remaining per pre-copy iteration"),
    config: chartConfig(),
    width: 560,
    height: 320,
    encoding: {
      color: { field: "scenario", type: "nominal", title: "Scenario", scale: colour },
    },
    layer: [
      {
        data: { values: [...positive.map(point), ...others] },
        encoding: {
          x: {
            field: "iteration",
            type: "quantitative",
            title: "Pre-copy iteration (0 = full copy)",
            scale: { domain: [0, maxIteration], nice: false },
            axis: { tickMinStep: 1, format: "d" },
          },
          y: {
            field: "remainingMiB",
            type: "quantitative",
            title: "Bytes remaining (MiB, log scale)",
            scale: { type: "log" },
          },
        },
        layer:
          others.length === 0
            ? lineWithPoints(tooltip)
            : [
                {
                  transform: [{ filter: { field: "reading", equal: names.used } }],
                  mark: { type: "line", strokeWidth: 2 },
                },
                {
                  transform: [{ filter: { field: "reading", equal: names.other } }],
                  mark: { type: "line", strokeWidth: 1.5, strokeDash: [4, 3] },
                },
                {
                  mark: { type: "point", filled: true, size: 40, opacity: 1 },
                  encoding: {
                    shape: readingShape(names),
                    tooltip: [...tooltip, { field: "reading", title: "Buffer sizing (assumed)" }],
                  },
                },
              ],
      },
      ...(otherGoals.length === 0
        ? []
        : [
            {
              data: { values: otherGoals },
              mark: { type: "rule" as const, strokeDash: [1, 3], strokeWidth: 1.5 },
              encoding: { y: { field: "goalMiB", type: "quantitative" as const } },
            },
          ]),
      // Goals that print alike are one rule: drawn in each scenario's colour they lay on one
      // another and only the last colour showed (the example's three 590 MiB goals read as metro's).
      shared === null
        ? {
            data: { values: goalRows },
            mark: { type: "rule", strokeDash: [6, 4], strokeWidth: 1.5 },
            encoding: { y: { field: "goalMiB", type: "quantitative" } },
          }
        : {
            data: { values: [{ goalMiB: goalRows[0]?.goalMiB ?? 0 }] },
            mark: { type: "rule", strokeDash: [6, 4], strokeWidth: 1.5, color: "#555555" },
            encoding: { y: { field: "goalMiB", type: "quantitative" }, color: { value: "#555555" } },
          },
      {
        data: {
          values: [
            {
              // A second line (Vega draws an array as lines) for the other reading's goal.
              label: [
                shared === null
                  ? "dashed: switchover goal (bytes sendable within the goal time)"
                  : `dashed: switchover goal of ${goals.length === 2 ? "both" : `all ${goals.length}`} scenarios, ${shared} (bytes sendable within the goal time)`,
                ...(otherGoals.length === 0
                  ? []
                  : [`dotted: the switchover goal under ${names.other} (at its throughput)`]),
              ],
            },
          ],
        },
        mark: {
          type: "text",
          align: "right",
          baseline: "top",
          dx: -4,
          dy: 4,
          color: "#555555",
          fontSize: 11,
        },
        encoding: {
          text: { field: "label" },
          // The right edge of the plot whatever its width ("width": Vega-Lite's full-width value).
          x: { value: "width" },
          y: { value: 0 },
          color: { value: "#555555" },
        },
      },
    ],
  };
}
