import { describe, expect, it } from "vitest";
import { MIB, pt } from "./points.js";
import {
  convergenceFindings,
  convergenceLimitFindings,
  distributionFindings,
  feasibilityFindings,
  routingFindings,
  sensitivityFindings,
  slowdownFindings,
  throughputFindings,
} from "../../src/report/index.js";

describe("routingFindings(points, opts)", () => {
  // Baseline 10 Gbit/s, 100 s; routed 9.5 Gbit/s (5 % less), 108 s at 400 MiB/s (8 % and 8 s more).
  const points = [
    pt("same-l2", 400, { totalTimeSec: 100 }),
    pt("same-l2", 800, { totalTimeSec: 150 }),
    pt("routed-lan", 400, { pathThroughputBytesPerSec: 1.1875e9, totalTimeSec: 108 }),
    pt("routed-lan", 800, { pathThroughputBytesPerSec: 1.1875e9, totalTimeSec: 180 }),
  ];
  it("quotes the throughput loss and the added time at the chosen dirty rate", () => {
    const [cost, harmless] = routingFindings(points, {
      atBytesPerSec: 400 * MIB,
      changes: { "routed-lan": ["+2 hops", "MTU 1500"] },
    });
    expect(cost).toBe(
      "routed-lan (+2 hops, MTU 1500) has 5 % less throughput than same-l2 (9.5 Gbit/s vs 10 Gbit/s); at 400 MiB/s dirtying this adds 8 % to migration time, 8 s (108 s instead of 100 s).",
    );
    // 180 / 150 = 1.2: 20 % longer at 800 MiB/s, so harmless (within 10 %) only up to 400 MiB/s.
    expect(harmless).toBe(
      "routed-lan stays within 10 % of same-l2's migration time up to 400 MiB/s; at 800 MiB/s it takes 20 % longer (3 min vs 2.5 min).",
    );
  });
  it("changes when the numbers change", () => {
    const slower = points.map((p) =>
      p.series === "routed-lan" && p.dirtyRateBytesPerSec === 400 * MIB ? { ...p, totalTimeSec: 112 } : p,
    );
    const [cost] = routingFindings(slower, { atBytesPerSec: 400 * MIB });
    expect(cost).toContain("adds 12 % to migration time, 12 s (112 s instead of 100 s)");
    expect(cost).toMatch(/^routed-lan has 5 % less throughput/);
  });
  it("reads a time from 2x on as a multiple, not as a percentage (9.36x, not 'adds 836 %')", () => {
    // 936 s against 100 s at 400 MiB/s; 1,600 s against 150 s at 800 MiB/s (10.7x).
    const far = [
      pt("same-l2", 400, { totalTimeSec: 100 }),
      pt("same-l2", 800, { totalTimeSec: 150 }),
      pt("metro", 400, { pathThroughputBytesPerSec: 1.325e8, totalTimeSec: 936 }),
      pt("metro", 800, { pathThroughputBytesPerSec: 1.325e8, totalTimeSec: 1600 }),
    ];
    const [cost, harmless] = routingFindings(far, { atBytesPerSec: 400 * MIB });
    expect(cost).toContain(
      "at 400 MiB/s dirtying this makes migration 9.4x as long, 13.9 min more (15.6 min instead of 100 s)",
    );
    expect(harmless).toBe(
      "metro is not within 10 % of same-l2's migration time even at 400 MiB/s: it takes 9.4x as long (15.6 min vs 100 s).",
    );
    // Just under 2x stays a percentage.
    const near = far.map((p) =>
      p.series === "metro" ? { ...p, totalTimeSec: p.totalTimeSec === 936 ? 199 : 290 } : p,
    );
    expect(routingFindings(near, { atBytesPerSec: 400 * MIB })[0]).toContain(
      "adds 99 % to migration time, 99 s (3.32 min instead of 100 s)",
    );
  });
  it("says when the routed path does not complete", () => {
    const failing = [pt("a", 400), pt("b", 400, { outcome: "not-converging", totalTimeSec: NaN })];
    expect(routingFindings(failing, { atBytesPerSec: 400 * MIB })[0]).toContain(
      "at 400 MiB/s dirtying, pre-copy does not converge and the migration fails",
    );
  });
});

describe("convergenceLimitFindings(points)", () => {
  it("names the last converging dirty rate and what happens next, grouping equal paths", () => {
    const points = [
      pt("a", 100),
      pt("a", 200, { outcome: "converged-throttled" }),
      pt("b", 100),
      pt("b", 200, { outcome: "converged-throttled" }),
      pt("c", 100),
      pt("c", 200),
    ];
    expect(convergenceLimitFindings(points)).toEqual([
      "a and b converge on their own up to 100 MiB/s; at 200 MiB/s pre-copy converges only because SDPS slows the guest.",
      "c converges on its own at every dirty rate up to 200 MiB/s.",
    ]);
  });
});

describe("slowdownFindings(points)", () => {
  it("gives where SDPS starts and what it takes at the top dirty rate", () => {
    const points = [
      pt("x", 100),
      pt("x", 1000, { guestSlowdown: 0.75 }),
      pt("x", 2048, { guestSlowdown: 0.881 }),
    ];
    expect(slowdownFindings(points)).toEqual([
      "On x, SDPS starts slowing the guest at 1000 MiB/s (by 75 %); at 2 GiB/s it takes 88 % of the guest's CPU time.",
    ]);
    expect(slowdownFindings([pt("y", 100), pt("y", 200)])).toEqual([
      "On y, SDPS never has to slow the guest, up to 200 MiB/s.",
    ]);
  });
});

describe("feasibilityFindings(points, axis)", () => {
  it("quotes the limit at both RTT ends, where it halves, and the share of outcomes", () => {
    const grid = [0.001, 0.01, 0.1].flatMap((rttSec, i) =>
      [10, 100, 400].map((d) =>
        pt("wan", d, { rttSec, outcome: d <= [400, 100, 10][i]! ? "converged" : "converged-throttled" }),
      ),
    );
    expect(feasibilityFindings(grid, "rtt")).toEqual([
      // 400 MiB/s is the top of the grid: a limit found there is "every dirty rate swept".
      "At 1 ms RTT, pre-copy converges on its own at every dirty rate swept (up to 400 MiB/s); at 100 ms RTT only up to 10 MiB/s.",
      // Names what halves (the converging dirty-rate limit), from what and to what, not "the limit".
      "The largest dirty rate that converges on its own falls to 100 MiB/s, under half the 400 MiB/s at 1 ms RTT, by 10 ms RTT.",
      "Of the 9 combinations, 6 (67 %) converge on their own and 3 (33 %) only with SDPS throttling.",
    ]);
  });
});

describe("throughputFindings(rows)", () => {
  it("splits the RTT range into runs of the binding bound", () => {
    const rows = [
      { rttSec: 0.001, achievedBytesPerSec: 1.25e9, binding: "link" },
      { rttSec: 0.002, achievedBytesPerSec: 1.25e9, binding: "link" },
      { rttSec: 0.01, achievedBytesPerSec: 2.5e8, binding: "window" },
      { rttSec: 0.1, achievedBytesPerSec: 2.5e7, binding: "window" },
    ];
    expect(throughputFindings(rows)).toEqual([
      "From 1 ms to 2 ms RTT, the link rate (after protocol overhead) bounds throughput at 10 Gbit/s.",
      "From 10 ms to 100 ms RTT, the socket window (window / RTT) takes over and bounds throughput from 2 Gbit/s down to 200 Mbit/s.",
      "At 100 ms the path carries 2 % of what it carries at 1 ms.",
    ]);
  });
});

describe("distributionFindings(points)", () => {
  it("counts outcomes and quotes p50/p95/p99 (type 7 quantiles)", () => {
    // Totals 1..100 s: p50 = 50.5, p95 = 95.05, p99 = 99.01 (as in charts' markedQuantiles), shown to 1 decimal.
    const points = Array.from({ length: 100 }, (_, i) => ({
      totalTimeSec: i + 1,
      downtimeSec: 0.5,
      outcome: i < 90 ? "converged" : "converged-throttled",
    }));
    expect(distributionFindings(points)).toEqual([
      "Of 100 draws, 90 (90 %) converge on their own and 10 (10 %) only with SDPS throttling.",
      "Half the migrations finish within 50.5 s, 95 % within 95 s and 99 % within 99 s; the guest-seen stun is 500 ms at the median and 500 ms at p99.",
    ]);
  });
});

describe("convergenceFindings(traces)", () => {
  it("gives iterations, the shrink ratio and the stop against the goal", () => {
    // 1024, 512, 256 MiB: each iteration resends 50 % of the previous one.
    const t = {
      name: "vm",
      iterationBytes: [1024 * MIB, 512 * MIB, 256 * MIB],
      switchoverBytes: 100 * MIB,
      goalBytes: 128 * MIB,
      outcome: "converged",
      totalTimeSec: 10,
      downtimeSec: 0.2,
    };
    expect(convergenceFindings([t])).toEqual([
      "vm: 3 iterations, each resending about 50 % of the previous one; pre-copy converges on its own, with 100 MiB left, under the 128 MiB the switchover goal allows (total 10 s, stun 200 ms).",
    ]);
  });
});

describe("sensitivityFindings(rows, baseline, delta)", () => {
  it("ranks inputs by swing and names the ones that hardly matter", () => {
    const rows = [
      { input: "memory", lowTotalTimeSec: 80, highTotalTimeSec: 120 },
      { input: "dirty rate", lowTotalTimeSec: 70, highTotalTimeSec: 150 },
      { input: "distance", lowTotalTimeSec: 100, highTotalTimeSec: 100.1 },
    ];
    expect(sensitivityFindings(rows, 100, 0.2)).toEqual([
      "Moving each input by \u00b120 %, dirty rate moves total time most: 70 s at \u221220 % and 2.5 min at +20 % (baseline 100 s).",
      // Names the total time as what changes (memory at -20 % is 80 s: -20 % of the 100 s baseline).
      "Then, as changes in total time at \u221220 % / +20 %: memory (\u221220 % / +20 %).",
      "Distance hardly matters here: less than 0.5 % either way.",
    ]);
  });
  it("says when the bound on throughput changes at an end", () => {
    const rows = [
      {
        input: "RTT",
        lowTotalTimeSec: 900,
        highTotalTimeSec: 100,
        lowBinding: "window",
        highBinding: "link",
      },
    ];
    expect(sensitivityFindings(rows, 100, 0.2, "link")[1]).toBe(
      "At \u221220 % RTT, throughput is bound by the socket window (window / RTT) instead of the link rate.",
    );
  });
});

describe("outcome shares over sweeps where one outcome is all, or none", () => {
  // Before: "Of the 5 combinations, 0 (0 %) converge on their own and 5 (100 %) not at all." and
  // "Of 200 draws, 0 (0 %) converge on their own and 200 (100 %) fail."
  const failing = [100, 200, 400].map((d) => pt("wan", d, { outcome: "not-converging", totalTimeSec: 9e3 }));
  it("feasibilityFindings(all failing) says all fail, with no 0 (0 %) share", () => {
    expect(feasibilityFindings(failing, "rtt").at(-1)).toBe("All 3 combinations fail: none switches over.");
  });
  it("feasibilityFindings(throttled and failing) leads with the first share that has a count, verb and all", () => {
    const grid = [pt("wan", 100, { outcome: "converged-throttled" }), ...failing.slice(1)];
    // 1 and 2 of 3: 33 % and 67 % (no decimals: the smallest share is over 10 %, words.ts shares).
    expect(feasibilityFindings(grid, "rtt").at(-1)).toBe(
      "Of the 3 combinations, 1 (33 %) converge only with SDPS throttling and 2 (67 %) not at all.",
    );
  });
  it("distributionFindings(all converged, all failed, one draw) words each without a 0 (0 %) share", () => {
    const draw = (outcome: string) => ({ totalTimeSec: 60, downtimeSec: 0.3, outcome });
    expect(distributionFindings([draw("converged"), draw("converged")])[0]).toBe(
      "All 2 draws converge on their own.",
    );
    expect(distributionFindings([draw("not-converging"), draw("switchover-timeout")])).toEqual([
      "All 2 draws fail: none switches over.",
    ]);
    expect(distributionFindings([draw("converged-throttled")])[0]).toBe(
      "The one draw converges only with SDPS throttling.",
    );
  });
});

describe("convergenceLimitFindings over one dirty rate and labels with 'and'", () => {
  it("convergenceLimitFindings(one rate per series) names the rate as the one swept", () => {
    // Before: "same-l2 converges on its own at every dirty rate up to 400 MiB/s." for one rate.
    expect(convergenceLimitFindings([pt("same-l2", 400)])).toEqual([
      "On same-l2, at 400 MiB/s (the one dirty rate swept), pre-copy converges on its own.",
    ]);
  });
  it("convergenceLimitFindings(a label 'LAN and WAN') keeps the singular verb", () => {
    // The verb's number came from " and " in the names: "LAN and WAN converge on their own".
    expect(convergenceLimitFindings([pt("LAN and WAN", 100), pt("LAN and WAN", 200)])).toEqual([
      "LAN and WAN converges on its own at every dirty rate up to 200 MiB/s.",
    ]);
  });
});

describe("sensitivityFindings with a baseline that never switches over", () => {
  it("sensitivityFindings(rows, Infinity, 0.5) names the moves that complete, never 'baseline Infinity h'", () => {
    const rows = [
      { input: "dirty rate", lowTotalTimeSec: 702, highTotalTimeSec: Infinity },
      { input: "memory", lowTotalTimeSec: Infinity, highTotalTimeSec: Infinity },
    ];
    expect(sensitivityFindings(rows, Infinity, 0.5)).toEqual([
      "At the baseline the migration never switches over: there is no total time to compare.",
      "Moved by \u00b150 % alone, only dirty rate at \u221250 % (11.7 min) makes it switch over.",
    ]);
    const none = rows.map((r) => ({ ...r, lowTotalTimeSec: Infinity }));
    expect(sensitivityFindings(none, Infinity, 0.5)[1]).toBe(
      "Moving any one input by \u00b150 % does not make it switch over either.",
    );
  });
});

describe("routingFindings with times that print alike at three digits", () => {
  it("routingFindings(64.9 s vs 64.94 s) writes the two times apart (64.94 s instead of 64.9 s)", () => {
    // The example's metro path at 400 MiB/s: 40.6 ms more than same-l2; it read "(64.9 s instead of 64.9 s)".
    const points = [pt("same-l2", 400, { totalTimeSec: 64.9 }), pt("metro", 400, { totalTimeSec: 64.9406 })];
    const [first] = routingFindings(points, { atBytesPerSec: 400 * MIB });
    expect(first).toBe(
      "metro has the same throughput as same-l2 (10 Gbit/s); at 400 MiB/s dirtying this adds 0.063 % to migration time, 40.6 ms (64.94 s instead of 64.9 s).",
    );
  });
});

describe("throughputFindings over RTTs that print alike", () => {
  it("throughputFindings(1 ms and 1.001 ms) writes the ends apart, not 'From 1 ms to 1 ms'", () => {
    const rows = [
      { rttSec: 0.001, achievedBytesPerSec: 1.2375e9, binding: "link" },
      { rttSec: 0.001001, achievedBytesPerSec: 1.2375e9, binding: "link" },
    ];
    expect(throughputFindings(rows)).toEqual([
      "From 1 ms to 1.001 ms RTT, the link rate (after protocol overhead) bounds throughput at 9.9 Gbit/s.",
      "At 1.001 ms the path carries 100 % of what it carries at 1 ms.",
    ]);
  });
});
