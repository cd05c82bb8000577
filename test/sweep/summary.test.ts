import { quantileSorted } from "simple-statistics";
import { describe, expect, it } from "vitest";
import { OUTCOMES } from "../../src/model/types.js";
import { loadSweepFile } from "../../src/sweep/load.js";
import { planSweep } from "../../src/sweep/plan.js";
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

  it("leaves not-converging scenarios out of the time statistics but counts them", () => {
    const p = plan(1, 10);
    const cols = columns(p, (k) => (k % 2 === 0 ? ["converged", k, 1] : ["not-converging", 1e9, 0]));
    const acc = new SummaryAccumulator(p);
    feed(acc, cols, p.total, 3);
    const g = acc.finish().groups[0];
    expect(g?.count).toBe(10);
    expect(g?.switchedOver).toBe(5);
    expect(g?.convergenceRate).toBe(0.5);
    expect(g?.outcomes).toEqual({ converged: 5, "not-converging": 5 });
    expect(g?.totalTimeSec?.max).toBe(8); // k = 0, 2, ..., 8
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
});
