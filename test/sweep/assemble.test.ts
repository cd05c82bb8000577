import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { buildScenario } from "../../src/input/scenario.js";
import { runKernel, Summary } from "../../src/model/simulate.js";
import { ScenarioAssembler } from "../../src/sweep/assemble.js";
import { InputBuilder, loadSweepFile, planSweep, uniformAt } from "../../src/sweep/index.js";
import type { SweepPlan } from "../../src/sweep/types.js";

const SWEEPS = new URL("../../reports/sweeps/", import.meta.url).pathname;
const files = readdirSync(SWEEPS).filter((f) => f.endsWith(".yaml"));
const name = (k: string): string => k;

/** Indices in increasing order: runs of consecutive scenarios from seeded random starts. */
function sampleIndices(plan: SweepPlan, seed: number): number[] {
  const out: number[] = [];
  let k = 0;
  for (let i = 0; out.length < 600 && k < plan.total; i++) {
    const run = 1 + Math.floor(uniformAt(seed, i, 0) * 40);
    for (let j = 0; j < run && k < plan.total; j++) out.push(k++);
    k += Math.floor(uniformAt(seed, i, 1) * (plan.total / 20));
  }
  return out;
}

function summaryOf(s: Parameters<typeof runKernel>[0]): Summary {
  const sum = new Summary();
  runKernel(s, sum, null);
  return sum;
}

describe("ScenarioAssembler(plan, name).assemble(builder) after builder.step(k)", () => {
  it.each(files)("equals buildScenario + runKernel for random scenarios of %s, row for row", (file) => {
    const plan = planSweep(loadSweepFile(`${SWEEPS}${file}`));
    const builder = new InputBuilder(plan);
    const asm = new ScenarioAssembler(plan, name);
    const ks = sampleIndices(plan, 11);
    expect(ks.length).toBeGreaterThanOrEqual(Math.min(plan.total, 100));
    const parts = ["vm", "dirty", "policy", "transport", "costs"] as const;
    let previous: Record<string, unknown> | null = null;
    for (const k of ks) {
      builder.step(k);
      const fast = asm.assemble(builder);
      // changed: 1 for each part that is another object than in the previous call (all at first)
      const was = previous;
      const moved = parts.map((p) => (was === null || fast[p] !== was[p] ? 1 : 0));
      expect([...asm.changed], `changed at scenario ${k}`).toEqual(moved);
      previous = { ...fast };
      const input = new InputBuilder(plan).at(k);
      const full = buildScenario({ ...input }, name);
      expect({ ...fast }, `scenario ${k}`).toEqual({ ...full });
      expect(summaryOf(fast)).toEqual(summaryOf(full));
    }
  });

  it("still rejects an invalid combination (wss above memory) through the boundary", () => {
    const plan = planSweep(
      loadSweepFile({
        text: "base: { bandwidth: 10Gbit/s, dirtyRate: 100MiB/s }\naxes:\n  - { key: memory, values: [16GiB, 4GiB] }\n  - { key: wss, values: [1GiB, 8GiB] }\n",
      }),
    );
    const builder = new InputBuilder(plan);
    const asm = new ScenarioAssembler(plan, name);
    for (let k = 0; k < 3; k++) {
      builder.step(k);
      asm.assemble(builder);
    }
    builder.step(3);
    expect(() => asm.assemble(builder)).toThrow(InputError);
  });

  it("rebuilds the transport when only the policy moves: a QEMU row gets a Linux host's window", () => {
    // The transport's defaults follow the sender the policy names (model.md section 4.2), so the
    // part cache must key the transport by the policy too: the policy axis is the fastest here.
    const plan = planSweep(
      loadSweepFile({
        text: "base: { memory: 16GiB, dirtyRate: 100MiB/s, preset: wan }\naxes:\n  - { key: hops, values: [6, 7] }\n  - { key: policy, values: [vmotion, qemu] }\n",
      }),
    );
    const builder = new InputBuilder(plan);
    const asm = new ScenarioAssembler(plan, name);
    const throughputs: number[] = [];
    for (let k = 0; k < plan.total; k++) {
      builder.step(k);
      const fast = asm.assemble(builder);
      expect({ ...fast }, `scenario ${k}`).toEqual({
        ...buildScenario({ ...new InputBuilder(plan).at(k) }, name),
      });
      throughputs.push(fast.transport.throughputBytesPerSec);
    }
    // vMotion rows bound by the 10 GbE link, QEMU rows by 4 MiB / 25 ms (1.33 Gbit/s).
    expect(throughputs[0]).toBeGreaterThan(5 * (throughputs[1] as number));
    expect(throughputs[2]).toBeGreaterThan(5 * (throughputs[3] as number));
  });
});
