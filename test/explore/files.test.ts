import { describe, expect, it } from "vitest";
import { changeSentence, inputChanges } from "../../src/explore/change.js";
import { splitData } from "../../src/explore/chart-data.js";
import { exploreCharts } from "../../src/explore/charts.js";
import { evaluate } from "../../src/explore/evaluate.js";
import { scaled, sweepFile } from "../../src/explore/sweep-file.js";
import { parseSweepText } from "../../src/sweep/load.js";
import { planSweep } from "../../src/sweep/plan.js";

function built(values: Record<string, string>) {
  const ev = evaluate(values);
  if (!ev.ok) throw new Error(`does not build: ${[...ev.errors.values()].join("; ")}`);
  return ev;
}

describe("sweepFile(input)", () => {
  it("is a valid sweep file: the scenario as base, presets x 9 dirty rates from a quarter to 4x", () => {
    const ev = built({ memory: "64GiB", dirtyRate: "400MiB/s", preset: "routed-lan", hops: "3" });
    const file = parseSweepText(sweepFile(ev.raw), "sweep.yaml");
    expect(file.base).toEqual({ memory: "64GiB", hops: "3" });
    const plan = planSweep(file);
    expect(plan.total).toBe(4 * 9);
  });

  it("keeps a pasted curve in the base and has no dirty-rate axis", () => {
    const ev = built({
      memory: "16GiB",
      dirtyKind: "curve",
      dirtyCurve: "interval,dirtied\n1s,1GiB\n10s,4GiB",
      network: "bandwidth",
      bandwidth: "10Gbit/s",
    });
    const file = parseSweepText(sweepFile(ev.raw), "sweep.yaml");
    expect(file.axes).toEqual([]);
    expect(planSweep(file).total).toBe(1);
  });

  it("scaled('400MiB/s', 0.25) keeps the unit as typed", () => {
    expect(scaled("400MiB/s", 0.25)).toBe("100MiB/s");
    expect(scaled("1.5 GiB/s", 4)).toBe("6GiB/s");
    expect(scaled("0", 4)).toBeNull();
  });
});

describe("inputChanges / changeSentence", () => {
  it("words a dirty-rate change the way compare words a column", () => {
    const a = { memory: "64GiB", dirtyRate: "400MiB/s", preset: "same-l2" };
    const b = { ...a, preset: "routed-lan-mtu1500" };
    const ea = built(a);
    const eb = built(b);
    const changes = inputChanges({ values: a, ...ea }, { values: b, ...eb });
    expect(changes).toEqual(["preset same-l2 -> routed-lan-mtu1500 (+2 hops, MTU 1500)"]);
    expect(changeSentence(changes, ea.result, eb.result)).toMatch(
      /^preset same-l2 -> routed-lan-mtu1500 \(.*\): \d+ % less throughput, (\d+ % longer|[\d.]+x as long|does not complete \([a-z-]+\))$/,
    );
  });
});

describe("exploreCharts", () => {
  it("draws the three charts with finite numbers only; none of the sweep charts for a curve", () => {
    const ev = built({ memory: "64GiB", dirtyRate: "400MiB/s", preset: "metro" });
    const c = exploreCharts(ev.input, ev.scenario, ev.result);
    for (const spec of [c.iterations, c.presets, c.feasibility]) {
      expect(typeof spec).toBe("object");
      expect(JSON.stringify(spec)).not.toMatch(/NaN|Infinity/);
    }
    const curve = built({
      memory: "16GiB",
      dirtyKind: "curve",
      dirtyCurve: "interval,dirtied\n1s,1GiB",
      preset: "wan",
    });
    const cc = exploreCharts(curve.input, curve.scenario, curve.result);
    expect(cc.presets).toBe("Not drawn for a measured dirty curve: it has no one dirty rate to vary.");
    expect(cc.feasibility).toBe(cc.presets);
  });
});

describe("splitData(spec)", () => {
  it("names every inline dataset in document order and leaves the rest as it was", () => {
    const s = splitData({
      layer: [
        { data: { values: [{ a: 1 }] }, mark: "point" },
        { data: { values: [{ b: 2 }] }, mark: "rule" },
      ],
    } as never);
    expect(s.datasets).toEqual({ d0: [{ a: 1 }], d1: [{ b: 2 }] });
    expect(s.shape).toEqual({
      layer: [
        { data: { name: "d0" }, mark: "point" },
        { data: { name: "d1" }, mark: "rule" },
      ],
    });
    expect(splitData({ data: { values: [{ a: 9 }] }, mark: "point" } as never).key).toBe(
      splitData({ data: { values: [{ a: 1 }] }, mark: "point" } as never).key,
    );
  });
});
