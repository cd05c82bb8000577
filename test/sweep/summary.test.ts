import { mean, quantileSorted, standardDeviation } from "simple-statistics";
import { describe, expect, it } from "vitest";
import { FAILED_OUTCOMES, OUTCOMES } from "../../src/model/types.js";
import { loadSweepFile } from "../../src/sweep/load.js";
import { describeGrouping, planSweep } from "../../src/sweep/plan.js";
import { SummaryAccumulator, summaryJson } from "../../src/sweep/summary.js";

/** A plan of `groups` memory sizes x `perGroup` Monte Carlo samples: groups are the memory sizes. */
function plan(groups: number, perGroup: number) {
  return planSweep(
    loadSweepFile({
      text: `base: { bandwidth: 10Gbit/s }
axes:
  - { key: memory, range: { from: 4GiB, to: ${3 + groups}GiB, count: ${groups} } }
  - { key: dirtyRate, distribution: { kind: uniform, min: 1MiB/s, max: 100MiB/s } }
samples: ${perGroup}
`,
    }),
  );
}

/** Columns of a plan's table with outcome, totalTimeSec and downtimeSec filled by `row(k)`. */
function columns(p: ReturnType<typeof plan>, row: (k: number) => [string, number, number]): Float64Array[] {
  const names = p.columns.map((c) => c.name);
  const cols = names.map(() => new Float64Array(p.total));
  for (let k = 0; k < p.total; k++) {
    const [outcome, total, stun] = row(k);
    (cols[names.indexOf("outcome")] as Float64Array)[k] = OUTCOMES.indexOf(
      outcome as (typeof OUTCOMES)[number],
    );
    (cols[names.indexOf("totalTimeSec")] as Float64Array)[k] = total;
    (cols[names.indexOf("downtimeSec")] as Float64Array)[k] = stun;
  }
  return cols;
}

/** A scrambled but deterministic value for row k (so quantiles need real ordering). */
const value = (k: number): number => ((k * 7919) % 10007) / 10;

/** Feed rows in batches of `batch` (views into the full columns), as runSweep does. */
function feed(acc: SummaryAccumulator, cols: Float64Array[], total: number, batch: number): void {
  for (let start = 0; start < total; start += batch) {
    const n = Math.min(batch, total - start);
    acc.add(
      start,
      n,
      cols.map((c) => c.subarray(start, start + n)),
    );
  }
}

describe("SummaryAccumulator(plan).add(start, rows, columns) ... finish()", () => {
  it("gives the quantiles of the sorted values, by sorting (100 a group) and by selection (5,000)", () => {
    for (const perGroup of [100, 5000]) {
      const p = plan(2, perGroup);
      const cols = columns(p, (k) => ["converged", value(k), value(k) / 100]);
      const acc = new SummaryAccumulator(p);
      feed(acc, cols, p.total, 777);
      const s = acc.finish();
      expect(s.groups.length).toBe(2);
      s.groups.forEach((g, i) => {
        const sorted = Array.from({ length: perGroup }, (_, j) => value(i * perGroup + j)).sort(
          (a, b) => a - b,
        );
        // simple-statistics' quantileSorted on the sorted values is the reference.
        expect(g.totalTimeSec).toMatchObject({
          min: sorted[0],
          median: quantileSorted(sorted, 0.5),
          p90: quantileSorted(sorted, 0.9),
          p95: quantileSorted(sorted, 0.95),
          p99: quantileSorted(sorted, 0.99),
          max: sorted[perGroup - 1],
        });
        expect(g.exact).toBe(true);
      });
    }
  });

  it("gives a one-row group's value as every order statistic and the mean, stdev 0 (what simple-statistics gives)", () => {
    const p = plan(3, 1);
    const cols = columns(p, (k) => ["converged", value(k + 1), value(k + 1) / 100]);
    const acc = new SummaryAccumulator(p);
    feed(acc, cols, p.total, 2);
    acc.finish().groups.forEach((g, i) => {
      const v = value(i + 1);
      expect(g.totalTimeSec).toEqual({
        min: v,
        median: v,
        p90: v,
        p95: v,
        p99: v,
        max: v,
        mean: v,
        stdev: 0,
      });
      expect(g.downtimeSec?.mean).toBe(v / 100);
      expect(standardDeviation([v])).toBe(0);
      expect(mean([v])).toBe(v);
    });
  });

  it("leaves not-converging scenarios out of the time statistics but counts them", () => {
    const p = plan(1, 10);
    const cols = columns(p, (k) => (k % 2 === 0 ? ["converged", k, 1] : ["not-converging", 1e9, 0]));
    const acc = new SummaryAccumulator(p);
    feed(acc, cols, p.total, 3);
    const g = acc.finish().groups[0];
    expect(g?.count).toBe(10);
    expect(g?.switchedOver).toBe(5);
    expect(g?.shares.converged).toBe(0.5);
    expect(g?.outcomes).toEqual(
      Object.fromEntries(OUTCOMES.map((o) => [o, o === "converged" || o === "not-converging" ? 5 : 0])),
    );
    expect(g?.totalTimeSec?.max).toBe(8); // k = 0, 2, ..., 8
  });

  it("gives each group its own outcome counts and shares, frozen, one record for groups with equal counts (600 groups, 301 distinct counts: more than it keeps)", () => {
    const perGroup = 300;
    const p = plan(600, perGroup);
    // Group i: its first i % 301 rows converged, the rest not-converging.
    const convergedOf = (i: number): number => i % 301;
    const cols = columns(p, (k) =>
      k % perGroup < convergedOf(Math.floor(k / perGroup)) ? ["converged", 1, 0.1] : ["not-converging", 9, 9],
    );
    const acc = new SummaryAccumulator(p);
    feed(acc, cols, p.total, 65_536);
    const groups = acc.finish().groups;
    groups.forEach((g, i) => {
      const converged = convergedOf(i);
      const want = (o: string): number =>
        o === "converged" ? converged : o === "not-converging" ? perGroup - converged : 0;
      expect(g.outcomes).toEqual(Object.fromEntries(OUTCOMES.map((o) => [o, want(o)])));
      expect(g.shares).toEqual(Object.fromEntries(OUTCOMES.map((o) => [o, want(o) / perGroup])));
      expect(Object.isFrozen(g.outcomes) && Object.isFrozen(g.shares)).toBe(true);
    });
    // Counts met a group before: the same record.
    const again = plan(4, 10);
    const repeat = columns(again, (k) =>
      k % 10 < [5, 7, 5, 7][Math.floor(k / 10)]! ? ["converged", 1, 0.1] : ["data-cap", 2, 0.2],
    );
    const acc2 = new SummaryAccumulator(again);
    feed(acc2, repeat, again.total, 7);
    const [a, b, c, d] = acc2.finish().groups;
    expect(c?.outcomes).toBe(a?.outcomes);
    expect(d?.shares).toBe(b?.shares);
    expect(b?.outcomes).not.toBe(a?.outcomes);
  });

  // The bug: switchover-timeout (the stun exceeds the hypervisor's limit, the VM stays on the
  // source) was counted as switched over and its huge stun entered the time statistics.
  it("leaves switchover-timeout scenarios out of switchedOver and the time statistics", () => {
    const p = plan(1, 10);
    const cols = columns(p, (k) => (k < 7 ? ["max-rounds", k, 1] : ["switchover-timeout", 500, 150]));
    const acc = new SummaryAccumulator(p);
    feed(acc, cols, p.total, 4);
    const g = acc.finish().groups[0];
    expect(g?.switchedOver).toBe(7);
    expect(g?.downtimeSec?.max).toBe(1);
    expect(g?.totalTimeSec?.max).toBe(6);
    expect(g?.outcomes).toMatchObject({ "max-rounds": 7, "switchover-timeout": 3, converged: 0 });
  });

  it("keeps every 2^j-th value past the cap, the same for any batch size", () => {
    const p = plan(1, 1000);
    const cols = columns(p, (k) => ["converged", value(k), 1]);
    const run = (batch: number) => {
      const acc = new SummaryAccumulator(p, { maxValuesPerGroup: 100 });
      feed(acc, cols, p.total, batch);
      return acc.finish();
    };
    const a = run(1000);
    // 1000 values, cap 100: stride 16 keeps positions 0, 16, ..., 992 (63 values).
    const kept = Array.from({ length: 63 }, (_, j) => value(16 * j)).sort((x, y) => x - y);
    expect(a.groups[0]?.exact).toBe(false);
    expect(a.groups[0]?.totalTimeSec?.median).toBe(quantileSorted(kept, 0.5));
    expect(run(7)).toEqual(a);
    expect(run(64)).toEqual(a);
  });
});

describe("SummaryAccumulator thinning by definition", () => {
  it("keeps the switched-over values at positions that are multiples of the least power of 2 fitting the cap", () => {
    // Every outcome, in a scrambled order; a cap from 2 to 40; any batch size.
    for (const [perGroup, cap, batch] of [
      [300, 7, 13],
      [1000, 40, 1],
      [257, 2, 256],
      [64, 100, 5],
    ] as const) {
      const p = plan(1, perGroup);
      const outcomeAt = (k: number) => OUTCOMES[(k * 37 + 11) % OUTCOMES.length] as string;
      const cols = columns(p, (k) => [outcomeAt(k), value(k), value(k + 1) / 100]);
      const acc = new SummaryAccumulator(p, { maxValuesPerGroup: cap });
      feed(acc, cols, p.total, batch);
      const g = acc.finish().groups[0];
      // The definition: switched-over rows in order, kept where their position is a multiple of
      // the least stride 2^j with ceil(switched / 2^j) <= cap.
      const switched = Array.from({ length: perGroup }, (_, k) => k).filter(
        (k) => !(FAILED_OUTCOMES as readonly string[]).includes(outcomeAt(k)),
      );
      let stride = 1;
      while (Math.ceil(switched.length / stride) > cap) stride *= 2;
      const kept = switched.filter((_, pos) => pos % stride === 0);
      const totals = kept.map((k) => value(k)).sort((x, y) => x - y);
      expect(g?.count).toBe(perGroup);
      expect(g?.switchedOver).toBe(switched.length);
      expect(g?.exact).toBe(stride === 1);
      expect(g?.totalTimeSec?.median).toBe(quantileSorted(totals, 0.5));
      expect(g?.totalTimeSec?.p90).toBe(quantileSorted(totals, 0.9));
      expect(g?.totalTimeSec?.min).toBe(totals[0]);
      expect(g?.totalTimeSec?.max).toBe(totals[totals.length - 1]);
      const outcomes = Object.fromEntries(
        OUTCOMES.map((o) => [
          o,
          Array.from({ length: perGroup }, (_, k) => outcomeAt(k)).filter((x) => x === o).length,
        ]),
      );
      expect(g?.outcomes).toEqual(outcomes);
    }
  });
});

describe("SummaryAccumulator outcomes and grouping", () => {
  it("counts converged and converged-throttled apart (a throttled scenario is not 'converged')", () => {
    const p = plan(1, 10);
    const cols = columns(p, (k) => [
      k < 6 ? "converged-throttled" : k < 9 ? "converged" : "max-rounds",
      1,
      1,
    ]);
    const acc = new SummaryAccumulator(p);
    feed(acc, cols, p.total, 4);
    const g = acc.finish().groups[0];
    expect(g?.outcomes.converged).toBe(3);
    expect(g?.outcomes["converged-throttled"]).toBe(6);
    expect(g?.outcomes["max-rounds"]).toBe(1);
    expect(g?.shares).toMatchObject({
      converged: 0.3,
      "converged-throttled": 0.6,
      "max-rounds": 0.1,
      "data-cap": 0,
    });
  });

  /** memory (3) x dirtyRate (4) x preset (2), 1 sample each. */
  function gridPlan(summary: string) {
    return planSweep(
      loadSweepFile({
        text: `base: { bandwidth: 10Gbit/s }
axes:
  - { key: memory, values: [4GiB, 8GiB, 16GiB] }
  - { key: dirtyRate, values: [1MiB/s, 2MiB/s, 3MiB/s, 4MiB/s] }
  - { key: preset, values: [same-l2, wan] }
${summary}`,
      }),
    );
  }

  it("summary.by groups by any grid axes in the order named, the same for any batch size", () => {
    const p = gridPlan("summary: { by: [preset, dirtyRate] }");
    // Scenario k: memory k / 8, dirtyRate (k / 2) % 4, preset k % 2; row value = k.
    const cols = columns(p, (k) => ["converged", k, 0]);
    const run = (batch: number) => {
      const acc = new SummaryAccumulator(p);
      feed(acc, cols, p.total, batch);
      return acc.finish();
    };
    const s = run(5);
    expect(s.groupBy).toEqual(["preset", "dirtyRate"]);
    expect(s.pooled).toEqual(["memory"]);
    expect(s.groups).toHaveLength(8);
    expect(s.groups[0]?.group).toEqual({ preset: "same-l2", dirtyRate: "1MiB/s" });
    expect(s.groups[1]?.group).toEqual({ preset: "same-l2", dirtyRate: "2MiB/s" });
    expect(s.groups[4]?.group).toEqual({ preset: "wan", dirtyRate: "1MiB/s" });
    // Group (wan, 2 MiB/s): k with k % 2 = 1 and (k / 2) % 4 = 1: k = 3, 11, 19.
    expect(s.groups[5]?.count).toBe(3);
    expect(s.groups[5]?.totalTimeSec).toMatchObject({ min: 3, median: 11, max: 19 });
    expect(run(1)).toEqual(s);
    expect(run(24)).toEqual(s);
  });

  it("summary.by [] is one group of every scenario", () => {
    const p = gridPlan("summary: { by: [] }");
    const acc = new SummaryAccumulator(p);
    feed(
      acc,
      columns(p, (k) => ["converged", k, 0]),
      p.total,
      7,
    );
    const s = acc.finish();
    expect(s.groups).toHaveLength(1);
    expect(s.groups[0]?.count).toBe(24);
    expect(describeGrouping(p)).toBe("summary in one group (memory, dirtyRate, preset pooled in each group)");
  });

  it.each([
    [
      "summary: { by: [rtt] }",
      'summary.by[0]: expected a grid axis name: memory, dirtyRate, preset (got "rtt")',
    ],
    ["summary: { by: [memory, memory] }", "summary.by"],
  ])("planSweep rejects %s", (summary, message) => {
    expect(() => gridPlan(summary)).toThrow(message);
  });

  it("planSweep rejects a summary.by over a Monte Carlo axis or above 10,000 groups", () => {
    expect(() =>
      planSweep(
        loadSweepFile({
          text: "base: { bandwidth: 10Gbit/s, memory: 4GiB }\naxes:\n  - { key: dirtyRate, distribution: { kind: uniform, min: 1MiB/s, max: 2MiB/s } }\nsamples: 2\nsummary: { by: [dirtyRate] }\n",
        }),
      ),
    ).toThrow("dirtyRate is a Monte Carlo axis");
    expect(() =>
      planSweep(
        loadSweepFile({
          text: "base: { bandwidth: 10Gbit/s }\naxes:\n  - { key: memory, range: { from: 1GiB, to: 200GiB, count: 200 } }\n  - { key: dirtyRate, range: { from: 1MiB/s, to: 100MiB/s, count: 100 } }\nsummary: { by: [memory, dirtyRate] }\n",
        }),
      ),
    ).toThrow("summary.by: makes 20,000 groups, above the 10,000 a summary holds: group by fewer axes");
  });

  it("describeGrouping(plan) says which axes the default pools (the 10,000-group cap)", () => {
    const p = planSweep(
      loadSweepFile({
        text: "base: { bandwidth: 10Gbit/s }\naxes:\n  - { key: memory, range: { from: 1GiB, to: 200GiB, count: 200 } }\n  - { key: dirtyRate, range: { from: 1MiB/s, to: 100MiB/s, count: 100 } }\n",
      }),
    );
    expect(p.groupCount).toBe(200);
    expect(describeGrouping(p)).toBe(
      "summary by memory (dirtyRate pooled in each group: the default groups by the leading axes up to 10,000 groups; set summary.by to choose)",
    );
    expect(describeGrouping(gridPlan(""))).toBe("summary by memory x dirtyRate x preset");
  });
});

describe("summaryJson(summary) and finishWithJson()", () => {
  it("writes JSON that parses back to the summary, one group a line", () => {
    const p = plan(3, 4);
    const cols = columns(p, (k) => ["converged", value(k), 0.5]);
    const acc = new SummaryAccumulator(p);
    feed(acc, cols, p.total, 5);
    const { summary, json } = acc.finishWithJson();
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(summary)));
    expect(summaryJson(summary)).toBe(json);
    expect(json.split("\n").filter((l) => l.trimStart().startsWith('{"group"')).length).toBe(3);
  });

  it("writes each group's line as JSON.stringify of its summary: no times (null), thinned (exact false), shared outcome records", () => {
    const p = plan(4, 40);
    // Group 0: none switched over; 1: half; 2 and 3: all (the same counts: one record).
    const cols = columns(p, (k) => {
      const g = Math.floor(k / 40);
      return g === 0 || (g === 1 && k % 2 === 1)
        ? ["not-converging", 1, 1]
        : ["converged", value(k), value(k) / 7];
    });
    const acc = new SummaryAccumulator(p, { maxValuesPerGroup: 8 });
    feed(acc, cols, p.total, 13);
    const { summary, json } = acc.finishWithJson();
    expect(summary.groups[0]?.totalTimeSec).toBeNull();
    expect(summary.groups[2]?.exact).toBe(false);
    expect(json).toBe(summaryJson(summary));
  });
});
