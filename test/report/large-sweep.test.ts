import { describe, expect, it } from "vitest";
import { spansDecades } from "../../src/charts/edges.js";
import { histogram } from "../../src/charts/histogram.js";
import { migrationTimeChart } from "../../src/charts/migration-time.js";
import { textTable } from "../../src/cli/text-table.js";
import { bySeries, type SweepPoint } from "../../src/report/findings/points.js";
import { geometricMiddle } from "../../src/report/sections/sweep.js";

/**
 * A 160,000-row report sweep ended in "RangeError: Maximum call stack size exceeded": min and max
 * were taken as `Math.min(...values)`, which passes every value as an argument. These run the
 * report's sweep code paths on 160,000 rows (above V8's argument limit, about 120,000).
 */
const N = 160_000;
const points: SweepPoint[] = Array.from({ length: N }, (_, i) => ({
  series: i % 2 === 0 ? "same-l2" : "wan",
  dirtyRateBytesPerSec: 2 ** 20 * (1 + (i % 1000)),
  rttSec: 0.001,
  pathThroughputBytesPerSec: 1.2e9,
  throughputBytesPerSec: 1.2e9,
  linkBytesPerSec: NaN,
  totalTimeSec: 10 + (i % 977),
  downtimeSec: 0.1,
  guestSlowdown: 0,
  iterations: 5,
  outcome: "converged",
  binding: "link",
}));

describe("report code on 160,000 sweep rows (no argument spreads)", () => {
  it("histogram(values, 30) and spansDecades(values) take 160,000 values", () => {
    const values = points.map((p) => p.totalTimeSec);
    expect(histogram(values, 30).reduce((n, b) => n + b.count, 0)).toBe(N);
    expect(spansDecades(values)).toBe(true); // 10 .. 986 s
  });

  it("geometricMiddle(rates) of 160,000 rates is sqrt(min x max), the rate the findings quote", () => {
    // Rates 1..1000 MiB/s: sqrt(1 x 1000) MiB/s, to 1e-12 relative.
    const v = geometricMiddle(points.map((p) => p.dirtyRateBytesPerSec));
    expect(v / (2 ** 20 * Math.sqrt(1000))).toBeCloseTo(1, 12);
    expect(geometricMiddle([])).toBeNaN();
  });

  it("bySeries(points) groups 160,000 points in linear time", () => {
    const groups = bySeries(points);
    expect(groups.get("wan")).toHaveLength(N / 2);
  });

  it("migrationTimeChart(rows) builds from 160,000 rows", () => {
    const rows = points.map((p) => ({ path: p.series, ...p }));
    expect(migrationTimeChart(rows)).toHaveProperty("$schema");
  });

  it("textTable(header, rows) takes 160,000 rows", () => {
    const t = textTable(
      ["a"],
      Array.from({ length: N }, (_, i) => [String(i)]),
    );
    expect(t.split("\n")).toHaveLength(N + 2);
  });
});
