import { PAGE_BYTES } from "../units/parse.js";
import { O_CONVERGED, O_DATA_CAP, O_MAX_ROUNDS, O_NOT_CONVERGING, STOP } from "./rules.js";
import type { Scenario } from "./types.js";

/**
 * Closed-form pre-copy for the geometric case (model.md sections 1-3): constant dirty rate D
 * below the throughput B, dirtying that never reaches all of memory, and no throttling (SDPS or
 * auto-converge never engages). There every iteration's dirty remainder follows
 *
 *   V_0 = D t_0 (t_0 = iteration 0's wire bytes / B + slow start),  V_j = V_0 rho^j, rho = D / B,
 *
 * (Clark et al. 2005; Akoush et al. 2010), and the bytes resent in iterations 1..j sum to
 * V_0 (1 - rho^j) / (1 - rho) = (V_0 - V_j) / (1 - rho). Each policy's stop rule (`rules.ts`) is
 * then a threshold on V_j or a condition that does not depend on j:
 *
 * - vMotion: switch over at the first V_j <= B x switchover goal; the transmit-to-dirty ratio is
 *   M / V_0 in iteration 0 and 1 / rho after it, so "below the minimum progress" is decided once
 *   (SDPS off: give up there; SDPS dynamic: it would throttle, so no closed form);
 * - QEMU: the downtime-limit threshold; with rho < 1 nothing stalls, and with rho < 0.5
 *   auto-converge never sees two "dirtied > 50 % of sent" periods;
 * - Xen: the first V_j under the few-pages threshold, the round cap, or the data cap on the
 *   running sum.
 *
 * The stop index is found by a multiply-only search (V_{j+1} = rho V_j; pre-copy converges in a
 * handful of rounds, where two logarithms and a power cost more than the search). Wherever a
 * decision lies within {@link MARGIN} (relative) of its threshold, the kernel's rounding could
 * decide it the other way: the closed form declines and the iterative kernel runs. So the closed
 * form equals the iterative kernel to rounding (tested to 1e-12 relative, test/model/closed-form).
 */

/** Relative distance from a threshold inside which the closed form defers to the iterative kernel. */
export const MARGIN = 1e-9;

/** rho above this: 1 - rho loses digits in the series' sum, and the iterative kernel runs. */
export const RHO_MAX = 0.99;

/** What the closed form computes: the same quantities `runKernel`'s loop leaves behind. */
export class Precopy {
  // Number fields that hold fractions start as -0, a double: a field that first holds the small
  // integer 0 is widened to a double field when the first fraction is stored, which changes the
  // object's map and deoptimises every optimised function that relied on the old one (in one
  // process of ~40 the vMotion kernel then stayed in on-stack-replacement code, 3.4x slower).
  // See PrecopyRules (rules.ts); written before they are read.
  stop = 0;
  /** The outcome before the stun's length is checked (an OUTCOMES index). */
  outcome = 0;
  iterations = 0;
  precopyTimeSec = -0;
  /** Bytes on the wire during pre-copy (iterations 0..n-1). */
  sentBytes = -0;
  /** Distinct bytes dirtied in the last iteration: the switchover remainder. */
  dirtiedBytes = -0;
  /** Transmit-to-dirty ratio of the last iteration (0 when nothing was dirtied). */
  lastRatio = -0;
  /** Logical bytes the last iteration sent, and its wall time. */
  lastSentBytes = -0;
  lastIterationSec = -0;
}

/** The rate pre-copy sends at: the scenario's throughput, or QEMU's max-bandwidth when lower. */
export function migrationRate(s: Scenario): number {
  const p = s.policy;
  const rate = s.transport.throughputBytesPerSec;
  return p.kind === "qemu" && p.maxBandwidthBytesPerSec > 0 && p.maxBandwidthBytesPerSec < rate
    ? p.maxBandwidthBytesPerSec
    : rate;
}

/**
 * Pre-copy of `s` at its {@link migrationRate} in closed form, into `out`; false (and `out` unspecified)
 * when the scenario is outside the geometric case or a decision is too close to call.
 */
export function closedFormPrecopy(s: Scenario, out: Precopy): boolean {
  const model = s.dirty;
  if (model.kind !== "constant") return false;
  const rate = migrationRate(s);
  const perRate = 1 / rate; // one division, then products (within an ulp of the kernel's quotients)
  const d = model.rateBytesPerSec;
  const rho = d * perRate;
  if (!(rho >= 0 && rho <= RHO_MAX)) return false;
  // Per-round costs between rounds (QEMU's bitmap sync) break the series: iterate instead.
  if (s.costs.roundSyncSecPerByte > 0 || s.costs.roundSyncSecPerDirtyPage > 0) return false;
  const memory = s.vm.memoryBytes;
  const zeroBytes = memory * s.vm.zeroPageFraction;
  const wire0 = memory - zeroBytes + (zeroBytes / PAGE_BYTES) * s.costs.zeroPageHeaderBytes;
  const t0 = wire0 * perRate + s.transport.slowStartSec + zeroBytes / s.costs.zeroScanBytesPerSec;
  const v0 = d * t0;
  if (!(v0 < memory * (1 - MARGIN))) return false;
  const p = s.policy;
  const maxRounds = p.maxRounds;
  if (!(maxRounds >= 1)) return false;

  let j = 0; // 0-based index of the iteration pre-copy stops after
  let v = v0; // V_j
  let prev = memory; // logical bytes iteration j sent (M, then V_{j-1})
  let stop: number;
  let outcome: number;
  if (p.kind === "xen") {
    const few = p.dirtyPagesThreshold * PAGE_BYTES;
    const cap = p.dataCapFactor * memory;
    // Clear of both thresholds (the rules in their order: few pages, round cap, data cap):
    // keep going. The margins' products once, outside the loop.
    const fewHi = few * (1 + MARGIN);
    const capLo = cap * (1 - MARGIN);
    let sent = wire0;
    while (v >= fewHi && j + 1 < maxRounds && sent <= capLo) {
      sent += v;
      prev = v;
      v *= rho;
      j++;
    }
    if (v < fewHi) {
      if (!(v < few * (1 - MARGIN))) return false;
      stop = STOP.fewPages;
      outcome = O_CONVERGED;
    } else if (j + 1 >= maxRounds) {
      stop = STOP.maxRounds;
      outcome = O_MAX_ROUNDS;
    } else {
      if (!(sent > cap * (1 + MARGIN))) return false;
      stop = STOP.dataCap;
      outcome = O_DATA_CAP;
    }
  } else {
    const goal = rate * (p.kind === "vmotion" ? p.switchoverGoalSec : p.downtimeLimitSec);
    // The last index the search may reach: the round cap, or the first iteration whose
    // transmit-to-dirty ratio is below vMotion's minimum (M / V_0 in iteration 0, 1 / rho after:
    // decided once, in products rather than quotients).
    let last = maxRounds - 1;
    let lastStop: number = STOP.roundCapNoSwitch;
    if (p.kind === "vmotion") {
      if (p.sdps === "always") {
        // Throttles from the start (or later) exactly when D exceeds B / target.
        if (!(d * p.sdpsTargetRatio <= rate * (1 - MARGIN))) return false;
      } else {
        const min = p.minProgressRatio;
        const gap0 = memory - min * v0; // < 0: iteration 0 is below the minimum
        const gap1 = 1 - min * rho; // < 0: every later iteration is
        if (Math.abs(gap0) <= MARGIN * memory || Math.abs(gap1) <= MARGIN) return false;
        const firstBelow = gap0 < 0 ? 0 : gap1 < 0 ? 1 : last + 1;
        if (firstBelow <= last) {
          // Unless the goal is met first: SDPS off gives up there; dynamic throttles there
          // (not this case, see below).
          last = firstBelow;
          lastStop = STOP.noProgress;
        }
      }
    } else if (p.autoConverge && !(rho < 0.5 * (1 - MARGIN))) return false;
    // Multiply-only search for the first V_j <= goal, j <= last.
    const goalHi = goal * (1 + MARGIN);
    while (v > goalHi && j < last) {
      prev = v;
      v *= rho;
      j++;
    }
    if (v <= goal * (1 - MARGIN)) {
      stop = STOP.goal;
      outcome = O_CONVERGED;
    } else if (v > goalHi) {
      if (lastStop === STOP.noProgress && p.kind === "vmotion" && p.sdps === "dynamic") return false;
      stop = lastStop;
      outcome = O_NOT_CONVERGING;
    } else return false;
  }
  // Iterations 1..j resent V_0..V_{j-1}: (V_0 - V_j) / (1 - rho) bytes, at B.
  const resent = j === 0 ? 0 : (v0 - v) / (1 - rho);
  out.stop = stop;
  out.outcome = outcome;
  out.iterations = j + 1;
  out.sentBytes = wire0 + resent;
  out.precopyTimeSec = t0 + resent * perRate;
  out.dirtiedBytes = v;
  out.lastRatio = v > 0 ? prev / v : 0;
  out.lastSentBytes = prev;
  out.lastIterationSec = j === 0 ? t0 : prev * perRate;
  return true;
}
