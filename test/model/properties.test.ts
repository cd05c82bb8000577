import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { simulate, simulateSummary, Summary } from "../../src/model/simulate.js";
import type { DirtyModel, MigrationResult, Policy } from "../../src/model/types.js";
import { ACCESS_PATTERNS } from "../../src/model/types.js";
import { makeCurve } from "../../src/model/dirty/curve.js";
import {
  GIB,
  MIB,
  QEMU_DEFAULTS,
  VMOTION_DEFAULTS,
  XEN_DEFAULTS,
  curveFromSteps,
  qemuUncapped,
  scenario,
  vmotionNoSdps,
} from "./fixtures.js";

/**
 * Physical invariants over wide random scenarios (fast-check): conservation of bytes, bounds,
 * monotonicity in throughput and dirtying, determinism. Every policy and dirty model is drawn.
 */

const dirtyArb: fc.Arbitrary<(memoryBytes: number) => DirtyModel> = fc.oneof(
  fc
    .double({ min: 0, max: 4e9, noNaN: true })
    .map((d) => () => ({ kind: "constant", rateBytesPerSec: d }) as DirtyModel),
  fc
    .record({
      d: fc.double({ min: 0, max: 4e9, noNaN: true }),
      wFrac: fc.double({ min: 0.001, max: 1, noNaN: true }),
      cold: fc.double({ min: 0, max: 5e7, noNaN: true }),
      pattern: fc.constantFrom(...ACCESS_PATTERNS),
      hotShare: fc.double({ min: 0.5, max: 1, noNaN: true }),
    })
    .map(({ d, wFrac, cold, pattern, hotShare }) => (m: number) => ({
      kind: "working-set" as const,
      rateBytesPerSec: d,
      wssBytes: Math.max(4096, wFrac * m),
      coldRateBytesPerSec: cold,
      pattern,
      hotShare,
      wssDefault: false,
    })),
  fc
    .array(
      fc.tuple(fc.double({ min: 0.01, max: 10, noNaN: true }), fc.double({ min: 0, max: 2e9, noNaN: true })),
      {
        minLength: 1,
        maxLength: 6,
      },
    )
    .map((steps) => () => curveFromSteps(steps)),
);

const policyArb: fc.Arbitrary<Policy> = fc.oneof(
  fc.constantFrom<Policy>(VMOTION_DEFAULTS, vmotionNoSdps, { ...VMOTION_DEFAULTS, sdps: "always" }),
  fc.constantFrom<Policy>(QEMU_DEFAULTS, qemuUncapped, { ...qemuUncapped, autoConverge: true }),
  fc.constant<Policy>(XEN_DEFAULTS),
);

const scenarioArb = fc
  .record({
    memGiB: fc.double({ min: 0.001, max: 8192, noNaN: true }),
    B: fc.double({ min: 1e6, max: 5e10, noNaN: true }),
    rtt: fc.double({ min: 0, max: 0.3, noNaN: true }),
    zero: fc.double({ min: 0, max: 0.99, noNaN: true }),
    dirty: dirtyArb,
    policy: policyArb,
  })
  .map(({ memGiB, B, rtt, zero, dirty, policy }) => {
    const m = Math.max(4096, memGiB * GIB);
    return scenario({
      memoryBytes: m,
      dirty: dirty(m),
      throughputBytesPerSec: B,
      rttSec: rtt,
      zeroPageFraction: zero,
      policy,
    });
  });

function allFinite(r: MigrationResult): boolean {
  const nums = [
    r.setupSec,
    r.precopyTimeSec,
    r.switchoverBytes,
    r.downtimeSec,
    r.totalTimeSec,
    r.transferredBytes,
    r.guestSlowdown,
  ];
  for (const it of r.iterations) nums.push(it.bytes, it.durationSec, it.dirtiedBytes, it.throttle);
  return nums.every(Number.isFinite);
}

describe("simulate(scenario) invariants", () => {
  it("never produces NaN or Infinity, and bytes on the wire >= non-zero memory", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const r = simulate(s);
        expect(allFinite(r)).toBe(true);
        const nonZero = s.vm.memoryBytes * (1 - s.vm.zeroPageFraction);
        expect(r.transferredBytes).toBeGreaterThanOrEqual(nonZero * (1 - 1e-12));
      }),
      { numRuns: 1500 },
    );
  });

  it("downtime <= total time, and total = setup + pre-copy + downtime", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const r = simulate(s);
        expect(r.downtimeSec).toBeLessThanOrEqual(r.totalTimeSec);
        expect(Math.abs(r.setupSec + r.precopyTimeSec + r.downtimeSec - r.totalTimeSec)).toBeLessThanOrEqual(
          1e-9 * r.totalTimeSec,
        );
      }),
      { numRuns: 1000 },
    );
  });

  it("conserves bytes: transferred = sum of iterations + switchover + checkpoint; iteration i+1 sends what i dirtied", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const r = simulate(s);
        const its = r.iterations;
        const sum = its.reduce((a, it) => a + it.bytes, 0);
        const switched = r.outcome !== "not-converging";
        const expected = sum + (switched ? r.switchoverBytes + s.vm.checkpointBytes : 0);
        expect(Math.abs(r.transferredBytes - expected)).toBeLessThanOrEqual(1e-9 * expected);
        for (let i = 0; i + 1 < its.length; i++) expect(its[i + 1]!.bytes).toBe(its[i]!.dirtiedBytes);
        expect(r.switchoverBytes).toBe(its[its.length - 1]!.dirtiedBytes);
        expect(its.length).toBe(r.iterationCount);
        const precopy = its.reduce((a, it) => a + it.durationSec, 0);
        expect(Math.abs(precopy - r.precopyTimeSec)).toBeLessThanOrEqual(1e-9 * precopy);
      }),
      { numRuns: 1000 },
    );
  });

  it("is deterministic, and the summary path equals the full path (1e-12 relative: the closed form)", () => {
    const reused = new Summary();
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const a = simulate(s);
        expect(simulate(s)).toEqual(a);
        const sum = simulateSummary(s, reused);
        expect(Math.abs(sum.totalTimeSec - a.totalTimeSec)).toBeLessThanOrEqual(1e-12 * a.totalTimeSec);
        expect(sum.iterations).toBe(a.iterationCount);
        expect(Math.abs(sum.transferredBytes - a.transferredBytes)).toBeLessThanOrEqual(
          1e-12 * a.transferredBytes,
        );
      }),
      { numRuns: 500 },
    );
  });
});

/**
 * Monotonicity holds for policies without throttling: SDPS and auto-converge trade guest speed
 * for migration time (a guest that dirties more can engage SDPS earlier and finish sooner), and
 * Xen's 3x data cap cuts pre-copy short when more is dirtied, so neither is monotone by design.
 * Ordering: a migration that converges beats one that gives up; among converging ones, time.
 */
const unthrottled = fc.constantFrom<Policy>(vmotionNoSdps, qemuUncapped);

const monoArb = fc.record({
  memGiB: fc.double({ min: 0.01, max: 2048, noNaN: true }),
  B: fc.double({ min: 1e7, max: 2e10, noNaN: true }),
  dirty: dirtyArb,
  policy: unthrottled,
  factor: fc.double({ min: 1, max: 4, noNaN: true }),
});

const converged = (r: MigrationResult) => r.outcome === "converged";

describe("simulate(scenario) monotonicity", () => {
  it("more throughput is never slower", () => {
    fc.assert(
      fc.property(monoArb, ({ memGiB, B, dirty, policy, factor }) => {
        const m = memGiB * GIB;
        const d = dirty(m);
        const slow = simulate(scenario({ memoryBytes: m, dirty: d, throughputBytesPerSec: B, policy }));
        const fast = simulate(
          scenario({ memoryBytes: m, dirty: d, throughputBytesPerSec: B * factor, policy }),
        );
        if (converged(slow)) {
          expect(converged(fast)).toBe(true);
          expect(fast.totalTimeSec).toBeLessThanOrEqual(slow.totalTimeSec * (1 + 1e-12));
        }
      }),
      { numRuns: 1500 },
    );
  });

  it("more dirtying is never faster and never takes fewer iterations", () => {
    fc.assert(
      fc.property(
        monoArb,
        fc.double({ min: 0, max: 3e9, noNaN: true }),
        fc.double({ min: 0.001, max: 1, noNaN: true }),
        fc.constantFrom("constant", ...ACCESS_PATTERNS),
        ({ memGiB, B, policy, factor }, d, wFrac, kind) => {
          const m = memGiB * GIB;
          const model = (rate: number): DirtyModel =>
            kind === "constant"
              ? { kind: "constant", rateBytesPerSec: rate }
              : {
                  kind: "working-set",
                  rateBytesPerSec: rate,
                  wssBytes: Math.max(4096, wFrac * m),
                  coldRateBytesPerSec: 0,
                  pattern: kind,
                  hotShare: 0.9,
                  wssDefault: false,
                };
          const low = simulate(
            scenario({ memoryBytes: m, dirty: model(d), throughputBytesPerSec: B, policy }),
          );
          const high = simulate(
            scenario({ memoryBytes: m, dirty: model(d * factor), throughputBytesPerSec: B, policy }),
          );
          if (converged(high)) {
            expect(converged(low)).toBe(true);
            expect(low.totalTimeSec).toBeLessThanOrEqual(high.totalTimeSec * (1 + 1e-12));
            expect(low.iterationCount).toBeLessThanOrEqual(high.iterationCount);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });
});

describe("simulate(scenario) edge cases", () => {
  it("zero dirty rate takes one iteration and sends memory once", () => {
    const r = simulate(
      scenario({
        memoryBytes: 16 * GIB,
        dirty: { kind: "constant", rateBytesPerSec: 0 },
        throughputBytesPerSec: 1.25e9,
      }),
    );
    expect(r.outcome).toBe("converged");
    expect(r.iterationCount).toBe(1);
    expect(r.switchoverBytes).toBe(0);
    expect(r.transferredBytes).toBe(16 * GIB + 8 * MIB);
  });

  it("dirtying faster than the link engages SDPS (dynamic), and gives up with SDPS off", () => {
    const base = {
      memoryBytes: 64 * GIB,
      dirty: { kind: "constant", rateBytesPerSec: 2 * GIB } as DirtyModel,
      throughputBytesPerSec: 1.25e9,
    };
    const sdps = simulate(scenario(base));
    expect(sdps.outcome).toBe("converged-throttled");
    // SdpsTargetRate 500 %: the guest is throttled to B / 5 = 250 MB/s of 2 GiB/s: 1 - 0.25e9/2^31 = 88.4 %.
    expect(sdps.guestSlowdown).toBeCloseTo(1 - 0.25e9 / (2 * GIB), 9);
    const off = simulate(scenario({ ...base, policy: vmotionNoSdps }));
    expect(off.outcome).toBe("not-converging");
    expect(off.downtimeSec).toBe(0);
    expect(off.stopReason).toMatch(/SDPS is off/);
  });

  it("QEMU without auto-converge stalls when dirtying matches the link; with it, converges throttled", () => {
    const base = {
      memoryBytes: 8 * GIB,
      dirty: { kind: "constant", rateBytesPerSec: 1.3e9 } as DirtyModel,
      throughputBytesPerSec: 1.25e9,
    };
    expect(simulate(scenario({ ...base, policy: qemuUncapped })).outcome).toBe("not-converging");
    const ac = simulate(scenario({ ...base, policy: { ...qemuUncapped, autoConverge: true } }));
    expect(ac.outcome).toBe("converged-throttled");
    expect(ac.guestSlowdown).toBeGreaterThanOrEqual(0.2);
  });

  it("QEMU's raw 128 MiB/s max-bandwidth caps the throughput and is reported as the binding limit", () => {
    const r = simulate(
      scenario({
        memoryBytes: GIB,
        dirty: { kind: "constant", rateBytesPerSec: 0 },
        throughputBytesPerSec: 1.25e9,
        policy: { ...QEMU_DEFAULTS, maxBandwidthBytesPerSec: 128 * MIB },
      }),
    );
    expect(r.throughputBytesPerSec).toBe(128 * MIB);
    expect(r.binding).toBe("cap");
  });

  it("QEMU's default max-bandwidth is libvirt's (no cap): 10 GbE is not held to 128 MiB/s", () => {
    expect(QEMU_DEFAULTS.maxBandwidthBytesPerSec).toBe(0);
    const r = simulate(
      scenario({
        memoryBytes: 16 * GIB,
        dirty: { kind: "constant", rateBytesPerSec: 400 * MIB },
        throughputBytesPerSec: 1.25e9,
        policy: QEMU_DEFAULTS,
      }),
    );
    expect(r.throughputBytesPerSec).toBe(1.25e9);
    expect(r.outcome).toBe("converged");
  });

  it("a QEMU stun above MAX_MIGRATE_DOWNTIME_SECONDS (2000 s) is a switchover-timeout failure", () => {
    const r = simulate(
      scenario({
        memoryBytes: GIB,
        dirty: { kind: "constant", rateBytesPerSec: 0 },
        throughputBytesPerSec: 1e6,
        checkpointBytes: 3e9, // 3000 s of device state at 1 MB/s
        policy: QEMU_DEFAULTS,
      }),
    );
    expect(r.downtimeSec).toBeGreaterThan(2000);
    expect(r.outcome).toBe("switchover-timeout");
    expect(r.stopReason).toContain("exceeds the 2000 s maximum downtime QEMU accepts");
  });

  it("Xen stops at 30 rounds, or after 3x memory is sent", () => {
    // rho = 0.99: the remainder shrinks 1 % a round; 3x memory is reached after ~3.1 rounds' worth.
    const r = simulate(
      scenario({
        memoryBytes: GIB,
        dirty: { kind: "constant", rateBytesPerSec: 0.99e9 },
        throughputBytesPerSec: 1e9,
        policy: XEN_DEFAULTS,
      }),
    );
    expect(r.outcome).toBe("data-cap");
    expect(r.iterationCount).toBe(4);
    const slow = simulate(
      scenario({
        memoryBytes: GIB,
        dirty: { kind: "constant", rateBytesPerSec: 0.6e9 },
        throughputBytesPerSec: 1e9,
        policy: XEN_DEFAULTS,
      }),
    );
    // 0.6^k GiB < 50 pages (204800 B) needs k >= 17: converges before the caps.
    expect(slow.outcome).toBe("converged");
    expect(slow.iterationCount).toBe(17);
  });

  it("tiny (one page) and multi-TiB VMs give finite results", () => {
    const tiny = simulate(
      scenario({
        memoryBytes: 4096,
        dirty: { kind: "constant", rateBytesPerSec: 1e6 },
        throughputBytesPerSec: 1e9,
      }),
    );
    expect(tiny.outcome).toBe("converged");
    expect(tiny.iterationCount).toBe(1);
    const huge = simulate(
      scenario({
        memoryBytes: 24 * 2 ** 40,
        dirty: { kind: "constant", rateBytesPerSec: 1e9 },
        throughputBytesPerSec: 12.5e9,
      }),
    );
    expect(huge.outcome).toBe("converged");
    expect(Number.isFinite(huge.totalTimeSec)).toBe(true);
    expect(huge.totalTimeSec).toBeGreaterThan((24 * 2 ** 40) / 12.5e9);
  });

  it("a one-point curve behaves as the constant rate through that point", () => {
    const curve = makeCurve([2], [400e6]); // 200 MB/s
    const a = simulate(scenario({ memoryBytes: 32 * GIB, dirty: curve, throughputBytesPerSec: 1.25e9 }));
    const b = simulate(
      scenario({
        memoryBytes: 32 * GIB,
        dirty: { kind: "constant", rateBytesPerSec: 200e6 },
        throughputBytesPerSec: 1.25e9,
      }),
    );
    expect(a.iterationCount).toBe(b.iterationCount);
    expect(a.totalTimeSec).toBeCloseTo(b.totalTimeSec, 9);
  });

  it("a stun beyond vmotion.maxSwitchoverSeconds (100 s) is a switchover-timeout", () => {
    // A 2 GiB checkpoint over 10 MB/s takes ~215 s in the stun.
    const r = simulate(
      scenario({
        memoryBytes: GIB,
        dirty: { kind: "constant", rateBytesPerSec: 0 },
        throughputBytesPerSec: 1e7,
        checkpointBytes: 2 * GIB,
      }),
    );
    expect(r.outcome).toBe("switchover-timeout");
    expect(r.downtimeSec).toBeGreaterThan(100);
  });

  it("zero pages cost 8-byte headers in iteration 0", () => {
    const r = simulate(
      scenario({
        memoryBytes: GIB,
        dirty: { kind: "constant", rateBytesPerSec: 0 },
        throughputBytesPerSec: 1e9,
        zeroPageFraction: 0.5,
      }),
    );
    expect(r.iterations[0]!.bytes).toBe(GIB / 2 + (GIB / 2 / 4096) * 8);
  });

  it("the guest-seen stun adds half an RTT of delay and two handshake round trips", () => {
    const s = scenario({
      memoryBytes: GIB,
      dirty: { kind: "constant", rateBytesPerSec: 0 },
      throughputBytesPerSec: 1e9,
      rttSec: 0.1,
      checkpointBytes: 0,
    });
    const r = simulate(s);
    // downtime = 0 / B + 0.05 + 2 x 0.1 + 0.02 fixed + 0.5 ms/GiB bitmap sync.
    expect(r.downtimeSec).toBeCloseTo(0.05 + 0.2 + 0.02 + 0.0005, 12);
  });
});
