import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { simulate } from "../../src/model/simulate.js";
import { GIB, MIB, constant, qemuUncapped, scenario, VMOTION_DEFAULTS } from "./fixtures.js";

/**
 * The closed-form oracle (model.md section 2; Clark et al. 2005, Akoush et al. 2010): with a
 * constant dirty rate D, throughput B and rho = D / B < 1, iteration i sends V_i = M rho^i.
 * Pre-copy stops after iteration n, the first with V_{n+1} = M rho^(n+1) <= threshold, so
 *   iterations = n + 1,  switchover bytes = M rho^(n+1),
 *   pre-copy time = (M / B)(1 - rho^(n+1)) / (1 - rho).
 * Tolerance: 1e-9 relative (floating-point accumulation over at most a few hundred terms).
 */
function closedForm(M: number, B: number, D: number, thresholdBytes: number) {
  const rho = D / B;
  let n = 0;
  while (M * rho ** (n + 1) > thresholdBytes) n++;
  return {
    iterations: n + 1,
    switchoverBytes: M * rho ** (n + 1),
    precopyTimeSec: ((M / B) * (1 - rho ** (n + 1))) / (1 - rho),
  };
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe("simulate(constant rate) matches the geometric series", () => {
  it("simulate(64 GiB, 400 MiB/s, 10 Gbit/s) gives 5 iterations and the closed-form times", () => {
    // rho = 400 MiB/s / 1.25e9 B/s = 0.3355; threshold = 0.5 s x 1.25e9 = 625 MB.
    const M = 64 * GIB;
    const B = 1.25e9;
    const D = 400 * MIB;
    const r = simulate(scenario({ memoryBytes: M, dirty: constant(D), throughputBytesPerSec: B }));
    const cf = closedForm(M, B, D, B * 0.5);
    expect(r.outcome).toBe("converged");
    expect(r.iterationCount).toBe(cf.iterations);
    expect(cf.iterations).toBe(5);
    expect(rel(r.switchoverBytes, cf.switchoverBytes)).toBeLessThan(1e-9);
    expect(rel(r.precopyTimeSec, cf.precopyTimeSec)).toBeLessThan(1e-9);
  });

  it("holds over random scenarios without SDPS engaged (vMotion, rho < 1/1.3)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 4096, noNaN: true }), // GiB
        fc.double({ min: 1e8, max: 1.25e10, noNaN: true }), // B/s
        fc.double({ min: 0, max: 0.76, noNaN: true }), // rho
        (memGiB, B, rho) => {
          const M = memGiB * GIB;
          const D = rho * B;
          const r = simulate(scenario({ memoryBytes: M, dirty: constant(D), throughputBytesPerSec: B }));
          const cf = closedForm(M, B, D, B * VMOTION_DEFAULTS.switchoverGoalSec);
          expect(r.outcome).toBe("converged");
          expect(r.iterationCount).toBe(cf.iterations);
          expect(rel(r.precopyTimeSec, cf.precopyTimeSec)).toBeLessThan(1e-9);
          if (cf.switchoverBytes > 0) expect(rel(r.switchoverBytes, cf.switchoverBytes)).toBeLessThan(1e-9);
          else expect(r.switchoverBytes).toBe(0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("holds for QEMU's rule: pending <= bandwidth x downtime-limit", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 512, noNaN: true }),
        fc.double({ min: 1e8, max: 1.25e10, noNaN: true }),
        fc.double({ min: 0, max: 0.95, noNaN: true }),
        (memGiB, B, rho) => {
          const M = memGiB * GIB;
          const r = simulate(
            scenario({
              memoryBytes: M,
              dirty: constant(rho * B),
              throughputBytesPerSec: B,
              policy: qemuUncapped,
            }),
          );
          const cf = closedForm(M, B, rho * B, B * 0.3);
          expect(r.iterationCount).toBe(cf.iterations);
          expect(rel(r.precopyTimeSec, cf.precopyTimeSec)).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 300 },
    );
  });
});
