import { describe, expect, it } from "vitest";
import { parseUncertainInput } from "../../src/input/uncertain.js";
import { solve } from "../../src/plan/solve.js";
import { solveUncertain } from "../../src/plan/solve-uncertain.js";
import { uncertaintyPlan } from "../../src/plan/uncertainty.js";
import { drawInputs } from "../../src/sweep/scenario-at.js";

const none = { maxTotalSec: null, maxStunSec: null };
const sampling = { samples: 40, seed: 3 };

/** Each draw's own scalar answer, by the same draws the engine makes. */
function perDraw(raw: Record<string, string>, what: "bandwidth" | "dirty-rate"): (number | null)[] {
  const u = parseUncertainInput(raw);
  const plan = uncertaintyPlan(u, sampling, undefined, { scenarios: false });
  return Array.from(
    { length: sampling.samples },
    (_, s) => solve(what, { ...u.input, ...drawInputs(plan, s) }, none).value,
  );
}

describe("solveUncertain(what, u, targets, sampling, p)", () => {
  it("min (bandwidth): the ceil(pN)-th smallest of the draws' own answers, and that many draws work at it", () => {
    const raw = { memory: "64GiB", dirtyRate: "lognormal:400MiB/s,0.5" };
    const answers = perDraw(raw, "bandwidth")
      .map((v) => v as number)
      .sort((a, b) => a - b);
    const { uncertain } = solveUncertain("bandwidth", parseUncertainInput(raw), none, sampling, 0.9);
    expect(uncertain.value).toBe(answers[Math.ceil(0.9 * 40) - 1]);
    expect(uncertain.drawsMeeting).toBe(36);
    expect(uncertain.feasibleShare).toBe(1);
  });

  it("max (dirty rate): the ceil(pN)-th largest; a higher probability never gives a larger answer", () => {
    const raw = { memory: "16GiB..128GiB", bandwidth: "10Gbit/s" };
    const answers = perDraw(raw, "dirty-rate")
      .map((v) => v as number)
      .sort((a, b) => b - a);
    const at = (p: number): number | null =>
      solveUncertain("dirty-rate", parseUncertainInput(raw), none, sampling, p).uncertain.value;
    expect(at(0.9)).toBe(answers[35]);
    expect(at(0.5)).toBe(answers[19]);
    expect(at(0.99) as number).toBeLessThanOrEqual(at(0.9) as number);
  });

  it("has no answer when fewer than p of the draws have one", () => {
    const { uncertain } = solveUncertain(
      "bandwidth",
      parseUncertainInput({ memory: "64GiB", dirtyRate: "100MiB/s..400MiB/s" }),
      { maxTotalSec: null, maxStunSec: 0.002 },
      { samples: 10, seed: 1 },
    );
    expect(uncertain.value).toBeNull();
    expect(uncertain.feasibleShare).toBe(0);
    expect(uncertain.drawsMeeting).toBe(0);
  });
});
