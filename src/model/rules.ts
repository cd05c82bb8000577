import { PAGE_BYTES } from "../units/parse.js";
import { initialDirtyRate } from "./dirty/dirtied.js";
import type { Policy, Scenario } from "./types.js";
import { OUTCOMES } from "./types.js";

/**
 * The stop rules of pre-copy (model.md section 3), shared by the kernel (`simulate.ts`, constant
 * throughput) and the stepper (`stepper.ts`, a rate that varies over time). After each iteration
 * the policy decides: switch over, keep copying, throttle the guest, or give up.
 *
 * - vMotion: stop when the dirty remainder / rate <= `Migrate.PreCopySwitchoverTimeGoal`. An
 *   iteration whose transmit-to-dirty ratio is below `Migrate.PreCopyMinProgressPerc` engages SDPS
 *   (`dynamic`) or ends pre-copy (`off`); once engaged, or when `always`, SDPS steers the guest's
 *   raw dirty rate to rate / `Migrate.SdpsTargetRate` (time dilation, never lowered).
 * - QEMU: stop when pending <= rate x downtime-limit. Auto-converge (ram.c): dirtied in a period
 *   > 50 % of transferred, twice, throttles one step (20 %, +10 %, at most 99 %); without it, an
 *   iteration that dirties as much as it sent stalls the migration.
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

const K_VMOTION = 0;
const K_QEMU = 1;
const K_XEN = 2;

/** The policy's knobs and throttling state for one migration; reusable across scenarios via `reset`. */
export class PrecopyRules {
  /** A STOP code and an OUTCOMES index, set when `afterIteration` returns true. */
  stop: number = STOP.maxRounds;
  outcome = O_MAX_ROUNDS;
  /** Fraction of guest CPU time removed now (SDPS, auto-converge), and the largest so far. */
  throttle = 0;
  maxThrottle = 0;
  /** Transmit-to-dirty ratio of the last iteration (logical bytes sent / bytes dirtied). */
  lastRatio = 0;

  private kind = K_VMOTION;
  private goalSec = 0;
  private fewPagesBytes = 0;
  private maxRounds = 0;
  private sdpsMode = 0; // 0 off, 1 dynamic, 2 always
  private sdpsTarget = 1;
  private minProgress = 0;
  private dataCap = Infinity;
  private autoConverge = false;
  private acInitial = 0;
  private acIncrement = 0;
  private acMax = 0;
  private acHighCount = 0;
  // The iteration being decided (see afterIteration).
  private count = 0;
  private rate = 0;
  private wire = 0;
  private remaining = 0;
  private dirtied = 0;
  private durationSec = 0;
  private sent = 0;
  private ratio = 0;

  reset(s: Scenario): this {
    const p = s.policy;
    this.stop = STOP.maxRounds;
    this.outcome = O_MAX_ROUNDS;
    this.throttle = 0;
    this.maxThrottle = 0;
    this.lastRatio = 0;
    this.acHighCount = 0;
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
        this.minProgress = p.minProgressRatio;
        break;
      case "qemu":
        this.kind = K_QEMU;
        this.goalSec = p.downtimeLimitSec;
        this.autoConverge = p.autoConverge;
        this.acInitial = p.throttleInitial;
        this.acIncrement = p.throttleIncrement;
        this.acMax = p.throttleMax;
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

  /**
   * Decide after iteration number `count` (1-based) that sent `wire` bytes (`remaining` logical
   * bytes) in `durationSec` at `rate` while the guest dirtied `dirtied` distinct bytes, with `sent`
   * bytes on the wire so far. Returns true when pre-copy stops (see `stop` and `outcome`);
   * otherwise it may have raised `throttle` for the next iteration.
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
    durationSec: number,
    sent: number,
  ): boolean {
    this.count = count;
    this.rate = rate;
    this.wire = wire;
    this.remaining = remaining;
    this.dirtied = dirtied;
    this.durationSec = durationSec;
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

  /** vMotion below the progress threshold: give up without SDPS, else engage or tighten it. */
  private sdpsStops(): boolean {
    const throttle = this.throttle;
    const ratio = this.ratio;
    const below = this.sdpsMode === 2 || throttle > 0 ? ratio < this.sdpsTarget : ratio < this.minProgress;
    if (!below) return false;
    if (this.sdpsMode === 0) return this.set(STOP.noProgress, O_NOT_CONVERGING);
    const observedRaw = this.dirtied / (this.durationSec * (1 - throttle));
    const next = 1 - this.rate / this.sdpsTarget / observedRaw;
    if (next > this.throttle) this.throttle = next;
    if (this.throttle > this.maxThrottle) this.maxThrottle = this.throttle;
    return false;
  }

  /** QEMU: auto-converge steps the throttle up; without it (or at its maximum) a stall ends pre-copy. */
  private qemuStops(): boolean {
    const throttle = this.throttle;
    const dirtied = this.dirtied;
    if (!this.autoConverge) return dirtied >= this.remaining && this.set(STOP.stalled, O_NOT_CONVERGING);
    if (dirtied > 0.5 * this.wire && ++this.acHighCount >= 2) {
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
