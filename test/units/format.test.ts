import { describe, expect, it } from "vitest";
import {
  formatBytes,
  formatCount,
  formatDuration,
  formatNumber,
  formatPercent,
  formatRate,
  plural,
  sharedUnit,
} from "../../src/units/format.js";

describe("formatNumber", () => {
  it("keeps three significant digits and drops trailing zeros", () => {
    expect(formatNumber(18.4321)).toBe("18.4");
    expect(formatNumber(2.077)).toBe("2.08");
    expect(formatNumber(67)).toBe("67");
    expect(formatNumber(0)).toBe("0");
  });
});

describe("formatBytes", () => {
  it("counts whole bytes below a KiB (a model's 2.75e-8 B left is 0 B, not a fraction)", () => {
    expect(formatBytes(2.75e-8)).toBe("0 B");
    expect(formatBytes(512.6)).toBe("513 B");
    expect(formatBytes(1023)).toBe("1023 B");
  });
  it("uses binary prefixes with three digits, and the next unit when three digits round up to it", () => {
    expect(formatBytes(64 * 2 ** 30)).toBe("64 GiB");
    expect(formatBytes(278.8 * 2 ** 20)).toBe("279 MiB");
    expect(formatBytes(1023.9 * 2 ** 20)).toBe("1 GiB");
  });
});

describe("formatDuration", () => {
  it("groups the digits of the top unit, which alone can reach five digits", () => {
    expect(formatDuration(17_489_503_464 * 3600)).toBe("17,489,503,464 h");
    expect(formatDuration(9999 * 3600)).toBe("9999 h");
  });
  it("picks seconds up to two minutes and minutes up to two hours", () => {
    expect(formatDuration(82.8)).toBe("82.8 s");
    expect(formatDuration(210)).toBe("3.5 min");
    expect(formatDuration(0)).toBe("0 s");
    expect(formatDuration(0.294)).toBe("294 ms");
  });
  it("shares one unit in a column, the largest value's", () => {
    const unit = sharedUnit("duration", [2.077, 18.4]);
    expect(formatDuration(2.077, unit)).toBe("2.08 s");
  });
});

describe("formatRate", () => {
  it("reads a network rate in bits with decimal prefixes", () => {
    expect(formatRate(10e9 / 8)).toBe("10 Gbit/s");
    expect(formatRate(655e6 / 8)).toBe("655 Mbit/s");
  });
});

describe("formatPercent", () => {
  it("never rounds a fraction short of 1 to 100 %, nor a non-zero one to 0 %", () => {
    expect(formatPercent(0.9999999999)).not.toBe("100 %");
    expect(formatPercent(0.9999999999)).toMatch(/^99\.9+ %$/);
    expect(formatPercent(1e-6)).not.toBe("0 %");
    expect(formatPercent(1)).toBe("100 %");
    expect(formatPercent(0.52)).toBe("52 %");
  });
});

describe("plural and formatCount", () => {
  it("say 1 iteration, 2 iterations, 1,000 draws", () => {
    expect(plural(1, "iteration")).toBe("1 iteration");
    expect(plural(2, "iteration")).toBe("2 iterations");
    expect(plural(1000, "draw")).toBe("1,000 draws");
    expect(formatCount(1234567)).toBe("1,234,567");
  });
});
