import fc from "fast-check";
import { expect } from "vitest";
import { defaultCosts } from "../../src/model/costs.js";
import { makeCurve } from "../../src/model/dirty/curve.js";
import { XEN_V2_DEFAULTS } from "../../src/model/policies/index.js";
import { Summary } from "../../src/model/simulate.js";
import type { Policy, PolicyKind, Scenario } from "../../src/model/types.js";
import { ACCESS_PATTERNS } from "../../src/model/types.js";
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
 * Random scenarios for the kernel's exact-equality tests (iterate.test.ts, kernel-batch.test.ts):
 * 16 policy variants, every dirty model and access pattern, dirty rates mostly below the
 * throughput and some beyond (throttling, stalls, caps), QEMU's per-round sync costs on any
 * policy, zero pages, slow start. Test helper only.
 */
export const policyArb: fc.Arbitrary<Policy> = fc.constantFrom<Policy>(
  VMOTION_DEFAULTS,
  vmotionNoSdps,
  { ...VMOTION_DEFAULTS, sdps: "always" },
  { ...VMOTION_DEFAULTS, sdpsDynamicDelaySec: 0 },
  { ...VMOTION_DEFAULTS, sdpsDynamicDelaySec: 2 },
  { ...VMOTION_DEFAULTS, sdpsDynamicDelaySec: 7.3 }, // not a whole number: iteration 0's steps one by one
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

export const scenarioArb: fc.Arbitrary<Scenario> = fc
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

/**
 * Every result field of a `Summary`, from the class itself (as packed.test.ts takes them), so a
 * field added to `Summary` is compared here too without editing a list.
 */
export const FIELDS = Object.keys(new Summary()).filter(
  (k): k is Exclude<keyof Summary, "rules" | "precopy"> => k !== "rules" && k !== "precopy",
);

/** Every field of `a` Object.is-equal to `b`'s (tolerance 0), else a failure naming the field and `s`. */
export function expectSame(a: Summary, b: Summary, s: Scenario): void {
  for (const f of FIELDS) {
    if (!Object.is(a[f], b[f]))
      expect.fail(`${f}: ${a[f]} vs ${b[f]} (${JSON.stringify({ ...s, costs: undefined })})`);
  }
}

/**
 * A 64 GiB QEMU VM whose uniform working set stalls after 258 rounds: the remainder creeps
 * towards the working set's fixed point until a round dirties as much as it sent (the bench's
 * slowest case; the stall rule decides it to the last bit).
 */
export const qemuStall: Scenario = scenario({
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
