import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { closedFormPrecopy, Precopy } from "../../src/model/closed-form.js";
import { simulate, simulateSummary, Summary } from "../../src/model/simulate.js";
import type { Policy, Scenario } from "../../src/model/types.js";
import { OUTCOMES } from "../../src/model/types.js";
import {
  GIB,
  VMOTION_DEFAULTS,
  POLICY_VARIANTS,
  constant,
  qemuUncapped,
  scenario,
  vmotionNoSdps,
} from "./fixtures.js";

/**
 * The closed form (src/model/closed-form.ts) against the iterative kernel: `simulate` always
 * iterates (it records every iteration), `simulateSummary` takes the closed form where it applies.
 * Tolerance: 1e-12 relative on every time and byte count; counts, stop and outcome exactly.
 */

const policyArb: fc.Arbitrary<Policy> = fc.constantFrom(...POLICY_VARIANTS);

/** Constant-rate scenarios with rho = D / B mostly in [0, 1.2): the geometric case and its edges. */
const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    memGiB: fc.double({ min: 0.01, max: 4096, noNaN: true }),
    B: fc.double({ min: 1e7, max: 5e10, noNaN: true }),
    rho: fc.oneof(fc.double({ min: 0, max: 1.2, noNaN: true }), fc.constantFrom(0, 0.5, 0.99, 1)),
    zero: fc.double({ min: 0, max: 0.9, noNaN: true }),
    slowStart: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 2, noNaN: true })),
    policy: policyArb,
  })
  .map(({ memGiB, B, rho, zero, slowStart, policy }) =>
    scenario({
      memoryBytes: memGiB * GIB,
      dirty: constant(rho * B),
      throughputBytesPerSec: B,
      zeroPageFraction: zero,
      slowStartSec: slowStart,
      policy,
    }),
  );

function close(a: number, b: number, what: string): void {
  const scale = Math.max(Math.abs(a), Math.abs(b));
  expect(Math.abs(a - b), `${what}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-12 * scale);
}

describe("closedFormPrecopy", () => {
  it("simulateSummary (closed form where it applies) equals simulate (iterations) to 1e-12 relative", () => {
    const sum = new Summary();
    const pre = new Precopy();
    let taken = 0;
    let runs = 0;
    fc.assert(
      fc.property(scenarioArb, (s) => {
        runs++;
        if (closedFormPrecopy(s, pre)) taken++;
        const full = simulate(s);
        const fast = simulateSummary(s, sum);
        expect(OUTCOMES[fast.outcome]).toBe(full.outcome);
        expect(fast.iterations).toBe(full.iterationCount);
        expect(fast.guestSlowdown).toBe(full.guestSlowdown);
        close(fast.precopyTimeSec, full.precopyTimeSec, "precopyTimeSec");
        close(fast.switchoverBytes, full.switchoverBytes, "switchoverBytes");
        close(fast.downtimeSec, full.downtimeSec, "downtimeSec");
        close(fast.totalTimeSec, full.totalTimeSec, "totalTimeSec");
        close(fast.transferredBytes, full.transferredBytes, "transferredBytes");
      }),
      { numRuns: 3000 },
    );
    // Not vacuous: most of these scenarios are in the geometric case.
    expect(taken / runs).toBeGreaterThan(0.4);
  });

  it("closedFormPrecopy of a 64 GiB VM at rho = 0.5 is the geometric series (Clark et al. 2005)", () => {
    const B = 1.25e9;
    const M = 64 * GIB;
    const pre = new Precopy();
    const s = scenario({
      memoryBytes: M,
      dirty: constant(0.5 * B),
      throughputBytesPerSec: B,
      policy: vmotionNoSdps,
    });
    expect(closedFormPrecopy(s, pre)).toBe(true);
    // V_j = M 0.5^(j+1) <= B x 0.5 s first at j = ceil(log2(M / (0.5 B))) - 1.
    const n = Math.ceil(Math.log2(M / (0.5 * B)));
    expect(pre.iterations).toBe(n);
    expect(pre.dirtiedBytes / (M * 0.5 ** n)).toBeCloseTo(1, 12);
    expect(pre.precopyTimeSec / (((M / B) * (1 - 0.5 ** n)) / 0.5)).toBeCloseTo(1, 12);
  });

  it("closedFormPrecopy declines outside the geometric case: rho >= 1, SDPS engaging, auto-converge at rho >= 0.5", () => {
    const pre = new Precopy();
    const B = 1.25e9;
    const M = 16 * GIB;
    const at = (rho: number, policy: Policy): boolean =>
      closedFormPrecopy(
        scenario({ memoryBytes: M, dirty: constant(rho * B), throughputBytesPerSec: B, policy }),
        pre,
      );
    expect(at(0.3, VMOTION_DEFAULTS)).toBe(true);
    expect(at(1.1, vmotionNoSdps)).toBe(false);
    expect(at(0.9, VMOTION_DEFAULTS)).toBe(false); // 1 / 0.9 < 1.3: SDPS engages
    expect(at(0.9, vmotionNoSdps)).toBe(true); // gives up there instead
    expect(at(0.6, { ...qemuUncapped, autoConverge: true })).toBe(false);
    expect(at(0.4, { ...qemuUncapped, autoConverge: true })).toBe(true);
    expect(at(0.3, { ...VMOTION_DEFAULTS, sdps: "always" })).toBe(false); // 0.3 > 1 / 5: throttled
  });
});
