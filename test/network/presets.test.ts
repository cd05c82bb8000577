import { describe, expect, test } from "vitest";
import { computePath, planToSpec, PRESET_NAMES, PRESETS, type PresetName } from "../../src/network/index.js";

const result = (name: PresetName) => computePath(planToSpec(PRESETS[name]));

describe("PRESETS", () => {
  test("PRESET_NAMES lists every preset", () => {
    expect([...PRESET_NAMES].sort()).toEqual(Object.keys(PRESETS).sort());
  });

  test("throughput as shipped: same-l2 >= routed-lan >= metro >= wan (issue 3)", () => {
    const t = (["same-l2", "routed-lan", "metro", "wan"] as const).map(
      (n) => result(n).throughputBytesPerSec,
    );
    for (let i = 1; i < t.length; i++) expect(t[i]).toBeLessThanOrEqual(t[i - 1] as number);
    expect(result("same-l2-25g").throughputBytesPerSec).toBeGreaterThan(t[0] as number);
  });

  test("RTTs fall in the ranges of model.md section 5 and issue 3", () => {
    expect(result("same-l2").rttSec).toBeGreaterThanOrEqual(0.1e-3);
    expect(result("same-l2").rttSec).toBeLessThanOrEqual(0.3e-3);
    expect(result("routed-lan").rttSec).toBeLessThan(1e-3);
    // Metro: ~5 ms, within the 10 ms Metro vMotion limit.
    expect(result("metro").rttSec).toBeGreaterThan(4e-3);
    expect(result("metro").rttSec).toBeLessThanOrEqual(10e-3);
    expect(result("wan").rttSec).toBeGreaterThanOrEqual(10e-3);
    expect(result("wan").rttSec).toBeLessThanOrEqual(150e-3);
  });

  test("same-l2 is jumbo and link-bound: 1.25e9 x 8948 / 9038 B/s", () => {
    const r = result("same-l2");
    expect(r.pathMtuBytes).toBe(9000);
    expect(r.binding).toBe("link");
    expect(r.throughputBytesPerSec).toBeCloseTo((1.25e9 * 8948) / 9038, 3);
  });

  test("routed-lan runs at MTU 1500 with two hops and no warning", () => {
    const r = result("routed-lan");
    expect(r.pathMtuBytes).toBe(1500);
    expect(PRESETS["routed-lan"].hops).toBe(2);
    expect(r.warnings).toEqual([]);
  });

  test("metro is above the 4 ms threshold: latency-aware buffers sized for 133 MB/s bind one stream", () => {
    // ~5 ms RTT: window = max(562540 B, 133 MB/s x RTT) = 133 MB/s x RTT, so the window bound is
    // 133 MB/s (Migrate.NetExpectedLineRateMBps) with one stream on 10 GbE.
    const r = result("metro");
    expect(r.latencyAware).toBe(true);
    expect(r.binding).toBe("window");
    expect(r.throughputBytesPerSec).toBeCloseTo(133e6, 0);
  });

  test("wan is loss-bound with a loss between 1e-5 and 1e-4, and says it is under 250 Mbit/s", () => {
    const r = result("wan");
    // 1 - (1 - 1e-5) is 1e-5 to within rounding (1e-15 relative).
    expect(r.lossFraction).toBeGreaterThanOrEqual(1e-5 * (1 - 1e-9));
    expect(r.lossFraction).toBeLessThanOrEqual(1e-4);
    expect(r.binding).toBe("loss");
    expect(r.warnings.some((w) => w.includes("250 Mbit/s"))).toBe(true);
  });

  test("same-l2-25g opens two streams (ceil(25 / 15))", () => {
    expect(result("same-l2-25g").streams).toBe(2);
  });
});
