import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { closedFormPrecopy, Precopy } from "../../src/model/closed-form.js";
import { iterateSummary } from "../../src/model/iterate.js";
import type { Iteration, Scenario } from "../../src/model/types.js";
import { OUTCOMES } from "../../src/model/types.js";
import { runKernel, STOP, Summary } from "../../src/model/simulate.js";
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

  it("equals the general loop on scenarios the closed form takes too (its pre-copy fields)", () => {
    const a = new Summary();
    const full = new Summary();
    fc.assert(
      fc.property(scenarioArb, (s) => {
        iterateSummary(s, a);
        general(s, full);
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
