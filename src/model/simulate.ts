import { PAGE_BYTES } from "../units/parse.js";
import { dirtiedBytes, initialDirtyRate } from "./dirty/dirtied.js";
import type { Iteration, MigrationResult, Outcome, Scenario, ThroughputBinding } from "./types.js";
import { OUTCOMES } from "./types.js";

/**
 * The pre-copy kernel (model.md sections 1-3).
 *
 * Iteration 0 sends all memory (zero pages as headers only); iteration i resends the U(T_{i-1})
 * distinct bytes the guest dirtied while iteration i-1 was on the wire, T = bytes / B. After each
 * iteration the policy's stop rule decides: switch over (send the rest and the checkpoint while
 * the VM is stunned), keep copying, throttle the guest (SDPS, auto-converge), or give up.
 *
 * Constant dirty rate D with rho = D / B < 1 and no throttling reproduces the geometric series
 * (Clark et al. 2005; Akoush et al. 2010): V_i = M rho^i, pre-copy time after rounds 0..n =
 * (M / B)(1 - rho^(n+1)) / (1 - rho).
 *
 * Guest-seen stun (model.md section 1.5):
 *   downtime = (R + checkpoint) / B + RTT / 2 + handshakeRtts x RTT + fixed + bitmapSync x M,
 * where R is the dirty remainder when pre-copy stops and RTT / 2 is the last byte's one-way delay.
 *
 * `runKernel` writes into a reusable {@link Summary} and allocates nothing per iteration unless a
 * trace array is given: it is the hot loop of every sweep.
 */

/** Why pre-copy stopped; mapped to words by {@link describeStop}. */
export const STOP = {
  goal: 0, // remaining fits the switchover goal / downtime limit (vMotion, QEMU)
  fewPages: 1, // fewer dirty pages than the threshold (Xen)
  maxRounds: 2, // round cap reached
  dataCap: 3, // total sent exceeded the data cap (Xen)
  noProgress: 4, // transmit-to-dirty below the minimum with no throttle to engage
  stalled: 5, // remaining stopped shrinking and throttling is exhausted or off
  roundCapNoSwitch: 6, // round cap of a policy that never forces switchover (vMotion, QEMU)
} as const;

/** Mutable summary of one run: reused across scenarios so the summary path allocates nothing. */
export class Summary {
  outcome = 0; // index into OUTCOMES
  stop = 0; // a STOP code
  iterations = 0;
  setupSec = 0;
  precopyTimeSec = 0;
  switchoverBytes = 0;
  downtimeSec = 0;
  totalTimeSec = 0;
  transferredBytes = 0;
  throughputBytesPerSec = 0;
  bindingCap = false; // the policy's bandwidth cap bound the throughput
  guestSlowdown = 0;
  lastRatio = 0; // transmit-to-dirty ratio of the last iteration
}

const O_CONVERGED = OUTCOMES.indexOf("converged");
const O_THROTTLED = OUTCOMES.indexOf("converged-throttled");
const O_MAX_ROUNDS = OUTCOMES.indexOf("max-rounds");
const O_DATA_CAP = OUTCOMES.indexOf("data-cap");
const O_NOT_CONVERGING = OUTCOMES.indexOf("not-converging");
const O_TIMEOUT = OUTCOMES.indexOf("switchover-timeout");

/** Run one scenario into `out`; append every iteration to `trace` when given. */
export function runKernel(s: Scenario, out: Summary, trace: Iteration[] | null): void {
  const vm = s.vm;
  const memory = vm.memoryBytes;
  const policy = s.policy;
  const model = s.dirty;
  const costs = s.costs;

  let rate = s.transport.throughputBytesPerSec;
  out.bindingCap = false;
  if (policy.kind === "qemu" && policy.maxBandwidthBytesPerSec > 0 && policy.maxBandwidthBytesPerSec < rate) {
    rate = policy.maxBandwidthBytesPerSec;
    out.bindingCap = true;
  }

  // Stop threshold in bytes, and the policy's knobs, read once.
  let stopBytes: number;
  let maxRounds: number;
  let sdpsMode = 0; // 0 off, 1 dynamic, 2 always
  let sdpsTarget = 1;
  let minProgress = 0;
  let dataCap = Infinity;
  switch (policy.kind) {
    case "vmotion":
      stopBytes = rate * policy.switchoverGoalSec;
      maxRounds = policy.maxRounds;
      sdpsMode = policy.sdps === "off" ? 0 : policy.sdps === "dynamic" ? 1 : 2;
      sdpsTarget = policy.sdpsTargetRatio;
      minProgress = policy.minProgressRatio;
      break;
    case "qemu":
      stopBytes = rate * policy.downtimeLimitSec;
      maxRounds = policy.maxRounds;
      break;
    case "xen":
      stopBytes = policy.dirtyPagesThreshold * PAGE_BYTES;
      maxRounds = policy.maxRounds;
      dataCap = policy.dataCapFactor * memory;
      break;
  }

  // SDPS "always" throttles from the start against the guest's raw write rate.
  let throttle = 0;
  if (sdpsMode === 2) {
    const raw = initialDirtyRate(model);
    const allowed = rate / sdpsTarget;
    if (raw > allowed) throttle = 1 - allowed / raw;
  }
  let maxThrottle = throttle;
  let acHighCount = 0;

  const zeroBytes = memory * vm.zeroPageFraction;
  let remaining = memory; // logical bytes to send in this iteration
  let sent = 0;
  let precopy = 0;
  let i = 0;
  let stop: number = STOP.maxRounds;
  let outcome = O_MAX_ROUNDS;
  let dirtied = 0;
  let ratio = 0;

  for (;;) {
    const wire =
      i === 0 ? memory - zeroBytes + (zeroBytes / PAGE_BYTES) * costs.zeroPageHeaderBytes : remaining;
    const duration = wire / rate + (i === 0 ? s.transport.slowStartSec : 0);
    dirtied = dirtiedBytes(model, memory, duration * (1 - throttle));
    if (trace !== null)
      trace.push({ index: i, bytes: wire, durationSec: duration, dirtiedBytes: dirtied, throttle });
    sent += wire;
    precopy += duration;
    i++;
    ratio = dirtied > 0 ? remaining / dirtied : Infinity;

    if (policy.kind === "xen") {
      if (dirtied < stopBytes) {
        stop = STOP.fewPages;
        outcome = O_CONVERGED;
        break;
      }
      if (i >= maxRounds) {
        stop = STOP.maxRounds;
        outcome = O_MAX_ROUNDS;
        break;
      }
      if (sent > dataCap) {
        stop = STOP.dataCap;
        outcome = O_DATA_CAP;
        break;
      }
    } else {
      if (dirtied <= stopBytes) {
        stop = STOP.goal;
        outcome = maxThrottle > 0 ? O_THROTTLED : O_CONVERGED;
        break;
      }
      if (policy.kind === "vmotion") {
        // Transmit-to-dirty ratio of this iteration. Below Migrate.PreCopyMinProgressPerc SDPS
        // engages (dynamic); once engaged, or when always on, it steers to Migrate.SdpsTargetRate.
        const below = sdpsMode === 2 || throttle > 0 ? ratio < sdpsTarget : ratio < minProgress;
        if (below) {
          if (sdpsMode === 0) {
            stop = STOP.noProgress;
            outcome = O_NOT_CONVERGING;
            break;
          }
          // SDPS: throttle so that the guest's raw rate falls to transmit / target.
          const observedRaw = dirtied / (duration * (1 - throttle));
          const next = 1 - rate / sdpsTarget / observedRaw;
          if (next > throttle) throttle = next;
          if (throttle > maxThrottle) maxThrottle = throttle;
        }
      } else if (policy.autoConverge) {
        // QEMU ram.c: dirtied in the period > 50 % of transferred, twice, throttles one step.
        if (dirtied > 0.5 * wire && ++acHighCount >= 2) {
          acHighCount = 0;
          const q = policy;
          const next = throttle === 0 ? q.throttleInitial : throttle + q.throttleIncrement;
          throttle = next < q.throttleMax ? next : q.throttleMax;
          if (throttle > maxThrottle) maxThrottle = throttle;
        } else if (dirtied >= remaining && throttle >= policy.throttleMax) {
          stop = STOP.stalled;
          outcome = O_NOT_CONVERGING;
          break;
        }
      } else if (dirtied >= remaining) {
        stop = STOP.stalled;
        outcome = O_NOT_CONVERGING;
        break;
      }
      if (i >= maxRounds) {
        stop = STOP.roundCapNoSwitch;
        outcome = O_NOT_CONVERGING;
        break;
      }
    }
    remaining = dirtied;
  }

  const setup = costs.traceSetupSec;
  out.stop = stop;
  out.iterations = i;
  out.setupSec = setup;
  out.precopyTimeSec = precopy;
  out.switchoverBytes = dirtied;
  out.throughputBytesPerSec = rate;
  out.guestSlowdown = maxThrottle;
  out.lastRatio = ratio === Infinity ? 0 : ratio;
  if (outcome === O_NOT_CONVERGING) {
    out.outcome = outcome;
    out.downtimeSec = 0;
    out.transferredBytes = sent;
    out.totalTimeSec = setup + precopy;
    return;
  }
  const rtt = s.transport.rttSec;
  const downtime =
    (dirtied + vm.checkpointBytes) / rate +
    rtt / 2 +
    costs.handshakeRtts * rtt +
    costs.fixedSwitchoverSec +
    costs.bitmapSyncSecPerByte * memory;
  out.downtimeSec = downtime;
  out.transferredBytes = sent + dirtied + vm.checkpointBytes;
  out.totalTimeSec = setup + precopy + downtime;
  out.outcome = policy.kind === "vmotion" && downtime > policy.maxSwitchoverSec ? O_TIMEOUT : outcome;
}

/** The summary path: no per-iteration array. Reuse `out` across calls. */
export function simulateSummary(s: Scenario, out: Summary = new Summary()): Summary {
  runKernel(s, out, null);
  return out;
}

function bindingOf(s: Scenario, sum: Summary): ThroughputBinding {
  return sum.bindingCap ? "cap" : s.transport.binding;
}

/** Simulate one migration with every iteration: the result as plain data. */
export function simulate(s: Scenario): MigrationResult {
  const sum = new Summary();
  const iterations: Iteration[] = [];
  runKernel(s, sum, iterations);
  const outcome = OUTCOMES[sum.outcome] as Outcome;
  const fields = {
    stopReason: describeStop(s, sum),
    iterations,
    iterationCount: sum.iterations,
    setupSec: sum.setupSec,
    precopyTimeSec: sum.precopyTimeSec,
    switchoverBytes: sum.switchoverBytes,
    downtimeSec: sum.downtimeSec,
    totalTimeSec: sum.totalTimeSec,
    transferredBytes: sum.transferredBytes,
    throughputBytesPerSec: sum.throughputBytesPerSec,
    binding: bindingOf(s, sum),
    guestSlowdown: sum.guestSlowdown,
  };
  if (outcome === "not-converging" || outcome === "switchover-timeout") return { outcome, ...fields };
  return { outcome, ...fields };
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

/** The stop reason in words, with the numbers that decided it. */
export function describeStop(s: Scenario, sum: Summary): string {
  const p = s.policy;
  const ratioPct = `${Math.round(sum.lastRatio * 100)} %`;
  let why: string;
  switch (sum.stop) {
    case STOP.goal:
      why =
        p.kind === "vmotion"
          ? `${mib(sum.switchoverBytes)} left can be sent within the switchover goal of ${p.switchoverGoalSec * 1000} ms`
          : `${mib(sum.switchoverBytes)} pending fits the downtime limit of ${p.kind === "qemu" ? p.downtimeLimitSec * 1000 : 0} ms`;
      if (sum.guestSlowdown > 0)
        why += `, after ${p.kind === "vmotion" ? "SDPS" : "auto-converge"} throttled the guest by up to ${(sum.guestSlowdown * 100).toFixed(1)} %`;
      break;
    case STOP.fewPages:
      why = `fewer than ${p.kind === "xen" ? p.dirtyPagesThreshold : 0} pages dirty`;
      break;
    case STOP.maxRounds:
      why = `round limit of ${sum.iterations} reached: forced stop-and-copy of ${mib(sum.switchoverBytes)}`;
      break;
    case STOP.dataCap:
      why = `more than ${p.kind === "xen" ? p.dataCapFactor : 0}x memory sent: forced stop-and-copy of ${mib(sum.switchoverBytes)}`;
      break;
    case STOP.noProgress:
      why = `transmit-to-dirty ratio ${ratioPct} is below the minimum of ${p.kind === "vmotion" ? Math.round(p.minProgressRatio * 100) : 0} % and SDPS is off`;
      break;
    case STOP.stalled:
      why = `the guest dirties memory as fast as it is sent (${ratioPct} transmit-to-dirty)${p.kind === "qemu" && p.autoConverge ? " even at maximum throttle" : ""}`;
      break;
    default:
      why = `no switchover after ${sum.iterations} rounds: ${mib(sum.switchoverBytes)} still dirty`;
  }
  const outcome = OUTCOMES[sum.outcome];
  if (outcome === "switchover-timeout" && p.kind === "vmotion")
    why += `; the stun of ${sum.downtimeSec.toFixed(1)} s exceeds the ${p.maxSwitchoverSec} s maximum switchover time`;
  return why;
}
