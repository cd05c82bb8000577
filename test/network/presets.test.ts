import { describe, expect, test } from "vitest";
import { parseInput, type RawInput } from "../../src/input/parse.js";
import { planOf } from "../../src/input/path.js";
import { computePath, planToSpec, PRESET_NAMES, PRESETS, type PresetName } from "../../src/network/index.js";

const result = (name: PresetName) => computePath(planToSpec(PRESETS[name]));
const planFromInput = (input: RawInput) => planOf(parseInput(input));
const LINK_9000 = (1.25e9 * 8948) / 9038;

describe("PRESETS", () => {
  test("PRESET_NAMES lists every preset", () => {
    expect([...PRESET_NAMES].sort()).toEqual(Object.keys(PRESETS).sort());
  });

  test("throughput as shipped: same-l2 >= routed-lan >= metro >= wan", () => {
    const t = (["same-l2", "routed-lan", "metro", "wan"] as const).map(
      (n) => result(n).throughputBytesPerSec,
    );
    for (let i = 1; i < t.length; i++) expect(t[i]).toBeLessThanOrEqual(t[i - 1] as number);
    expect(result("same-l2-25g").throughputBytesPerSec).toBeGreaterThan(t[0] as number);
  });

  test("RTTs fall in the ranges of model.md section 5", () => {
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
    expect(r.throughputBytesPerSec).toBeCloseTo(LINK_9000, 3);
  });

  test("routed-lan is routed at MTU 9000 end to end: two 1 us hops add 4 us of RTT and cost no throughput", () => {
    const r = result("routed-lan");
    const l2 = result("same-l2");
    expect(r.pathMtuBytes).toBe(9000);
    expect(PRESETS["routed-lan"].hops).toBe(2);
    expect(r.warnings).toEqual([]);
    expect(r.throughputBytesPerSec).toBe(l2.throughputBytesPerSec);
    // Same MTU and distance: RTT + 2 x (2 hops x 1 us + 2 more store-and-forward frames x 7.23 us).
    expect(r.rttSec - l2.rttSec).toBeCloseTo(2 * (2e-6 + (2 * 9038) / 1.25e9), 12);
  });

  test("routed-lan-mtu1500 has one 1500-byte core segment and 1500-byte vmknics: 1448 / 1538 of the link", () => {
    const r = result("routed-lan-mtu1500");
    expect(r.pathMtuBytes).toBe(1500);
    expect(r.failure).toBeNull();
    expect(r.throughputBytesPerSec).toBeCloseTo((1.25e9 * 1448) / 1538, 3);
    expect(PRESETS["routed-lan-mtu1500"].segments?.map((s) => s.mtuBytes)).toEqual([9000, 1500, 9000]);
  });

  test("metro and wan carry the full 10 GbE in the default bdp buffer mode (VROOM 2015)", () => {
    for (const name of ["metro", "wan"] as const) {
      const r = result(name);
      expect(r.latencyAware).toBe(true);
      expect(r.bufferMode).toBe("bdp");
      expect(r.binding).toBe("link");
      // Link x (1 - loss): the bit-error loss of 7.2e-8 is invisible at this precision.
      expect(r.throughputBytesPerSec).toBeCloseTo(LINK_9000, -3);
    }
  });

  test("metro in expected-line-rate mode is window-bound at 133 MB/s on one stream", () => {
    const plan = planFromInput({ preset: "metro", bufferMode: "expected-line-rate" });
    const r = computePath(planToSpec(plan));
    expect(r.binding).toBe("window");
    expect(r.throughputBytesPerSec).toBeCloseTo(133e6, 0);
  });

  test("metro and wan lose packets only to bit errors: IEEE 802.3 BER 1e-12 x 9038 B x 8 = 7.2304e-8", () => {
    expect(result("wan").lossFraction).toBeCloseTo(7.2304e-8, 15);
    expect(result("metro").lossFraction).toBeCloseTo(7.2304e-8, 15);
    // The lossy WAN (a shared or VPN circuit) is a flag away: --loss 1e-5 makes loss the binding term.
    const lossy = computePath(planToSpec(planFromInput({ preset: "wan", loss: "1e-5" })));
    expect(lossy.binding).toBe("loss");
  });

  test("same-l2-25g opens two streams (ceil(25 / 15))", () => {
    expect(result("same-l2-25g").streams).toBe(2);
  });
});
