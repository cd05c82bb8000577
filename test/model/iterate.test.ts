import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { closedFormPrecopy, Precopy } from "../../src/model/closed-form.js";
import { defaultCosts } from "../../src/model/costs.js";
import { makeCurve } from "../../src/model/dirty/curve.js";
import { iterateSummary } from "../../src/model/iterate.js";
import { XEN_V2_DEFAULTS } from "../../src/model/policies/index.js";
import type { Iteration, Policy, PolicyKind, Scenario } from "../../src/model/types.js";
import { ACCESS_PATTERNS, OUTCOMES } from "../../src/model/types.js";
import { runKernel, STOP, Summary } from "../../src/model/simulate.js";
import {
  GIB,
  QEMU_DEFAULTS,
  VMOTION_DEFAULTS,
  XEN_DEFAULTS,
  qemuUncapped,
  scenario,
  vmotionNoSdps,
} from "./fixtures.js";

/**
 * iterateSummary (the summary path's per-policy loops, src/model/iterate.ts) against runKernel's
 * general loop, which runs whenever a trace is recorded (the loop the summary path used before,
 * unchanged): every Summary field the same double (tolerance 0, Object.is), over random scenarios
 * of every policy variant and every dirty model, with and without per-round sync costs, zero
 * pages, slow start, SDPS polling delays and round caps.
 */

const policyArb: fc.Arbitrary<Policy> = fc.constantFrom<Policy>(
  VMOTION_DEFAULTS,
  vmotionNoSdps,
  { ...VMOTION_DEFAULTS, sdps: "always" },
  { ...VMOTION_DEFAULTS, sdpsDynamicDelaySec: 0 },
  { ...VMOTION_DEFAULTS, sdpsDynamicDelaySec: 2 },
  { ...VMOTION_DEFAULTS, maxRounds: 3 },
  { ...vmotionNoSdps, switchoverGoalSec: 0.05 },
  QEMU_DEFAULTS,
  qemuUncapped,
  { ...qemuUncapped, autoConverge: true },
  { ...QEMU_DEFAULTS, autoConverge: true, maxRounds: 40 },
  { ...qemuUncapped, maxRounds: 4 },
  XEN_DEFAULTS,
  XEN_V2_DEFAULTS,
  { ...XEN_DEFAULTS, dataCapFactor: 1.2 },
);

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    memGiB: fc.double({ min: 0.01, max: 2048, noNaN: true }),
    B: fc.double({ min: 1e7, max: 5e10, noNaN: true }),
    // Dirty rate over throughput: mostly converging, some beyond (throttling, stalls, caps).
    rho: fc.oneof(fc.double({ min: 0, max: 3, noNaN: true }), fc.constantFrom(0, 0.5, 0.99, 1, 1.3)),
    kind: fc.constantFrom("constant", "working-set", "curve"),
    pattern: fc.constantFrom(...ACCESS_PATTERNS),
    wssFrac: fc.double({ min: 0.001, max: 1.2, noNaN: true }),
    coldFrac: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.2, noNaN: true })),
    hotShare: fc.double({ min: 0, max: 1, noNaN: true }),
    zero: fc.double({ min: 0, max: 0.9, noNaN: true }),
    slowStart: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 2, noNaN: true })),
    costsOf: fc.constantFrom<PolicyKind>("vmotion", "qemu", "xen"),
    policy: policyArb,
  })
  .map(({ memGiB, B, rho, kind, pattern, wssFrac, coldFrac, hotShare, zero, slowStart, costsOf, policy }) => {
    const memoryBytes = memGiB * GIB;
    const D = rho * B;
    return scenario({
      memoryBytes,
      dirty:
        kind === "constant"
          ? { kind, rateBytesPerSec: D }
          : kind === "curve"
            ? makeCurve([1, 10, 60], [D, D * 6, D * 14])
            : {
                kind,
                rateBytesPerSec: D * 2,
                wssBytes: memoryBytes * wssFrac,
                coldRateBytesPerSec: D * coldFrac,
                pattern,
                hotShare,
                wssDefault: false,
              },
      throughputBytesPerSec: B,
      zeroPageFraction: zero,
      slowStartSec: slowStart,
      policy,
      // QEMU's per-round bitmap sync costs on any policy: the loops' other branch of the round time.
      costs: defaultCosts(memoryBytes, 4, costsOf),
    });
  });

const FIELDS = [
  "outcome",
  "stop",
  "iterations",
  "setupSec",
  "precopyTimeSec",
  "switchoverBytes",
  "downtimeSec",
  "totalTimeSec",
  "transferredBytes",
  "throughputBytesPerSec",
  "bindingCap",
  "guestSlowdown",
  "guestCpuLostSec",
  "lastRatio",
  "lastSentBytes",
  "lastIterationSec",
  "lastThrottle",
] as const satisfies readonly (keyof Summary)[];

/** The general loop: runKernel with a trace and a timeline (never the closed form). */
function general(s: Scenario, out: Summary): Summary {
  const trace: Iteration[] = [];
  runKernel(s, out, trace, []);
  return out;
}

function expectSame(fast: Summary, full: Summary, s: Scenario): void {
  for (const f of FIELDS) {
    if (!Object.is(fast[f], full[f]))
      expect.fail(`${f}: ${fast[f]} vs ${full[f]} (${JSON.stringify({ ...s, costs: undefined })})`);
  }
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
    const s = scenario({
      memoryBytes: 64 * GIB,
      dirty: {
        kind: "working-set",
        rateBytesPerSec: 1.4e9,
        wssBytes: 8 * GIB,
        coldRateBytesPerSec: 2e7,
        pattern: "uniform",
        hotShare: 0.9,
        wssDefault: false,
      },
      throughputBytesPerSec: 1.25e9,
      policy: qemuUncapped,
    });
    const fast = new Summary();
    runKernel(s, fast, null);
    const full = general(s, new Summary());
    expectSame(fast, full, s);
    expect(full.stop).toBe(STOP.stalled);
    expect(full.iterations).toBe(258); // as the general loop ran it when this test was written
  });
});
