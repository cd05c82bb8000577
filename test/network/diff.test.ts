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
