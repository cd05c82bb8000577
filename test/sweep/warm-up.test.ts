import { describe, expect, it } from "vitest";
import { allocateSlots, createBatchRunner, type BatchOptions } from "../../src/sweep/batch.js";
import { loadSweepFile, planSweep, SimulatedCounter } from "../../src/sweep/index.js";
import {
  WARM_UP_MIN_SCENARIOS,
  WARM_UP_ROWS,
  WARM_UP_STRETCHES,
  warmUpStarts,
  warmUpWorker,
} from "../../src/sweep/warm-up.js";

// 64 x 64 x 32 = 131,072 scenarios: just large enough to be warmed up (planning is cheap).
const GRID = `
name: warm
base: { vcpus: 8, preset: wan, policy: vmotion }
axes:
  - key: memory
    range: { from: 4GiB, to: 512GiB, count: 64, scale: log }
  - key: dirtyRate
    range: { from: 10MiB/s, to: 2GiB/s, count: 64, scale: log }
  - key: rtt
    range: { from: 1ms, to: 150ms, count: 32 }
`;

describe("warmUpStarts(total)", () => {
  it("gives 16 stretches of 32 rows spread over the plan, in order and inside it; none below the minimum", () => {
    const total = 1_000_000;
    const starts = warmUpStarts(total);
    expect(starts.length).toBe(WARM_UP_STRETCHES);
    expect(starts[0]).toBe(31_250);
    for (let i = 1; i < starts.length; i++)
      expect(starts[i] as number).toBeGreaterThan((starts[i - 1] as number) + WARM_UP_ROWS);
    expect(Math.max(...starts) + WARM_UP_ROWS).toBeLessThanOrEqual(total);
    expect(warmUpStarts(WARM_UP_MIN_SCENARIOS - 1)).toEqual([]);
    expect(warmUpStarts(WARM_UP_MIN_SCENARIOS).length).toBe(WARM_UP_STRETCHES);
  });
});

describe("warmUpWorker(plan, options)", () => {
  it("counts no progress and leaves the tasks' rows as they are without it", () => {
    const plan = planSweep(loadSweepFile({ text: GRID }));
    expect(plan.total).toBe(WARM_UP_MIN_SCENARIOS);
    const counter = new SimulatedCounter();
    const options: BatchOptions = {
      textFormats: ["csv"],
      traces: false,
      batchSize: 4096,
      simulated: counter.buffer,
    };
    const task = { start: 65_536, count: 4096, slot: 0 };
    const slotsA = allocateSlots(plan, options, 1);
    const a = createBatchRunner(plan, options, slotsA)(task);
    const counted = counter.read();
    const planText = JSON.stringify(plan);
    warmUpWorker(plan, options);
    expect(counter.read()).toBe(counted);
    expect(JSON.stringify(plan)).toBe(planText);
    const slotsB = allocateSlots(plan, options, 1);
    const b = createBatchRunner(plan, options, slotsB)(task);
    expect(b).toEqual(a);
    const bytes = (s: typeof slotsA): Buffer[] => [
      Buffer.from(s[0]?.columns as SharedArrayBuffer),
      Buffer.from(s[0]?.text.csv as SharedArrayBuffer),
    ];
    const [colsB, csvB] = bytes(slotsB);
    const [colsA, csvA] = bytes(slotsA);
    expect(colsB?.equals(colsA as Buffer)).toBe(true);
    expect(csvB?.equals(csvA as Buffer)).toBe(true);
  });
});
