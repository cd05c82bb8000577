import { describe, expect, it } from "vitest";
import { buildScenario } from "../../src/input/scenario.js";
import { runKernel, Summary } from "../../src/model/simulate.js";
import { KERNEL_CHUNK_ROWS, allocateSlots, createBatchRunner, viewBatch } from "../../src/sweep/batch.js";
import { RESULT_COLUMNS, writeResults } from "../../src/sweep/columns.js";
import { RowGroupEncoder } from "../../src/sweep/parquet/row-group.js";
import { InputBuilder, loadSweepFile, planSweep } from "../../src/sweep/index.js";
import type { SweepPlan } from "../../src/sweep/types.js";

const name = (k: string): string => k;

/**
 * 4 patterns x 3 policies x 40 dirty rates x 3 memory sizes over a routed LAN: 1,440 rows whose
 * kernel paths (closed form, each policy's loop, throttling) and outcomes change from row to row.
 */
const mixed = planSweep(
  loadSweepFile({
    text: `
base: { memory: 64GiB, vcpus: 8, preset: routed-lan, wss: 16GiB }
axes:
  - { key: pattern, values: [uniform, sequential, hot-cold, zipf] }
  - { key: policy, values: [vmotion, qemu, xen] }
  - { key: dirtyRate, range: { from: 50MiB/s, to: 3GiB/s, count: 40, scale: log } }
  - { key: memory, values: [16GiB, 64GiB, 256GiB] }
`,
  }),
);

/**
 * 2 memory sizes x 150 working sets: every scenario of the 16 GiB VM is valid; the 10 GiB VM's
 * working set passes its memory from the 123rd on, scenario 150 + 122 = 272 (row 16 of the
 * third chunk of 128), which the boundary rejects.
 */
const failing = planSweep(
  loadSweepFile({
    text: `
base: { bandwidth: 10Gbit/s, dirtyRate: 300MiB/s }
axes:
  - { key: memory, values: [16GiB, 10GiB] }
  - { key: wss, range: { from: 1GiB, to: 12GiB, count: 150 } }
`,
  }),
);
const FIRST_BAD = 272;

/** Result columns of scenario k, from buildScenario and runKernel alone (the reference). */
function expectedResults(plan: SweepPlan, k: number): number[] {
  const s = buildScenario({ ...new InputBuilder(plan).at(k) }, name);
  const sum = new Summary();
  runKernel(s, sum, null);
  const cols = RESULT_COLUMNS.map(() => new Float64Array(1));
  writeResults(sum, s, cols, 0, 0);
  return cols.map((c) => c[0] as number);
}

function runner(plan: SweepPlan, batchSize: number) {
  const options = { textFormats: [], traces: false, batchSize };
  const slots = allocateSlots(plan, options, 1);
  const run = createBatchRunner(plan, options, slots);
  return (start: number, count: number) => viewBatch(run({ start, count, slot: 0 }), slots, plan, options);
}

/** Row r of a batch's columns. */
const rowOf = (columns: Float64Array[], r: number): number[] => columns.map((c) => c[r] as number);

describe(`createBatchRunner(plan, options, slots)(task), the kernel over chunks of ${KERNEL_CHUNK_ROWS} rows`, () => {
  it("gives every row the results of buildScenario + runKernel, tolerance 0, across chunk boundaries", () => {
    const run = runner(mixed, mixed.total);
    const out = run(0, mixed.total);
    expect(out.rows).toBe(mixed.total);
    expect(out.failure).toBeNull();
    const first = out.columns.length - RESULT_COLUMNS.length;
    for (let k = 0; k < mixed.total; k++)
      expect(rowOf(out.columns, k).slice(first), `scenario ${k}`).toEqual(expectedResults(mixed, k));
  });

  it.each([
    [0, 1],
    [5, KERNEL_CHUNK_ROWS - 1],
    [0, KERNEL_CHUNK_ROWS],
    [100, KERNEL_CHUNK_ROWS + 1],
    [77, Math.floor(2.5 * KERNEL_CHUNK_ROWS)],
    [mixed.total - 3, 3],
  ])("writes task (start %i, count %i) row for row as one task over the whole grid", (start, count) => {
    const whole = runner(mixed, mixed.total)(0, mixed.total);
    const wholeRows = Array.from({ length: mixed.total }, (_, r) => rowOf(whole.columns, r));
    // One runner for several tasks in turn, as a worker: its state carries from task to task.
    const run = runner(mixed, mixed.total);
    run(0, 2 * KERNEL_CHUNK_ROWS + 9);
    const out = run(start, count);
    expect(out.rows).toBe(count);
    expect(out.failure).toBeNull();
    for (let r = 0; r < count; r++) expect(rowOf(out.columns, r), `row ${r}`).toEqual(wholeRows[start + r]);
  });

  it("stops at a scenario the boundary rejects mid-chunk, with every row before it complete", () => {
    const out = runner(failing, failing.total)(0, failing.total);
    expect(out.failure?.index).toBe(FIRST_BAD);
    expect(out.failure?.inputError).toBe(true);
    expect(out.failure?.field).toBe("wss");
    expect(out.rows).toBe(FIRST_BAD);
    const first = out.columns.length - RESULT_COLUMNS.length;
    // The chunk's rows before the failure (256..271) are simulated and written too.
    for (let k = 0; k < FIRST_BAD; k++)
      expect(rowOf(out.columns, k).slice(first), `scenario ${k}`).toEqual(expectedResults(failing, k));
    expect(out.columns[0]?.[FIRST_BAD - 1]).toBe(FIRST_BAD - 1);
  });

  it("reports the failure of a task that starts in the middle of the grid at its own row", () => {
    const out = runner(failing, 200)(200, 100);
    expect(out.failure?.index).toBe(FIRST_BAD);
    expect(out.rows).toBe(FIRST_BAD - 200);
  });

  it("fails at the task's first row when that row is bad, with no rows", () => {
    const out = runner(failing, 200)(FIRST_BAD, 5);
    expect(out.failure?.index).toBe(FIRST_BAD);
    expect(out.rows).toBe(0);
  });
});

describe("createBatchRunner(plan, { parquetRowGroupRows }, slots)(task).parquet", () => {
  // A Monte Carlo sweep: columns of draws, nulls (qemu's knobs on vmotion rows) and zeros.
  const monteCarlo = planSweep(
    loadSweepFile({
      text: `
base: { memory: 64GiB, wss: 16GiB }
axes:
  - { key: policy, values: [vmotion, qemu] }
  - { key: preset, values: [same-l2, wan] }
  - { key: dirtyRate, distribution: { kind: lognormal, median: 400MiB/s, sigma: 0.5 } }
samples: 300
seed: 5
`,
    }),
  );

  it.each([
    ["the mixed grid", mixed, 512],
    ["the mixed grid, a short last task", mixed, 1024],
    ["a Monte Carlo sweep", monteCarlo, 256],
  ])("is what the encoder writes from the task's columns alone (%s)", (_, plan, groupRows) => {
    const options = { textFormats: [], traces: false, batchSize: groupRows, parquetRowGroupRows: groupRows };
    const slots = allocateSlots(plan, options, 1);
    const run = createBatchRunner(plan, options, slots);
    const enc = new RowGroupEncoder(plan.columns);
    for (let start = 0; start < plan.total; start += groupRows) {
      const count = Math.min(groupRows, plan.total - start);
      const out = viewBatch(run({ start, count, slot: 0 }), slots, plan, options);
      expect(out.parquet?.length).toBe(1);
      const alone = enc.encode(
        out.columns.map((c) => c.slice()),
        count,
      );
      expect(
        Buffer.from(out.parquet?.[0]?.bytes ?? []).equals(Buffer.from(alone.bytes)),
        `task ${start}`,
      ).toBe(true);
    }
  });
});
