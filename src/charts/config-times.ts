import type { TopLevelSpec } from "vega-lite";
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
}

/**
 * Total migration time of each host network configuration (one dot per destination, offset
 * side by side, on a log scale: the management gateway and the WAN differ by orders of magnitude;
 * dots rather than bars because a bar on a log scale has no baseline), one panel per VM, one
 * colour per site. Configurations that fail (no route, stack mismatch, a black hole) have no dot: the
 * section's table and findings name them.
 */
export function configTimesChart(rows: readonly ConfigTimeRow[], text?: ChartText): TopLevelSpec {
  const configs = [...new Set(rows.map((r) => r.config))];
  const sites = [...new Set(rows.map((r) => r.site))];
  const values = rows.map((r) => ({
    vm: r.vm,
    site: r.site,
    config: r.config,
    totalMin: Number.isFinite(r.totalTimeSec) ? roundSig(r.totalTimeSec / 60) : null,
    outcome: r.outcome,
  }));
  const x = {
    field: "config",
    type: "nominal",
    title: "Host network configuration",
    sort: configs,
    axis: { labelAngle: -20 },
  } as const;
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
              scale: { type: "log" },
            },
            color: colour,
            tooltip: [
              { field: "config", title: "Configuration" },
              { field: "site", title: "Destination" },
              { field: "totalMin", title: "Total (min)" },
              { field: "outcome", title: "Outcome" },
            ],
          },
        },
      ],
    },
    resolve: { scale: { y: "shared" } },
  } as TopLevelSpec;
}
