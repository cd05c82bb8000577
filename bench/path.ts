import { computePath } from "../src/network/compute.js";
import { planToSpec } from "../src/network/plan.js";
import { PRESETS, PRESET_NAMES } from "../src/network/presets.js";
import type { PathSegment, PathSpec } from "../src/network/types.js";
import { consume, type BenchOptions, type BenchTask } from "./task.js";

/**
 * The path model alone, computed per call: `path`, every preset with hops and loss varied;
 * `path/numbers`, the same without the words (`warnings: false`, as a sweep computes them);
 * `path/segments`, explicit segment lists (3 to 6 segments), with the same options as `path`.
 */
export function pathTasks(opts: BenchOptions): BenchTask[] {
  const n = opts.quick ? 100 : 1000;
  const specs: PathSpec[] = [];
  for (let i = 0; i < n; i++) {
    const name = PRESET_NAMES[i % PRESET_NAMES.length]!;
    const plan = PRESETS[name];
    specs.push(planToSpec({ ...plan, hops: (plan.hops + i) % 8, lossFraction: (i % 5) * 1e-6 }));
  }
  // Explicit segment lists (issue 14): uplink, 1 to 4 circuit segments, uplink; varied rates,
  // distances, losses and one per-flow cap.
  const segmented: PathSpec[] = [];
  for (let i = 0; i < n; i++) {
    const base = planToSpec(PRESETS.wan);
    const middle: PathSegment[] = Array.from({ length: 1 + (i % 4) }, (_, j) => ({
      linkBytesPerSec: (10e9 / 8) * (1 + ((i + j) % 3)),
      mtuBytes: 9000,
      distanceKm: 100 + ((i * 37 + j * 11) % 2400),
      delaySec: 0,
      lossFraction: ((i + j) % 5) * 1e-7,
      flowCapBytesPerSec: j === 1 ? 5e9 / 8 : null,
    }));
    const uplink = { ...(base.segments[0] as PathSegment), linkBytesPerSec: 25e9 / 8, distanceKm: 0 };
    segmented.push({ ...base, segments: [uplink, ...middle, uplink] });
  }
  return [
    {
      name: "path",
      size: `${n.toLocaleString("en")} paths`,
      fn: () => {
        for (let i = 0; i < specs.length; i++) consume(computePath(specs[i]!).throughputBytesPerSec);
      },
    },
    {
      // What a sweep computes per distinct path: the numbers, no words (`warnings: false`).
      name: "path/numbers",
      size: `${n.toLocaleString("en")} paths, warnings: false`,
      fn: () => {
        for (let i = 0; i < specs.length; i++)
          consume(computePath(specs[i]!, { warnings: false }).throughputBytesPerSec);
      },
    },
    {
      name: "path/segments",
      size: `${n.toLocaleString("en")} paths of 3 to 6 explicit segments`,
      fn: () => {
        for (let i = 0; i < segmented.length; i++) consume(computePath(segmented[i]!).throughputBytesPerSec);
      },
    },
  ];
}
