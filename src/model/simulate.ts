import { formatByteRate, formatBytes, formatDuration, formatPercent } from "../units/format.js";
import { PAGE_BYTES } from "../units/parse.js";
import { hypervisorDowntimeSec } from "./costs.js";
import { closedFormPrecopy, migrationRate, Precopy, RHO_MAX } from "./closed-form.js";
import { describeDirtyModel } from "./dirty/defaults.js";
import { iterateSummary } from "./iterate.js";
import { vmotionSummary } from "./vmotion-summary.js";
import { O_NOT_CONVERGING, O_TIMEOUT, PrecopyRules, STOP, maxStunSec } from "./rules.js";
import type {
  Iteration,
  MigrationResult,
  Outcome,
  Scenario,
  ThrottleStep,
  ThroughputBinding,
} from "./types.js";
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
 * The stop rules (switch over, keep copying, throttle, give up) live in `rules.ts`, shared with
 * the varying-rate stepper. On the summary path, scenarios in the geometric case (constant rate,
 * no throttling) take the closed form of `closed-form.ts`, equal to the iterations to rounding. `runKernel` writes into a reusable {@link Summary} and allocates
 * nothing per iteration unless a trace array is given: it is the hot loop of every sweep.
 */

export { STOP } from "./rules.js";

/** Mutable summary of one run: reused across scenarios so the summary path allocates nothing. */
export class Summary {
  // The fields that hold fractions start as -0, a double (see PrecopyRules in rules.ts: a field
  // first holding the small integer 0 changes the object's map when a fraction is stored, and
  // deoptimises every function that read it, the sweep's column writers too). Every kernel path
  // writes all of them.
  outcome = 0; // index into OUTCOMES
  stop = 0; // a STOP code
  iterations = 0;
  setupSec = -0;
  precopyTimeSec = -0;
  switchoverBytes = -0;
  downtimeSec = -0;
  totalTimeSec = -0;
  transferredBytes = -0;
  throughputBytesPerSec = -0;
  bindingCap = false; // the policy's bandwidth cap bound the throughput
  guestSlowdown = -0;
  /** Guest CPU seconds taken away by throttling during pre-copy: the integral of the throttle. */
  guestCpuLostSec = -0;
  lastRatio = -0; // transmit-to-dirty ratio of the last iteration
  lastSentBytes = -0; // logical bytes the last iteration sent
  lastIterationSec = -0; // wall time of the last iteration
  lastThrottle = -0; // throttle during the last iteration
  /** The stop rules' state and the pre-copy totals, reused with the summary. */
  readonly rules = new PrecopyRules();
  readonly precopy = new Precopy();
}

/**
 * Run one scenario into `out`; append every iteration to `trace` when given, and every change of
 * the throttle to `timeline` as (seconds since the migration started, throttle) pairs.
 */
export function runKernel(
  s: Scenario,
  out: Summary,
  trace: Iteration[] | null,
  timeline: number[] | null = null,
): void {
  const failure = s.transport.failure;
  if (failure !== undefined && failure !== null) {
    networkFailure(out, OUTCOMES.indexOf(failure.outcome));
    return;
  }
  const vm = s.vm;
  const memory = vm.memoryBytes;
  const policy = s.policy;
  const model = s.dirty;
  const costs = s.costs;
  const rate = migrationRate(s);
  out.bindingCap = rate < s.transport.throughputBytesPerSec;

  let i: number;
  let sent: number;
  let precopy: number;
  let dirtied: number;
  let outcome: number;
  const setup = costs.traceSetupSec;
  const pre = out.precopy;
  // The closed form where it may apply (the guard inline, so other scenarios pay no call). No
  // double crosses the call: a double argument to a call that is not inlined is boxed.
  if (
    trace === null &&
    model.kind === "constant" &&
    model.rateBytesPerSec <= RHO_MAX * rate &&
    closedFormPrecopy(s, pre)
  ) {
    i = pre.iterations;
    sent = pre.sentBytes;
    precopy = pre.precopyTimeSec;
    dirtied = pre.dirtiedBytes;
    outcome = pre.outcome;
    out.stop = pre.stop;
    out.guestSlowdown = 0;
    out.guestCpuLostSec = 0;
    out.lastRatio = pre.lastRatio;
    out.lastSentBytes = pre.lastSentBytes;
    out.lastIterationSec = pre.lastIterationSec;
    out.lastThrottle = 0;
  } else if (trace === null && timeline === null) {
    // vMotion: the whole summary in one function (vmotion-summary.ts), stun included.
    if (policy.kind === "vmotion") {
      vmotionSummary(s, out, rate);
      return;
    }
    // QEMU and Xen: one loop per policy, knobs in locals (iterate.ts), the same doubles.
    iterateSummary(s, out);
    i = pre.iterations;
    sent = pre.sentBytes;
    precopy = pre.precopyTimeSec;
    dirtied = pre.dirtiedBytes;
    outcome = pre.outcome;
  } else {
    const rules = out.rules.reset(s);
    rules.startThrottle(s, rate);
    if (timeline !== null && rules.throttle > 0) timeline.push(setup, rules.throttle);
    const zeroBytes = memory * vm.zeroPageFraction;
    let remaining = memory; // logical bytes to send in this iteration
    sent = 0;
    precopy = 0;
    i = 0;
    dirtied = 0;
    let lost = 0;
    for (;;) {
      const throttle = rules.throttle;
      const wire =
        i === 0 ? memory - zeroBytes + (zeroBytes / PAGE_BYTES) * costs.zeroPageHeaderBytes : remaining;
      // Iteration 0 also reads the zero pages to find them; later rounds start with the
      // hypervisor's dirty-bitmap sync (QEMU), during which nothing is sent (costs.ts).
      const duration =
        wire / rate +
        (i === 0
          ? s.transport.slowStartSec + zeroBytes / costs.zeroScanBytesPerSec
          : costs.roundSyncSecPerByte * memory + costs.roundSyncSecPerDirtyPage * (remaining / PAGE_BYTES));
      // Iteration 0: SDPS `dynamic` may raise the throttle at its polls inside the iteration.
      const guest =
        i === 0 ? rules.iteration0GuestSec(rate, duration, timeline, setup) : duration * (1 - throttle);
      dirtied = rules.dirty.at(guest);
      lost += duration - guest;
      if (trace !== null)
        trace.push({
          index: i,
          bytes: wire,
          durationSec: duration,
          dirtiedBytes: dirtied,
          throttle: duration > 0 ? 1 - guest / duration : throttle,
        });
      sent += wire;
      precopy += duration;
      i++;
      const before = rules.throttle;
      const stop = rules.afterIteration(i, rate, wire, remaining, dirtied, guest, sent, duration);
      if (timeline !== null && rules.throttle !== before) timeline.push(setup + precopy, rules.throttle);
      if (stop) {
        out.lastSentBytes = remaining;
        out.lastIterationSec = duration;
        out.lastThrottle = duration > 0 ? 1 - guest / duration : throttle;
        break;
      }
      remaining = dirtied;
    }
    outcome = rules.outcome;
    out.stop = rules.stop;
    out.guestSlowdown = rules.maxThrottle;
    out.guestCpuLostSec = lost;
    out.lastRatio = rules.lastRatio;
  }

  out.iterations = i;
  out.setupSec = setup;
  out.precopyTimeSec = precopy;
  out.switchoverBytes = dirtied;
  out.throughputBytesPerSec = rate;
  if (outcome === O_NOT_CONVERGING) {
    out.outcome = O_NOT_CONVERGING;
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
  out.outcome = downtime > maxStunSec(policy) ? O_TIMEOUT : outcome;
}

/**
 * For `runKernelBatch`'s lanes (kernel-batch.ts), which iterate working sets (never the closed
 * form): what `runKernel` does before the iterations. True when the network fails the migration
 * (`out` complete); else false, with `out.bindingCap` and `out.throughputBytesPerSec` set, and
 * after the iterations {@link finishSummary} completes `out` as `runKernel` does. Copies of
 * runKernel's steps rather than calls from it: split into these calls, runKernel cost ~10 % more a
 * WAN grid row (~2.5 rounds); kernel-batch.test.ts holds the two paths equal, tolerance 0.
 */
export function lanePrologue(s: Scenario, out: Summary): boolean {
  const failure = s.transport.failure;
  if (failure !== undefined && failure !== null) {
    networkFailure(out, OUTCOMES.indexOf(failure.outcome));
    return true;
  }
  const rate = migrationRate(s);
  out.bindingCap = rate < s.transport.throughputBytesPerSec;
  out.throughputBytesPerSec = rate;
  return false;
}

/**
 * `out` completed from the pre-copy in `pre` (iterations, time, bytes sent, the remainder, the
 * outcome before the stun's check) and `out.throughputBytesPerSec`: the stun (model.md section
 * 1.5), the totals and the outcome, the same operations as the end of `runKernel`.
 */
export function finishSummary(s: Scenario, out: Summary, pre: Precopy): void {
  const vm = s.vm;
  const costs = s.costs;
  const rate = out.throughputBytesPerSec;
  const dirtied = pre.dirtiedBytes;
  const sent = pre.sentBytes;
  const precopy = pre.precopyTimeSec;
  const outcome = pre.outcome;
  const setup = costs.traceSetupSec;
  out.iterations = pre.iterations;
  out.setupSec = setup;
  out.precopyTimeSec = precopy;
  out.switchoverBytes = dirtied;
  if (outcome === O_NOT_CONVERGING) {
    out.outcome = O_NOT_CONVERGING;
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
    costs.bitmapSyncSecPerByte * vm.memoryBytes;
  out.downtimeSec = downtime;
  out.transferredBytes = sent + dirtied + vm.checkpointBytes;
  out.totalTimeSec = setup + precopy + downtime;
  out.outcome = downtime > maxStunSec(s.policy) ? O_TIMEOUT : outcome;
}

/** A migration the network fails at the start: no iteration, nothing sent, every time 0. */
function networkFailure(out: Summary, outcome: number): void {
  out.outcome = outcome;
  out.stop = STOP.network;
  out.iterations = 0;
  out.setupSec = 0;
  out.precopyTimeSec = 0;
  out.switchoverBytes = 0;
  out.downtimeSec = 0;
  out.totalTimeSec = 0;
  out.transferredBytes = 0;
  out.throughputBytesPerSec = 0;
  out.bindingCap = false;
  out.guestSlowdown = 0;
  out.guestCpuLostSec = 0;
  out.lastRatio = 0;
  out.lastSentBytes = 0;
  out.lastIterationSec = 0;
  out.lastThrottle = 0;
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
  const timeline: number[] = [];
  runKernel(s, sum, iterations, timeline);
  const slowdownTimeline: ThrottleStep[] = [];
  for (let k = 0; k < timeline.length; k += 2)
    slowdownTimeline.push({ atSec: timeline[k] as number, throttle: timeline[k + 1] as number });
  const outcome = OUTCOMES[sum.outcome] as Outcome;
  const fields = {
    stopReason: describeStop(s, sum),
    iterations,
    iterationCount: sum.iterations,
    setupSec: sum.setupSec,
    precopyTimeSec: sum.precopyTimeSec,
    switchoverBytes: sum.switchoverBytes,
    downtimeSec: sum.downtimeSec,
    hypervisorDowntimeSec:
      sum.downtimeSec > 0
        ? hypervisorDowntimeSec(
            sum.downtimeSec,
            sum.switchoverBytes + s.vm.checkpointBytes,
            sum.throughputBytesPerSec,
            s.transport.rttSec,
            s.costs,
            s.policy.kind,
          )
        : 0,
    totalTimeSec: sum.totalTimeSec,
    transferredBytes: sum.transferredBytes,
    throughputBytesPerSec: sum.throughputBytesPerSec,
    binding: bindingOf(s, sum),
    guestSlowdown: sum.guestSlowdown,
    meanGuestSlowdown: sum.precopyTimeSec > 0 ? sum.guestCpuLostSec / sum.precopyTimeSec : 0,
    slowdownTimeline,
    dirtyModel: describeDirtyModel(s.dirty, s.vm.memoryBytes),
  };
  return { outcome, ...fields };
}

// Numbers in words with the product's one number format (units/format.ts).
const mib = (bytes: number): string => formatBytes(bytes);
const mibps = (bytesPerSec: number): string => formatByteRate(bytesPerSec);
const secs = (sec: number): string => formatDuration(sec);

/**
 * What the last iteration did, from the numbers the model used: bytes sent and dirtied, the
 * dirty rate seen (dirtied / wall time of the iteration, after throttling and saturation at the
 * working set or memory) and the transmit-to-dirty ratio computed (sent / dirtied).
 */
function lastIteration(s: Scenario, sum: Summary): string {
  const dirtied = sum.switchoverBytes;
  const seen = sum.lastIterationSec > 0 ? dirtied / sum.lastIterationSec : 0;
  const all = dirtied >= s.vm.memoryBytes ? "all of memory, " : "";
  const throttled = sum.lastThrottle > 0 ? `, guest throttled ${formatPercent(sum.lastThrottle)}` : "";
  const cap = sum.bindingCap ? " (the max-bandwidth cap)" : "";
  return (
    `the last iteration sent ${mib(sum.lastSentBytes)} in ${secs(sum.lastIterationSec)} at ${mibps(sum.throughputBytesPerSec)}${cap} ` +
    `while the guest dirtied ${mib(dirtied)} (${all}${mibps(seen)} seen${throttled}): ` +
    `transmit-to-dirty ${Math.round(sum.lastRatio * 100)} %`
  );
}

/**
 * What QEMU itself does where the model stops a stalled pre-copy: it never gives up on its own
 * (no round cap, no progress check in migration/migration.c), so it keeps copying until the
 * migration is cancelled; with pending P stalled at rate B, the downtime limit that would let it
 * switch over at this point is P / B (its switchover test is pending <= B x downtime-limit). Both
 * from the numbers the model used: 5.61 GiB pending at 1.16 GiB/s needs 4.83 s.
 */
function qemuKeepsCopying(sum: Summary): string {
  const neededSec =
    sum.throughputBytesPerSec > 0 ? sum.switchoverBytes / sum.throughputBytesPerSec : Infinity;
  // Rounded up at the three significant digits printed, so the limit as printed is enough.
  const step =
    Number.isFinite(neededSec) && neededSec > 0 ? 10 ** (Math.floor(Math.log10(neededSec)) - 2) : 0;
  const printedSec =
    step > 0 ? Number((Math.ceil(neededSec / step - 1e-9) * step).toPrecision(3)) : neededSec;
  const raise = Number.isFinite(printedSec)
    ? `, or switch over with a downtime-limit of ${secs(printedSec)} or more`
    : "";
  return `QEMU itself does not give up: it would keep copying until the migration is cancelled (the model stops here)${raise}`;
}

/** The stop reason in words, with the numbers that decided it. */
export function describeStop(s: Scenario, sum: Summary): string {
  const p = s.policy;
  let why: string;
  switch (sum.stop) {
    case STOP.network:
      return s.transport.failure?.reason ?? "the network failed the migration at the start";
    case STOP.goal:
      why =
        p.kind === "vmotion"
          ? `${mib(sum.switchoverBytes)} left can be sent within the switchover goal of ${p.switchoverGoalSec * 1000} ms`
          : `${mib(sum.switchoverBytes)} pending fits the downtime limit of ${p.kind === "qemu" ? p.downtimeLimitSec * 1000 : 0} ms`;
      if (sum.guestSlowdown > 0)
        why += `, after ${p.kind === "vmotion" ? "SDPS" : "auto-converge"} throttled the guest by up to ${formatPercent(sum.guestSlowdown)}`;
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
      why = `${lastIteration(s, sum)}, below the minimum of ${p.kind === "vmotion" ? Math.round(p.minProgressRatio * 100) : 0} %, and SDPS is off`;
      break;
    case STOP.stalled:
      why = `pending memory stopped shrinking: ${lastIteration(s, sum)}${p.kind === "qemu" && p.autoConverge ? ", even at the maximum throttle" : ""}`;
      if (p.kind === "qemu") why += `; ${qemuKeepsCopying(sum)}`;
      break;
    default:
      why = `no switchover after ${sum.iterations} rounds: ${mib(sum.switchoverBytes)} still dirty`;
  }
  const outcome = OUTCOMES[sum.outcome];
  if (outcome === "switchover-timeout") {
    const limit =
      p.kind === "vmotion"
        ? `the ${p.maxSwitchoverSec} s maximum switchover time (vmotion.maxSwitchoverSeconds)`
        : `the ${maxStunSec(p)} s maximum downtime QEMU accepts (MAX_MIGRATE_DOWNTIME_SECONDS)`;
    why += `; the stun of ${secs(sum.downtimeSec)} exceeds ${limit}`;
  }
  return why;
}
