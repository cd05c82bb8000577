import { describe, expect, test } from "vitest";
import { autoStreams, slowStartSec } from "../../src/network/index.js";

describe("slowStartSec", () => {
  test("slowStartSec(100 ms, 125 MB, 10 x 1448 B) is ~13 doublings, ~1.31 s (model.md section 4)", () => {
    // log2(125e6 / 14480) = 13.0756; x 0.1 s.
    expect(slowStartSec(0.1, 125e6, 14_480)).toBeCloseTo(1.30756, 4);
  });

  test("slowStartSec returns 0 when the initial window covers the BDP", () => {
    expect(slowStartSec(0.0002, 10_000, 14_480)).toBe(0);
  });
});

describe("autoStreams", () => {
  test("autoStreams(link, 15 Gbit/s) is ceil(link / 15 Gbit/s): 1 for 1/10/15 GbE, 2 for 25, 3 for 40, 7 for 100", () => {
    const helper = 15e9 / 8;
    const gbe = (g: number): number => autoStreams((g * 1e9) / 8, helper);
    expect([gbe(1), gbe(10), gbe(15), gbe(25), gbe(40), gbe(100)]).toEqual([1, 1, 1, 2, 3, 7]);
  });
});
