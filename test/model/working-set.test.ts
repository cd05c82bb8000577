import { describe, expect, it } from "vitest";
import { workingSetDirtied } from "../../src/model/dirty/working-set.js";

const GIB = 2 ** 30;

describe("workingSetDirtied(model, memory, t)", () => {
  it("uniform writes over W dirty W (1 - e^-1) when D t = W (model.md section 2: 63 %)", () => {
    const w = {
      kind: "working-set" as const,
      rateBytesPerSec: GIB,
      wssBytes: GIB,
      coldRateBytesPerSec: 0,
      pattern: "uniform" as const,
      hotShare: 0.9,
      wssDefault: false,
    };
    expect(workingSetDirtied(w, 8 * GIB, 1) / GIB).toBeCloseTo(1 - Math.exp(-1), 12);
  });
  it("sequential writes dirty all of W when D t = W", () => {
    const w = {
      kind: "working-set" as const,
      rateBytesPerSec: GIB,
      wssBytes: GIB,
      coldRateBytesPerSec: 0,
      pattern: "sequential" as const,
      hotShare: 0.9,
      wssDefault: false,
    };
    expect(workingSetDirtied(w, 8 * GIB, 1)).toBe(GIB);
    expect(workingSetDirtied(w, 8 * GIB, 0.25)).toBe(GIB / 4);
  });
  it("adds the cold rate, capped at the cold part of memory", () => {
    const w = {
      kind: "working-set" as const,
      rateBytesPerSec: 0,
      wssBytes: GIB,
      coldRateBytesPerSec: GIB,
      pattern: "uniform" as const,
      hotShare: 0.9,
      wssDefault: false,
    };
    expect(workingSetDirtied(w, 4 * GIB, 2)).toBe(2 * GIB);
    expect(workingSetDirtied(w, 4 * GIB, 100)).toBe(3 * GIB);
  });
});
