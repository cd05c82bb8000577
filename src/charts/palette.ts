import type { TopLevelSpec } from "vega-lite";

/** Colour channels keyed by a series name: the fields the series charts colour by. */
const SERIES_FIELDS = new Set(["path", "scenario", "series"]);

interface ColourChannel {
  field?: unknown;
  type?: unknown;
  scale?: { domain?: unknown; range?: unknown };
}

/** Every nominal series colour channel of a spec (top level and layers), to read or rewrite. */
function seriesChannels(spec: unknown, found: ColourChannel[] = []): ColourChannel[] {
  if (typeof spec !== "object" || spec === null) return found;
  const s = spec as {
    encoding?: { color?: ColourChannel };
    layer?: unknown[];
    vconcat?: unknown[];
    hconcat?: unknown[];
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
  for (const child of [...(s.layer ?? []), ...(s.vconcat ?? []), ...(s.hconcat ?? [])])
    seriesChannels(child, found);
  return found;
}

/**
 * One colour per series name across all charts of a report: the first chart that colours a name
 * fixes its colour, and every later chart that shows the name uses it (unless another series of
 * that chart already has the colour, which would make two lines alike). Each chart builder picks
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
      domain.forEach((name, i) => {
        if (!fixed.has(name)) fixed.set(name, range[i] as string);
      });
      (c.scale as { range: unknown }).range = range;
    }
    return spec;
  });
}
