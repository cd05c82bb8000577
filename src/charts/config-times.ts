import type { TopLevelSpec } from "vega-lite";
import { readingNames, readingShape } from "./buffer-readings.js";
import { titleOf, type ChartText } from "./common.js";
import { chartConfig, seriesColourScale, VEGA_LITE_SCHEMA } from "./theme.js";
import { roundSig } from "./units.js";

/** One migration of the configurations grid: a VM at a site under one host configuration. */
export interface ConfigTimeRow {
  readonly vm: string;
  readonly site: string;
  readonly config: string;
  /** Total migration time, seconds; NaN when the migration did not switch over. */
  readonly totalTimeSec: number;
  readonly outcome: string;
  /**
   * The same migration's total time under the other buffer-sizing reading, when the two part by
   * more than 10 % (above 4 ms RTT; model.md section 4), with the two readings' names; NaN or
   * absent when they agree or the other reading does not switch over.
   */
  readonly otherTotalTimeSec?: number;
  readonly usedMode?: string;
  readonly otherMode?: string;
}

/**
 * Total migration time of each host network configuration (one dot per destination, offset
 * side by side, on a log scale: the management gateway and the WAN differ by orders of magnitude;
 * dots rather than bars because a bar on a log scale has no baseline), one panel per VM, one
 * colour per site. A migration that fails (no route, stack mismatch, a black hole, no convergence)
 * has no dot but the word "fails" at the foot of its place, in its site's colour; the section's
 * table and findings say why.
 *
 * Where a migration's two buffer-sizing readings part (both assumptions), both are drawn: a circle
 * for the reading used, a diamond for the other, joined by a rule, with a legend naming them, so
 * that the chart never shows one reading as the only answer. Without such a migration the chart
 * has circles only and no such legend.
 */
export function configTimesChart(rows: readonly ConfigTimeRow[], text?: ChartText): TopLevelSpec {
  const configs = [...new Set(rows.map((r) => r.config))];
  const sites = [...new Set(rows.map((r) => r.site))];
  const parted = rows.some((r) => Number.isFinite(r.otherTotalTimeSec ?? NaN));
  const names = readingNames(parted ? rows : []);
  const { used, other } = names;
  const minutes = (sec: number | undefined): number | null =>
    sec !== undefined && Number.isFinite(sec) ? roundSig(sec / 60) : null;
  const values = rows.flatMap((r) => {
    const base = { vm: r.vm, site: r.site, config: r.config, outcome: r.outcome };
    const otherMin = minutes(r.otherTotalTimeSec);
    return [
      { ...base, reading: used, totalMin: minutes(r.totalTimeSec), otherMin },
      ...(otherMin === null ? [] : [{ ...base, reading: other, totalMin: otherMin, otherMin: null }]),
    ];
  });
  // Every configuration keeps its place on the axis, with or without a dot (where all of them
  // failed the chart had no axis at all); with no dot anywhere the time axis gets 1 to 10 min
  // rather than an empty domain.
  const x = {
    field: "config",
    type: "nominal",
    title: "Host network configuration",
    sort: configs,
    scale: { domain: configs },
    axis: { labelAngle: -20 },
  } as const;
  const anyDot = values.some((v) => v.totalMin !== null);
  const yScale = anyDot ? { type: "log" as const } : { type: "log" as const, domain: [1, 10] };
  const colour = {
    field: "site",
    type: "nominal",
    title: "Destination",
    sort: sites,
    scale: seriesColourScale(sites),
  } as const;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: titleOf(text, "Migration time by host network configuration and site"),
    config: chartConfig(),
    data: { values },
    facet: {
      column: { field: "vm", type: "nominal", title: null, sort: [...new Set(rows.map((r) => r.vm))] },
    },
    spec: {
      width: 300,
      height: 280,
      layer: [
        ...(parted
          ? [
              {
                mark: { type: "rule", opacity: 0.6 },
                transform: [{ filter: "datum.totalMin != null && datum.otherMin != null" }],
                encoding: {
                  x,
                  xOffset: { field: "site", sort: sites },
                  y: { field: "totalMin", type: "quantitative", scale: yScale },
                  y2: { field: "otherMin" },
                  color: colour,
                },
              },
            ]
          : []),
        {
          mark: { type: "point", filled: true, size: 90 },
          transform: [{ filter: "datum.totalMin != null" }],
          encoding: {
            x,
            xOffset: { field: "site", sort: sites },
            y: {
              field: "totalMin",
              type: "quantitative",
              title: "Total migration time (min, log scale)",
              scale: yScale,
            },
            color: colour,
            ...(parted
              ? {
                  shape: readingShape(names),
                }
              : {}),
            tooltip: [
              { field: "config", title: "Configuration" },
              { field: "site", title: "Destination" },
              ...(parted ? [{ field: "reading", title: "Buffer sizing" }] : []),
              { field: "totalMin", title: "Total (min)" },
              { field: "outcome", title: "Outcome" },
            ],
          },
        },
        // A migration that never switches over has no time: "fails" at the foot of its place,
        // so that the chart names it (where every one failed, the chart drew nothing at all).
        {
          mark: { type: "text", baseline: "bottom", fontSize: 11, color: "#404040" },
          transform: [{ filter: "datum.totalMin == null" }],
          encoding: {
            x,
            xOffset: { field: "site", sort: sites },
            y: { value: 276 },
            text: { value: "fails" },
            color: colour,
          },
        },
      ],
    },
    resolve: { scale: { y: "shared" } },
  } as TopLevelSpec;
}
