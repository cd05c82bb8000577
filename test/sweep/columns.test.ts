import { describe, expect, it } from "vitest";
import type { RawInput } from "../../src/input/parse.js";
import { scenarioFromInput } from "../../src/input/scenario.js";
import { runKernel, Summary } from "../../src/model/simulate.js";
import type { Scenario } from "../../src/model/types.js";
import {
  BINDINGS,
  RESULT_COLUMNS,
  SCENARIO_COLUMNS,
  SCENARIO_PARTS,
  bindingCode,
  writeResults,
} from "../../src/sweep/columns.js";

// One scenario per policy and dirty model, so every extractor takes each of its branches.
const INPUTS: RawInput[] = [
  { memory: "64GiB", dirtyRate: "300MiB/s", preset: "wan", policy: "vmotion" },
  {
    memory: "32GiB",
    dirtyRate: "200MiB/s",
    wss: "4GiB",
    preset: "metro",
    policy: "qemu",
    autoConverge: true,
  },
  { memory: "16GiB", dirtyRate: "2GiB/s", preset: "same-l2", policy: "xen" },
];
const scenarios = INPUTS.map((i) => scenarioFromInput(i));

describe("writeResults(sum, s, cols, c, r)", () => {
  it("writes what the RESULT_COLUMNS extractors read, column by column", () => {
    for (const s of scenarios) {
      const sum = new Summary();
      runKernel(s, sum, null);
      const cols = RESULT_COLUMNS.map(() => new Float64Array(3).fill(-1));
      writeResults(sum, s, cols, 0, 1);
      expect(cols.map((c) => c[1])).toEqual(RESULT_COLUMNS.map((c) => c.get(sum, s)));
    }
  });
});

describe("bindingCode(binding)", () => {
  it("is the binding's code in the binding column's labels, for every binding", () => {
    expect(BINDINGS.map((b) => bindingCode(b))).toEqual(BINDINGS.map((_, i) => i));
  });
});

describe("SCENARIO_COLUMNS[i].part", () => {
  it("is the only part of the scenario its extractor reads (the batch runner skips it otherwise)", () => {
    for (const s of scenarios)
      for (const col of SCENARIO_COLUMNS) {
        // Every other part throws when touched.
        const only = Object.fromEntries(
          SCENARIO_PARTS.map((p) => [
            p,
            p === col.part
              ? s[p]
              : new Proxy(
                  {},
                  {
                    get: () => {
                      throw new Error(`${col.name} reads ${p}, not ${col.part}`);
                    },
                  },
                ),
          ]),
        ) as unknown as Scenario;
        expect(col.get(only)).toEqual(col.get(s));
      }
  });
});
