import { PAGE_BYTES } from "../units/parse.js";
import { migrationRate } from "./closed-form.js";
import { dirtiedAt } from "./dirty/evaluator.js";
import {
  K_QEMU,
  K_VMOTION,
  O_CONVERGED,
  O_DATA_CAP,
  O_MAX_ROUNDS,
  O_NOT_CONVERGING,
  O_THROTTLED,
  SDPS_GAIN,
  STOP,
  sdpsThrottle,
} from "./rules.js";
import type { Summary } from "./simulate.js";
import type { Scenario } from "./types.js";

// The stop codes as numbers. A read of STOP.x in a branch that had not yet run when the loop was
// optimised (the first scenario to reach the round cap, say) deoptimises the function in the
// middle of its loop, and V8 may then leave it for good in on-stack-replacement code entered
// from an unoptimised prologue at every call (the QEMU bench task at 0.23 M/s instead of 0.36).
const S_GOAL: number = STOP.goal;
const S_FEW_PAGES: number = STOP.fewPages;
const S_MAX_ROUNDS: number = STOP.maxRounds;
const S_DATA_CAP: number = STOP.dataCap;
const S_NO_PROGRESS: number = STOP.noProgress;
const S_STALLED: number = STOP.stalled;
const S_ROUND_CAP: number = STOP.roundCapNoSwitch;

/**
 * `runKernel`'s iterations on the summary path (no trace, no throttle timeline): the same
 * iterations, the same stop rules (`PrecopyRules`, rules.ts: the specification) and every result
 * the same double, in one loop per policy that holds the policy's knobs, U(t)'s parameters and
 * the throttle in locals. Into `out.precopy` (iterations, bytes sent, pre-copy time, the last
 * remainder and the outcome before the stun's check, as the closed form leaves them) and `out`
 * (stop, the last iteration, the throttle and the guest time lost).
 *
 * Why a second loop: the general loop (simulate.ts, which also records traces) goes through
 * `PrecopyRules.afterIteration` every iteration, storing seven numbers into fields and reading
 * them back to decide, branching on the policy and on iteration 0 each time. Each iteration is a
 * serial chain (the remainder sets the round's time, which sets U(t), an `expm1`, which sets the
 * next remainder), so this loop keeps the chain as short as the model allows and everything else
 * off it:
 * - iteration 0 is computed before the loop (its zero pages, slow start and SDPS polls, through
 *   `PrecopyRules` as in the general loop) and every later round's inputs at the end of the one
 *   before, so the loop has no iteration-0 branch;
 * - the transmit-to-dirty ratio is only computed where a rule reads it (SDPS off and `always`)
 *   and once after the loop; the downtime goal in bytes (rate x goal) once per scenario;
 * - a zero throttle leaves the round's wall time as its guest time (d x (1 - 0) is d), and without
 *   per-round sync costs (all but QEMU) the round's time is its bytes over the rate (x + 0 is x):
 *   one multiplication and one addition fewer on the chain, the same doubles.
 * test/model/iterate.test.ts holds it equal to the general loop, tolerance 0.
 */
export function iterateSummary(s: Scenario, out: Summary): void {
  const rules = out.rules.reset(s);
  const rate = migrationRate(s);
  rules.startThrottle(s, rate);
  const vm = s.vm;
  const costs = s.costs;
  const memory = vm.memoryBytes;
  const zeroBytes = memory * vm.zeroPageFraction;
  const ev = rules.dirty;
  const dKind = ev.kind;
  const dRate = ev.rateBytesPerSec;
  const wss = ev.wssBytes;
  const coldRate = ev.coldRateBytesPerSec;
  const coldBytes = ev.coldBytes;
  const model = ev.model;
  const syncFixed = costs.roundSyncSecPerByte * memory;
  const syncPerPage = costs.roundSyncSecPerDirtyPage;
  // 0 x (remaining / page) is 0 for a finite remainder (U is capped at memory).
  const noSync = syncFixed === 0 && syncPerPage === 0 && memory < Infinity;
  const maxRounds = rules.maxRounds;

  // Iteration 0, as the general loop computes it.
  let wire = memory - zeroBytes + (zeroBytes / PAGE_BYTES) * costs.zeroPageHeaderBytes;
  let duration = wire / rate + (s.transport.slowStartSec + zeroBytes / costs.zeroScanBytesPerSec);
  let iterThrottle = rules.throttle; // the throttle as the iteration starts
  let guest = rules.iteration0GuestSec(rate, duration, null, 0);
  let throttle = rules.throttle;
  let maxThrottle = rules.maxThrottle;
  let remaining = memory;
  let dirtied = 0;
  let sent = 0;
  let precopy = 0;
  let lost = 0;
  let i = 0;
  let stop = S_MAX_ROUNDS;
  let outcome = O_MAX_ROUNDS;

  if (rules.kind === K_VMOTION) {
    const goalBytes = rate * rules.goalSec;
    const mode = rules.sdpsMode;
    const minProgress = rules.minProgress;
    const target = rules.sdpsTarget;
    for (;;) {
      dirtied = dirtiedAt(dKind, dRate, wss, coldRate, coldBytes, memory, model, guest);
      lost += duration - guest;
      sent += wire;
      precopy += duration;
      i++;
      if (dirtied <= goalBytes) {
        stop = S_GOAL;
        outcome = maxThrottle > 0 ? O_THROTTLED : O_CONVERGED;
        break;
      }
      if (mode === 0) {
        const ratio = dirtied > 0 ? remaining / dirtied : Infinity;
        if (ratio < minProgress) {
          stop = S_NO_PROGRESS;
          outcome = O_NOT_CONVERGING;
          break;
        }
      } else if (mode === 1) {
        // PrecopyRules.sdpsPoll with the raw rate this iteration observed.
        const observedRaw = dirtied / guest;
        if (observedRaw > 0) {
          const f = sdpsThrottle(rate / observedRaw, minProgress, target, SDPS_GAIN);
          if (f > throttle) throttle = f;
          if (throttle > maxThrottle) maxThrottle = throttle;
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
        outcome = O_NOT_CONVERGING;
        break;
      }
      remaining = dirtied;
      wire = remaining;
      duration = noSync ? wire / rate : wire / rate + (syncFixed + syncPerPage * (remaining / PAGE_BYTES));
      iterThrottle = throttle;
      guest = throttle === 0 ? duration : duration * (1 - throttle);
    }
  } else if (rules.kind === K_QEMU) {
    const goalBytes = rate * rules.goalSec;
    const autoConverge = rules.autoConverge;
    const acInitial = rules.acInitial;
    const acIncrement = rules.acIncrement;
    const acMax = rules.acMax;
    let acHighCount = 0;
    for (;;) {
      dirtied = dirtiedAt(dKind, dRate, wss, coldRate, coldBytes, memory, model, guest);
      lost += duration - guest;
      sent += wire;
      precopy += duration;
      i++;
      if (dirtied <= goalBytes) {
        stop = S_GOAL;
        outcome = maxThrottle > 0 ? O_THROTTLED : O_CONVERGED;
        break;
      }
      if (!autoConverge) {
        if (dirtied >= remaining) {
          stop = S_STALLED;
          outcome = O_NOT_CONVERGING;
          break;
        }
      } else {
        const th = throttle;
        if (dirtied > 0.5 * wire && ++acHighCount >= 2) {
          acHighCount = 0;
          const next = th === 0 ? acInitial : th + acIncrement;
          throttle = next < acMax ? next : acMax;
          if (throttle > maxThrottle) maxThrottle = throttle;
        } else if (dirtied >= remaining && th >= acMax) {
          stop = S_STALLED;
          outcome = O_NOT_CONVERGING;
          break;
        }
      }
      if (i >= maxRounds) {
        stop = S_ROUND_CAP;
        outcome = O_NOT_CONVERGING;
        break;
      }
      remaining = dirtied;
      wire = remaining;
      duration = noSync ? wire / rate : wire / rate + (syncFixed + syncPerPage * (remaining / PAGE_BYTES));
      iterThrottle = throttle;
      guest = throttle === 0 ? duration : duration * (1 - throttle);
    }
  } else {
    // Xen: never throttles.
    const fewPagesBytes = rules.fewPagesBytes;
    const dataCap = rules.dataCap;
    for (;;) {
      dirtied = dirtiedAt(dKind, dRate, wss, coldRate, coldBytes, memory, model, guest);
      lost += duration - guest;
      sent += wire;
      precopy += duration;
      i++;
      if (dirtied < fewPagesBytes) {
        stop = S_FEW_PAGES;
        outcome = O_CONVERGED;
        break;
      }
      if (i >= maxRounds) {
        stop = S_MAX_ROUNDS;
        outcome = O_MAX_ROUNDS;
        break;
      }
      if (sent > dataCap) {
        stop = S_DATA_CAP;
        outcome = O_DATA_CAP;
        break;
      }
      remaining = dirtied;
      wire = remaining;
      duration = noSync ? wire / rate : wire / rate + (syncFixed + syncPerPage * (remaining / PAGE_BYTES));
      iterThrottle = throttle;
      guest = throttle === 0 ? duration : duration * (1 - throttle);
    }
  }

  const ratio = dirtied > 0 ? remaining / dirtied : Infinity;
  const pre = out.precopy;
  pre.outcome = outcome;
  pre.iterations = i;
  pre.precopyTimeSec = precopy;
  pre.sentBytes = sent;
  pre.dirtiedBytes = dirtied;
  out.stop = stop;
  out.lastRatio = ratio === Infinity ? 0 : ratio;
  out.lastSentBytes = remaining;
  out.lastIterationSec = duration;
  out.lastThrottle = duration > 0 ? 1 - guest / duration : iterThrottle;
  out.guestSlowdown = maxThrottle;
  out.guestCpuLostSec = lost;
}
