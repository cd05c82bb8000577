import type { TopLevelSpec } from "vega-lite";
import { titleOf, type ChartText } from "./common.js";
import { chartConfig, outcomeColourScale, VEGA_LITE_SCHEMA } from "./theme.js";
import { finiteMax, roundSig, timeUnitFor } from "./units.js";

/** One migration in a plan: when it starts and ends (s from the plan's start) and how it ends. */
export interface TimelineRow {
  readonly name: string;
  readonly startSec: number;
  readonly endSec: number;
  readonly outcome: string;
}

/**
 * Gantt-style timeline of a migration plan: one bar per migration from start to end, in start
 * order, coloured by outcome (the same outcome colours in every chart). Time in s, min or h,
 * chosen from the plan's end.
 */
export function timelineChart(rows: readonly TimelineRow[], text?: ChartText): TopLevelSpec {
  const unit = timeUnitFor(
    finiteMax(
      rows.map((r) => r.endSec),
      1,
    ),
  );
  const order = [...rows]
    .sort((a, b) => a.startSec - b.startSec || a.endSec - b.endSec || a.name.localeCompare(b.name))
    .map((r) => r.name);
  const xTitle = `Time since plan start (${unit.label})`;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: titleOf(text, "Migration plan timeline"),
    config: chartConfig(),
    width: 560,
    height: { step: 22 },
    data: {
      values: rows.map((r) => ({
        name: r.name,
        start: roundSig(r.startSec / unit.divisor),
        end: roundSig(r.endSec / unit.divisor),
        outcome: r.outcome,
      })),
    },
    mark: { type: "bar", height: { band: 0.7 }, cornerRadius: 2 },
    encoding: {
      y: {
        field: "name",
        type: "nominal",
        title: null,
        sort: [...new Set(order)],
        axis: { labelLimit: 200 },
      },
      x: { field: "start", type: "quantitative", title: xTitle },
      x2: { field: "end" },
      color: {
        field: "outcome",
        type: "nominal",
        title: "Outcome",
        scale: outcomeColourScale(rows.map((r) => r.outcome)),
      },
      tooltip: [
        { field: "name", title: "Migration" },
        { field: "start", title: `Start (${unit.label})` },
        { field: "end", title: `End (${unit.label})` },
        { field: "outcome", title: "Outcome" },
      ],
    },
  };
}
