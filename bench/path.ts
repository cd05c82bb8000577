import { computePath } from "../src/network/compute.js";
import { planToSpec } from "../src/network/plan.js";
import { PRESETS, PRESET_NAMES } from "../src/network/presets.js";
import type { PathSpec } from "../src/network/types.js";
import { consume, type BenchOptions, type BenchTask } from "./task.js";

/** The path model alone: every preset, with hops and loss varied, computed per call. */
export function pathTasks(opts: BenchOptions): BenchTask[] {
  const n = opts.quick ? 100 : 1000;
  const specs: PathSpec[] = [];
  for (let i = 0; i < n; i++) {
    const name = PRESET_NAMES[i % PRESET_NAMES.length]!;
    const plan = PRESETS[name];
    specs.push(planToSpec({ ...plan, hops: (plan.hops + i) % 8, lossFraction: (i % 5) * 1e-6 }));
  }
  return [
    {
      name: "path",
      size: `${n.toLocaleString("en")} paths`,
      fn: () => {
        for (let i = 0; i < specs.length; i++) consume(computePath(specs[i]!).throughputBytesPerSec);
      },
    },
  ];
}
