import { PHASE_DONE, PrecopyStepper } from "../model/stepper.js";
import type { Outcome, Scenario } from "../model/types.js";
import { OUTCOMES, switchedOver } from "../model/types.js";

/**
 * Host or site evacuation as an event-driven simulation over time (issue 8, model.md section 6).
 *
 * VMs are admitted in a given order while fewer than `maxConcurrent` migrations run (vCenter's
 * cost limits, `concurrency.ts`); the rest wait in the queue. Every migration is a
 * {@link PrecopyStepper}. Between two events (a phase of some migration ending) the rates are
 * constant: the migrations that are sending share the bottleneck max-min fairly (water-filling):
 * each gets min(its own cap, an equal share of what the capped ones leave), where its own cap is
 * the throughput it would get alone (window, loss, CPU and policy caps). How vMotions share
 * bandwidth is not published; fair sharing is the natural model (model.md section 6). Migrations
 * in setup, slow start or the fixed part of the stun hold their slot but send nothing. A migration
 * that fails (no convergence) frees its slot when it gives up, so it never stalls the others.
 *
 * Invariants (tested): with one VM the result equals `simulate`; the evacuation never ends before
 * total bytes / bottleneck (the sum of rates never exceeds the bottleneck); adding a VM to the end
 * of the order never shortens it.
 *
 * Cost: O(events x concurrency); events ~ VMs x (iterations + 4).
 */

export interface EvacuationVm {
  readonly name: string;
  readonly scenario: Scenario;
  /** Higher starts first under every strategy. */
  readonly priority: number;
}

export interface EvacuationOptions {
  /** Capacity shared by every concurrent migration, bytes per second. */
  readonly bottleneckBytesPerSec: number;
  /** Most migrations running at once (vCenter's cost limits); the rest queue. */
  readonly maxConcurrent: number;
}

/** One VM's migration within the evacuation; times in seconds from the evacuation's start. */
export interface VmTimeline {
  readonly name: string;
  /** Position in the inventory. */
  readonly index: number;
  readonly startSec: number;
  readonly endSec: number;
  readonly iterations: number;
  /** Guest-seen stun; 0 when the migration did not switch over. */
  readonly downtimeSec: number;
  readonly outcome: Outcome;
  /** Largest fraction of guest CPU removed by SDPS / auto-converge. */
  readonly guestSlowdown: number;
  readonly transferredBytes: number;
}

export interface EvacuationResult {
  /** Inventory indices in admission order. */
  readonly order: readonly number[];
  /** One entry per VM, in inventory order. */
  readonly vms: readonly VmTimeline[];
  /** When the last migration ended. */
  readonly totalTimeSec: number;
  /** Most migrations running at once. */
  readonly peakConcurrency: number;
  readonly transferredBytes: number;
  /** transferredBytes / bottleneck: no schedule can finish sooner. */
  readonly lowerBoundSec: number;
  /** Migrations that did not switch over (not-converging, switchover-timeout). */
  readonly failed: number;
  /** Sum of end times: the tie-breaker between orders with equal total time. */
  readonly sumEndSec: number;
  readonly events: number;
}

/**
 * Max-min fair shares of `capacity` among flows with `caps` (water-filling), written into `out`.
 * Example: caps [1, 10, 10], capacity 9 -> [1, 4, 4].
 */
export function fairShares(
  caps: Float64Array,
  count: number,
  capacity: number,
  out: Float64Array,
  idx: Int32Array,
): void {
  for (let k = 0; k < count; k++) idx[k] = k;
  // Insertion sort by cap: count is at most the concurrency limit (8 by default).
  for (let a = 1; a < count; a++) {
    const v = idx[a] as number;
    let b = a - 1;
    while (b >= 0 && (caps[idx[b] as number] as number) > (caps[v] as number)) {
      idx[b + 1] = idx[b] as number;
      b--;
    }
    idx[b + 1] = v;
  }
  let left = capacity;
  for (let k = 0; k < count; k++) {
    const j = idx[k] as number;
    const share = left / (count - k);
    const cap = caps[j] as number;
    const r = cap < share ? cap : share;
    out[j] = r;
    left -= r;
  }
}

/** Simulate the evacuation of `vms` admitted in `order` (inventory indices). */
export function simulateEvacuation(
  vms: readonly EvacuationVm[],
  order: readonly number[],
  opts: EvacuationOptions,
): EvacuationResult {
  const n = order.length;
  const maxC = Math.max(1, Math.floor(opts.maxConcurrent));
  const steppers: PrecopyStepper[] = [];
  const activeVm: number[] = []; // inventory index per active slot
  const start = new Float64Array(vms.length);
  const timelines: (VmTimeline | undefined)[] = new Array<VmTimeline | undefined>(vms.length);
  const caps = new Float64Array(maxC);
  const rates = new Float64Array(maxC);
  const shareOut = new Float64Array(maxC);
  const idx = new Int32Array(maxC);
  const senderSlot = new Int32Array(maxC);
  let t = 0;
  let next = 0;
  let peak = 0;
  let events = 0;
  let transferred = 0;
  let failed = 0;
  let sumEnd = 0;

  const finish = (slot: number): void => {
    const st = steppers[slot] as PrecopyStepper;
    const v = activeVm[slot] as number;
    const outcome = OUTCOMES[st.outcome] as Outcome;
    timelines[v] = {
      name: (vms[v] as EvacuationVm).name,
      index: v,
      startSec: start[v] as number,
      endSec: t,
      iterations: st.iterations,
      downtimeSec: st.downtimeSec,
      outcome,
      guestSlowdown: st.guestSlowdown,
      transferredBytes: st.transferredBytes,
    };
    transferred += st.transferredBytes;
    sumEnd += t;
    if (!switchedOver(outcome)) failed++;
    // Remove the slot by moving the last one into it.
    const last = steppers.length - 1;
    steppers[slot] = steppers[last] as PrecopyStepper;
    activeVm[slot] = activeVm[last] as number;
    steppers.pop();
    activeVm.pop();
  };

  while (next < n || steppers.length > 0) {
    while (steppers.length < maxC && next < n) {
      const v = order[next++] as number;
      start[v] = t;
      const st = new PrecopyStepper((vms[v] as EvacuationVm).scenario);
      steppers.push(st);
      activeVm.push(v);
      // A network that fails the migration (no route, MTU black hole) ends it the moment it starts.
      if (st.phase === PHASE_DONE) finish(steppers.length - 1);
    }
    if (steppers.length > peak) peak = steppers.length;

    // Rates: fair shares of the bottleneck among the migrations that are sending.
    const m = steppers.length;
    let senders = 0;
    for (let s = 0; s < m; s++) {
      rates[s] = 0;
      const st = steppers[s] as PrecopyStepper;
      if (st.sending) {
        caps[senders] = st.capBytesPerSec;
        senderSlot[senders++] = s;
      }
    }
    if (senders > 0) {
      fairShares(caps, senders, opts.bottleneckBytesPerSec, shareOut, idx);
      for (let k = 0; k < senders; k++) rates[senderSlot[k] as number] = shareOut[k] as number;
    }

    // Next event: the earliest phase end.
    let dt = Infinity;
    for (let s = 0; s < m; s++) {
      const d = (steppers[s] as PrecopyStepper).timeToPhaseEnd(rates[s] as number);
      if (d < dt) dt = d;
    }
    if (!(dt < Infinity)) throw new Error("evacuation stalled: no migration can make progress");
    t += dt;
    events++;
    // Phases ending within this resolution of the event are treated as ending at it.
    const eps = 1e-12 * (t > 1 ? t : 1);
    for (let s = 0; s < m; s++) (steppers[s] as PrecopyStepper).advance(dt, rates[s] as number);
    for (let s = m - 1; s >= 0; s--) {
      const st = steppers[s] as PrecopyStepper;
      if (st.timeToPhaseEnd(rates[s] as number) <= eps) {
        st.finishPhase();
        if (st.phase === PHASE_DONE) finish(s);
      }
    }
  }

  const vmsOut = timelines.filter((x): x is VmTimeline => x !== undefined);
  return {
    order: [...order],
    vms: vmsOut,
    totalTimeSec: t,
    peakConcurrency: peak,
    transferredBytes: transferred,
    lowerBoundSec: transferred / opts.bottleneckBytesPerSec,
    failed,
    sumEndSec: sumEnd,
    events,
  };
}
