import { PAGE_BYTES } from "../units/parse.js";
import { initialDirtyRate } from "./dirty/dirtied.js";
import { DirtyEvaluator, dirtiedAt } from "./dirty/evaluator.js";
import {
  O_CONVERGED,
  O_MAX_ROUNDS,
  O_NOT_CONVERGING,
  O_THROTTLED,
  O_TIMEOUT,
  PrecopyRules,
  SDPS_BOUND_MARGIN,
  SDPS_GAIN,
  STOP,
  sdpsThrottle,
  unthrottledIteration0IsWall,
} from "./rules.js";
import type { Summary } from "./simulate.js";
import type { Scenario, VmotionPolicy } from "./types.js";

// Module numbers, not imported bindings: an imported binding is loaded from its module cell and
// checked at every use (in the loop: every round), and a property read first taken late
// deoptimises the loop (iterate.ts).
const S_GOAL: number = STOP.goal;
const S_MAX_ROUNDS: number = STOP.maxRounds;
const S_NO_PROGRESS: number = STOP.noProgress;
const S_ROUND_CAP: number = STOP.roundCapNoSwitch;
const OC_CONVERGED: number = O_CONVERGED;
const OC_THROTTLED: number = O_THROTTLED;
const OC_MAX_ROUNDS: number = O_MAX_ROUNDS;
const OC_NOT_CONVERGING: number = O_NOT_CONVERGING;
const OC_TIMEOUT: number = O_TIMEOUT;
const PAGE: number = PAGE_BYTES;
const uAt = dirtiedAt;

/**
 * Scratch, one for all scenarios and warm in cache (a summary's own `rules` is a few hundred bytes
 * that a batch of 128 summaries leaves cold): U(t)'s formula decided per scenario, and the rules
 * for the polls of an iteration 0 that SDPS may throttle.
 */
const EV = new DirtyEvaluator();
const POLLS = new PrecopyRules();

/**
 * `runKernel`'s summary path for a vMotion scenario outside the closed form (no trace, no throttle
 * timeline; `rate` = migrationRate(s), `out.bindingCap` set): the whole summary into `out`, every
 * field the same double as the general loop of simulate.ts gives (the specification: PrecopyRules'
 * stop rules and SDPS polls, then the stun), in one function with every number in locals.
 *
 * Why one function for the whole scenario: the WAN bench grid's vMotion rows iterate 4.2 rounds,
 * so much of a row's cost was per scenario: `PrecopyRules.reset` (~25 fields), `start`'s copy of
 * iteration 0 into LoopStart, the loop's results into `out.precopy` and back, each a boxed double
 * (V8 stores a double field as a pointer to a heap number: two memory accesses) in a summary's
 * objects that a batch of 128 leaves cold in cache. Here the scenario's numbers are read once
 * and `out` is written once (runKernelBatch over every 10th row of the 2 M WAN grid, CPU time:
 * 306-331 -> 278-307 ns a row with the skips below). The stun is a copy of runKernel's end (as
 * `finishSummary` is, for the lanes): split into calls, runKernel cost ~10 % more a WAN row.
 * It also skips, exactly, what no rule reads:
 * - SDPS `dynamic` whose law asks nothing at U's rate bound (`quiet`: transmit at least 1.3x
 *   the guest's write rate, 70 % of the WAN grid's rows) raises the throttle at no poll and no
 *   iteration (every observed raw rate is at most the bound; see PrecopyRules.pollIteration0):
 *   iteration 0's guest time is its wall time (`unthrottledIteration0IsWall`) and the rounds
 *   compute no SDPS law;
 * - the polls of the other SDPS rows run through PrecopyRules (`POLLS`), the specification.
 *
 * Held equal to the general loop (test/model/iterate.test.ts, kernel-batch.test.ts: every Summary
 * field, tolerance 0).
 */
export function vmotionSummary(s: Scenario, out: Summary, rate: number): void {
  const p = s.policy as VmotionPolicy;
  const vm = s.vm;
  const costs = s.costs;
  const transport = s.transport;
  const ev = EV.resetFor(s);
  const memory = vm.memoryBytes;
  const dKind = ev.kind;
  const dRate = ev.rateBytesPerSec;
  const wss = ev.wssBytes;
  const coldRate = ev.coldRateBytesPerSec;
  const coldBytes = ev.coldBytes;
  const model = ev.model;
  const mode = p.sdps === "off" ? 0 : p.sdps === "dynamic" ? 1 : 2;
  const target = p.sdpsTargetRatio;
  const minProgress = p.minProgressRatio;
  const gain = +SDPS_GAIN;
  let throttle = 0;
  let maxThrottle = 0;
  if (mode === 2) {
    // PrecopyRules.startThrottle: `always` steers the raw write rate from the start.
    const raw = initialDirtyRate(s.dirty);
    const allowed = rate / target;
    if (raw > allowed) throttle = 1 - allowed / raw;
    if (throttle > maxThrottle) maxThrottle = throttle;
  }
  // Iteration 0 as iterate.ts `start` computes it: zero pages as headers, their scan, slow start.
  const zeroBytes = memory * vm.zeroPageFraction;
  const syncFixed = costs.roundSyncSecPerByte * memory;
  const syncPerPage = costs.roundSyncSecPerDirtyPage;
  // 0 x (remaining / page) is 0 for a finite remainder (U is capped at memory).
  const noSync = syncFixed === 0 && syncPerPage === 0 && memory < Infinity;
  let wire = memory - zeroBytes + (zeroBytes / PAGE) * costs.zeroPageHeaderBytes;
  let duration = wire / rate + (transport.slowStartSec + zeroBytes / costs.zeroScanBytesPerSec);
  const iterThrottle0 = throttle;
  const delay = p.sdpsDynamicDelaySec;
  const quiet =
    mode === 1 &&
    sdpsThrottle(rate / (ev.rateBoundBytesPerSec * (1 + SDPS_BOUND_MARGIN)), minProgress, target, gain) <= 0;
  let guest: number;
  if (!(mode === 1 && delay > 0) || duration <= delay) guest = duration * (1 - throttle);
  else {
    // pollIteration0 without a poll and without a throttle: its steps add up to the wall time.
    if (quiet && unthrottledIteration0IsWall(delay, duration)) guest = duration;
    else {
      const r = POLLS.reset(s);
      r.iteration0Sec = duration;
      r.iteration0();
      guest = r.guest0Sec;
      throttle = r.throttle;
      maxThrottle = r.maxThrottle;
    }
  }
  // The rounds: iterate.ts's loop, PrecopyRules' rules for vMotion (sdpsStops), U inline.
  const maxRounds = p.maxRounds;
  let iterThrottle = iterThrottle0;
  let remaining = memory;
  let dirtied = 0;
  let sent = 0;
  let precopy = 0;
  let lost = 0;
  let i = 0;
  let stop = S_MAX_ROUNDS;
  let outcome = OC_MAX_ROUNDS;
  const goalBytes = rate * p.switchoverGoalSec;
  for (;;) {
    dirtied = uAt(dKind, dRate, wss, coldRate, coldBytes, memory, model, guest);
    lost += duration - guest;
    sent += wire;
    precopy += duration;
    i++;
    if (dirtied <= goalBytes) {
      stop = S_GOAL;
      outcome = maxThrottle > 0 ? OC_THROTTLED : OC_CONVERGED;
      break;
    }
    if (mode === 0) {
      const ratio = dirtied > 0 ? remaining / dirtied : Infinity;
      if (ratio < minProgress) {
        stop = S_NO_PROGRESS;
        outcome = OC_NOT_CONVERGING;
        break;
      }
    } else if (mode === 1) {
      // PrecopyRules.sdpsPoll with the raw rate this iteration observed (never a raise when quiet).
      if (!quiet) {
        const observedRaw = dirtied / guest;
        if (observedRaw > 0) {
          const f = sdpsThrottle(rate / observedRaw, minProgress, target, gain);
          if (f > throttle) throttle = f;
          if (throttle > maxThrottle) maxThrottle = throttle;
        }
      }
    } else {
      const observedRaw = dirtied / guest;
      const ratio = dirtied > 0 ? remaining / dirtied : Infinity;
      if (ratio < target) {
        const next = 1 - rate / target / observedRaw;
        if (next > throttle) throttle = next;
        if (throttle > maxThrottle) maxThrottle = throttle;
      }
    }
    if (i >= maxRounds) {
      stop = S_ROUND_CAP;
      outcome = OC_NOT_CONVERGING;
      break;
    }
    remaining = dirtied;
    wire = remaining;
    duration = noSync ? wire / rate : wire / rate + (syncFixed + syncPerPage * (remaining / PAGE));
    iterThrottle = throttle;
    guest = throttle === 0 ? duration : duration * (1 - throttle);
  }
  // iterate.ts `finish`, then the end of runKernel: the stun (model.md section 1.5) and the totals.
  const ratio = dirtied > 0 ? remaining / dirtied : Infinity;
  const setup = costs.traceSetupSec;
  out.stop = stop;
  out.lastRatio = ratio === Infinity ? 0 : ratio;
  out.lastSentBytes = remaining;
  out.lastIterationSec = duration;
  out.lastThrottle = duration > 0 ? 1 - guest / duration : iterThrottle;
  out.guestSlowdown = maxThrottle;
  out.guestCpuLostSec = lost;
  out.iterations = i;
  out.setupSec = setup;
  out.precopyTimeSec = precopy;
  out.switchoverBytes = dirtied;
  out.throughputBytesPerSec = rate;
  if (outcome === OC_NOT_CONVERGING) {
    out.outcome = OC_NOT_CONVERGING;
    out.downtimeSec = 0;
    out.transferredBytes = sent;
    out.totalTimeSec = setup + precopy;
    return;
  }
  const rtt = transport.rttSec;
  const downtime =
    (dirtied + vm.checkpointBytes) / rate +
    rtt / 2 +
    costs.handshakeRtts * rtt +
    costs.fixedSwitchoverSec +
    costs.bitmapSyncSecPerByte * memory;
  out.downtimeSec = downtime;
  out.transferredBytes = sent + dirtied + vm.checkpointBytes;
  out.totalTimeSec = setup + precopy + downtime;
  out.outcome = downtime > p.maxSwitchoverSec ? OC_TIMEOUT : outcome;
}
