import { max } from "simple-statistics";
import type { TopLevelSpec } from "vega-lite";
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
}

/**
 * The switchover goal of one scenario in bytes: what can be sent within the goal time, i.e.
 * switchover goal (s) x estimated throughput (B/s); vMotion's goal is 0.5 s
 * (`Migrate.PreCopySwitchoverTimeGoal`, model.md section 1.3).
 */
export interface SwitchoverGoal {
  readonly scenario: string;
  readonly goalBytes: number;
}

/**
 * Convergence per iteration: bytes remaining (MiB, log scale) at each pre-copy iteration, one line
 * per scenario, with each scenario's switchover goal as a dashed rule in the same colour (one grey
 * rule, its value named, when every goal prints alike). A line
 * that crosses its rule is where pre-copy stops; a flat line never gets there.
 */
export function convergenceChart(
  rows: readonly ConvergenceRow[],
  goals: readonly SwitchoverGoal[],
  text?: ChartText,
): TopLevelSpec {
  const colour = seriesColourScale([...rows.map((r) => r.scenario), ...goals.map((g) => g.scenario)]);
  const positive = rows.filter((r) => r.remainingBytes > 0);
  const maxIteration = rows.length === 0 ? 0 : Math.max(0, max(rows.map((r) => r.iteration)));
  const goalRows = goals.map((g) => ({
    scenario: g.scenario,
    goalMiB: roundSig(g.goalBytes / BYTES_PER_MIB),
  }));
  const printed = [...new Set(goals.map((g) => formatBytes(g.goalBytes)))];
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
        data: {
          values: positive.map((r) => ({
            scenario: r.scenario,
            iteration: r.iteration,
            remainingMiB: roundSig(r.remainingBytes / BYTES_PER_MIB),
          })),
        },
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
        layer: lineWithPoints([
          { field: "scenario", title: "Scenario" },
          { field: "iteration", title: "Iteration" },
          { field: "remainingMiB", title: "Bytes remaining (MiB)" },
        ]),
      },
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
              label:
                shared === null
                  ? "dashed: switchover goal (bytes sendable within the goal time)"
                  : `dashed: switchover goal of ${goals.length === 2 ? "both" : `all ${goals.length}`} scenarios, ${shared} (bytes sendable within the goal time)`,
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
