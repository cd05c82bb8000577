import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { closedFormPrecopy, migrationRate, Precopy } from "../../src/model/closed-form.js";
import { iterateSummary } from "../../src/model/iterate.js";
import { vmotionSummary } from "../../src/model/vmotion-summary.js";
import type { Iteration, Scenario } from "../../src/model/types.js";
import { OUTCOMES } from "../../src/model/types.js";
import { runKernel, STOP, Summary } from "../../src/model/simulate.js";
import { GIB, VMOTION_DEFAULTS, scenario } from "./fixtures.js";
import { expectSame, qemuStall, scenarioArb } from "./kernel-scenarios.js";

/**
 * iterateSummary (the summary path's per-policy loops, src/model/iterate.ts) against runKernel's
 * general loop, which runs whenever a trace is recorded (the loop the summary path used before,
 * unchanged): every Summary field the same double (tolerance 0, Object.is), over random scenarios
 * of every policy variant and every dirty model, with and without per-round sync costs, zero
 * pages, slow start, SDPS polling delays and round caps.
 */

/** The general loop: runKernel with a trace and a timeline (never the closed form). */
function general(s: Scenario, out: Summary): Summary {
  const trace: Iteration[] = [];
  runKernel(s, out, trace, []);
  return out;
}

describe("iterateSummary(s, out)", () => {
  it("runKernel's summary path equals its general loop exactly, every field (property, 6,000 runs)", () => {
    const fast = new Summary();
    const full = new Summary();
    const pre = new Precopy();
    let iterated = 0;
    const kinds = new Set<string>();
    fc.assert(
      fc.property(scenarioArb, (s) => {
        runKernel(s, fast, null);
        general(s, full);
        if (closedFormPrecopy(s, pre)) return; // the closed form: test/model/closed-form.test.ts
        iterated++;
        kinds.add(`${s.policy.kind} ${OUTCOMES[fast.outcome]}`);
        expectSame(fast, full, s);
      }),
      { numRuns: 6000 },
    );
    // Not vacuous: most scenarios iterate, and every policy reaches several outcomes.
    expect(iterated).toBeGreaterThan(4000);
    expect(kinds.size).toBeGreaterThanOrEqual(9);
  });

  it("equals the general loop on scenarios the closed form takes too (its pre-copy fields; vMotion: every field)", () => {
    const a = new Summary();
    const full = new Summary();
    let vmotion = 0;
    fc.assert(
      fc.property(scenarioArb, (s) => {
        general(s, full);
        if (s.policy.kind === "vmotion") {
          vmotionSummary(s, a, migrationRate(s));
          a.bindingCap = full.bindingCap; // set by runKernel before it
          expectSame(a, full, s);
          vmotion++;
          return;
        }
        iterateSummary(s, a);
        const p = a.precopy;
        expect(p.iterations).toBe(full.iterations);
        expect(Object.is(p.precopyTimeSec, full.precopyTimeSec)).toBe(true);
        expect(Object.is(p.dirtiedBytes, full.switchoverBytes)).toBe(true);
        expect(Object.is(a.lastRatio, full.lastRatio)).toBe(true);
        expect(Object.is(a.lastSentBytes, full.lastSentBytes)).toBe(true);
        expect(Object.is(a.lastIterationSec, full.lastIterationSec)).toBe(true);
        expect(a.stop).toBe(full.stop);
        expect(Object.is(a.guestCpuLostSec, full.guestCpuLostSec)).toBe(true);
        expect(Object.is(a.guestSlowdown, full.guestSlowdown)).toBe(true);
        expect(Object.is(a.lastThrottle, full.lastThrottle)).toBe(true);
      }),
      { numRuns: 1000 },
    );
    expect(vmotion).toBeGreaterThan(200);
  });

  it("a 1,234.5 GiB vMotion VM over 100 MB/s, SDPS polling a 3.7-hour iteration 0 past its poll cap: the same as the general loop", () => {
    // Transmit 5x the write rate (no poll can throttle), 1,000 polls of 0.10-0.25 s, then the
    // rest in one step: for some delays (a tie in the last addition) the guest time rounds away
    // from the wall time, which the summary path must then not take for it
    // (rules.ts unthrottledIteration0IsWall).
    const fast = new Summary();
    const full = new Summary();
    let rounded = 0;
    for (let j = 0; j < 2000; j++) {
      const memoryBytes = 1234.5 * GIB;
      const s = scenario({
        memoryBytes,
        throughputBytesPerSec: 1e8,
        policy: { ...VMOTION_DEFAULTS, sdpsDynamicDelaySec: 0.1 + j * 0.0000731 },
        dirty: {
          kind: "working-set",
          rateBytesPerSec: 2e7,
          wssBytes: memoryBytes / 8,
          coldRateBytesPerSec: 0,
          pattern: "uniform",
          hotShare: 0.9,
          wssDefault: false,
        },
      });
      runKernel(s, fast, null);
      general(s, full);
      expectSame(fast, full, s);
      if (full.guestCpuLostSec !== 0) rounded++;
    }
    expect(rounded).toBeGreaterThan(10);
  });

  it("vMotion at SDPS's 1.3x threshold (write rate within 1e-3 of transmit / 1.3): the summary path equals the general loop (property, 1,000 runs)", () => {
    // Where U's rate bound decides whether SDPS may throttle (vmotion-summary.ts `quiet`).
    const arb = fc.record({
      memGiB: fc.double({ min: 64, max: 4096, noNaN: true }),
      rate: fc.double({ min: 1e8, max: 1e10, noNaN: true }),
      shift: fc.oneof(fc.double({ min: -1e-3, max: 1e-3, noNaN: true }), fc.constantFrom(-1e-12, 1e-12, 0)),
      pattern: fc.constantFrom("uniform", "sequential"),
    });
    const fast = new Summary();
    const full = new Summary();
    let throttled = 0;
    let quiet = 0;
    fc.assert(
      fc.property(arb, (a) => {
        const memoryBytes = a.memGiB * GIB;
        const s = scenario({
          memoryBytes,
          throughputBytesPerSec: a.rate,
          dirty: {
            kind: "working-set",
            rateBytesPerSec: (a.rate / VMOTION_DEFAULTS.minProgressRatio) * (1 + a.shift),
            wssBytes: memoryBytes / 2,
            coldRateBytesPerSec: 0,
            pattern: a.pattern,
            hotShare: 0.9,
            wssDefault: false,
          },
        });
        runKernel(s, fast, null);
        general(s, full);
        expectSame(fast, full, s);
        if (full.guestSlowdown > 0) throttled++;
        else quiet++;
      }),
      { numRuns: 1000, seed: 11 },
    );
    expect(throttled).toBeGreaterThan(100);
    expect(quiet).toBeGreaterThan(100);
  });

  it("a vMotion VM whose sequential working set is exactly rate x switchover goal switches over after iteration 0, as the general loop does (the goal's <=)", () => {
    const rate = 2 ** 30;
    const s = scenario({
      memoryBytes: 64 * GIB,
      throughputBytesPerSec: rate,
      dirty: {
        kind: "working-set",
        rateBytesPerSec: 2 ** 29,
        wssBytes: rate * VMOTION_DEFAULTS.switchoverGoalSec,
        coldRateBytesPerSec: 0,
        pattern: "sequential",
        hotShare: 0.9,
        wssDefault: false,
      },
    });
    const fast = new Summary();
    runKernel(s, fast, null);
    const full = general(s, new Summary());
    expectSame(fast, full, s);
    expect(full.iterations).toBe(1);
    expect(full.switchoverBytes).toBe(rate * VMOTION_DEFAULTS.switchoverGoalSec);
  });

  it("throws for a vMotion scenario (its summary path is vmotionSummary)", () => {
    const s = fc.sample(
      scenarioArb.filter((x) => x.policy.kind === "vmotion"),
      { numRuns: 1, seed: 1 },
    )[0] as Scenario;
    expect(() => iterateSummary(s, new Summary())).toThrow(/vmotionSummary/);
  });

  it("a 64 GiB QEMU VM whose working set stalls: hundreds of rounds, the same as the general loop", () => {
    // The bench's slowest case: the remainder creeps towards the working set's fixed point until
    // a round dirties as much as it sent (the stall rule decides it to the last bit).
    const s = qemuStall;
    const fast = new Summary();
    runKernel(s, fast, null);
    const full = general(s, new Summary());
    expectSame(fast, full, s);
    expect(full.stop).toBe(STOP.stalled);
    expect(full.iterations).toBe(258); // as the general loop ran it when this test was written
  });
});
