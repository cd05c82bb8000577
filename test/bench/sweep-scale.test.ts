import { describe, expect, it } from "vitest";
import { threadCpu } from "../../bench/sweep-scale.js";

describe("threadCpu(before, atEnd, mainCpuSec) (bench/sweep-scale.ts)", () => {
  it("counts threads new since before as workers, the others' growth as V8 helpers, and leaves the main thread out of both", () => {
    const main = String(process.pid);
    const before = new Map([
      [main, 0.5],
      ["101", 0.1],
      ["102", 0.2],
    ]);
    const atEnd = new Map([
      [main, 0.9],
      ["101", 0.35],
      ["102", 0.2],
      ["201", 0.4],
      ["202", 0.6],
      ["203", 0.001],
    ]);
    const t = threadCpu(before, atEnd, 0.4);
    expect(t.main).toBe(0.4);
    // Most first; a thread with almost no CPU (< 5 ms) is not a worker that ran tasks.
    expect(t.workers).toEqual([0.6, 0.4]);
    expect(t.helpers).toBeCloseTo(0.25, 12);
  });
});
