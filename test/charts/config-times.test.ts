import { describe, expect, it } from "vitest";
import { configTimesChart, type ConfigTimeRow } from "../../src/charts/config-times.js";

/**
 * The configurations chart draws both buffer-sizing readings where they part (both assumptions):
 * before, it drew the bdp reading alone, 6.07 min for the database VM over the WAN, where the
 * table and findings now give 11 min under expected-line-rate.
 */
const ROWS: ConfigTimeRow[] = [
  { vm: "db", site: "local", config: "stretched-l2", totalTimeSec: 70, outcome: "converged" },
  {
    vm: "db",
    site: "wan",
    config: "stretched-l2",
    totalTimeSec: 364,
    outcome: "converged-throttled",
    otherTotalTimeSec: 660,
    usedMode: "bdp",
    otherMode: "expected-line-rate",
  },
];

interface Spec {
  data: { values: { site: string; reading: string; totalMin: number | null; otherMin: number | null }[] };
  spec: { layer: { mark: { type: string }; encoding: Record<string, { scale?: { domain?: unknown } }> }[] };
}

describe("configTimesChart(rows)", () => {
  it("adds the other reading as a diamond joined by a rule, with a legend naming both", () => {
    const s = configTimesChart(ROWS) as unknown as Spec;
    const wan = s.data.values.filter((v) => v.site === "wan");
    expect(wan.map((v) => v.reading)).toEqual(["bdp (used)", "expected-line-rate"]);
    expect(wan[0]?.totalMin).toBeCloseTo(364 / 60, 4);
    expect(wan[1]?.totalMin).toBe(11);
    expect(wan[0]?.otherMin).toBe(11);
    expect(s.spec.layer.map((l) => l.mark.type)).toEqual(["rule", "point"]);
    expect(s.spec.layer[1]?.encoding.shape?.scale?.domain).toEqual(["bdp (used)", "expected-line-rate"]);
  });
  it("draws circles only, with no buffer legend, where no reading parts", () => {
    const s = configTimesChart([ROWS[0] as ConfigTimeRow]) as unknown as Spec;
    expect(s.data.values).toHaveLength(1);
    expect(s.spec.layer.map((l) => l.mark.type)).toEqual(["point"]);
    expect(s.spec.layer[0]?.encoding.shape).toBeUndefined();
  });
});
