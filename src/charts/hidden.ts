/**
 * Series drawn one over another: a series whose every point equals an earlier series' (same x,
 * y within 0.1 %) disappears under it, and the chart must say so (a line in the legend that is
 * nowhere to be seen reads as a bug). Vega draws the series of one layer in the order they first
 * appear in the data, each over the ones before, so {@link drawHiddenFirst} puts the hidden ones
 * first: the line on top is then the one {@link hiddenLines} names.
 */

/** One point of a series: its name, x and y. */
export interface SeriesPoint {
  readonly series: string;
  readonly x: number;
  readonly y: number;
}

/** Tolerance of "the same values": 0.1 % of the larger. */
const SAME_FRACTION = 1e-3;

/**
 * `[hidden, shownOver]` pairs: each series whose every point equals an earlier series' (same x,
 * y within 0.1 %), with that earlier series. Example: `[["routed-lan", "same-l2"]]`.
 */
export function identicalSeries(points: readonly SeriesPoint[]): [string, string][] {
  const bySeries = new Map<string, Map<number, number>>();
  for (const p of points) {
    const m = bySeries.get(p.series) ?? new Map<number, number>();
    m.set(p.x, p.y);
    bySeries.set(p.series, m);
  }
  const names = [...bySeries.keys()];
  const out: [string, string][] = [];
  names.forEach((name, i) => {
    const mine = bySeries.get(name) as Map<number, number>;
    const over = names.slice(0, i).find((other) => {
      const theirs = bySeries.get(other) as Map<number, number>;
      if (theirs.size !== mine.size) return false;
      for (const [x, y] of mine) {
        const u = theirs.get(x);
        if (u === undefined || Math.abs(u - y) > SAME_FRACTION * Math.max(Math.abs(u), Math.abs(y)))
          return false;
      }
      return true;
    });
    if (over !== undefined) out.push([name, over]);
  });
  return out;
}

/** The rows of the hidden series first, the rest after, each in its own order. */
export function drawHiddenFirst<T>(
  rows: readonly T[],
  seriesOf: (r: T) => string,
  hidden: readonly [string, string][],
): T[] {
  const under = new Set(hidden.map(([a]) => a));
  return [...rows.filter((r) => under.has(seriesOf(r))), ...rows.filter((r) => !under.has(seriesOf(r)))];
}

/**
 * Subtitle lines, one per series drawn on top: "the routed-lan and metro lines lie under the
 * same-l2 line (within 0.1 %)".
 */
export function hiddenLines(hidden: readonly [string, string][]): string[] {
  const byTop = new Map<string, string[]>();
  for (const [a, b] of hidden) byTop.set(b, [...(byTop.get(b) ?? []), a]);
  return [...byTop].map(([b, as]) => {
    const who = as.length === 1 ? as[0] : `${as.slice(0, -1).join(", ")} and ${as[as.length - 1]}`;
    return `the ${who} line${as.length === 1 ? " lies" : "s lie"} under the ${b} line (within 0.1 %)`;
  });
}

/** `title` with `lines` added to its subtitle (unchanged when there are none). */
export function withSubtitleLines(
  title: { text: string; subtitle?: string[] },
  lines: readonly string[],
): { text: string; subtitle?: string[] } {
  return lines.length === 0 ? title : { ...title, subtitle: [...(title.subtitle ?? []), ...lines] };
}
