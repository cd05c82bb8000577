import { iterateLanes } from "./iterate-lanes.js";
import { K_QEMU, K_XEN } from "./rules.js";
import { runKernel, summaryWithoutIterations, type Summary } from "./simulate.js";
import type { Scenario } from "./types.js";

let qemuRows = new Int32Array(256);
let xenRows = new Int32Array(256);

/**
 * The summary path over a batch: `out[i]` gets what `runKernel(scenarios[i], out[i], null)` gives,
 * for every i < n, each field the same double (`out[0..n-1]` distinct summaries; the rest of
 * `out` untouched). The entry point for callers that simulate many scenarios at once (sweep
 * workers, the packed path's iterating rows).
 *
 * Each scenario is routed as `runKernel` routes it: a network failure or the closed form
 * completes at once (`summaryWithoutIterations`); QEMU and Xen scenarios that iterate are
 * grouped by policy and iterated in lanes (iterate-lanes.ts: several scenarios' rounds
 * interleaved, so that the out-of-order core overlaps their serial chains), then completed
 * (`finishSummary`). vMotion scenarios run one by one through `runKernel`.
 */
export function runKernelBatch(scenarios: readonly Scenario[], n: number, out: readonly Summary[]): void {
  if (n > scenarios.length || n > out.length)
    throw new RangeError(
      `runKernelBatch: ${n} scenarios asked, ${scenarios.length} given, ${out.length} summaries`,
    );
  if (qemuRows.length < n) {
    qemuRows = new Int32Array(n);
    xenRows = new Int32Array(n);
  }
  let nq = 0;
  let nx = 0;
  for (let i = 0; i < n; i++) {
    const s = scenarios[i] as Scenario;
    const o = out[i] as Summary;
    const kind = s.policy.kind;
    if (kind === "vmotion") runKernel(s, o, null);
    else if (!summaryWithoutIterations(s, o)) {
      if (kind === "qemu") qemuRows[nq++] = i;
      else xenRows[nx++] = i;
    }
  }
  iterateLanes(scenarios, qemuRows.subarray(0, nq), out, K_QEMU);
  iterateLanes(scenarios, xenRows.subarray(0, nx), out, K_XEN);
}
