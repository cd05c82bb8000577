import type { TopLevelSpec } from "vega-lite";
import { EXTRA_COLOURS, PATH_COLOURS, pathOfSeries } from "./theme.js";

/** Colour channels keyed by a series name: the fields the series charts colour by. */
const SERIES_FIELDS = new Set(["path", "scenario", "series", "site"]);

interface ColourChannel {
  field?: unknown;
  type?: unknown;
  scale?: { domain?: unknown; range?: unknown };
}

/** Every nominal series colour channel of a spec (top level, layers, concats, a facet's spec), to read or rewrite. */
function seriesChannels(spec: unknown, found: ColourChannel[] = []): ColourChannel[] {
  if (typeof spec !== "object" || spec === null) return found;
  const s = spec as {
    encoding?: { color?: ColourChannel };
    layer?: unknown[];
    vconcat?: unknown[];
    hconcat?: unknown[];
    spec?: unknown;
  };
  const c = s.encoding?.color;
  if (
    c !== undefined &&
    c.type === "nominal" &&
    typeof c.field === "string" &&
    SERIES_FIELDS.has(c.field) &&
    Array.isArray(c.scale?.domain) &&
    Array.isArray(c.scale?.range)
  )
    found.push(c);
  for (const child of [
    ...(s.layer ?? []),
    ...(s.vconcat ?? []),
    ...(s.hconcat ?? []),
    ...(s.spec ? [s.spec] : []),
  ])
    seriesChannels(child, found);
  return found;
}

/**
 * One colour per series name across all charts of a report: the first chart that colours a name
 * fixes its colour, and every later chart that shows the name uses it (unless another series of
 * that chart already has the colour, which would make two lines alike), and a name new to the
 * report does not take a colour another name already has, while a free one is left. Each chart builder picks
 * its own colours (path names keep theirs everywhere); this pass makes user labels and other
 * names agree between charts too. Returns new specs; the inputs are not changed.
 *
 * Example: charts colouring `["stretched L2", "routed WAN"]` and then `["routed WAN"]` give
 * "routed WAN" the same colour in both.
 */
export function unifySeriesColours(specs: readonly TopLevelSpec[]): TopLevelSpec[] {
  const fixed = new Map<string, string>();
  return specs.map((original) => {
    const spec = structuredClone(original);
    for (const c of seriesChannels(spec)) {
      const domain = (c.scale?.domain as unknown[]).map(String);
      const range = [...(c.scale?.range as unknown[]).map(String)];
      const used = new Set<string>();
      domain.forEach((name, i) => {
        const want = fixed.get(name);
        if (want !== undefined && !used.has(want)) {
          // Swap with the entry that holds the wanted colour, so no two series share one.
          const j = range.indexOf(want);
          if (j >= 0 && j !== i) range[j] = range[i] as string;
          range[i] = want;
        }
        used.add(range[i] as string);
      });
      // A name new to the report keeps its builder's colour unless another name of the report
      // already has it (s5's "wan 1 Gbit/s 50 ms" took routed-lan-mtu1500's pink from s1): then
      // its path's colour, else the first palette colour no name of the report or this chart has.
      const owned = new Set(fixed.values());
      domain.forEach((name, i) => {
        const path = PATH_COLOURS[pathOfSeries(name) ?? ""];
        // A series about a path ("metro, 1.1 GiB/s") shares its path's colour by design.
        if (fixed.has(name) || !owned.has(range[i] as string) || range[i] === path) return;
        const free = [...(path === undefined ? [] : [path]), ...EXTRA_COLOURS].find(
          (c) => !owned.has(c) && !range.includes(c),
        );
        if (free !== undefined) range[i] = free;
      });
      domain.forEach((name, i) => {
        if (!fixed.has(name)) fixed.set(name, range[i] as string);
      });
      (c.scale as { range: unknown }).range = range;
    }
    return spec;
  });
}
