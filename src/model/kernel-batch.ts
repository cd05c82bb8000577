import { iterateLanes } from "./iterate-lanes.js";
import { K_QEMU, K_XEN } from "./rules.js";
import { runKernel, summaryWithoutIterations, type Summary } from "./simulate.js";
import type { Scenario } from "./types.js";
import { Precopy } from "./closed-form.js";

/** The closed form's scratch for every scenario of a batch (see `summaryWithoutIterations`). */
const PRE = new Precopy();
let qemuRows = new Int32Array(256);
let xenRows = new Int32Array(256);

/**
 * The summary path over a batch: `out[i]` gets what `runKernel(scenarios[i], out[i], null)` gives,
 * for every i < n, each field the same double (`out[0..n-1]` distinct summaries; the rest of
 * `out` untouched). The entry point for callers that simulate many scenarios at once (sweep
 * workers, the packed path's iterating rows).
 *
 * Each scenario is routed as `runKernel` routes it: a network failure or the closed form
 * completes at once (`summaryWithoutIterations`); QEMU and Xen scenarios with a uniform or
 * sequential working set that iterate are grouped by policy and iterated in lanes
 * (iterate-lanes.ts: several scenarios' rounds interleaved, so that the out-of-order core
 * overlaps their serial chains), then completed (`finishSummary`); every other scenario runs
 * through `runKernel` (see {@link lanesMayTake}).
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
    if (!lanesMayTake(s)) runKernel(s, o, null);
    else if (!summaryWithoutIterations(s, o, PRE)) {
      if (s.policy.kind === "qemu") qemuRows[nq++] = i;
      else xenRows[nx++] = i;
    }
  }
  iterateLanes(scenarios, qemuRows, nq, out, K_QEMU);
  iterateLanes(scenarios, xenRows, nx, out, K_XEN);
}

/**
 * True for the scenarios {@link runKernelBatch} iterates in lanes when they iterate: QEMU and Xen
 * with a uniform or sequential working set. The others run through `runKernel` one by one, where
 * the lanes did not pay, measured (CPU time, alternating with the one-by-one path): vMotion
 * iterates a few rounds a scenario (7.3 on the bench's working sets, 2-4 on the WAN grid), where
 * starting and finishing a lane cost more than the overlap saves (1.44-1.84 against 2.0 M/s;
 * 231-244 against 200 ns a row); constant rates outside the closed form stall or hit a cap within
 * a few rounds (3.7 against 4.2 M/s, QEMU); curves, hot-cold and Zipf working sets call
 * `dirtiedBytes`, a call the lanes' larger loop does not inline (QEMU curves 0.41 against 0.58 M/s).
 */
export function lanesMayTake(s: Scenario): boolean {
  const d = s.dirty;
  return (
    s.policy.kind !== "vmotion" &&
    d.kind === "working-set" &&
    (d.pattern === "uniform" || d.pattern === "sequential")
  );
}
