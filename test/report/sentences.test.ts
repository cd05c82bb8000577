import { describe, expect, it } from "vitest";
import { MIB, pt } from "./points.js";
import type { SolveAnswer, SolvePoint } from "../../src/plan/solve.js";
import {
  convergenceFindings,
  convergenceLimitFindings,
  distributionFindings,
  feasibilityFindings,
  routingFindings,
  sensitivityFindings,
  slowdownFindings,
  solveFinding,
  throughputFindings,
} from "../../src/report/index.js";
import { shrinkWords } from "../../src/report/findings/convergence.js";
import { pastCell, pastWords } from "../../src/report/findings/solve.js";
import { shares } from "../../src/report/findings/words.js";
import { describeSweep } from "../../src/report/inputs.js";
import { settingWords, valueWords } from "../../src/report/sections/solve-words.js";
import { throughputChangeWords, timeChangeWords } from "../../src/report/findings/change.js";
import type { MigrationResult } from "../../src/model/types.js";

/**
 * One test per sentence template of the report, each with a case where the naive wording (a
 * median over every ratio, an outcome change named as the reason, a rounded time beside its
 * target, a limit without what it falls from) would say something the numbers do not. The
 * expected sentences are worked out by hand from the numbers given.
 */

const GIB = 2 ** 30;

describe("shrinkWords(bytes) in convergenceFindings", () => {
  const trace = (iterationBytes: number[], outcome = "converged-throttled") => ({
    name: "metro, 1.1 GiB/s",
    iterationBytes,
    switchoverBytes: 400 * MIB,
    goalBytes: 590 * MIB,
    outcome,
    totalTimeSec: 300,
    downtimeSec: 0.4,
  });
  it("does not claim 20 % for iterations 0-2 that each send 64 GiB (the issue's example)", () => {
    // 64, 64, 64, then 12.8, 2.56, 0.512, 0.1024 GiB: ratios 1, 1, 0.2, 0.2, 0.2, 0.2. A median over
    // all ratios is 0.2: "7 iterations, each resending about 20 % of the previous one" (wrong).
    const bytes = [64, 64, 64, 12.8, 2.56, 0.512, 0.1024].map((g) => g * GIB);
    const [s] = convergenceFindings([trace(bytes)]);
    expect(s).toBe(
      "metro, 1.1 GiB/s: 7 iterations: iterations 0 to 2 each send 64 GiB, each later one resends about 20 % of the previous one; pre-copy converges only because SDPS slows the guest, with 400 MiB left, under the 590 MiB the switchover goal allows (total 5 min, stun 400 ms).",
    );
    expect(s).not.toMatch(/7 iterations, each resending about 20 %/);
  });
  it("names a first resend unlike the rest (a working set after the full first pass)", () => {
    // 64 GiB, then 8 GiB (12.5 %), then 2.4 and 0.8 GiB (30 % and 33.3 %: within 25 %, median 31.7 %).
    expect(shrinkWords([64, 8, 2.4, 0.8].map((g) => g * GIB))).toBe(
      ": iteration 0 sends 64 GiB, iteration 1 resends 13 % of it, each later one about 32 % of the previous one",
    );
  });
  it("gives the range when the later ratios are not about one value", () => {
    // 64, 8 (12.5 %), 4 (50 %), then 2.6 (65 %) and 1.8 (69 %): 50 % to 69 % differ by 38 %: a
    // range, not "about".
    expect(shrinkWords([64, 8, 4].map((g) => g * GIB))).toBe(
      ": iteration 0 sends 64 GiB, iteration 1 resends 13 % of it, iteration 2 50 % of iteration 1",
    );
    expect(shrinkWords([64, 8, 4, 2.6, 1.8].map((g) => g * GIB))).toBe(
      ": iteration 0 sends 64 GiB, iteration 1 resends 13 % of it, each later one 50 % to 69 % of the previous one",
    );
  });
  it("says when the remainder never shrinks, and says nothing for one iteration", () => {
    expect(shrinkWords([64, 64, 64].map((g) => g * GIB))).toBe(
      ": iterations 0 to 2 each send 64 GiB, the remainder never shrinking",
    );
    expect(convergenceFindings([{ ...trace([GIB]), outcome: "converged" }])[0]).toMatch(
      /^metro, 1\.1 GiB\/s: 1 iteration; pre-copy converges on its own/,
    );
  });
  it("reads 'at' the goal when left and goal print alike, not 'above' a number equal to itself", () => {
    const t = { ...trace([GIB]), switchoverBytes: 590.2 * MIB, goalBytes: 589.9 * MIB };
    expect(convergenceFindings([t])[0]).toContain(
      "with 590 MiB left, at the 590 MiB the switchover goal allows",
    );
  });
});

describe("harmless finding of routingFindings", () => {
  it("does not name a better outcome as the reason the path stops being harmless (the issue's example)", () => {
    // stretched L2 needs SDPS from 103 MiB/s on; routed WAN still converges on its own there and
    // takes 5 % longer, then 30 % longer at 120 MiB/s. The naive wording stopped at 103 MiB/s with
    // "at 103 MiB/s pre-copy converges on its own".
    const points = [
      pt("stretched L2", 87.5, { totalTimeSec: 100 }),
      pt("stretched L2", 103, { totalTimeSec: 120, outcome: "converged-throttled", guestSlowdown: 0.2 }),
      pt("stretched L2", 120, { totalTimeSec: 130, outcome: "converged-throttled", guestSlowdown: 0.3 }),
      pt("routed WAN, 4 streams", 87.5, { totalTimeSec: 104 }),
      pt("routed WAN, 4 streams", 103, { totalTimeSec: 126 }),
      pt("routed WAN, 4 streams", 120, { totalTimeSec: 169 }),
    ];
    const [, harmless] = routingFindings(points, { atBytesPerSec: 103 * MIB });
    expect(harmless).toBe(
      "routed WAN, 4 streams stays within 10 % of stretched L2's migration time up to 103 MiB/s; at 120 MiB/s it takes 30 % longer (2.82 min vs 2.17 min).",
    );
  });
  it("names SDPS on the path as the reason when the baseline converges on its own", () => {
    const points = [
      pt("a", 100),
      pt("a", 200, { totalTimeSec: 110 }),
      pt("b", 100, { totalTimeSec: 101 }),
      pt("b", 200, { totalTimeSec: 112, outcome: "converged-throttled", guestSlowdown: 0.25 }),
    ];
    expect(routingFindings(points, { atBytesPerSec: 100 * MIB })[1]).toBe(
      "b stays within 10 % of a's migration time up to 100 MiB/s; at 200 MiB/s pre-copy converges only because SDPS slows the guest (by up to 25 %), where on a it converges on its own.",
    );
  });
  it("says why a path is never harmless", () => {
    const points = [pt("a", 100), pt("b", 100, { outcome: "not-converging", totalTimeSec: NaN })];
    expect(routingFindings(points, { atBytesPerSec: 100 * MIB })[1]).toBe(
      "b is not within 10 % of a's migration time even at 100 MiB/s: pre-copy does not converge and the migration fails.",
    );
  });
  it("reads a throughput multiple as a multiple, not as '236 % more'", () => {
    const points = [
      pt("a", 100),
      pt("b", 100, { pathThroughputBytesPerSec: 1.25e9 * 3.36, totalTimeSec: 36 }),
    ];
    expect(routingFindings(points, { atBytesPerSec: 100 * MIB })[0]).toMatch(
      /^b has 3\.4x the throughput of a \(33\.6 Gbit\/s vs 10 Gbit\/s\); at 100 MiB\/s dirtying this saves 64 % of migration time/,
    );
  });
});

describe("feasibilityFindings on a bandwidth axis", () => {
  it("names the value the limit falls from and to, and where (the issue's 'limit halves by a 684 Mbit/s link')", () => {
    // Links 0.5, 1, 10 Gbit/s; converging limits 20, 60, 200 MiB/s (grid 20..400): from the top,
    // the limit first falls to half or below (100 MiB/s) at 1 Gbit/s, to 60 MiB/s.
    const grid = [0.5, 1, 10].flatMap((g, i) =>
      [20, 60, 200, 400].map((d) =>
        pt("wan", d, {
          linkBytesPerSec: g * 1.25e8,
          outcome: d <= [20, 60, 200][i]! ? "converged" : "converged-throttled",
        }),
      ),
    );
    const [first, half, count] = feasibilityFindings(grid, "bandwidth");
    expect(first).toBe(
      "At a 500 Mbit/s link, pre-copy converges on its own up to 20 MiB/s; at a 10 Gbit/s link up to 200 MiB/s.",
    );
    expect(half).toBe(
      "The largest dirty rate that converges on its own falls to 60 MiB/s, under half the 200 MiB/s at a 10 Gbit/s link, at a 1 Gbit/s link.",
    );
    expect(count).toBe(
      "Of the 12 combinations, 6 (50 %) converge on their own and 6 (50 %) only with SDPS throttling.",
    );
  });
  it("counts cells with one precision that adds up to 100 %", () => {
    // 2 of 40 throttled, 1 failed: 37 (92.5 %), 2 (5.0 %), 1 (2.5 %), not "92 %, 5 %, 2.5 %".
    const grid = Array.from({ length: 40 }, (_, i) =>
      pt("wan", 10 + i, {
        outcome: i < 37 ? "converged" : i < 39 ? "converged-throttled" : "not-converging",
        totalTimeSec: i < 39 ? 100 : NaN,
      }),
    );
    expect(feasibilityFindings(grid, "rtt").at(-1)).toBe(
      "Of the 40 combinations, 37 (92.5 %) converge on their own, 2 (5.0 %) only with SDPS throttling and 1 (2.5 %) not at all.",
    );
  });
});

describe("shares(counts, total)", () => {
  it("rounds to a common precision by largest remainder, so the shares add up to 100 %", () => {
    // 1904/2000 = 95.2 %, 96/2000 = 4.8 %: a per-part rule printed "95 %" beside "4.8 %".
    expect(shares([1904, 96], 2000)).toEqual(["1,904 (95.2 %)", "96 (4.8 %)"]);
    // Thirds, all above 10 %: whole percent; 33 + 33 + 33 = 99, the largest remainder (the first
    // on a tie) takes the last 1 %.
    expect(shares([1, 1, 1], 3)).toEqual(["1 (34 %)", "1 (33 %)", "1 (33 %)"]);
    expect(shares([5, 0], 5)).toEqual(["5 (100 %)", "0 (0 %)"]);
  });
});

describe("distributionFindings with failed draws", () => {
  it("quotes the quantiles of the migrations that complete, and says how many that is", () => {
    // 8 of 10 converge in 10..80 s; 2 fail after trying 1000 s: the failed times are not quantiles.
    const points = [
      ...Array.from({ length: 8 }, (_, i) => ({
        totalTimeSec: 10 * (i + 1),
        downtimeSec: 0.3,
        outcome: "converged",
      })),
      { totalTimeSec: 1000, downtimeSec: 0, outcome: "not-converging" },
      { totalTimeSec: 1000, downtimeSec: 0, outcome: "not-converging" },
    ];
    const [count, q] = distributionFindings(points);
    expect(count).toBe("Of 10 draws, 8 (80 %) converge on their own and 2 (20 %) fail.");
    // Type 7 over 10..80: p50 = 45, p95 = 76.5, p99 = 79.3.
    expect(q).toBe(
      "Of the 8 that complete, half finish within 45 s, 95 % within 76.5 s and 99 % within 79.3 s; the guest-seen stun is 300 ms at the median and 300 ms at p99.",
    );
  });
});

describe("slowdownFindings at a failing top", () => {
  it("says the migration fails rather than that SDPS takes 0 % of the guest", () => {
    const points = [
      pt("x", 100),
      pt("x", 500, { guestSlowdown: 0.4 }),
      pt("x", 2048, { guestSlowdown: 0, outcome: "not-converging", totalTimeSec: NaN }),
    ];
    expect(slowdownFindings(points)).toEqual([
      "On x, SDPS starts slowing the guest at 500 MiB/s (by 40 %); at 2 GiB/s pre-copy does not converge and the migration fails.",
    ]);
    expect(
      slowdownFindings([pt("y", 100), pt("y", 200, { outcome: "not-converging", totalTimeSec: NaN })]),
    ).toEqual([
      "On y, SDPS never slows the guest, but from 200 MiB/s pre-copy does not converge and the migration fails.",
    ]);
  });
});

describe("convergenceLimitFindings with one path", () => {
  it("uses the singular verb and pronoun for one path and says when nothing converges", () => {
    expect(
      // Two rates per path: one rate alone is "the one dirty rate swept" (findings.test.ts).
      convergenceLimitFindings([
        pt("wan", 100, { outcome: "converged-throttled" }),
        pt("wan", 200, { outcome: "converged-throttled" }),
        pt("same-l2", 100),
        pt("same-l2", 200),
      ]),
    ).toEqual([
      "On wan, even at 100 MiB/s pre-copy converges only because SDPS slows the guest.",
      "same-l2 converges on its own at every dirty rate up to 200 MiB/s.",
    ]);
  });
});

describe("throughputFindings with a rising run", () => {
  it("says 'up to' when the bound rises along the run, and 'at' only when the ends print alike", () => {
    const rows = [
      { rttSec: 0.001, achievedBytesPerSec: 1e8, binding: "cpu" },
      { rttSec: 0.002, achievedBytesPerSec: 1.2e8, binding: "cpu" },
    ];
    expect(throughputFindings(rows)[0]).toBe(
      "From 1 ms to 2 ms RTT, the CPU of the stream helpers bounds throughput from 800 Mbit/s up to 960 Mbit/s.",
    );
    // 1.2375e9 and 1.2374e9 B/s both print 9.9 Gbit/s: one level.
    expect(
      throughputFindings([
        { rttSec: 0.001, achievedBytesPerSec: 1.2375e9, binding: "link" },
        { rttSec: 0.002, achievedBytesPerSec: 1.2374e9, binding: "link" },
      ])[0],
    ).toBe("From 1 ms to 2 ms RTT, the link rate (after protocol overhead) bounds throughput at 9.9 Gbit/s.");
  });
});

describe("solveFinding(answer, setting) and pastCell(answer)", () => {
  const point = (o: Partial<SolvePoint>): SolvePoint => ({
    value: 0,
    outcome: "converged",
    totalTimeSec: 3599.9,
    downtimeSec: 0.634,
    iterations: 5,
    throughputBytesPerSec: 1.2375e8,
    linkBytesPerSec: null,
    ...o,
  });
  const answer = (o: Partial<SolveAnswer>): SolveAnswer => ({
    for: "memory",
    value: 373 * GIB,
    unit: "bytes",
    feasible: true,
    direction: "max",
    toleranceRel: 1e-4,
    range: [GIB, 4096 * GIB],
    atRangeEdge: false,
    linkBytesPerSec: null,
    throttling: "SDPS off",
    rule: "",
    dirtyModel: "",
    targets: { maxTotalSec: 3600, maxStunSec: null },
    atValue: point({ value: 373 * GIB }),
    beyond: point({ value: 373.04 * GIB, totalTimeSec: 3600.0508 }),
    evaluations: 30,
    message: "",
    perStream: null,
    ...o,
  });
  it("says by how much just past the answer misses the target ('converged, 60 min' meant 'exceeds 60 min')", () => {
    const a = answer({});
    // 3600.0508 s prints "60 min", the target's own value: the excess, 50.8 ms, is what differs.
    expect(pastCell(a)).toBe("converged in 60 min, 50.8 ms over the 60 min target");
    expect(solveFinding(a, "over a 1 Gbit/s link")).toBe(
      "The largest VM that converges without SDPS over a 1 Gbit/s link, within 60 min in total, is 373 GiB: it takes 60 min with a 634 ms stun after 5 iterations; just past it, the total time exceeds the 60 min target by 50.8 ms.",
    );
  });
  it("names the stun target when that is the one missed, and the outcome when it fails", () => {
    const stun = answer({
      targets: { maxTotalSec: null, maxStunSec: 0.5 },
      beyond: point({ downtimeSec: 0.52, totalTimeSec: 100 }),
    });
    expect(pastCell(stun)).toBe("converged with a 520 ms stun, 20 ms over the 500 ms target");
    expect(pastWords(stun)).toBe("the stun exceeds the 500 ms target by 20 ms");
    const fails = answer({
      targets: { maxTotalSec: null, maxStunSec: null },
      beyond: point({ outcome: "not-converging" }),
    });
    expect(pastCell(fails)).toBe("not-converging");
    expect(solveFinding(fails, "over a 1 Gbit/s link")).toMatch(
      /; just past it, pre-copy does not converge and the migration fails\.$/,
    );
  });
  it("solveFinding(no answer) says none, and what happens at the easiest end of the range, with its value", () => {
    // It read "No value works: even at the end of the search range the stun exceeds the 1 ms
    // target by 58.5 ms. (The highest dirty rate ..., with a stun under 1 ms,: none.)".
    const none = answer({
      for: "dirty-rate",
      value: null,
      feasible: false,
      range: [1024, 64 * GIB],
      targets: { maxTotalSec: null, maxStunSec: 0.001 },
      atValue: null,
      beyond: point({ value: 1024, downtimeSec: 0.0595, totalTimeSec: 60 }),
    });
    expect(solveFinding(none, "over the same-l2 path for a 64 GiB VM")).toBe(
      "The highest dirty rate that converges without SDPS over the same-l2 path for a 64 GiB VM, with a stun under 1 ms: none; even at 1 KiB/s, the lowest value searched, the stun exceeds the 1 ms target by 58.5 ms.",
    );
  });
  it("writes one iteration in the singular, and nothing past a range edge", () => {
    const edge = answer({ atRangeEdge: true, atValue: point({ iterations: 1 }) });
    expect(pastCell(edge)).toBe("-");
    expect(solveFinding(edge, "over a 1 Gbit/s link")).toMatch(/after 1 iteration\.$/);
  });
});

describe("compare's change words", () => {
  const r = (totalTimeSec: number, outcome: MigrationResult["outcome"] = "converged"): MigrationResult =>
    ({ totalTimeSec, outcome }) as MigrationResult;
  it("reads small changes in percent, large ones as a multiple, and tiny ones as the same", () => {
    expect(throughputChangeWords(0.95)).toBe("5 % less throughput");
    expect(throughputChangeWords(2.5)).toBe("2.5x the throughput");
    expect(throughputChangeWords(1.004)).toBe("same throughput");
    expect(timeChangeWords(r(100), r(108))).toBe("8 % longer");
    expect(timeChangeWords(r(100), r(310))).toBe("3.1x as long");
    // Two significant digits, as the report's findings: not "3.0x" or "37.1x".
    expect(timeChangeWords(r(100), r(300))).toBe("3x as long");
    expect(timeChangeWords(r(100), r(3710))).toBe("37x as long");
    expect(throughputChangeWords(37.1)).toBe("37x the throughput");
    expect(timeChangeWords(r(100), r(88))).toBe("12 % shorter");
  });
  it("does not compare times with a migration that did not complete", () => {
    expect(timeChangeWords(r(100), r(NaN, "not-converging"))).toBe("does not complete (not-converging)");
    expect(timeChangeWords(r(NaN, "not-converging"), r(41.2))).toBe("completes in 41.2 s");
  });
});

describe("sensitivityFindings' ranking sentence", () => {
  it("says the percentages are changes in total time, which for the link rate run against the input", () => {
    // Link -20 % -> 125 s (+25 %), +20 % -> 83 s (-17 %): "link rate (+25 % / -17 %)" alone read
    // like the input's own move.
    const rows = [
      { input: "memory", lowTotalTimeSec: 50, highTotalTimeSec: 150 },
      { input: "link rate", lowTotalTimeSec: 125, highTotalTimeSec: 83 },
    ];
    expect(sensitivityFindings(rows, 100, 0.2)[1]).toBe(
      "Then, as changes in total time at \u221220 % / +20 %: link rate (+25 % / \u221217 %).",
    );
  });
});

describe("describeSweep(sweep) assumption lines", () => {
  it("counts values and draws with the noun in the right number and thousands separators", () => {
    const lines = describeSweep(
      {
        base: { memory: "1GiB" },
        axes: [
          { key: "rtt", range: { from: "1ms", to: "1ms", count: 1 } },
          { key: "dirtyRate", distribution: { kind: "uniform", min: "1MiB/s", max: "2MiB/s" } },
        ],
        samples: 2000,
      },
      "inline",
    );
    expect(lines).toContain("Axis rtt: 1 value from 1ms to 1ms");
    expect(lines.some((l) => l.endsWith("; 2,000 draws per grid point, seed 1"))).toBe(true);
  });
});

describe("settingWords(input, what) and valueWords(what, v) of solve questions", () => {
  const GBIT = 1.25e8;
  it("names a loss with or without a preset, in the same form as the paths table", () => {
    // String(1e-5) printed "0.00001", and a loss without a preset was left out of the sentence.
    expect(settingWords({ preset: "wan", link: GBIT, rtt: 0.05, loss: 1e-5 }, "memory")).toBe(
      "over a 1 Gbit/s, 50 ms RTT link (wan path, loss 1e-5)",
    );
    expect(settingWords({ link: GBIT, loss: 7.2e-8, dirtyRate: 20 * MIB }, "memory")).toBe(
      "over a 1 Gbit/s link (loss 7.2e-8) while dirtying 20 MiB/s",
    );
  });
  it("leaves out the input the question solves for", () => {
    // A preset alone names the path ("over a network link (wan path)" said nothing more).
    expect(settingWords({ preset: "wan", rtt: 0.05, memory: 64 * GIB }, "rtt")).toBe(
      "over the wan path for a 64 GiB VM",
    );
    expect(settingWords({ preset: "wan", loss: 1e-5, memory: 64 * GIB }, "rtt")).toBe(
      "over the wan path (loss 1e-5) for a 64 GiB VM",
    );
    expect(settingWords({ link: GBIT, streams: 4, memory: 64 * GIB }, "streams")).toBe(
      "over a 1 Gbit/s link for a 64 GiB VM",
    );
  });
  it("writes a loss answer as the paths table does", () => {
    expect(valueWords("loss", 1e-5)).toBe("1e-5");
    expect(valueWords("loss", 7.26e-8)).toBe("7.3e-8");
    expect(valueWords("streams", 4)).toBe("4");
  });
});
