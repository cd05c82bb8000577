import { iterateLanes } from "./iterate-lanes.js";
import { K_QEMU, K_XEN } from "./rules.js";
import { lanePrologue, runKernel, type Summary } from "./simulate.js";
import type { Scenario } from "./types.js";

let laneRows = new Int32Array(256);
let qemuRows = new Int32Array(256);
let xenRows = new Int32Array(256);

/**
 * The summary path over a batch: `out[i]` gets what `runKernel(scenarios[i], out[i], null)` gives,
 * for every i < n, each field the same double (`out[0..n-1]` distinct summaries; the rest of
 * `out` untouched). The entry point for callers that simulate many scenarios at once (sweep
 * workers, the packed path's iterating rows).
 *
 * QEMU and Xen scenarios with a uniform or sequential working set (`lanesMayTake`) are grouped by
 * policy (a network failure completes at once, `lanePrologue`) and iterated in lanes
 * (iterate-lanes.ts: several scenarios' rounds interleaved, so that the out-of-order core
 * overlaps their serial chains), then completed (`finishSummary`); every other scenario runs
 * through `runKernel` (see {@link lanesMayTake}).
 */
export function runKernelBatch(scenarios: readonly Scenario[], n: number, out: readonly Summary[]): void {
  if (n > scenarios.length || n > out.length)
    throw new RangeError(
      `runKernelBatch: ${n} scenarios asked, ${scenarios.length} given, ${out.length} summaries`,
    );
  if (laneRows.length < n) {
    laneRows = new Int32Array(n);
    qemuRows = new Int32Array(n);
    xenRows = new Int32Array(n);
  }
  // This loop as small as the one-by-one loop it replaced: with the lanes' routing in it, the
  // WAN grid's vMotion rows (none of which the lanes take) cost ~10 % more.
  let nl = 0;
  for (let i = 0; i < n; i++) {
    const s = scenarios[i] as Scenario;
    if (lanesMayTake(s)) laneRows[nl++] = i;
    else runKernel(s, out[i] as Summary, null);
  }
  if (nl > 0) inLanes(scenarios, nl, out);
}

/** The first `count` rows of `laneRows`: completed at once, or grouped by policy and iterated in lanes. */
function inLanes(scenarios: readonly Scenario[], count: number, out: readonly Summary[]): void {
  const rows = laneRows;
  let nq = 0;
  let nx = 0;
  for (let k = 0; k < count; k++) {
    const i = rows[k] as number;
    const s = scenarios[i] as Scenario;
    if (!lanePrologue(s, out[i] as Summary)) {
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
