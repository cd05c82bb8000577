/**
 * The shared look of every chart: one font, one colour-blind-safe palette, one path colour mapping.
 *
 * Colours are the Okabe-Ito palette (Okabe & Ito 2008, "Color Universal Design"), chosen to stay
 * distinguishable under the common forms of colour-vision deficiency. Continuous values use the
 * viridis scheme (perceptually uniform and colour-blind safe; van der Walt & Smith 2015).
 */
import type { TopLevelSpec } from "vega-lite";

/** The Vega-Lite config type, taken from the top-level spec. */
export type ChartConfig = NonNullable<TopLevelSpec["config"]>;

/** Font family used in the Vega config; the renderer ships and loads DejaVu so SVG and PNG agree. */
export const CHART_FONT = "DejaVu Sans";

/** Okabe-Ito colours by name. */
export const OKABE_ITO = {
  black: "#000000",
  orange: "#E69F00",
  skyBlue: "#56B4E9",
  bluishGreen: "#009E73",
  yellow: "#F0E442",
  blue: "#0072B2",
  vermillion: "#D55E00",
  reddishPurple: "#CC79A7",
} as const;

/** Grey for "did not converge" / unavailable, distinct from every palette colour. */
export const FAILED_GREY = "#9E9E9E";

/** The network paths users compare (model.md section 5), in display order. */
export const PATH_ORDER = ["same-l2", "routed-lan", "metro", "wan"] as const;

export const PATH_COLOURS: Readonly<Record<string, string>> = {
  "same-l2": OKABE_ITO.blue,
  "routed-lan": OKABE_ITO.bluishGreen,
  metro: OKABE_ITO.orange,
  wan: OKABE_ITO.vermillion,
};

/**
 * Colours for series that are not one of the named paths, in the order they are handed out (a
 * path's colour only where that path is not shown: see {@link pathColourScale} and
 * `unifySeriesColours`). Yellow and black last: yellow is the palette's faintest line on white,
 * and the charts draw their neutral marks in black (the buffer-sizing legend's shapes, the
 * baseline and 150 ms rules), so a third user label drawn black read as one of them.
 */
export const EXTRA_COLOURS = [
  OKABE_ITO.reddishPurple,
  OKABE_ITO.skyBlue,
  OKABE_ITO.orange,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.vermillion,
  // Blue after sky blue's neighbours: the two side by side read as one colour.
  OKABE_ITO.blue,
  OKABE_ITO.yellow,
  OKABE_ITO.black,
];

/**
 * A colour scale (domain and range) for a set of path names: the named paths keep their colour in
 * every chart and come first in {@link PATH_ORDER}; other names follow in first-seen order with
 * the palette colours those paths leave free, in {@link EXTRA_COLOURS}' order (cycling if there
 * are more than eight series).
 *
 * Example: `pathColourScale(["wan", "x"])` returns
 * `{ domain: ["wan", "x"], range: ["#D55E00", "#CC79A7"] }`.
 */
export function pathColourScale(paths: readonly string[]): { domain: string[]; range: string[] } {
  const unique = [...new Set(paths)];
  const known = PATH_ORDER.filter((p) => unique.includes(p));
  const other = unique.filter((p) => !(p in PATH_COLOURS));
  const range = known.map((p) => PATH_COLOURS[p] ?? OKABE_ITO.black);
  // Other names take the colours the chart's own paths leave free, so no two series share one.
  const free = EXTRA_COLOURS.filter((c) => !range.includes(c));
  other.forEach((_, i) => range.push(free[i % free.length] ?? OKABE_ITO.black));
  return { domain: [...known, ...other], range };
}

/** The colour channel of a chart with one series per network path (field `path`), in `scale`. */
export function pathColourEncoding(scale: ReturnType<typeof pathColourScale>) {
  return {
    field: "path",
    type: "nominal" as const,
    title: "Network path",
    scale,
    legend: { orient: "right" as const },
  };
}

/**
 * The path a series is about: its name is the path's (`metro`, or a site `WAN`: any case) or
 * starts with it (`metro, 1.1 GiB/s`).
 */
export function pathOfSeries(name: string): string | undefined {
  const n = name.toLowerCase();
  return PATH_ORDER.find((p) => n === p || n.startsWith(`${p},`) || n.startsWith(`${p} `));
}

/**
 * A colour scale for series in the order given (scenarios, inputs). A series about a named path
 * (see {@link pathOfSeries}) takes that path's colour, as in every path chart, unless an earlier
 * series of the chart took it; the others take, in turn, the palette colours no series of the
 * chart uses. `fixed` (a report's {@link SeriesPalette}) wins for the names it knows.
 *
 * Example: `seriesColourScale(["same-l2, 400 MiB/s", "metro, 1.1 GiB/s"]).range` is
 * `["#0072B2", "#E69F00"]`, the colours of same-l2 and metro.
 */
export function seriesColourScale(
  names: readonly string[],
  fixed: ReadonlyMap<string, string> = new Map(),
): { domain: string[]; range: string[] } {
  const domain = [...new Set(names)];
  const taken = new Set<string>();
  const colours = domain.map((name) => {
    const own = fixed.get(name) ?? PATH_COLOURS[pathOfSeries(name) ?? ""];
    if (own === undefined || taken.has(own)) return undefined;
    taken.add(own);
    return own;
  });
  const palette = [OKABE_ITO.blue, OKABE_ITO.orange, OKABE_ITO.bluishGreen, ...EXTRA_COLOURS];
  const free = palette.filter((c, i) => palette.indexOf(c) === i && !taken.has(c));
  let next = 0;
  return {
    domain,
    range: colours.map((c) => c ?? free[next++ % Math.max(1, free.length)] ?? OKABE_ITO.black),
  };
}

/** Outcome colours (values of `Outcome` in src/model/types.ts): success greens/blues, failures warm. */
export const OUTCOME_COLOURS: Readonly<Record<string, string>> = {
  converged: OKABE_ITO.bluishGreen,
  "converged-throttled": OKABE_ITO.skyBlue,
  "max-rounds": OKABE_ITO.orange,
  "data-cap": OKABE_ITO.yellow,
  "not-converging": OKABE_ITO.vermillion,
  "switchover-timeout": OKABE_ITO.reddishPurple,
  "no-route": OKABE_ITO.black,
  "stack-mismatch": OKABE_ITO.blue,
  "path-mtu-blackhole": "#4D4D4D", // dark grey: the eight Okabe-Ito colours are taken
};

/** A colour scale for outcome names; unknown outcomes are grey. */
export function outcomeColourScale(outcomes: readonly string[]): { domain: string[]; range: string[] } {
  const order = Object.keys(OUTCOME_COLOURS);
  const unique = [...new Set(outcomes)].sort((a, b) => rank(order, a) - rank(order, b));
  return { domain: unique, range: unique.map((o) => OUTCOME_COLOURS[o] ?? FAILED_GREY) };
}

function rank(order: readonly string[], value: string): number {
  const i = order.indexOf(value);
  return i < 0 ? order.length : i;
}

/** The Vega-Lite config every builder attaches: font, sizes and a white background. */
export function chartConfig(): ChartConfig {
  return {
    font: CHART_FONT,
    background: "#ffffff",
    padding: 8,
    view: { stroke: "#d0d0d0" },
    title: { fontSize: 15, anchor: "start", subtitleFontSize: 12, subtitleColor: "#555555", offset: 10 },
    axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: "normal", gridColor: "#e6e6e6" },
    legend: {
      labelFontSize: 11,
      titleFontSize: 12,
      titleFontWeight: "normal",
      labelLimit: 300,
      symbolOpacity: 1,
    },
    header: { labelFontSize: 12, titleFontSize: 12 },
  };
}

/** JSON schema URL written into every spec (the Vega editor uses it to pick the version). */
export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";
