import type { TopLevelSpec } from "vega-lite";
import { lineReadingLayers, readingNames } from "./buffer-readings.js";
import { titleOf, type ChartText } from "./common.js";
import { spansDecades } from "./edges.js";
import { drawHiddenFirst, hiddenLines, identicalSeries, withSubtitleLines } from "./hidden.js";
import { chartConfig, pathColourEncoding, pathColourScale, VEGA_LITE_SCHEMA } from "./theme.js";
import { roundSig, toMiBPerSec } from "./units.js";

/** One migration: a series (path) at one dirty rate and the guest slowdown SDPS imposed. */
export interface SlowdownRow {
  readonly series: string;
  readonly dirtyRateBytesPerSec: number;
  /** Largest fraction of guest CPU time removed by throttling during pre-copy (0..1). */
  readonly guestSlowdown: number;
  /**
   * The same under the other buffer-sizing reading, when the two part by more than 10 % (model.md
   * section 4: both readings are assumptions), with the readings' names; absent where they agree.
   */
  readonly otherGuestSlowdown?: number;
  readonly usedMode?: string;
  readonly otherMode?: string;
}

/**
 * What SDPS costs the guest: the largest share of guest CPU time removed by throttling (%)
 * against the dirty rate (MiB/s, log when it spans more than 20x), one line per path in the
 * shared path colours. Zero means pre-copy converged without slowing the guest.
 *
 * Where the two buffer-sizing readings part (`otherGuestSlowdown`), the other reading is drawn as
 * in the migration-time chart: diamonds joined by a dashed line in the path's colour, beside the
 * reading used (circles), under a "Buffer sizing (assumed)" legend; without such a row, neither.
 * A path whose every point equals an earlier path's (within 0.1 %) is drawn under it and named in
 * the subtitle, as in the migration-time chart.
 */
export function guestSlowdownChart(rows: readonly SlowdownRow[], text?: ChartText): TopLevelSpec {
  const log = spansDecades(rows.map((r) => toMiBPerSec(r.dirtyRateBytesPerSec)));
  const parting = rows.filter((r) => r.otherGuestSlowdown !== undefined);
  const names = readingNames(parting);
  const others = parting.map((r) => ({
    path: r.series,
    dirtyMiBps: roundSig(toMiBPerSec(r.dirtyRateBytesPerSec)),
    slowdownPct: roundSig((r.otherGuestSlowdown as number) * 100),
    reading: names.other,
  }));
  const values = rows.map((r) => ({
    path: r.series,
    dirtyMiBps: roundSig(toMiBPerSec(r.dirtyRateBytesPerSec)),
    slowdownPct: roundSig(r.guestSlowdown * 100),
    ...(others.length > 0 ? { reading: names.used } : {}),
  }));
  const hidden = identicalSeries(values.map((v) => ({ series: v.path, x: v.dirtyMiBps, y: v.slowdownPct })));
  const tooltip = [
    { field: "path", title: "Path" },
    { field: "dirtyMiBps", title: "Dirty rate (MiB/s)" },
    { field: "slowdownPct", title: "Guest slowdown (%)" },
  ];
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: withSubtitleLines(titleOf(text, "What SDPS costs the guest"), hiddenLines(hidden)),
    config: chartConfig(),
    width: 560,
    height: 300,
    data: { values: drawHiddenFirst(values, (v) => v.path, hidden) },
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
    layer: lineReadingLayers(names, tooltip, others),
  };
}
