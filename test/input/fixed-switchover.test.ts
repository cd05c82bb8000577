import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { scenarioFromInput } from "../../src/input/scenario.js";
import { simulate } from "../../src/model/simulate.js";
import { loadSweepFile, planSweep } from "../../src/sweep/index.js";
import { runSweepInMemory } from "../../src/sweep/memory.js";

/** The field added by a table row and its one reader (costsOf): flag, files, sweeps, columns. */
const VM = { memory: "8GiB", dirtyRate: "100MiB/s", bandwidth: "10Gbit/s", dirtyModel: "constant" };

describe("fixedSwitchover (--fixed-switchover)", () => {
  it("sets costs.fixedSwitchoverSec; the default stays 20 ms", () => {
    expect(scenarioFromInput(VM).costs.fixedSwitchoverSec).toBe(0.02);
    expect(scenarioFromInput({ ...VM, fixedSwitchover: "1s" }).costs.fixedSwitchoverSec).toBe(1);
  });

  it("adds to the stun one for one: 1 s instead of 20 ms is 0.98 s more stun (to 1e-9 s)", () => {
    const a = simulate(scenarioFromInput(VM));
    const b = simulate(scenarioFromInput({ ...VM, fixedSwitchover: "1s" }));
    expect(b.downtimeSec - a.downtimeSec).toBeCloseTo(0.98, 9);
  });

  it("rejects a value above 100 s, naming the flag", () => {
    expect(() => scenarioFromInput({ ...VM, fixedSwitchover: "5min" })).toThrow(InputError);
    expect(() => scenarioFromInput({ ...VM, fixedSwitchover: "5min" })).toThrow(/--fixed-switchover/);
  });

  it("is a sweep axis with its own column, holding what ran", async () => {
    const text = `base: { memory: 8GiB, dirtyRate: 100MiB/s, bandwidth: 10Gbit/s }
axes:
  - key: fixedSwitchover
    values: [0s, 20ms, 1s]
`;
    const { rows } = await runSweepInMemory(planSweep(loadSweepFile({ text })));
    expect(rows.map((r) => r.inputs.fixedSwitchoverSec)).toEqual([0, 0.02, 1]);
  });
});
