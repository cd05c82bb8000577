import { describe, expect, it } from "vitest";
import { bracketSearch, searchGrid } from "../../src/plan/search.js";

describe("bracketSearch", () => {
  it("bracketSearch(x*x >= 2, min, log) brackets sqrt(2) within 1e-6 relative", () => {
    const r = bracketSearch((x) => x * x >= 2, {
      lo: 1e-3,
      hi: 1e3,
      goal: "min",
      scale: "log",
      toleranceRel: 1e-6,
    });
    expect(r.state).toBe("found");
    if (r.state !== "found") return;
    expect(r.value * r.value >= 2).toBe(true);
    expect(r.other * r.other >= 2).toBe(false);
    expect(r.value / r.other - 1).toBeLessThanOrEqual(1e-6);
  });

  it("bracketSearch(x <= 7.25, max, linear) returns the largest ok value within tolerance", () => {
    const r = bracketSearch((x) => x <= 7.25, {
      lo: 0,
      hi: 10,
      goal: "max",
      scale: "linear",
      toleranceRel: 1e-9,
    });
    expect(r.state).toBe("found");
    if (r.state !== "found") return;
    expect(r.value).toBeLessThanOrEqual(7.25);
    expect(r.other).toBeGreaterThan(7.25);
    expect(r.other - r.value).toBeLessThanOrEqual(1e-9 * 7.25 + 1e-15);
  });

  it("bracketSearch(n >= 13, min, integer) returns exactly 13 with 12 as the failing neighbour", () => {
    for (const hi of [64, 1000]) {
      const r = bracketSearch((n) => n >= 13, { lo: 1, hi, goal: "min", scale: "integer", toleranceRel: 0 });
      expect(r).toMatchObject({ state: "found", value: 13, other: 12 });
    }
  });

  it("bracketSearch reports none when the range end that should work does not", () => {
    expect(
      bracketSearch(() => false, { lo: 1, hi: 10, goal: "min", scale: "log", toleranceRel: 1e-3 }).state,
    ).toBe("none");
    expect(
      bracketSearch(() => false, { lo: 1, hi: 10, goal: "max", scale: "log", toleranceRel: 1e-3 }).state,
    ).toBe("none");
  });

  it("bracketSearch reports all (with the range end) when every value works", () => {
    expect(
      bracketSearch(() => true, { lo: 2, hi: 10, goal: "min", scale: "log", toleranceRel: 1e-3 }),
    ).toMatchObject({
      state: "all",
      value: 2,
    });
    expect(
      bracketSearch(() => true, { lo: 2, hi: 10, goal: "max", scale: "log", toleranceRel: 1e-3 }),
    ).toMatchObject({
      state: "all",
      value: 10,
    });
  });

  it("bracketSearch finds the first edge from the bottom when the predicate is monotone only piecewise", () => {
    // ok on [5, 20] and again on [50, 100]: the first edge up from 1 is 5.
    const ok = (x: number): boolean => (x >= 5 && x <= 20) || x >= 50;
    const r = bracketSearch(ok, { lo: 1, hi: 100, goal: "min", scale: "log", toleranceRel: 1e-6 });
    expect(r.state).toBe("found");
    if (r.state === "found") expect(r.value).toBeCloseTo(5, 4);
  });
});

describe("searchGrid", () => {
  it("searchGrid(log, 1..1000, 8/decade) has 25 points from 1 to 1000", () => {
    const g = searchGrid({ lo: 1, hi: 1000, goal: "min", scale: "log", toleranceRel: 0 });
    expect(g.length).toBe(25);
    expect(g[0]).toBe(1);
    expect(g[24]).toBe(1000);
  });
});
