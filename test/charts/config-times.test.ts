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
    expect(s.spec.layer.map((l) => l.mark.type)).toEqual(["rule", "point", "text"]);
    expect(s.spec.layer[1]?.encoding.shape?.scale?.domain).toEqual(["bdp (used)", "expected-line-rate"]);
  });
  it("draws circles only, with no buffer legend, where no reading parts", () => {
    const s = configTimesChart([ROWS[0] as ConfigTimeRow]) as unknown as Spec;
    expect(s.data.values).toHaveLength(1);
    expect(s.spec.layer.map((l) => l.mark.type)).toEqual(["point", "text"]);
    expect(s.spec.layer[0]?.encoding.shape).toBeUndefined();
  });
  it("configTimesChart(only failed rows) keeps each configuration on the axis and marks it 'fails'", () => {
    // Every migration failing drew an empty frame: no configuration axis, no panel, no word.
    const failed: ConfigTimeRow[] = ["vmotion-stack-routed", "stretched-l2"].map((config) => ({
      vm: "big VM",
      site: "WAN",
      config,
      totalTimeSec: NaN,
      outcome: "not-converging",
    }));
    const s = configTimesChart(failed) as unknown as Spec & {
      spec: { layer: { transform?: { filter: string }[]; encoding: { text?: { value: string } } }[] };
    };
    const [point, text] = s.spec.layer;
    expect(point?.encoding.x?.scale?.domain).toEqual(["vmotion-stack-routed", "stretched-l2"]);
    expect(point?.encoding.y?.scale).toEqual({ type: "log", domain: [1, 10] });
    expect(text?.transform).toEqual([{ filter: "datum.totalMin == null" }]);
    expect(text?.encoding.text).toEqual({ value: "fails" });
    expect(s.data.values.map((v) => v.totalMin)).toEqual([null, null]);
  });
});
