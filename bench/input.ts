import { buildScenario, scenarioFromInput } from "../src/input/scenario.js";
import { parseInput } from "../src/input/parse.js";
import { simulateSummary, Summary } from "../src/model/simulate.js";
import { consume, type BenchOptions, type BenchTask } from "./task.js";

/**
 * What a library caller pays to set a scenario up, against simulating it:
 * - `input/scenario/strings`: `scenarioFromInput` on unit strings (parse every field, then build);
 * - `input/scenario/numbers`: `buildScenario` on a canonical input already in numbers (the
 *   numeric path: no string is parsed), frozen as the default;
 * - `input/scenario/numbers-unfrozen`: the same with `freeze: false`, as sweeps build;
 * - `input/simulate`: `simulateSummary` of the built scenario, for scale.
 * Inputs: a 64 GiB VM on a given 10 Gbit/s (no network path) and on the WAN preset (path model).
 */
const RAW = [
  { memory: "64GiB", dirtyRate: "400MiB/s", bandwidth: "10Gbit/s", vcpus: 8 },
  { memory: "64GiB", dirtyRate: "400MiB/s", preset: "wan", wss: "8GiB", vcpus: 8 },
];

export function inputTasks(opts: BenchOptions): BenchTask[] {
  const n = opts.quick ? 10 : 100;
  const raws = Array.from({ length: n }, (_, i) => RAW[i % RAW.length] as (typeof RAW)[number]);
  const canonical = raws.map((r) => parseInput(r));
  const scenarios = canonical.map((c) => buildScenario(c));
  const sum = new Summary();
  const size = `${n} scenarios (given bandwidth and WAN preset, alternating)`;
  return [
    {
      name: "input/scenario/strings",
      size,
      scenariosPerCall: n,
      fn: () => raws.forEach((r) => consume(scenarioFromInput(r).vm.memoryBytes)),
    },
    {
      name: "input/scenario/numbers",
      size,
      scenariosPerCall: n,
      fn: () => canonical.forEach((c) => consume(buildScenario(c).vm.memoryBytes)),
    },
    {
      name: "input/scenario/numbers-unfrozen",
      size,
      scenariosPerCall: n,
      fn: () =>
        canonical.forEach((c) => consume(buildScenario(c, undefined, { freeze: false }).vm.memoryBytes)),
    },
    {
      name: "input/simulate",
      size,
      scenariosPerCall: n,
      fn: () => scenarios.forEach((s) => consume(simulateSummary(s, sum).totalTimeSec)),
    },
  ];
}
