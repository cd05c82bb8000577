import { iterateLanes } from "./iterate-lanes.js";
import { K_QEMU, K_XEN } from "./rules.js";
import { runKernel, summaryWithoutIterations, type Summary } from "./simulate.js";
import type { Scenario } from "./types.js";
import { Precopy } from "./closed-form.js";

/** The closed form's scratch for every scenario of a batch (see `summaryWithoutIterations`). */
const PRE = new Precopy();
let qemuRows = new Int32Array(256);
let xenRows = new Int32Array(256);
let vmotionRows = new Int32Array(256);

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
    vmotionRows = new Int32Array(n);
  }
  let nq = 0;
  let nx = 0;
  let nv = 0;
  for (let i = 0; i < n; i++) {
    const s = scenarios[i] as Scenario;
    const o = out[i] as Summary;
    const kind = s.policy.kind;
    if (kind === "vmotion") vmotionRows[nv++] = i;
    else if (!summaryWithoutIterations(s, o, PRE)) {
      if (kind === "qemu") qemuRows[nq++] = i;
      else xenRows[nx++] = i;
    }
  }
  iterateLanes(scenarios, qemuRows, nq, out, K_QEMU);
  iterateLanes(scenarios, xenRows, nx, out, K_XEN);
  oneByOne(scenarios, vmotionRows, nv, out);
}

/**
 * `runKernel` on `scenarios[rows[k]]` into `out[rows[k]]`, k < count: vMotion, whose scenarios
 * iterate a few rounds each (7.3 on the bench's working sets, 2-4 on the WAN grid), where the
 * lanes' cost per scenario (starting and finishing a lane) outweighed what they overlap.
 */
function oneByOne(
  scenarios: readonly Scenario[],
  rows: Int32Array,
  count: number,
  out: readonly Summary[],
): void {
  for (let k = 0; k < count; k++) {
    const r = rows[k] as number;
    runKernel(scenarios[r] as Scenario, out[r] as Summary, null);
  }
}
