import { describe, expect, test } from "vitest";
import { describePlanChange, PRESETS } from "../../src/network/index.js";

describe("describePlanChange", () => {
  test("describePlanChange(same-l2, routed-lan) returns +2 hops and MTU 1500 (0.3 km is not worth a word)", () => {
    expect(describePlanChange(PRESETS["same-l2"], PRESETS["routed-lan"])).toEqual(["+2 hops", "MTU 1500"]);
  });

  test("describePlanChange(same-l2, wan) names hops, MTU, distance and loss", () => {
    expect(describePlanChange(PRESETS["same-l2"], PRESETS.wan)).toEqual([
      "+6 hops",
      "MTU 1500",
      "2500 km",
      "loss 1e-5",
    ]);
  });

  test("describePlanChange(p, p) returns nothing; one hop fewer reads -1 hop", () => {
    expect(describePlanChange(PRESETS.metro, PRESETS.metro)).toEqual([]);
    expect(describePlanChange(PRESETS.metro, { ...PRESETS.metro, hops: 2 })).toEqual(["-1 hop"]);
  });
});
