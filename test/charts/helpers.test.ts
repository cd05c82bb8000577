import { describe, expect, it } from "vitest";
import {
  cellEdges,
  convergenceChart,
  histogram,
  markedQuantiles,
  niceStep,
  outcomeColourScale,
  pathColourScale,
  roundSig,
  seriesColourScale,
  spansDecades,
  timeUnitFor,
  toGbitPerSec,
  toMiBPerSec,
  unifySeriesColours,
} from "../../src/charts/index.js";
import type { TopLevelSpec } from "vega-lite";
import { hiddenSeries, migrationTimeChart } from "../../src/charts/migration-time.js";

describe("units", () => {
  it("toMiBPerSec(2^20 * 400) returns 400", () => {
    expect(toMiBPerSec(1048576 * 400)).toBe(400);
  });
  it("toGbitPerSec(1.25e9) returns 10 (1.25e9 B/s x 8 bit/B)", () => {
    expect(toGbitPerSec(1.25e9)).toBe(10);
  });
  it("timeUnitFor picks ms below 1 s, s to 10 min, min to 10 h, h above", () => {
    expect(timeUnitFor(0.4).label).toBe("ms");
    expect(timeUnitFor(600).label).toBe("s");
    expect(timeUnitFor(601)).toEqual({ divisor: 60, label: "min" });
    expect(timeUnitFor(36_001)).toEqual({ divisor: 3600, label: "h" });
  });
  it("roundSig(1234.5678, 4) returns 1235 and leaves 0 and non-finite values alone", () => {
    expect(roundSig(1234.5678, 4)).toBe(1235);
    expect(roundSig(0)).toBe(0);
    expect(roundSig(Infinity)).toBe(Infinity);
    expect(roundSig(0.1 + 0.2)).toBe(0.3);
  });
});

describe("niceStep and histogram", () => {
  it("niceStep(97, 20) returns 5 (4.85 rounds up to the next of 1, 2, 5 x 10^k)", () => {
    expect(niceStep(97, 20)).toBe(5);
    expect(niceStep(0.3, 30)).toBeCloseTo(0.01, 12);
    expect(niceStep(0, 10)).toBe(1);
  });
  it("histogram([1, 2, 2, 9], 4) bins by 2 from 0 and counts every value once", () => {
    expect(histogram([1, 2, 2, 9], 4)).toEqual([
      { x0: 0, x1: 2, count: 1 },
      { x0: 2, x1: 4, count: 2 },
      { x0: 4, x1: 6, count: 0 },
      { x0: 6, x1: 8, count: 0 },
      { x0: 8, x1: 10, count: 1 },
    ]);
  });
  it("histogram ignores non-finite values and returns [] for none", () => {
    expect(histogram([NaN, Infinity], 10)).toEqual([]);
    expect(histogram([3, NaN], 10).reduce((n, b) => n + b.count, 0)).toBe(1);
  });
  it("histogram of a constant gives one bin holding all values", () => {
    expect(histogram([5, 5, 5], 10)).toEqual([{ x0: 5, x1: 6, count: 3 }]);
  });
});

describe("markedQuantiles", () => {
  it("markedQuantiles(1..100) gives p50 50.5, p95 95.05, p99 99.01 (type 7: rank (n - 1) p)", () => {
    // simple-statistics quantileSorted interpolates at 0-based rank 99 p: 49.5, 94.05, 98.01 -> +1.
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(markedQuantiles(values)).toEqual([
      { p: 0.5, value: 50.5 },
      { p: 0.95, value: 95.05 },
      { p: 0.99, value: 99.01 },
    ]);
  });
  it("markedQuantiles drops non-finite values and returns [] for none", () => {
    expect(markedQuantiles([Infinity])).toEqual([]);
    expect(markedQuantiles([1, NaN])[0]).toEqual({ p: 0.5, value: 1 });
  });
});

describe("cellEdges", () => {
  it("cellEdges([1, 2, 4], false) spans half-way to neighbours and mirrors at the ends", () => {
    const e = cellEdges([4, 1, 2, 2], false);
    expect([...e.entries()]).toEqual([
      [1, [0.5, 1.5]],
      [2, [1.5, 3]],
      [4, [3, 5]],
    ]);
  });
  it("cellEdges([1, 4], true) uses geometric midpoints", () => {
    expect([...cellEdges([1, 4], true).entries()]).toEqual([
      [1, [0.5, 2]],
      [4, [2, 8]],
    ]);
  });
  it("cellEdges never reaches below 0 for non-negative grids", () => {
    expect(cellEdges([1, 10], false).get(1)).toEqual([0, 5.5]);
  });
  it("spansDecades is true above a 20x span of positive values only", () => {
    expect(spansDecades([1, 21])).toBe(true);
    expect(spansDecades([1, 20])).toBe(false);
    expect(spansDecades([0, 100])).toBe(false);
  });
});

describe("colour scales", () => {
  it("pathColourScale keeps each named path's colour and orders named paths first", () => {
    expect(pathColourScale(["wan", "lab", "same-l2", "wan"])).toEqual({
      domain: ["same-l2", "wan", "lab"],
      range: ["#0072B2", "#D55E00", "#CC79A7"],
    });
    expect(pathColourScale(["wan"]).range).toEqual(["#D55E00"]);
  });
  it("pathColourScale(paths and labels) gives every label a colour no path of the chart has, black last", () => {
    // Three labels beside same-l2: the third was black, the colour of the charts' neutral marks
    // (buffer-sizing legend, rules), and after a reorder a label could take same-l2's blue.
    const s = pathColourScale(["same-l2", "a", "b", "c"]);
    expect(s.range).toEqual(["#0072B2", "#CC79A7", "#56B4E9", "#E69F00"]);
    expect(new Set(s.range).size).toBe(4);
    // Eight labels and no path: every colour once, yellow and black last.
    const eight = pathColourScale(["1", "2", "3", "4", "5", "6", "7", "8"]).range;
    expect(new Set(eight).size).toBe(8);
    expect(eight.slice(-2)).toEqual(["#F0E442", "#000000"]);
  });
  it("outcomeColourScale sorts outcomes in the model's order and greys unknown ones", () => {
    expect(outcomeColourScale(["not-converging", "weird", "converged"])).toEqual({
      domain: ["converged", "not-converging", "weird"],
      range: ["#009E73", "#D55E00", "#9E9E9E"],
    });
  });
});

describe("series colours", () => {
  it("seriesColourScale(names) gives a series about a path that path's colour (the issue's s1 vs s6)", () => {
    const s = seriesColourScale(["same-l2, 400 MiB/s", "routed-lan, 800 MiB/s", "metro, 1.1 GiB/s"]);
    const paths = pathColourScale(["same-l2", "routed-lan", "metro"]);
    expect(s.range).toEqual(paths.range);
  });

  it("seriesColourScale(names) never gives two series one colour", () => {
    const s = seriesColourScale(["metro, 100 MiB/s", "metro, 1 GiB/s", "other"]);
    expect(new Set(s.range).size).toBe(3);
  });

  it("unifySeriesColours(specs) keeps a user label's colour from the first chart in later ones", () => {
    const chart = (names: string[]) =>
      ({
        mark: "line",
        encoding: { color: { field: "series", type: "nominal", scale: seriesColourScale(names) } },
      }) as unknown as TopLevelSpec;
    const [a, b] = unifySeriesColours([chart(["stretched L2", "routed WAN"]), chart(["routed WAN", "x"])]);
    const range = (s: TopLevelSpec | undefined) =>
      (s as unknown as { encoding: { color: { scale: { range: string[] } } } }).encoding.color.scale.range;
    expect(range(b)[0]).toBe(range(a)[1]);
    expect(new Set(range(b)).size).toBe(2);
  });

  it("convergenceChart draws goals that print alike as one grey rule and names their value", () => {
    const rows = ["same-l2, 400 MiB/s", "metro, 1.1 GiB/s"].flatMap((scenario) =>
      [0, 1].map((iteration) => ({ scenario, iteration, remainingBytes: (iteration + 1) * 2 ** 30 })),
    );
    // 590.0 and 590.2 MiB print alike: one rule (drawn twice in two colours, only the last showed).
    const spec = JSON.stringify(
      convergenceChart(rows, [
        { scenario: "same-l2, 400 MiB/s", goalBytes: 590 * 2 ** 20 },
        { scenario: "metro, 1.1 GiB/s", goalBytes: 590.2 * 2 ** 20 },
      ]),
    );
    expect(spec).toContain("dashed: switchover goal of both scenarios, 590 MiB");
    expect(spec.match(/"goalMiB"/g)?.length).toBe(2); // one data row and the encoding field
    const apart = JSON.stringify(
      convergenceChart(rows, [
        { scenario: "same-l2, 400 MiB/s", goalBytes: 590 * 2 ** 20 },
        { scenario: "metro, 1.1 GiB/s", goalBytes: 56 * 2 ** 20 },
      ]),
    );
    expect(apart).toContain('"dashed: switchover goal (bytes sendable within the goal time)"');
  });

  it("unifySeriesColours(specs) keeps a path's colour for a series about that path", () => {
    const chart = (field: string, names: string[], scale = seriesColourScale(names)) =>
      ({ mark: "line", encoding: { color: { field, type: "nominal", scale } } }) as unknown as TopLevelSpec;
    const [, b] = unifySeriesColours([
      chart("path", ["same-l2", "metro"], pathColourScale(["same-l2", "metro"])),
      chart("scenario", ["same-l2, 400 MiB/s", "metro, 1.1 GiB/s"]),
    ]);
    const range = (b as unknown as { encoding: { color: { scale: { range: string[] } } } }).encoding.color
      .scale.range;
    expect(range).toEqual(["#0072B2", "#E69F00"]);
  });

  it("unifySeriesColours(specs) reaches a faceted chart's sites, and a site named WAN takes wan's colour", () => {
    // The example's s10: "one data centre" kept same-l2's blue and "WAN" took routed-lan's green.
    const lines = {
      mark: "line",
      encoding: {
        color: { field: "path", type: "nominal", scale: pathColourScale(["same-l2", "routed-lan"]) },
      },
    } as unknown as TopLevelSpec;
    const sites = ["one data centre", "metro", "WAN"];
    const facet = {
      facet: { field: "vm" },
      spec: {
        layer: [{ encoding: { color: { field: "site", type: "nominal", scale: seriesColourScale(sites) } } }],
      },
    } as unknown as TopLevelSpec;
    const [, f] = unifySeriesColours([lines, facet]);
    const range = (
      f as unknown as { spec: { layer: { encoding: { color: { scale: { range: string[] } } } }[] } }
    ).spec.layer[0]?.encoding.color.scale.range;
    // Blue is same-l2's: the first free palette colour (reddish purple) instead; metro and WAN keep
    // their paths' colours.
    expect(range).toEqual(["#CC79A7", "#E69F00", "#D55E00"]);
  });

  it("unifySeriesColours(specs) gives a name new to the report a colour no other name has", () => {
    // The example report: routed-lan-mtu1500 is pink in s1; s5's "wan 1 Gbit/s 50 ms" was pink
    // too (the builder's first extra colour), so two different paths shared a colour.
    const chart = (names: string[]) =>
      ({
        mark: "line",
        encoding: { color: { field: "path", type: "nominal", scale: pathColourScale(names) } },
      }) as unknown as TopLevelSpec;
    const [a, b] = unifySeriesColours([
      chart(["same-l2", "routed-lan-mtu1500"]),
      chart(["routed-lan", "wan 1 Gbit/s 50 ms"]),
    ]);
    const colours = (s: TopLevelSpec | undefined) =>
      (s as unknown as { encoding: { color: { scale: { range: string[] } } } }).encoding.color.scale.range;
    expect(colours(a)[1]).toBe("#CC79A7");
    // wan's own colour (vermillion), free in this report.
    expect(colours(b)).toEqual(["#009E73", "#D55E00"]);
  });

  it("hiddenSeries(lines) names a series drawn under an identical one", () => {
    const lines = [
      { path: "a", dirtyMiBps: 1, time: 10 },
      { path: "b", dirtyMiBps: 1, time: 10.000001 },
      { path: "c", dirtyMiBps: 1, time: 12 },
    ];
    expect(hiddenSeries(lines)).toEqual([["b", "a"]]);
  });

  it("migrationTimeChart draws a hidden series first, under the one its subtitle names", () => {
    // Vega draws series in data order, each over the earlier ones: with routed-lan and metro
    // after same-l2 in the data, metro's line lay on top while the subtitle said it lay under.
    const rows = ["same-l2", "routed-lan", "metro"].flatMap((path) =>
      [100, 200].map((d) => ({
        path,
        dirtyRateBytesPerSec: d * 2 ** 20,
        totalTimeSec: d,
        outcome: "converged",
      })),
    );
    const spec = migrationTimeChart(rows) as unknown as {
      title: { subtitle: string[] };
      vconcat: { data: { values: { path: string }[] } }[];
    };
    const order = [...new Set(spec.vconcat[0]?.data.values.map((v) => v.path))];
    expect(order).toEqual(["routed-lan", "metro", "same-l2"]);
    expect(spec.title.subtitle).toEqual([
      "the routed-lan and metro lines lie under the same-l2 line (within 0.1 %)",
    ]);
  });
});
