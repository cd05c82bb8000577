import { describe, expect, it, vi } from "vitest";
import type { Summary } from "../../src/model/simulate.js";
import type { Scenario } from "../../src/model/types.js";
import { KERNEL_CHUNK_ROWS, allocateSlots, createBatchRunner, viewBatch } from "../../src/sweep/batch.js";
import { loadSweepFile, planSweep } from "../../src/sweep/index.js";

/** The memory size at which the kernel below throws (no real scenario makes the kernel throw). */
const BAD_MEMORY = 37 * 2 ** 30;

vi.mock("../../src/model/simulate.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/model/simulate.js")>();
  return {
    ...real,
    runKernel: (s: Scenario, out: Summary, trace: null): void => {
      if (s.vm.memoryBytes === BAD_MEMORY) throw new Error("kernel failed");
      real.runKernel(s, out, trace);
    },
  };
});

// memory x 50 dirty rates: the kernel fails from scenario 3 x 50 = 150 on (row 22 of the second chunk).
const plan = planSweep(
  loadSweepFile({
    text: `
base: { bandwidth: 10Gbit/s }
axes:
  - { key: memory, values: [8GiB, 16GiB, 24GiB, 37GiB, 48GiB] }
  - { key: dirtyRate, range: { from: 10MiB/s, to: 900MiB/s, count: 50 } }
`,
  }),
);

describe("createBatchRunner(...)(task) when the kernel throws inside a chunk", () => {
  it("reports the first row that fails, with the rows before it complete", () => {
    expect(KERNEL_CHUNK_ROWS).toBeLessThan(150);
    const options = { textFormats: [], traces: false, batchSize: plan.total };
    const slots = allocateSlots(plan, options, 1);
    const run = createBatchRunner(plan, options, slots);
    const out = viewBatch(run({ start: 0, count: plan.total, slot: 0 }), slots, plan, options);
    expect(out.failure?.index).toBe(150);
    expect(out.failure?.message).toBe("kernel failed");
    expect(out.failure?.inputError).toBe(false);
    expect(out.rows).toBe(150);
    const totals = out.columns[out.columns.length - 6] as Float64Array; // totalTimeSec
    expect(totals[149]).toBeGreaterThan(0);
  });
});
