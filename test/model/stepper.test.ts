import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scenarioFromInput } from "../../src/input/scenario.js";
import { simulate } from "../../src/model/simulate.js";
import { PHASE_DONE, PrecopyStepper } from "../../src/model/stepper.js";
import { OUTCOMES } from "../../src/model/types.js";
import type { Scenario } from "../../src/model/types.js";

/** Relative tolerance of the stepper against the kernel: the same arithmetic in a different order. */
const REL = 1e-9;

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= REL * Math.max(Math.abs(a), Math.abs(b), 1e-12);
}

function expectSame(s: Scenario): void {
  const r = simulate(s);
  const st = new PrecopyStepper(s).runConstant();
  expect(st.phase).toBe(PHASE_DONE);
  expect(OUTCOMES[st.outcome]).toBe(r.outcome);
  expect(st.iterations).toBe(r.iterationCount);
  for (const [a, b] of [
    [st.totalTimeSec, r.totalTimeSec],
    [st.elapsed, r.totalTimeSec],
    [st.precopyTimeSec, r.precopyTimeSec],
    [st.downtimeSec, r.downtimeSec],
    [st.transferredBytes, r.transferredBytes],
    [st.switchoverBytes, r.switchoverBytes],
    [st.guestSlowdown, r.guestSlowdown],
  ] as const)
    expect(close(a, b), `${a} vs ${b}`).toBe(true);
}

describe("PrecopyStepper", () => {
  it("runConstant() equals simulate() for a converging vMotion (64 GiB, 300 MiB/s, 10 Gbit/s)", () => {
    expectSame(scenarioFromInput({ memory: "64GiB", dirtyRate: "300MiB/s", bandwidth: "10Gbit/s" }));
  });

  it("runConstant() equals simulate() when SDPS throttles and when SDPS is off and it gives up", () => {
    expectSame(scenarioFromInput({ memory: "16GiB", dirtyRate: "2GiB/s", bandwidth: "10Gbit/s" }));
    expectSame(
      scenarioFromInput({ memory: "16GiB", dirtyRate: "2GiB/s", bandwidth: "10Gbit/s", sdps: "off" }),
    );
    expectSame(
      scenarioFromInput({ memory: "16GiB", dirtyRate: "2GiB/s", bandwidth: "10Gbit/s", sdps: "always" }),
    );
  });

  it("runConstant() equals simulate() when SDPS polls inside a long iteration 0 (1 TiB over 10 Gbit/s)", () => {
    for (const dirtyRate of ["1GiB/s", "2GiB/s", "800MiB/s"])
      for (const dirtyModel of ["constant", "working-set"]) {
        const s = scenarioFromInput({ memory: "1TiB", dirtyRate, dirtyModel, bandwidth: "10Gbit/s" });
        // At 2 GiB/s the first poll (30 s after the 2 s setup) already throttles.
        if (dirtyRate === "2GiB/s") expect(simulate(s).slowdownTimeline[0]?.atSec).toBeLessThan(33);
        expectSame(s);
      }
  });

  it("runConstant() equals simulate() for every policy, dirty model and size (property, 300 runs)", () => {
    const arb = fc.record({
      memoryGiB: fc.double({ min: 0.25, max: 512, noNaN: true }),
      dirtyMiB: fc.double({ min: 0, max: 4096, noNaN: true }),
      gbit: fc.double({ min: 0.1, max: 100, noNaN: true }),
      rttMs: fc.double({ min: 0.001, max: 150, noNaN: true }),
      wssFrac: fc.option(fc.double({ min: 0.01, max: 1, noNaN: true })),
      pattern: fc.constantFrom("uniform", "sequential", "hot-cold", "zipf"),
      zero: fc.double({ min: 0, max: 0.9, noNaN: true }),
      policy: fc.constantFrom("vmotion", "qemu", "xen", "xen-v2"),
      sdps: fc.constantFrom("dynamic", "always", "off"),
      autoConverge: fc.boolean(),
    });
    fc.assert(
      fc.property(arb, (a) => {
        const input: Record<string, unknown> = {
          memory: `${a.memoryGiB}GiB`,
          dirtyRate: `${a.dirtyMiB}MiB/s`,
          bandwidth: `${a.gbit}Gbit/s`,
          rtt: `${a.rttMs}ms`,
          zeroPages: a.zero,
          policy: a.policy,
        };
        if (a.wssFrac !== null) {
          input.wss = `${a.memoryGiB * a.wssFrac}GiB`;
          input.pattern = a.pattern;
        }
        if (a.policy === "vmotion") input.sdps = a.sdps;
        if (a.policy === "qemu") input.autoConverge = a.autoConverge;
        expectSame(scenarioFromInput(input));
      }),
      { numRuns: 300, seed: 8 },
    );
  });

  it("runConstant() equals simulate() with a measured dirty curve and with slow start on a WAN path", () => {
    const dirtyCurve = {
      intervalsSec: [1, 10, 60],
      dirtiedBytes: [460 * 2 ** 20, 2.6 * 2 ** 30, 5.8 * 2 ** 30],
    };
    expectSame(scenarioFromInput({ memory: "32GiB", dirtyCurve, bandwidth: "10Gbit/s" }));
    const wan = scenarioFromInput({ memory: "32GiB", dirtyRate: "100MiB/s", preset: "wan" });
    expect(wan.transport.slowStartSec).toBeGreaterThan(0);
    expectSame(wan);
  });

  it("advance() at half the rate for the whole run takes longer than at full rate", () => {
    const s = scenarioFromInput({ memory: "8GiB", dirtyRate: "100MiB/s", bandwidth: "10Gbit/s" });
    const full = new PrecopyStepper(s).runConstant();
    const half = new PrecopyStepper(s).runConstant(s.transport.throughputBytesPerSec / 2);
    expect(half.totalTimeSec).toBeGreaterThan(full.totalTimeSec);
  });
});
