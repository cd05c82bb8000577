/**
 * The visual language of the two buffer-sizing readings (model.md section 4: how vMotion sizes its
 * socket buffers on long paths is not published; `bdp` and `expected-line-rate` are both
 * assumptions), shared by every chart that draws a result the reading changes: the reading used is
 * drawn as the chart always drew it (circles), the other as diamonds joined to it by a rule, and a
 * shape legend titled "Buffer sizing (assumed)" names both. A chart adds these only where the two
 * readings part by more than 10 %; elsewhere it draws the used reading alone, with no such legend.
 */

import type { TopLevelSpec } from "vega-lite";
import { lineWithPoints, type TooltipField } from "./common.js";
import { chartConfig, VEGA_LITE_SCHEMA } from "./theme.js";

/** The legend title of the reading shape. */
export const BUFFER_SIZING_TITLE = "Buffer sizing (assumed)";

/** The two readings as the legend names them: `bdp (used)` and `expected-line-rate`. */
export interface ReadingNames {
  readonly used: string;
  readonly other: string;
}

/**
 * The names of the readings from the first row that carries them; `used`/`other` when no row
 * does. Example: `readingNames([{ usedMode: "bdp", otherMode: "expected-line-rate" }])` returns
 * `{ used: "bdp (used)", other: "expected-line-rate" }`.
 */
export function readingNames(
  rows: readonly { readonly usedMode?: string; readonly otherMode?: string }[],
): ReadingNames {
  const used = rows.find((r) => r.usedMode !== undefined)?.usedMode;
  const other = rows.find((r) => r.otherMode !== undefined)?.otherMode;
  return { used: used === undefined ? "used" : `${used} (used)`, other: other ?? "other" };
}

/** The shape channel of the reading: a circle for the reading used, a diamond for the other. */
export function readingShape(names: ReadingNames, field = "reading") {
  return {
    field,
    type: "nominal" as const,
    title: BUFFER_SIZING_TITLE,
    scale: { domain: [names.used, names.other], range: ["circle", "diamond"] },
  };
}

/**
 * Two views of one chart, one per reading, stacked: where a chart's marks cannot carry a second
 * reading beside the first (a map's cells, a tornado's bars), the other reading is drawn as a
 * second panel below, each panel titled `Buffer sizing (assumed): bdp (used)` and
 * `Buffer sizing (assumed): expected-line-rate{otherNote}`. The first view's title (and subtitle)
 * becomes the chart's; `resolve` says which scales the panels share.
 */
export function readingPanels(
  used: TopLevelSpec,
  other: TopLevelSpec,
  names: ReadingNames,
  otherNote: string,
  resolve: Record<string, unknown>,
): TopLevelSpec {
  const panel = (spec: TopLevelSpec, title: string): Record<string, unknown> => {
    const { $schema: _s, config: _c, title: _t, ...rest } = spec as unknown as Record<string, unknown>;
    return { ...rest, title: { text: title, fontSize: 12, fontWeight: "normal", anchor: "start" } };
  };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: (used as { title?: unknown }).title,
    config: chartConfig(),
    spacing: 18,
    vconcat: [
      panel(used, `${BUFFER_SIZING_TITLE}: ${names.used}`),
      panel(other, `${BUFFER_SIZING_TITLE}: ${names.other}${otherNote}`),
    ],
    resolve,
  } as unknown as TopLevelSpec;
}

/**
 * The layers of a series chart (a line through points per series, colour and position encoded
 * by the parent) with the other reading beside it: the used reading's line and circles, and
 * `others` (the other reading's points where it parts, with a `reading` field) as diamonds on a
 * dashed line in the series' colour. Without `others`, just the line and points.
 */
export function lineReadingLayers(
  names: ReadingNames,
  tooltip: readonly TooltipField[],
  others: readonly Record<string, unknown>[],
) {
  if (others.length === 0) return lineWithPoints(tooltip);
  const tips = [...tooltip, { field: "reading", title: BUFFER_SIZING_TITLE }];
  return [
    { mark: { type: "line" as const, strokeWidth: 2 } },
    {
      mark: { type: "point" as const, filled: true, size: 30, opacity: 1 },
      encoding: { shape: readingShape(names), tooltip: tips },
    },
    {
      data: { values: [...others] },
      mark: { type: "line" as const, strokeWidth: 1.5, strokeDash: [4, 3] },
    },
    {
      data: { values: [...others] },
      mark: { type: "point" as const, filled: true, size: 40, opacity: 1 },
      encoding: { shape: readingShape(names), tooltip: tips },
    },
  ];
}
