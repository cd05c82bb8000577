import { describe, expect, it } from "vitest";
import { allocateSlots, createBatchRunner } from "../../src/sweep/batch.js";
import { loadSweepFile } from "../../src/sweep/load.js";
import { planSweep } from "../../src/sweep/plan.js";
import { PROGRESS_STEP, SimulatedCounter } from "../../src/sweep/progress.js";
import { runSweep } from "../../src/sweep/run.js";

/** 3,000 scenarios: a batch of them used to report nothing until its end. */
const plan = planSweep(
  loadSweepFile({
    text: "base: { memory: 4GiB, bandwidth: 10Gbit/s }\naxes:\n  - { key: dirtyRate, range: { from: 1MiB/s, to: 300MiB/s, count: 3000 } }\n",
  }),
);

describe("SimulatedCounter", () => {
  it("createBatchRunner(...)(task) counts its scenarios while it runs, in steps of 1,024", () => {
    const counter = new SimulatedCounter();
    const options = { textFormats: [], traces: false, batchSize: 3000, simulated: counter.buffer };
    const seen: number[] = [];
    const slots = allocateSlots(plan, options, 1);
    // 2,500 rows: two steps of 1,024 inside the loop, then the remaining 452 at the end.
    const run = createBatchRunner(plan, options, slots);
    run({ start: 0, count: 2500, slot: 0 });
    seen.push(counter.read());
    run({ start: 0, count: PROGRESS_STEP, slot: 0 });
    seen.push(counter.read());
    expect(seen).toEqual([2500, 2500 + PROGRESS_STEP]);
  });

  it("runSweep(plan, { workers: 1, simulated }) moves the counter before its one batch completes", async () => {
    const big = planSweep(
      loadSweepFile({
        text: "base: { memory: 4GiB, bandwidth: 10Gbit/s }\naxes:\n  - { key: dirtyRate, range: { from: 1MiB/s, to: 300MiB/s, count: 200 } }\n  - { key: rtt, range: { from: 0.1ms, to: 10ms, count: 200 } }\n",
      }),
    );
    const counter = new SimulatedCounter();
    const seen = new Set<number>();
    let running = true;
    const poll = (): void => {
      seen.add(counter.read());
      if (running) setImmediate(poll);
    };
    poll();
    // One batch of all 40,000 scenarios on one worker: before the counter, nothing until the end.
    await runSweep(big, { workers: 1, batchSize: 40_000, simulated: counter.buffer });
    running = false;
    expect([...seen].some((n) => n > 0 && n < big.total)).toBe(true);
    expect(counter.read()).toBe(big.total);
  });

  it("runSweep(plan, { simulated }) ends with the counter at the plan's total", async () => {
    const counter = new SimulatedCounter();
    await runSweep(plan, { workers: 0, batchSize: 4096, simulated: counter.buffer });
    expect(counter.read()).toBe(3000);
  });
});
