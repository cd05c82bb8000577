import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeCurve } from "../../src/model/dirty/curve.js";
import { dirtiedBytes } from "../../src/model/dirty/dirtied.js";
import { DirtyEvaluator } from "../../src/model/dirty/evaluator.js";
import type { DirtyModel } from "../../src/model/types.js";
import { ACCESS_PATTERNS } from "../../src/model/types.js";
import { GIB } from "./fixtures.js";

/**
 * DirtyEvaluator (the kernel's inlined U(t)) against dirtiedBytes, the model's definition:
 * exactly the same double (tolerance 0), over every kind and pattern, times from 0 to 1e5 s.
 */

const modelArb: fc.Arbitrary<{ model: DirtyModel; memoryBytes: number }> = fc
  .record({
    memGiB: fc.double({ min: 0.01, max: 8192, noNaN: true }),
    rate: fc.double({ min: 0, max: 5e10, noNaN: true }),
    wssFrac: fc.double({ min: 0.001, max: 1.5, noNaN: true }),
    cold: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e9, noNaN: true })),
    pattern: fc.constantFrom(...ACCESS_PATTERNS),
    hotShare: fc.double({ min: 0, max: 1, noNaN: true }),
    kind: fc.constantFrom("constant", "working-set", "curve"),
  })
  .map(({ memGiB, rate, wssFrac, cold, pattern, hotShare, kind }) => {
    const memoryBytes = memGiB * GIB;
    const model: DirtyModel =
      kind === "constant"
        ? { kind, rateBytesPerSec: rate }
        : kind === "curve"
          ? makeCurve([1, 10, 60], [rate, rate * 6, rate * 14])
          : {
              kind,
              rateBytesPerSec: rate,
              wssBytes: memoryBytes * wssFrac,
              coldRateBytesPerSec: cold,
              pattern,
              hotShare,
              wssDefault: false,
            };
    return { model, memoryBytes };
  });

describe("DirtyEvaluator", () => {
  it("reset(model, memory).at(t) equals dirtiedBytes(model, memory, t) exactly (property, 2,000 runs)", () => {
    const ev = new DirtyEvaluator();
    fc.assert(
      fc.property(
        modelArb,
        fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e5, noNaN: true })), {
          minLength: 1,
          maxLength: 8,
        }),
        ({ model, memoryBytes }, times) => {
          ev.reset(model, memoryBytes);
          for (const t of times) expect(ev.at(t)).toBe(dirtiedBytes(model, memoryBytes, t));
        },
      ),
      { numRuns: 2000, seed: 18 },
    );
  });

  it("at(2) after reset({ constant 1e8 B/s }, 1 GiB) is 2e8, and at(100) is capped at 1 GiB", () => {
    const ev = new DirtyEvaluator().reset({ kind: "constant", rateBytesPerSec: 1e8 }, GIB);
    expect(ev.at(2)).toBe(2e8);
    expect(ev.at(100)).toBe(GIB);
  });

  it("concave is true for constant, uniform and sequential, false for hot-cold, zipf and curves", () => {
    const ev = new DirtyEvaluator();
    const ws = (pattern: (typeof ACCESS_PATTERNS)[number]): DirtyModel => ({
      kind: "working-set",
      rateBytesPerSec: 1e8,
      wssBytes: GIB,
      coldRateBytesPerSec: 0,
      pattern,
      hotShare: 0.9,
      wssDefault: false,
    });
    expect(ev.reset({ kind: "constant", rateBytesPerSec: 1 }, GIB).concave).toBe(true);
    expect(ev.reset(ws("uniform"), GIB).concave).toBe(true);
    expect(ev.reset(ws("sequential"), GIB).concave).toBe(true);
    expect(ev.reset(ws("hot-cold"), GIB).concave).toBe(false);
    expect(ev.reset(ws("zipf"), GIB).concave).toBe(false);
    expect(ev.reset(makeCurve([1], [1e8]), GIB).concave).toBe(false);
  });

  it("rateBoundBytesPerSec bounds U's growth over an interval h after up to 1,000 h, within 1e-9, and is Infinity without an inline formula (property, 5,000 runs)", () => {
    const ev = new DirtyEvaluator();
    let bounded = 0;
    fc.assert(
      fc.property(
        modelArb,
        fc.oneof(fc.double({ min: 0, max: 1000, noNaN: true }), fc.constantFrom(0, 1, 999)),
        fc.oneof(fc.double({ min: 1e-6, max: 1e4, noNaN: true }), fc.constantFrom(1e-3, 30)),
        ({ model, memoryBytes }, polls, h) => {
          // As the SDPS polls ask: an interval h after t of at most 1,000 such intervals (rounding
          // grows with t / h: the bound's doc).
          const t = polls * h;
          ev.reset(model, memoryBytes);
          const bound = ev.rateBoundBytesPerSec;
          const inline =
            model.kind === "constant" ||
            (model.kind === "working-set" && (model.pattern === "uniform" || model.pattern === "sequential"));
          if (!inline) {
            expect(bound).toBe(Infinity);
            return;
          }
          // Rates of bytes/s, not of 1e-300 bytes/s: there U is subnormal and rounds by 5e-324
          // absolute, over a bound x h that underflows to 0.
          if (bound < 1e-100) return;
          const t1 = t + h;
          expect(ev.at(t1) - ev.at(t)).toBeLessThanOrEqual(bound * (t1 - t) * (1 + 1e-9));
          bounded++;
        },
      ),
      { numRuns: 5000, seed: 5 },
    );
    expect(bounded).toBeGreaterThan(500);
  });
});
