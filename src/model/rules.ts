import { PAGE_BYTES } from "../units/parse.js";
import { initialDirtyRate } from "./dirty/dirtied.js";
import { DirtyEvaluator } from "./dirty/evaluator.js";
import type { Policy, Scenario } from "./types.js";
import { OUTCOMES } from "./types.js";

/**
 * The stop rules of pre-copy (model.md section 3), shared by the kernel (`simulate.ts`, constant
 * throughput) and the stepper (`stepper.ts`, a rate that varies over time). After each iteration
 * the policy decides: switch over, keep copying, throttle the guest, or give up.
 *
 * - vMotion: stop when the dirty remainder / rate <= `Migrate.PreCopySwitchoverTimeGoal`. With
 *   SDPS `off`, an iteration whose transmit-to-dirty ratio is below `Migrate.PreCopyMinProgressPerc`
 *   ends pre-copy (an assumption, see `giveUpRule` in plan/solve.ts). SDPS `dynamic` is a control
 *   loop ({@link sdpsThrottle}): polled every `Migrate.SdpsDynamicDelaySec` inside iteration 0
 *   and at every iteration boundary, it sets the throttle from the shortfall of transmit against
 *   the dirty rate it observes, and never lowers it. SDPS `always` steers the guest's raw dirty
 *   rate to rate / `Migrate.SdpsTargetRate` from the start.
 * - QEMU: stop when pending <= rate x downtime-limit. Auto-converge (ram.c): dirtied in a period
 *   > 50 % of transferred, twice, throttles one step (20 %, +10 %, at most 99 %), where a period
 *   closes only at a bitmap sync more than 1 s after it began ({@link QEMU_THROTTLE_PERIOD_SEC}),
 *   so short iterations add up into one period; without it, an iteration that dirties as much as
 *   it sent stalls the migration.
 * - Xen: last round at fewer than 50 dirty pages, the round cap, or more than 3x memory sent.
 * vMotion and QEMU never force a switchover: at their round cap they give up.
 */

/** Why pre-copy stopped; mapped to words by `describeStop`. */
export const STOP = {
  goal: 0, // remaining fits the switchover goal / downtime limit (vMotion, QEMU)
  fewPages: 1, // fewer dirty pages than the threshold (Xen)
  maxRounds: 2, // round cap reached
  dataCap: 3, // total sent exceeded the data cap (Xen)
  noProgress: 4, // transmit-to-dirty below the minimum with no throttle to engage
  stalled: 5, // remaining stopped shrinking and throttling is exhausted or off
  roundCapNoSwitch: 6, // round cap of a policy that never forces switchover (vMotion, QEMU)
  network: 7, // the network failed the migration before it started (no route, stack mismatch)
} as const;

export const O_CONVERGED = OUTCOMES.indexOf("converged");
export const O_THROTTLED = OUTCOMES.indexOf("converged-throttled");
export const O_MAX_ROUNDS = OUTCOMES.indexOf("max-rounds");
export const O_DATA_CAP = OUTCOMES.indexOf("data-cap");
export const O_NOT_CONVERGING = OUTCOMES.indexOf("not-converging");
export const O_TIMEOUT = OUTCOMES.indexOf("switchover-timeout");

/**
 * The longest stun the hypervisor documents: vMotion `vmotion.maxSwitchoverSeconds` (100 s),
 * QEMU `MAX_MIGRATE_DOWNTIME_SECONDS` (2000 s). A longer stun is the `switchover-timeout`
 * failure. Xen documents none (Infinity).
 */
export function maxStunSec(p: Policy): number {
  return p.kind === "vmotion" ? p.maxSwitchoverSec : p.kind === "qemu" ? p.maxStunSec : Infinity;
}

/**
 * SDPS `dynamic` control law: the throttle f (fraction of guest CPU time removed) for a
 * transmit-to-dirty ratio r = transmit rate / observed raw dirty rate:
 *
 *   f(r) = 0                                          for r >= r_min
 *   f(r) = min(K (1 - r / r_min), 1 - r / r_target)   for r <  r_min
 *
 * with r_min = `Migrate.PreCopyMinProgressPerc` / 100 (1.3), r_target = `Migrate.SdpsTargetRate`
 * / 100 (5) and gain K = `SDPS_GAIN` (2). A proportional controller on the shortfall below the
 * progress threshold. Why this law: VMware documents only that SDPS injects "frequent, tiny
 * sleeps" of "a few milliseconds at a time at most" when the guest dirties faster than vMotion
 * sends (Epping 2012), and that transmit should exceed dirty by the target rate; the control law
 * itself is not public. A throttle that starts at zero at the engagement point and grows with
 * the shortfall is what many small sleeps amount to, and it has no cliff: total time, stun and
 * slowdown vary continuously with the dirty rate (the old all-at-once jump to the 5x target
 * took 75 % of the guest at the first sign of a shortfall). The cap 1 - r / r_target is the
 * throttle that brings transmit to r_target x dirty: SDPS never throttles more than its target
 * asks. K = 2 is an ASSUMPTION: it reaches that cap when transmit falls to ~0.75x the dirty rate,
 * and keeps the effective ratio above r_min wherever the proportional term binds, so a throttled
 * pre-copy always makes progress.
 */
export const SDPS_GAIN = 2;

export function sdpsThrottle(ratio: number, minProgress: number, target: number, gain: number): number {
  if (!(ratio < minProgress)) return 0;
  const p = gain * (1 - ratio / minProgress);
  const cap = 1 - ratio / target;
  return p < cap ? p : cap;
}

/** Relative margin on the transmit-to-dirty ratio within which SDPS keeps polling (`pollIteration0`). */
export const SDPS_QUIET_MARGIN = 1e-6;

/**
 * Relative margin on U's rate bound (`DirtyEvaluator.rateBoundBytesPerSec`) within which SDPS
 * polls iteration 0 all the same (`pollIteration0`): well above the bound's rounding (< 1e-11).
 */
export const SDPS_BOUND_MARGIN = 1e-9;

/** Polls of SDPS inside one iteration 0 at most (a bound on work; later polls reuse the last throttle). */
export const SDPS_MAX_POLLS = 1000;

/**
 * True when an iteration 0 of `durationSec` > `delaySec` that SDPS polls every `delaySec` and
 * never throttles has exactly `durationSec` guest seconds (`pollIteration0`, vmotion-summary.ts).
 * Unthrottled, the polls' guest steps g and wall steps t are the same sums of `delaySec`, and the
 * guest time is t + (durationSec - t) x (1 - 0) for the last t. Within the poll cap (durationSec
 * at most `SDPS_MAX_POLLS` delays) durationSec <= 2t: the steps end where t + delay >= durationSec
 * with delay <= t (after one step t = delay exactly; the sums only grow), or at the cap with t
 * about durationSec or more. So durationSec - t is exact (Sterbenz: t <= durationSec <= 2t) and
 * t plus it is durationSec. Beyond the cap the rest may round (test/model/sdps.test.ts).
 */
export function unthrottledIteration0IsWall(delaySec: number, durationSec: number): boolean {
  return durationSec <= delaySec * SDPS_MAX_POLLS;
}

/**
 * QEMU's auto-converge looks at the dirtying only once a period: `migration_bitmap_sync`
 * (migration/ram.c) calls `migration_trigger_throttle` and resets the period's dirtied pages and
 * transferred bytes only when the sync comes more than 1000 ms after the period began
 * (`end_time > rs->time_last_bitmap_sync + 1000`). Shorter iterations add up into one period, so
 * a pre-copy of sub-second rounds steps its throttle once per two periods of over a second, not
 * once per two rounds. The period is counted in wall seconds of the iterations (each includes its
 * bitmap sync).
 */
export const QEMU_THROTTLE_PERIOD_SEC = 1;

/** {@link PrecopyRules.kind}: the policy family. */
export const K_VMOTION = 0;
export const K_QEMU = 1;
export const K_XEN = 2;

/** The policy's knobs and throttling state for one migration; reusable across scenarios via `reset`. */
export class PrecopyRules {
  // Number fields that hold fractions start as -0, a double: a field that first holds the small
  // integer 0 is widened to a double field when the first fraction is stored, which changes the
  // object's map and deoptimises every optimised function that relied on the old one (in one
  // process of ~40 the vMotion kernel then stayed in on-stack-replacement code, 3.4x slower).
  // Every one is written by `reset` or before it is read.
  /** A STOP code and an OUTCOMES index, set when `afterIteration` returns true. */
  stop: number = STOP.maxRounds;
  outcome = O_MAX_ROUNDS;
  /** Fraction of guest CPU time removed now (SDPS, auto-converge), and the largest so far. */
  throttle = -0;
  maxThrottle = -0;
  /** Transmit-to-dirty ratio of the last iteration (logical bytes sent / bytes dirtied). */
  lastRatio = -0;
  /** U(t) of the scenario's dirty model, set by `reset` (the kernel's loop reads it too). */
  readonly dirty = new DirtyEvaluator();

  // The policy's knobs, set by `reset`; the summary loops of `iterate.ts` read them (never write).
  kind = K_VMOTION;
  goalSec = -0;
  fewPagesBytes = -0;
  maxRounds = 0;
  memoryBytes = -0;
  sdpsMode = 0; // 0 off, 1 dynamic, 2 always
  sdpsTarget = -0;
  sdpsDelaySec = -0;
  minProgress = -0;
  dataCap = Infinity;
  autoConverge = false;
  acInitial = -0;
  acIncrement = -0;
  acMax = -0;
  private acHighCount = 0;
  // QEMU's throttle period (QEMU_THROTTLE_PERIOD_SEC): its wall seconds, dirtied and sent bytes.
  private acPeriodSec = -0;
  private acPeriodDirtied = -0;
  private acPeriodWire = -0;
  // The iteration being decided (see afterIteration).
  private count = 0;
  private rate = -0;
  private wire = -0;
  private remaining = -0;
  private dirtied = -0;
  private guestSec = -0;
  private sent = -0;
  private durationSec = -0;
  private ratio = -0;
  // The iteration 0 being polled (see iteration0GuestSec).
  private pollDurationSec = -0;
  private pollStartSec = -0;
  /**
   * The rate pre-copy sends at (B/s), `migrationRate(s)` of closed-form.ts, set by `reset` for
   * the summary loops' `start` and {@link iteration0}. Its rule written out in `reset` rather than
   * a call: `start`, inlined into runKernel, left `migrationRate` a call in some processes where
   * the optimiser's inlining budget ran out, and a double returned from a call is boxed (16 bytes
   * a scenario). The summary path is held equal to the general loop, which calls migrationRate
   * (test/model/iterate.test.ts, tolerance 0).
   */
  iteration0Rate = -0;
  /** Iteration 0's wall seconds, set before {@link iteration0}. */
  iteration0Sec = -0;
  /** {@link iteration0}'s result: iteration 0's guest seconds. */
  guest0Sec = -0;

  reset(s: Scenario): this {
    const p = s.policy;
    this.iteration0Rate = s.transport.throughputBytesPerSec;
    this.memoryBytes = s.vm.memoryBytes;
    this.dirty.resetFor(s);
    this.stop = STOP.maxRounds;
    this.outcome = O_MAX_ROUNDS;
    this.throttle = 0;
    this.maxThrottle = 0;
    this.lastRatio = 0;
    this.acHighCount = 0;
    this.acPeriodSec = 0;
    this.acPeriodDirtied = 0;
    this.acPeriodWire = 0;
    this.sdpsMode = 0;
    this.sdpsTarget = 1;
    this.minProgress = 0;
    this.dataCap = Infinity;
    this.autoConverge = false;
    this.maxRounds = p.maxRounds;
    switch (p.kind) {
      case "vmotion":
        this.kind = K_VMOTION;
        this.goalSec = p.switchoverGoalSec;
        this.sdpsMode = p.sdps === "off" ? 0 : p.sdps === "dynamic" ? 1 : 2;
        this.sdpsTarget = p.sdpsTargetRatio;
        this.sdpsDelaySec = p.sdpsDynamicDelaySec;
        this.minProgress = p.minProgressRatio;
        break;
      case "qemu":
        this.kind = K_QEMU;
        this.goalSec = p.downtimeLimitSec;
        this.autoConverge = p.autoConverge;
        this.acInitial = p.throttleInitial;
        this.acIncrement = p.throttleIncrement;
        this.acMax = p.throttleMax;
        // migrationRate: QEMU's max-bandwidth when lower than the throughput.
        if (p.maxBandwidthBytesPerSec > 0 && p.maxBandwidthBytesPerSec < this.iteration0Rate)
          this.iteration0Rate = p.maxBandwidthBytesPerSec;
        break;
      case "xen":
        this.kind = K_XEN;
        this.fewPagesBytes = p.dirtyPagesThreshold * PAGE_BYTES;
        this.dataCap = p.dataCapFactor * s.vm.memoryBytes;
        break;
    }
    return this;
  }

  /** SDPS `always` throttles from the start against the guest's raw write rate (at `rate`). */
  startThrottle(s: Scenario, rate: number): void {
    if (this.sdpsMode !== 2) return;
    const raw = initialDirtyRate(s.dirty);
    const allowed = rate / this.sdpsTarget;
    if (raw > allowed) this.throttle = 1 - allowed / raw;
    if (this.throttle > this.maxThrottle) this.maxThrottle = this.throttle;
  }

  /** True when SDPS polls inside iteration 0 (mode `dynamic` with a positive delay). */
  get pollsIteration0(): boolean {
    return this.sdpsMode === 1 && this.sdpsDelaySec > 0;
  }

  /** `Migrate.SdpsDynamicDelaySec`: seconds between SDPS polls inside iteration 0. */
  get pollDelaySec(): number {
    return this.sdpsDelaySec;
  }

  /** One SDPS poll: raise the throttle for the transmit `rate` and the observed raw dirty rate. */
  sdpsPoll(rate: number, rawDirtyRate: number): void {
    if (!(rawDirtyRate > 0)) return;
    const f = sdpsThrottle(rate / rawDirtyRate, this.minProgress, this.sdpsTarget, SDPS_GAIN);
    if (f > this.throttle) this.throttle = f;
    if (this.throttle > this.maxThrottle) this.maxThrottle = this.throttle;
  }

  /**
   * Guest seconds run during an iteration 0 of `durationSec` wall seconds at `rate`, with SDPS
   * `dynamic` polling every `Migrate.SdpsDynamicDelaySec` (30 s): at each poll, the distinct bytes
   * the guest dirtied since the last poll over the guest time between them is the raw rate the
   * law sees. Without polling, durationSec x (1 - throttle). Each raise is pushed on `timeline`
   * as (seconds since `startSec`..., throttle) pairs when given.
   */
  iteration0GuestSec(rate: number, durationSec: number, timeline: number[] | null, startSec: number): number {
    if (!this.pollsIteration0 || durationSec <= this.sdpsDelaySec) return durationSec * (1 - this.throttle);
    // The polls in a method of their own, fed through fields: this one stays small enough to be
    // inlined into the kernel's loop, so no double is boxed to cross a call.
    this.rate = rate;
    this.pollDurationSec = durationSec;
    this.pollStartSec = startSec;
    this.pollIteration0(timeline);
    return this.guestSec;
  }

  /**
   * For the summary loops (iterate.ts): `guest0Sec` = iteration0GuestSec(iteration0Rate,
   * iteration0Sec, null, 0), the same double, every number through fields. A double argument or
   * result of a call that is not inlined is boxed (a heap allocation): called from `start` with
   * its doubles, iteration0GuestSec allocated 16 bytes a scenario on the bench's vMotion working
   * sets in some processes (where the optimiser left it a call).
   */
  iteration0(): void {
    const durationSec = this.iteration0Sec;
    if (!this.pollsIteration0 || durationSec <= this.sdpsDelaySec) {
      this.guest0Sec = durationSec * (1 - this.throttle);
      return;
    }
    this.rate = this.iteration0Rate;
    this.pollDurationSec = durationSec;
    this.pollStartSec = 0;
    this.pollIteration0(null);
    this.guest0Sec = this.guestSec;
  }

  /**
   * iteration0GuestSec's polls, for `rate`, `pollDurationSec` and `pollStartSec`; the guest
   * seconds into `guestSec`.
   *
   * Once a poll did not raise the throttle, and no later one can, time advances without polling.
   * For a concave U (DirtyEvaluator.concave) with the throttle unchanged, later polls see
   * intervals of the same guest length and a raw rate no higher, so a transmit-to-dirty ratio no
   * lower, and the control law (sdpsThrottle, non-increasing in the ratio) asks no more. Against
   * rounding: the law must stay at or below the throttle for a ratio 1e-6 (relative) lower, and
   * the interval's new bytes must exceed 1e-8 of memory, so that the rounding of U (a few ulps of
   * memory) moves a later rate by well under 1e-6.
   *
   * No poll at all when none can raise the throttle: every poll's raw rate is at most U's rate
   * bound (DirtyEvaluator.rateBoundBytesPerSec, the guest's write rate for constant, uniform and
   * sequential models), so when the law asks no more than the throttle for that rate (1e-9
   * higher, against rounding), time advances without polling from the start (70 % of the WAN
   * bench grid's vMotion rows: transmit above 1.3x the write rate).
   *
   * Shortcuts only: the result is the same as polling on (test/model/sdps.test.ts).
   */
  private pollIteration0(timeline: number[] | null): void {
    const delay = this.sdpsDelaySec;
    const rate = this.rate;
    const durationSec = this.pollDurationSec;
    const dirty = this.dirty;
    const quietBytes = 1e-8 * this.memoryBytes;
    let t = 0;
    let g = 0;
    let u = 0;
    let k = 0;
    const quiet =
      sdpsThrottle(
        rate / (dirty.rateBoundBytesPerSec * (1 + SDPS_BOUND_MARGIN)),
        this.minProgress,
        this.sdpsTarget,
        SDPS_GAIN,
      ) <= this.throttle;
    for (; !quiet && k < SDPS_MAX_POLLS && t + delay < durationSec; k++) {
      const before = this.throttle;
      const g1 = g + delay * (1 - before);
      const u1 = dirty.at(g1);
      const raw = (u1 - u) / (g1 - g);
      this.sdpsPoll(rate, raw);
      t += delay;
      g = g1;
      if (timeline !== null && this.throttle !== before) timeline.push(this.pollStartSec + t, this.throttle);
      if (
        this.throttle === before &&
        dirty.concave &&
        raw > 0 &&
        u1 - u > quietBytes &&
        sdpsThrottle((rate / raw) * (1 - SDPS_QUIET_MARGIN), this.minProgress, this.sdpsTarget, SDPS_GAIN) <=
          this.throttle
      ) {
        k++;
        break;
      }
      u = u1;
    }
    // Never throttled: the steps below add up to the wall time (g = t, whole numbers).
    if (this.throttle === 0 && g === t && unthrottledIteration0IsWall(delay, durationSec)) {
      this.guestSec = durationSec;
      return;
    }
    // The same steps as the loop above, without the polls that can no longer raise the throttle.
    const step = delay * (1 - this.throttle);
    for (; k < SDPS_MAX_POLLS && t + delay < durationSec; k++) {
      g = g + step;
      t += delay;
    }
    this.guestSec = g + (durationSec - t) * (1 - this.throttle);
  }

  /**
   * Decide after iteration number `count` (1-based) that sent `wire` bytes (`remaining` logical
   * bytes) at `rate` in `durationSec` wall seconds while the guest, running `guestSec` seconds of
   * its own time (wall time less throttling), dirtied `dirtied` distinct bytes, with `sent` bytes
   * on the wire so far. Returns
   * true when pre-copy stops (see `stop` and `outcome`); otherwise it may have raised `throttle`
   * for the next iteration.
   *
   * This small method only records the iteration in fields and calls {@link decide}: it is
   * inlined into the caller's loop, whereas the decision is too large to be, and the double
   * arguments of a call that is not inlined are boxed, one heap allocation each, every iteration.
   */
  afterIteration(
    count: number,
    rate: number,
    wire: number,
    remaining: number,
    dirtied: number,
    guestSec: number,
    sent: number,
    durationSec: number,
  ): boolean {
    this.count = count;
    this.durationSec = durationSec;
    this.rate = rate;
    this.wire = wire;
    this.remaining = remaining;
    this.dirtied = dirtied;
    this.guestSec = guestSec;
    this.sent = sent;
    return this.decide();
  }

  /**
   * The decision for the iteration recorded by {@link afterIteration}, split by policy into small
   * methods that the optimiser can inline into the kernel's loop.
   */
  private decide(): boolean {
    const dirtied = this.dirtied;
    const ratio = dirtied > 0 ? this.remaining / dirtied : Infinity;
    this.ratio = ratio;
    this.lastRatio = ratio === Infinity ? 0 : ratio;
    if (this.kind === K_XEN) return this.xenStops();
    if (dirtied <= this.rate * this.goalSec)
      return this.set(STOP.goal, this.maxThrottle > 0 ? O_THROTTLED : O_CONVERGED);
    if (this.kind === K_VMOTION ? this.sdpsStops() : this.qemuStops()) return true;
    if (this.count >= this.maxRounds) return this.set(STOP.roundCapNoSwitch, O_NOT_CONVERGING);
    return false;
  }

  /** Xen: few dirty pages, the round cap, or the data cap end pre-copy (always a switchover). */
  private xenStops(): boolean {
    if (this.dirtied < this.fewPagesBytes) return this.set(STOP.fewPages, O_CONVERGED);
    if (this.count >= this.maxRounds) return this.set(STOP.maxRounds, O_MAX_ROUNDS);
    if (this.sent > this.dataCap) return this.set(STOP.dataCap, O_DATA_CAP);
    return false;
  }

  /**
   * vMotion after an iteration that did not reach the goal: without SDPS, give up below the
   * progress threshold; `dynamic` polls the control law with the raw dirty rate it observed;
   * `always` tightens the throttle to the target ratio.
   */
  private sdpsStops(): boolean {
    const ratio = this.ratio;
    if (this.sdpsMode === 0) return ratio < this.minProgress && this.set(STOP.noProgress, O_NOT_CONVERGING);
    const observedRaw = this.dirtied / this.guestSec;
    if (this.sdpsMode === 1) {
      this.sdpsPoll(this.rate, observedRaw);
      return false;
    }
    if (ratio < this.sdpsTarget) {
      const next = 1 - this.rate / this.sdpsTarget / observedRaw;
      if (next > this.throttle) this.throttle = next;
      if (this.throttle > this.maxThrottle) this.maxThrottle = this.throttle;
    }
    return false;
  }

  /**
   * QEMU: auto-converge steps the throttle up, judged once a throttle period (over 1 s, see
   * QEMU_THROTTLE_PERIOD_SEC); without it (or at its maximum) a stall ends pre-copy.
   */
  private qemuStops(): boolean {
    const throttle = this.throttle;
    const dirtied = this.dirtied;
    if (!this.autoConverge) return dirtied >= this.remaining && this.set(STOP.stalled, O_NOT_CONVERGING);
    const periodSec = this.acPeriodSec + this.durationSec;
    const periodDirtied = this.acPeriodDirtied + dirtied;
    const periodWire = this.acPeriodWire + this.wire;
    let high = false;
    if (periodSec > QEMU_THROTTLE_PERIOD_SEC) {
      high = periodDirtied > 0.5 * periodWire;
      this.acPeriodSec = 0;
      this.acPeriodDirtied = 0;
      this.acPeriodWire = 0;
    } else {
      this.acPeriodSec = periodSec;
      this.acPeriodDirtied = periodDirtied;
      this.acPeriodWire = periodWire;
    }
    if (high && ++this.acHighCount >= 2) {
      this.acHighCount = 0;
      const next = throttle === 0 ? this.acInitial : throttle + this.acIncrement;
      this.throttle = next < this.acMax ? next : this.acMax;
      if (this.throttle > this.maxThrottle) this.maxThrottle = this.throttle;
      return false;
    }
    return dirtied >= this.remaining && throttle >= this.acMax && this.set(STOP.stalled, O_NOT_CONVERGING);
  }

  private set(stop: number, outcome: number): true {
    this.stop = stop;
    this.outcome = outcome;
    return true;
  }
}
