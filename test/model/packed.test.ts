import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { closedFormPrecopy, Precopy } from "../../src/model/closed-form.js";
import { defaultCosts } from "../../src/model/costs.js";
import { makeCurve } from "../../src/model/dirty/curve.js";
import {
  packScenarios,
  PackedScenarios,
  simulateSummaries,
  summaryAt,
  SummaryColumns,
} from "../../src/model/packed.js";
import { runKernel, Summary } from "../../src/model/simulate.js";
import type { DirtyModel, Policy, Scenario } from "../../src/model/types.js";
import { PAGE_BYTES } from "../../src/units/parse.js";
import { GIB, MIB, POLICY_VARIANTS, VMOTION_DEFAULTS, XEN_DEFAULTS, vmotionNoSdps } from "./fixtures.js";

/**
 * The packed summary path (src/model/packed.ts) against `runKernel(s, sum, null)`, the object
 * path: every field of every row the same double (tolerance 0, `Object.is`), over random batches
 * of every policy and dirty model, converging or not, in the closed form or not, declined by it
 * (decisions placed on their thresholds), switchover timeouts and network failures.
 */

const policyArb: fc.Arbitrary<Policy> = fc.constantFrom(...POLICY_VARIANTS);

function dirtyOf(kind: "constant" | "working-set" | "curve", rate: number, memoryBytes: number): DirtyModel {
  if (kind === "constant") return { kind, rateBytesPerSec: rate };
  if (kind === "curve") return makeCurve([1, 10, 60], [rate, rate * 6, rate * 14]);
  return {
    kind,
    rateBytesPerSec: rate * 2,
    wssBytes: memoryBytes / 8,
    coldRateBytesPerSec: rate / 50,
    pattern: "uniform",
    hotShare: 0.9,
    wssDefault: false,
  };
}

/** Uniform on [min, max] (fc.double favours the ends and tiny magnitudes: the edges are added apart). */
const uniform = (min: number, max: number): fc.Arbitrary<number> =>
  fc.integer({ min: 0, max: 1 << 30 }).map((k) => min + ((max - min) * k) / (1 << 30));

/**
 * A scenario; `onThreshold` moves the policy's goal (or Xen's few-pages threshold) onto an
 * iteration's remainder V_j = V_0 rho^j, where the closed form must decline.
 */
export const scenarioArbForDebug: fc.Arbitrary<Scenario> = fc
  .record({
    memGiB: fc.oneof(
      { arbitrary: uniform(0.01, 2048), weight: 4 },
      fc.double({ min: 0.01, max: 2048, noNaN: true }),
    ),
    B: fc.oneof(
      { arbitrary: uniform(1e7, 5e10), weight: 4 },
      fc.double({ min: 1e7, max: 5e10, noNaN: true }),
    ),
    rho: fc.oneof(
      { arbitrary: uniform(0, 0.99), weight: 6 },
      { arbitrary: uniform(0, 1.5), weight: 2 },
      { arbitrary: fc.double({ min: 0, max: 1.5, noNaN: true }), weight: 1 },
      { arbitrary: fc.constantFrom(0, 0.5, 0.99, 1), weight: 1 },
    ),
    kind: fc.constantFrom<"constant" | "working-set" | "curve">(
      "constant",
      "constant",
      "constant",
      "working-set",
      "curve",
    ),
    zero: fc.oneof(fc.constant(0), uniform(0, 0.9)),
    slowStart: fc.oneof(fc.constant(0), uniform(0, 2)),
    checkpointMiB: uniform(0, 4096),
    policy: policyArb,
    capFraction: fc.oneof(fc.constant(0), uniform(0.1, 2)),
    qemuCosts: uniform(0, 1),
    failure: uniform(0, 1),
    onThreshold: fc.oneof(
      { arbitrary: fc.constant(-1), weight: 4 },
      { arbitrary: fc.integer({ min: 0, max: 6 }), weight: 1 },
    ),
  })
  .map((r) => {
    const memoryBytes = r.memGiB * GIB;
    let policy = r.policy;
    if (policy.kind === "qemu" && r.capFraction > 0)
      policy = { ...policy, maxBandwidthBytesPerSec: r.capFraction * r.B };
    const rate =
      policy.kind === "qemu" && policy.maxBandwidthBytesPerSec > 0 && policy.maxBandwidthBytesPerSec < r.B
        ? policy.maxBandwidthBytesPerSec
        : r.B;
    const d = r.rho * rate;
    if (r.onThreshold >= 0 && r.kind === "constant") {
      // V_j as the closed form computes it (iteration 0 without zero pages or slow start).
      const vj = d * (memoryBytes / rate) * (d / rate) ** r.onThreshold;
      if (policy.kind === "xen") policy = { ...policy, dirtyPagesThreshold: vj / 4096 };
      else if (policy.kind === "vmotion") policy = { ...policy, switchoverGoalSec: vj / rate };
      else policy = { ...policy, downtimeLimitSec: vj / rate };
    }
    const onThreshold = r.onThreshold >= 0;
    return {
      vm: {
        memoryBytes,
        vcpus: 8,
        zeroPageFraction: onThreshold ? 0 : r.zero,
        checkpointBytes: r.checkpointMiB * MIB,
      },
      dirty: dirtyOf(r.kind, d, memoryBytes),
      transport: {
        throughputBytesPerSec: r.B,
        rttSec: 0.0003,
        slowStartSec: onThreshold ? 0 : r.slowStart,
        binding: "given",
        ...(r.failure < 0.03 ? { failure: { outcome: "no-route", reason: "test: no route" } } : {}),
      },
      policy,
      costs: defaultCosts(memoryBytes, 8, r.qemuCosts < 0.15 ? "qemu" : "vmotion"),
    } satisfies Scenario;
  });

/** Every number field of a `Summary` (from the class itself, not from packed.ts's column list). */
const FIELDS = Object.keys(new Summary()).filter((k) => k !== "rules" && k !== "precopy") as (
  | "outcome"
  | "stop"
  | "iterations"
  | "setupSec"
  | "precopyTimeSec"
  | "switchoverBytes"
  | "downtimeSec"
  | "totalTimeSec"
  | "transferredBytes"
  | "throughputBytesPerSec"
  | "bindingCap"
  | "guestSlowdown"
  | "guestCpuLostSec"
  | "lastRatio"
  | "lastSentBytes"
  | "lastIterationSec"
  | "lastThrottle"
)[];

const scenarioArb = scenarioArbForDebug;
describe("simulateSummaries", () => {
  it("simulateSummaries(packScenarios(batch), out) row i equals runKernel(batch[i], sum, null), every field exactly (property, 50 batches of 100-200)", () => {
    const out = new SummaryColumns(200); // reused: every row of every batch is rewritten
    const want = new Summary();
    const got = new Summary();
    const pre = new Precopy();
    let rows = 0;
    let closed = 0; // rows the packed loop finished itself
    let declined = 0; // constant-rate rows in the closed form's domain that it declined
    fc.assert(
      fc.property(fc.array(scenarioArb, { minLength: 100, maxLength: 200 }), (batch) => {
        simulateSummaries(packScenarios(batch), out);
        const iterated = new Set(out.iteratedRows.subarray(0, out.iterated));
        for (let i = 0; i < batch.length; i++) {
          const s = batch[i] as Scenario;
          runKernel(s, want, null);
          summaryAt(out, i, got);
          for (const f of FIELDS) expect(got[f], `row ${i} ${f}`).toBe(want[f]);
          rows++;
          if (!iterated.has(i)) closed++;
          else if (s.dirty.kind === "constant" && !closedFormPrecopy(s, pre)) declined++;
        }
      }),
      { numRuns: 50, seed: 18 },
    );
    // Not vacuous: every field compared, both halves of the path ran, and the declines among them.
    expect(FIELDS.length).toBe(17);
    expect(rows).toBeGreaterThan(4000);
    expect(closed / rows).toBeGreaterThan(0.2);
    expect((rows - closed) / rows).toBeGreaterThan(0.25);
    expect(declined).toBeGreaterThan(100);
  });

  it("simulateSummaries of a 64 GiB VM at rho = 0.5 gives the geometric series' switchover, timeouts past maxSwitchoverSec", () => {
    const B = 1.25e9;
    const M = 64 * GIB;
    const s = (maxSwitchoverSec: number): Scenario => ({
      vm: { memoryBytes: M, vcpus: 4, zeroPageFraction: 0, checkpointBytes: 8 * MIB },
      dirty: { kind: "constant", rateBytesPerSec: 0.5 * B },
      transport: { throughputBytesPerSec: B, rttSec: 0.0003, slowStartSec: 0, binding: "given" },
      policy: { ...vmotionNoSdps, maxSwitchoverSec },
      costs: defaultCosts(M, 4),
    });
    const out = new SummaryColumns(2);
    simulateSummaries(packScenarios([s(100), s(0.001)]), out);
    expect(out.iterated).toBe(0);
    // V_j = M 0.5^(j+1) <= B x 0.5 s first at j + 1 = ceil(log2(M / (0.5 B))) (Clark et al. 2005).
    const n = Math.ceil(Math.log2(M / (0.5 * B)));
    expect(out.iterations[0]).toBe(n);
    expect((out.switchoverBytes[0] as number) / (M * 0.5 ** n)).toBeCloseTo(1, 12);
    expect(out.outcome[0]).toBe(0); // converged
    expect(out.outcome[1]).toBe(5); // switchover-timeout: the stun exceeds 1 ms
  });

  it("PAGE_BYTES is a power of two, so the packed loop's x * (1 / PAGE_BYTES) is x / PAGE_BYTES exactly", () => {
    expect(Number.isInteger(Math.log2(PAGE_BYTES))).toBe(true);
  });

  it("simulateSummaries refuses summary columns shorter than the batch; PackedScenarios.set refuses a row outside it", () => {
    const batch = new PackedScenarios(3);
    expect(() => batch.set(3, {} as Scenario)).toThrow(RangeError);
    expect(() => batch.set(-1, {} as Scenario)).toThrow(RangeError);
    expect(() => simulateSummaries(batch, new SummaryColumns(1))).not.toThrow(); // length 0
    const M = 4 * GIB;
    batch.set(2, {
      vm: { memoryBytes: M, vcpus: 4, zeroPageFraction: 0, checkpointBytes: 0 },
      dirty: { kind: "constant", rateBytesPerSec: 1e8 },
      transport: { throughputBytesPerSec: 1e9, rttSec: 0.0003, slowStartSec: 0, binding: "given" },
      policy: XEN_DEFAULTS,
      costs: defaultCosts(M, 4),
    });
    expect(batch.length).toBe(3);
    expect(() => simulateSummaries(batch, new SummaryColumns(2))).toThrow(RangeError);
  });
});

describe("runKernel", () => {
  it("runKernel of a network failure zeroes every field of a reused summary (it kept the last iteration's numbers of the scenario before)", () => {
    const M = 16 * GIB;
    const s: Scenario = {
      vm: { memoryBytes: M, vcpus: 4, zeroPageFraction: 0, checkpointBytes: 8 * MIB },
      dirty: { kind: "constant", rateBytesPerSec: 3e8 },
      transport: { throughputBytesPerSec: 1e9, rttSec: 0.0003, slowStartSec: 0, binding: "given" },
      policy: VMOTION_DEFAULTS,
      costs: defaultCosts(M, 4),
    };
    const sum = new Summary();
    runKernel(s, sum, null);
    expect(sum.lastSentBytes).toBeGreaterThan(0);
    runKernel(
      { ...s, transport: { ...s.transport, failure: { outcome: "no-route", reason: "test" } } },
      sum,
      null,
    );
    expect(sum.stop).toBe(7); // STOP.network
    for (const f of FIELDS) if (f !== "outcome" && f !== "stop") expect(Number(sum[f]), f).toBe(0);
  });
});
