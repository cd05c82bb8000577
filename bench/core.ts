import { defaultCosts } from "../src/model/costs.js";
import { makeCurve } from "../src/model/dirty/curve.js";
import { QEMU_DEFAULTS, VMOTION_DEFAULTS, XEN_DEFAULTS } from "../src/model/policies/index.js";
import { packScenarios, simulateSummaries, SummaryColumns } from "../src/model/packed.js";
import { runKernelBatch } from "../src/model/kernel-batch.js";
import { KERNEL_CHUNK_ROWS } from "../src/sweep/batch.js";
import { runKernel, simulate, Summary } from "../src/model/simulate.js";
import type { DirtyKind, DirtyModel, Policy, PolicyKind, Scenario } from "../src/model/types.js";
import { consume, type BenchOptions, type BenchTask } from "./task.js";

const GIB = 2 ** 30;

/** A small deterministic generator (LCG) so the inputs are the same on every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function dirtyModel(kind: DirtyKind, rate: number, memoryBytes: number): DirtyModel {
  switch (kind) {
    case "constant":
      return { kind, rateBytesPerSec: rate };
    case "working-set":
      return {
        kind,
        rateBytesPerSec: rate * 2,
        wssBytes: memoryBytes / 8,
        coldRateBytesPerSec: rate / 50,
        pattern: "uniform",
        hotShare: 0.9,
        wssDefault: false,
      };
    case "curve":
      // A concave curve whose 1 s slope is `rate`, flattening like the memcached curve of model.md.
      return makeCurve([1, 10, 60], [rate, rate * 6, rate * 14]);
  }
}

const POLICY: Record<PolicyKind, Policy> = {
  vmotion: VMOTION_DEFAULTS,
  qemu: { ...QEMU_DEFAULTS, maxBandwidthBytesPerSec: 0 },
  xen: XEN_DEFAULTS,
};

/**
 * Typical vMotion scenarios: 4-512 GiB, 10-25 GbE, dirtying 5-70 % of the throughput
 * (converging), or 110-300 % of it (non-converging without throttling).
 */
export function makeScenarios(
  n: number,
  kind: DirtyKind,
  policy: PolicyKind,
  converging: boolean,
  seed = 1,
): Scenario[] {
  const rnd = lcg(seed);
  const out: Scenario[] = [];
  for (let i = 0; i < n; i++) {
    const memoryBytes = (4 + rnd() * 508) * GIB;
    const rate = 1.25e9 * (1 + rnd() * 1.5);
    const dirtyRate = rate * (converging ? 0.05 + rnd() * 0.65 : 1.1 + rnd() * 1.9);
    out.push({
      vm: { memoryBytes, vcpus: 8, zeroPageFraction: 0.1, checkpointBytes: 8 * 2 ** 20 },
      dirty: dirtyModel(kind, dirtyRate, memoryBytes),
      transport: { throughputBytesPerSec: rate, rttSec: 0.0003, slowStartSec: 0, binding: "given" },
      policy: POLICY[policy],
      costs: defaultCosts(memoryBytes, 8),
    });
  }
  return out;
}

export function coreTasks(opts: BenchOptions): BenchTask[] {
  const n = opts.quick ? 100 : 1000;
  const tasks: BenchTask[] = [];
  for (const kind of ["constant", "working-set", "curve"] as const) {
    for (const policy of ["vmotion", "qemu", "xen"] as const) {
      for (const converging of [true, false]) {
        const scenarios = makeScenarios(n, kind, policy, converging);
        const suffix = converging ? "" : "/non-converging";
        const summary = new Summary();
        const objects: BenchTask = {
          name: `core/summary-objects/${kind}/${policy}${suffix}`,
          size: `${n.toLocaleString("en")} scenarios`,
          scenariosPerCall: n,
          fn: () => {
            for (let i = 0; i < scenarios.length; i++) {
              runKernel(scenarios[i] as Scenario, summary, null);
              consume(summary.totalTimeSec);
            }
          },
        };
        if (kind === "constant") {
          // The packed summary path (src/model/packed.ts): scenarios packed once, like the
          // reference's inputs; every result consumed, as the object path's.
          const batch = packScenarios(scenarios);
          const out = new SummaryColumns(n);
          tasks.push({
            name: `core/summary/${kind}/${policy}${suffix}`,
            size: `${n.toLocaleString("en")} scenarios`,
            scenariosPerCall: n,
            fn: () => {
              simulateSummaries(batch, out);
              const total = out.totalTimeSec;
              for (let i = 0; i < n; i++) consume(total[i] as number);
            },
          });
          tasks.push(objects);
          // What a library caller pays once per batch before simulateSummaries.
          if (converging && policy === "vmotion")
            tasks.push({
              name: `core/pack/${kind}/${policy}`,
              size: `${n.toLocaleString("en")} scenarios`,
              scenariosPerCall: n,
              fn: () => {
                for (let i = 0; i < n; i++) batch.set(i, scenarios[i] as Scenario);
                consume(batch.length);
              },
            });
        } else {
          // The batch path sweeps use (src/model/kernel-batch.ts: QEMU and Xen working sets in
          // lanes), in the sweep's chunks (src/sweep/batch.ts: KERNEL_CHUNK_ROWS rows a call into
          // as many summaries); every result consumed, as the object path's.
          const chunks: Scenario[][] = [];
          for (let from = 0; from < n; from += KERNEL_CHUNK_ROWS)
            chunks.push(scenarios.slice(from, from + KERNEL_CHUNK_ROWS));
          const sums = Array.from({ length: KERNEL_CHUNK_ROWS }, () => new Summary());
          tasks.push({
            name: `core/summary/${kind}/${policy}${suffix}`,
            size: `${n.toLocaleString("en")} scenarios`,
            scenariosPerCall: n,
            fn: () => {
              for (const chunk of chunks) {
                runKernelBatch(chunk, chunk.length, sums);
                for (let j = 0; j < chunk.length; j++) consume((sums[j] as Summary).totalTimeSec);
              }
            },
          });
          tasks.push(objects);
        }
        tasks.push({
          name: `core/traces/${kind}/${policy}${suffix}`,
          size: `${n.toLocaleString("en")} scenarios`,
          scenariosPerCall: n,
          fn: () => {
            for (let i = 0; i < scenarios.length; i++)
              consume(simulate(scenarios[i] as Scenario).iterations.length);
          },
        });
      }
    }
  }
  return tasks;
}
