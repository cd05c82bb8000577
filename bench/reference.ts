import { PAGE_BYTES } from "../src/units/parse.js";
import type { Scenario } from "../src/model/types.js";
import { makeScenarios } from "./core.js";
import { consume, type BenchOptions, type BenchTask } from "./task.js";

/**
 * `core/reference/constant/POLICY`: the per-core bound the kernel's summary path is measured
 * against, the same scenarios as `core/summary/constant/POLICY` reduced to the multiply-only
 * geometric loop (V_{j+1} = rho V_j until V_j is under the policy's threshold, summing what is
 * sent), with every input precomputed into typed arrays. It decides no policy rule and writes no
 * result: no simulator can do less per scenario. `run.ts` reports the kernel's speed over it as
 * the `ratio` of `core/summary/constant/POLICY`.
 */
function referenceTask(policy: "vmotion" | "qemu" | "xen", n: number): BenchTask {
  const scenarios: Scenario[] = makeScenarios(n, "constant", policy, true);
  const v0 = new Float64Array(n);
  const rho = new Float64Array(n);
  const threshold = new Float64Array(n);
  const wire0 = new Float64Array(n);
  const rate = new Float64Array(n);
  let maxRounds = 1;
  scenarios.forEach((s, i) => {
    const b = s.transport.throughputBytesPerSec;
    const m = s.vm.memoryBytes;
    const d = s.dirty.kind === "constant" ? s.dirty.rateBytesPerSec : 0;
    const zero = m * s.vm.zeroPageFraction;
    wire0[i] = m - zero + (zero / PAGE_BYTES) * s.costs.zeroPageHeaderBytes;
    v0[i] = d * ((wire0[i] as number) / b + s.transport.slowStartSec);
    rho[i] = d / b;
    rate[i] = b;
    const p = s.policy;
    threshold[i] =
      p.kind === "xen"
        ? p.dirtyPagesThreshold * PAGE_BYTES
        : b * (p.kind === "vmotion" ? p.switchoverGoalSec : p.downtimeLimitSec);
    maxRounds = p.maxRounds;
  });
  return {
    name: `core/reference/constant/${policy}`,
    size: `${n.toLocaleString("en")} scenarios`,
    scenariosPerCall: n,
    fn: () => {
      for (let i = 0; i < n; i++) {
        let v = v0[i] as number;
        let sent = wire0[i] as number;
        const r = rho[i] as number;
        const g = threshold[i] as number;
        let rounds = 1;
        while (v > g && rounds < maxRounds) {
          sent += v;
          v *= r;
          rounds++;
        }
        consume(sent / (rate[i] as number) + v);
      }
    },
  };
}

export function referenceTasks(opts: BenchOptions): BenchTask[] {
  const n = opts.quick ? 100 : 1000;
  return (["vmotion", "qemu", "xen"] as const).map((p) => referenceTask(p, n));
}

/**
 * Set `ratio` on each `core/summary/constant/POLICY` record (the packed path) and each
 * `core/summary-objects/constant/POLICY` record (`runKernel` on scenario objects): its
 * scenarios/s over the reference loop's, both measured in this run.
 */
export function referenceRatios(
  records: { name: string; scenariosPerSec: number | null; ratio?: number }[],
): void {
  for (const r of records) {
    const m = /^core\/summary(?:-objects)?\/constant\/(\w+)$/.exec(r.name);
    if (m === null) continue;
    const ref = records.find((x) => x.name === `core/reference/constant/${m[1]}`);
    if (ref?.scenariosPerSec && r.scenariosPerSec) r.ratio = r.scenariosPerSec / ref.scenariosPerSec;
  }
}

/**
 * `tasks` with each `core/reference/constant/POLICY` moved to right after
 * `core/summary/constant/POLICY`, so that the two figures of a ratio are measured seconds apart
 * (on a shared machine the load moves within a run; the core tasks alone take ~40 s).
 */
export function referencesBesideSubjects(tasks: readonly BenchTask[]): BenchTask[] {
  const refs = new Map(
    tasks.filter((t) => t.name.startsWith("core/reference/constant/")).map((t) => [t.name, t]),
  );
  const out: BenchTask[] = [];
  for (const t of tasks) {
    if (t.name.startsWith("core/reference/constant/")) continue;
    out.push(t);
    const m = /^core\/summary\/constant\/(\w+)$/.exec(t.name);
    const ref = m === null ? undefined : refs.get(`core/reference/constant/${m[1]}`);
    if (ref !== undefined) {
      out.push(ref);
      refs.delete(ref.name);
    }
  }
  return [...out, ...refs.values()];
}
