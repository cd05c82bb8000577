import { describe, expect, it } from "vitest";
import { parseInput } from "../../src/input/parse.js";
import { planOf } from "../../src/input/path.js";
import { scenarioFromInput } from "../../src/input/scenario.js";
import { simulate } from "../../src/model/simulate.js";
import { loadSweepFile, planSweep } from "../../src/sweep/index.js";
import { runSweepInMemory } from "../../src/sweep/memory.js";
import { drawInputs, gridIndices } from "../../src/sweep/scenario-at.js";

/**
 * Every axis kind at once: a preset list, a range of a path field, rows that leave fields at
 * their base (and one that leaves the working set to its default), a list of durations and a
 * Monte Carlo distance. 2 x 3 x 3 x 2 grid points x 3 samples = 108 rows.
 */
const SWEEP = `
base: { memory: 16GiB, dirtyRate: 200MiB/s, vcpus: 4 }
axes:
  - key: preset
    values: [same-l2, metro]
  - key: hops
    range: { from: 0, to: 2, count: 3 }
  - name: vm
    rows:
      - { label: a, memory: 8GiB, wss: 2GiB }
      - { label: b, dirtyRate: 50MiB/s }
      - { label: c, vcpus: 8 }
  - key: switchoverGoal
    values: [500ms, 2s]
  - key: distance
    distribution: { kind: uniform, min: 0km, max: 100km }
samples: 3
seed: 5
`;

const ROWS = [{ memory: "8GiB", wss: "2GiB" }, { dirtyRate: "50MiB/s" }, { vcpus: "8" }] as const;

const nullIfNaN = (v: number): number | null => (Number.isNaN(v) ? null : v);

describe("sweep output columns come from the scenario that ran", () => {
  it("each row of a sweep over every axis kind equals a direct simulate of that row's scenario", async () => {
    const file = loadSweepFile({ text: SWEEP });
    const plan = planSweep(file);
    const { rows } = await runSweepInMemory(plan);
    expect(rows).toHaveLength(108);
    const idx = new Int32Array(plan.grid.length);
    for (const row of rows) {
      const k = row.inputs.index as number;
      const g = Math.floor(k / plan.samples);
      gridIndices(plan, g, idx);
      // The row's scenario rebuilt from the file's own words, independently of the sweep pipeline.
      const raw = {
        ...file.base,
        preset: ["same-l2", "metro"][idx[0] as number],
        hops: idx[1],
        ...ROWS[idx[2] as number],
        switchoverGoal: ["500ms", "2s"][idx[3] as number],
        distance: drawInputs(plan, k - g * plan.samples).distance,
      };
      const s = scenarioFromInput(raw);
      const path = planOf(parseInput(raw));
      const r = simulate(s);
      const d = s.dirty;
      expect(d.kind).toBe("working-set");
      const expected = {
        vm: ["a", "b", "c"][idx[2] as number],
        preset: raw.preset,
        memoryBytes: s.vm.memoryBytes,
        vcpus: s.vm.vcpus,
        dirtyRateBytesPerSec: d.kind === "working-set" ? d.rateBytesPerSec : NaN,
        wssBytes: d.kind === "working-set" ? d.wssBytes : NaN,
        hops: path.hops,
        switchoverGoalSec: s.policy.kind === "vmotion" ? s.policy.switchoverGoalSec : NaN,
        distanceKm: path.distanceKm,
        rttSec: s.transport.rttSec,
        pathThroughputBytesPerSec: s.transport.throughputBytesPerSec,
      };
      for (const [col, v] of Object.entries(expected))
        expect(row.inputs[col], `row ${k} ${col}`).toBe(typeof v === "number" ? nullIfNaN(v) : v);
      expect(row.summary, `row ${k}`).toMatchObject({
        outcome: r.outcome,
        iterations: r.iterationCount,
        totalTimeSec: r.totalTimeSec,
        downtimeSec: r.downtimeSec,
      });
    }
    // The rows that leave fields at base show the base (b: 16 GiB) and the default working set
    // (b, c: 1/8 of memory), not empty cells.
    const b = rows.find((x) => x.inputs.vm === "b");
    expect(b?.inputs).toMatchObject({ memoryBytes: 16 * 2 ** 30, wssBytes: 2 * 2 ** 30 });
  });
});
