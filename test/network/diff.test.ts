import { describe, expect, test } from "vitest";
import { describePlanChange, PRESETS } from "../../src/network/index.js";

describe("describePlanChange", () => {
  test("describePlanChange(same-l2, routed-lan) returns +2 hops only: same MTU, 0.3 km is not worth a word", () => {
    expect(describePlanChange(PRESETS["same-l2"], PRESETS["routed-lan"])).toEqual(["+2 hops"]);
    expect(describePlanChange(PRESETS["routed-lan"], PRESETS["routed-lan-mtu1500"])).toEqual(["MTU 1500"]);
  });

  test("describePlanChange(same-l2, wan) names hops, distance and loss (2 significant digits)", () => {
    expect(describePlanChange(PRESETS["same-l2"], PRESETS.wan)).toEqual([
      "+6 hops",
      "2500 km",
      "loss 7.2e-8",
    ]);
  });

  test("describePlanChange names a different congestion control and buffer mode", () => {
    const cubic = { ...PRESETS.wan, congestionControl: "cubic" as const };
    expect(describePlanChange(PRESETS.wan, cubic)).toEqual(["cubic"]);
  });

  test("describePlanChange(p, p) returns nothing; one hop fewer reads -1 hop", () => {
    expect(describePlanChange(PRESETS.metro, PRESETS.metro)).toEqual([]);
    expect(describePlanChange(PRESETS.metro, { ...PRESETS.metro, hops: 2 })).toEqual(["-1 hop"]);
  });
});

describe("describePlanChange(base, plan) over what the segments carry", () => {
  test("names a socket buffer and a hop delay that differ (compare said 'same path' for them)", () => {
    expect(describePlanChange(PRESETS.wan, { ...PRESETS.wan, socketBufferBytes: 8 * 2 ** 20 })).toEqual([
      "socket buffer 8 MiB",
    ]);
    expect(describePlanChange(PRESETS.wan, { ...PRESETS.wan, hopDelaySec: 1e-3 })).toEqual([
      "hop delay 1 ms",
    ]);
  });

  test("reads a column's own segments: their distance, loss, delay and flow cap, not the plan's uniform fields", () => {
    const oneSegment = {
      ...PRESETS.wan,
      segments: [
        {
          linkBytesPerSec: 10e9 / 8,
          mtuBytes: 9000,
          distanceKm: 0,
          delaySec: 1e-3,
          lossFraction: 0,
          flowCapBytesPerSec: 2e9 / 8,
        },
      ],
    };
    // The wan plan's own distance (2500 km) and loss stay in its fields; the segments carry neither.
    expect(describePlanChange(PRESETS.wan, oneSegment)).toEqual([
      "0 km",
      "loss 0",
      "segment delay 1 ms",
      "flow cap 2 Gbit/s",
    ]);
  });

  test("says 'other segments' when segments differ in nothing it names (a clamp), and nothing for equal paths", () => {
    const clamped = { ...PRESETS["routed-lan-mtu1500"] };
    const segs = (clamped.segments ?? []).map((s, i) => (i === 1 ? { ...s, clampsMss: true } : s));
    expect(describePlanChange(clamped, { ...clamped, segments: segs })).toEqual(["other segments"]);
    expect(describePlanChange(PRESETS.wan, { ...PRESETS.wan })).toEqual([]);
  });
});
