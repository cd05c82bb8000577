import type { TopLevelSpec } from "vega-lite";
import { lineWithPoints, titleOf, type ChartText } from "./common.js";
import { spansDecades } from "./edges.js";
import { chartConfig, pathColourEncoding, pathColourScale, VEGA_LITE_SCHEMA } from "./theme.js";
import { roundSig, toMiBPerSec } from "./units.js";

/** One migration: a series (path) at one dirty rate and the guest slowdown SDPS imposed. */
export interface SlowdownRow {
  readonly series: string;
  readonly dirtyRateBytesPerSec: number;
  /** Largest fraction of guest CPU time removed by throttling during pre-copy (0..1). */
  readonly guestSlowdown: number;
}

/**
 * What SDPS costs the guest: the largest share of guest CPU time removed by throttling (%)
 * against the dirty rate (MiB/s, log when it spans more than 20x), one line per path in the
 * shared path colours. Zero means pre-copy converged without slowing the guest.
 */
export function guestSlowdownChart(rows: readonly SlowdownRow[], text?: ChartText): TopLevelSpec {
  const log = spansDecades(rows.map((r) => toMiBPerSec(r.dirtyRateBytesPerSec)));
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: titleOf(text, "What SDPS costs the guest"),
    config: chartConfig(),
    width: 560,
    height: 300,
    data: {
      values: rows.map((r) => ({
        path: r.series,
        dirtyMiBps: roundSig(toMiBPerSec(r.dirtyRateBytesPerSec)),
        slowdownPct: roundSig(r.guestSlowdown * 100),
      })),
    },
    encoding: {
      x: {
        field: "dirtyMiBps",
        type: "quantitative",
        title: `Guest dirty rate (MiB/s${log ? ", log scale" : ""})`,
        scale: log ? { type: "log", nice: false } : { nice: false },
      },
      y: {
        field: "slowdownPct",
        type: "quantitative",
        title: "Guest CPU time removed by SDPS (%)",
        scale: { domain: [0, 100] },
      },
      color: pathColourEncoding(pathColourScale(rows.map((r) => r.series))),
    },
    layer: lineWithPoints([
      { field: "path", title: "Path" },
      { field: "dirtyMiBps", title: "Dirty rate (MiB/s)" },
      { field: "slowdownPct", title: "Guest slowdown (%)" },
    ]),
  };
}
