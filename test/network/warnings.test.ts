import { describe, expect, it } from "vitest";
import { givenThroughputWarnings, pathWarnings } from "../../src/network/index.js";

describe("pathWarnings(w) by sender", () => {
  const base = {
    rttSec: 0.3,
    bottleneckBytesPerSec: 100e6 / 8,
    concurrent: 1,
    throughputBytesPerSec: 1e6,
    binding: "loss" as const,
    hostMtuBytes: 9000,
    pathMtuBytes: 9000,
    failed: false,
  };
  it("gives vMotion its support limits and QEMU none of them", () => {
    expect(pathWarnings(base)).toHaveLength(3);
    expect(pathWarnings({ ...base, sender: "qemu" })).toEqual([]);
  });
  it("says nothing of throughput on a black hole (the failure is the outcome)", () => {
    const w = pathWarnings({
      ...base,
      rttSec: 0.001,
      bottleneckBytesPerSec: 10e9 / 8,
      throughputBytesPerSec: 0,
      failed: true,
    });
    expect(w).toEqual([]);
  });
});

describe("givenThroughputWarnings(link, given, failed)", () => {
  const wanLink = (10e9 / 8) * (8948 / 9038); // 10 GbE at MTU 9000: 9.9 Gbit/s after framing
  it("warns when a given throughput is above what the path's line rate carries", () => {
    const w = givenThroughputWarnings(wanLink, 20e9 / 8, false);
    expect(w).toEqual([
      "the given 20 Gbit/s is above the 9.9 Gbit/s this path's line rate carries after framing: the result uses the given throughput, which no migration over this path reaches",
    ]);
  });
  it("says nothing at or below the link, or on a black hole", () => {
    expect(givenThroughputWarnings(wanLink, wanLink, false)).toEqual([]);
    expect(givenThroughputWarnings(wanLink, 1e9 / 8, false)).toEqual([]);
    expect(givenThroughputWarnings(wanLink, 20e9 / 8, true)).toEqual([]);
  });
});
