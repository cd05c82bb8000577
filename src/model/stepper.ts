import { PAGE_BYTES } from "../units/parse.js";
import { dirtiedBytes } from "./dirty/dirtied.js";
import {
  O_MAX_ROUNDS,
  O_NOT_CONVERGING,
  O_TIMEOUT,
  PrecopyRules,
  SDPS_MAX_POLLS,
  STOP,
  maxStunSec,
} from "./rules.js";
import type { Scenario } from "./types.js";
import { OUTCOMES } from "./types.js";

/**
 * One migration's pre-copy as a state machine that can advance at a rate that changes over time:
 * the building block of concurrent simulations (`src/plan/evacuate.ts`), where migrations share a
 * bottleneck and each one's rounds speed up or slow down as others start and finish.
 *
 * Phases, in order (each either a *delay*, which takes time but no bandwidth, or a *send*, which
 * moves bytes at whatever rate the caller grants):
 *   setup (delay, `costs.traceSetupSec`) -> slow start (delay, `transport.slowStartSec`, counted in
 *   iteration 0) -> iteration i (send) -> ... -> stun send (final dirty bytes + checkpoint) ->
 *   stun delay (RTT / 2 + handshake RTTs + fixed + bitmap sync) -> done.
 *
 * The stop rules are `runKernel`'s own (`rules.ts`, model.md sections 1-3), with one
 * generalisation: where the kernel uses the constant throughput B, the stepper uses the rate of
 * the iteration just finished (its bytes over its send time, i.e. what vMotion's "network
 * bandwidth ~X MB/s" estimate measures). At a constant rate the two are the same number, so one
 * migration stepped at its scenario throughput reproduces `simulate` (tested to 1e-9 relative).
 *
 * Assumption: during setup, slow start and the fixed parts of the stun a migration holds its
 * concurrency slot but no share of the bottleneck.
 */

export const PHASE_DELAY = 0;
export const PHASE_SEND = 1;
export const PHASE_DONE = 2;

const STAGE_SETUP = 0;
const STAGE_SLOW_START = 1;
const STAGE_ITER = 2;
const STAGE_STUN_SEND = 3;
const STAGE_STUN_DELAY = 4;
const STAGE_DONE = 5;

export class PrecopyStepper {
  /** PHASE_DELAY, PHASE_SEND or PHASE_DONE. */
  phase = PHASE_DELAY;
  /** Seconds left in a delay phase. */
  delayLeftSec = 0;
  /** Bytes left in a send phase. */
  bytesLeft = 0;
  /** Most this migration can use, bytes/s: the scenario's throughput, or QEMU's max-bandwidth if lower. */
  readonly capBytesPerSec: number;

  // Results, final once `phase === PHASE_DONE`; same meaning as `Summary` in simulate.ts.
  outcome = O_MAX_ROUNDS;
  stop: number = STOP.maxRounds;
  iterations = 0;
  precopyTimeSec = 0;
  switchoverBytes = 0;
  downtimeSec = 0;
  totalTimeSec = 0;
  transferredBytes = 0;
  guestSlowdown = 0;

  private readonly s: Scenario;
  private readonly rules: PrecopyRules;
  private stage = STAGE_SETUP;
  private remaining: number; // logical bytes of the current iteration
  private wire = 0; // bytes on the wire in the current iteration
  private sent = 0;
  private iterSec = 0; // wall time of the current iteration so far (includes slow start)
  private sendSec = 0; // time spent sending in the current iteration
  private iterRate = -1; // the rate of the current iteration if constant, -2 if it varied
  private lastRate: number;
  private stunSendSec = 0;
  private elapsedSec = 0;
  // SDPS polls inside iteration 0 (rules.iteration0GuestSec's loop, advanced piecewise).
  private pollAtSec = 0; // iteration time of the last poll
  private pollGuestSec = 0; // guest time at the last poll
  private pollDirtied = 0; // distinct bytes dirtied at the last poll
  private polls = 0;

  constructor(s: Scenario) {
    this.s = s;
    const p = s.policy;
    let cap = s.transport.throughputBytesPerSec;
    if (p.kind === "qemu" && p.maxBandwidthBytesPerSec > 0 && p.maxBandwidthBytesPerSec < cap)
      cap = p.maxBandwidthBytesPerSec;
    this.capBytesPerSec = cap;
    this.lastRate = cap;
    this.remaining = s.vm.memoryBytes;
    this.rules = new PrecopyRules().reset(s);
    const failure = s.transport.failure;
    if (failure !== undefined && failure !== null) {
      // The network fails it at the start (no route, stack mismatch, MTU black hole), as in runKernel.
      this.outcome = OUTCOMES.indexOf(failure.outcome);
      this.stop = STOP.network;
      this.phase = PHASE_DONE;
      return;
    }
    this.enterStage(STAGE_SETUP);
  }

  /** True while the current phase moves bytes (and so takes a share of the bottleneck). */
  get sending(): boolean {
    return this.phase === PHASE_SEND;
  }

  /** Seconds until the current phase ends at `rateBytesPerSec` (Infinity if sending at rate 0). */
  timeToPhaseEnd(rateBytesPerSec: number): number {
    if (this.phase === PHASE_DELAY) return this.delayLeftSec;
    if (this.phase === PHASE_SEND) return this.bytesLeft / rateBytesPerSec;
    return Infinity;
  }

  /**
   * Advance `dtSec` seconds within the current phase at `rateBytesPerSec` (ignored in a delay).
   * The caller must not advance past the phase end; when it reaches it exactly, call
   * {@link finishPhase}.
   */
  advance(dtSec: number, rateBytesPerSec: number): void {
    if (this.phase === PHASE_DONE) return;
    this.elapsedSec += dtSec;
    if (this.phase === PHASE_DELAY) {
      this.delayLeftSec -= dtSec;
      if (this.stage === STAGE_SLOW_START) {
        if (this.iterations === 0) this.advanceIteration0(dtSec, this.lastRate);
        else this.iterSec += dtSec;
      }
      return;
    }
    this.bytesLeft -= rateBytesPerSec * dtSec;
    this.lastRate = rateBytesPerSec;
    if (this.stage === STAGE_ITER) {
      if (this.iterations === 0) this.advanceIteration0(dtSec, rateBytesPerSec);
      else this.iterSec += dtSec;
      this.sendSec += dtSec;
      if (this.iterRate === -1) this.iterRate = rateBytesPerSec;
      else if (this.iterRate !== rateBytesPerSec) this.iterRate = -2;
    } else this.stunSendSec += dtSec;
  }

  /** Step over the end of the current phase: run the stop rules if it ended an iteration. */
  finishPhase(): void {
    switch (this.stage) {
      case STAGE_SETUP:
        this.enterStage(STAGE_SLOW_START);
        break;
      case STAGE_SLOW_START:
        this.enterStage(STAGE_ITER);
        break;
      case STAGE_ITER:
        this.endIteration();
        break;
      case STAGE_STUN_SEND:
        this.enterStage(STAGE_STUN_DELAY);
        break;
      case STAGE_STUN_DELAY:
        this.finishStun();
        break;
      default:
        break;
    }
  }

  /** Run to completion at a constant rate (what `simulate` assumes). */
  runConstant(rateBytesPerSec: number = this.capBytesPerSec): this {
    while (this.phase !== PHASE_DONE) {
      this.advance(this.timeToPhaseEnd(rateBytesPerSec), rateBytesPerSec);
      this.finishPhase();
    }
    return this;
  }

  /** Wall time since the migration started, seconds. */
  get elapsed(): number {
    return this.elapsedSec;
  }

  private enterStage(stage: number): void {
    this.stage = stage;
    const s = this.s;
    switch (stage) {
      case STAGE_SETUP:
        this.phase = PHASE_DELAY;
        this.delayLeftSec = s.costs.traceSetupSec;
        if (this.delayLeftSec <= 0) this.enterStage(STAGE_SLOW_START);
        return;
      case STAGE_SLOW_START: {
        // Before sending: iteration 0's slow start and zero-page scan, a later round's bitmap sync.
        this.phase = PHASE_DELAY;
        this.iterSec = 0;
        const c = s.costs;
        const memory = s.vm.memoryBytes;
        this.delayLeftSec =
          this.iterations === 0
            ? s.transport.slowStartSec + (memory * s.vm.zeroPageFraction) / c.zeroScanBytesPerSec
            : c.roundSyncSecPerByte * memory + c.roundSyncSecPerDirtyPage * (this.remaining / PAGE_BYTES);
        if (this.delayLeftSec <= 0) this.enterStage(STAGE_ITER);
        return;
      }
      case STAGE_ITER: {
        this.phase = PHASE_SEND;
        const i = this.iterations;
        if (i === 0) {
          const memory = s.vm.memoryBytes;
          const zeroBytes = memory * s.vm.zeroPageFraction;
          this.wire = memory - zeroBytes + (zeroBytes / PAGE_BYTES) * s.costs.zeroPageHeaderBytes;
        } else this.wire = this.remaining;
        this.sendSec = 0;
        this.iterRate = -1;
        this.bytesLeft = this.wire;
        if (this.bytesLeft <= 0) this.endIteration();
        return;
      }
      case STAGE_STUN_SEND:
        this.phase = PHASE_SEND;
        this.stunSendSec = 0;
        this.bytesLeft = this.switchoverBytes + s.vm.checkpointBytes;
        if (this.bytesLeft <= 0) this.enterStage(STAGE_STUN_DELAY);
        return;
      case STAGE_STUN_DELAY: {
        this.phase = PHASE_DELAY;
        const rtt = s.transport.rttSec;
        const c = s.costs;
        this.delayLeftSec =
          rtt / 2 + c.handshakeRtts * rtt + c.fixedSwitchoverSec + c.bitmapSyncSecPerByte * s.vm.memoryBytes;
        if (this.delayLeftSec <= 0) this.finishStun();
        return;
      }
      default:
        this.phase = PHASE_DONE;
    }
  }

  /**
   * Iteration 0 time passes: SDPS `dynamic` polls every `Migrate.SdpsDynamicDelaySec` of it, as
   * in `PrecopyRules.iteration0GuestSec`; a poll sees the rate being granted at that moment.
   */
  private advanceIteration0(dtSec: number, rateBytesPerSec: number): void {
    const rules = this.rules;
    if (!rules.pollsIteration0) {
      this.iterSec += dtSec;
      return;
    }
    const delay = rules.pollDelaySec;
    const end = this.iterSec + dtSec;
    const s = this.s;
    while (this.polls < SDPS_MAX_POLLS && this.pollAtSec + delay < end) {
      const g1 = this.pollGuestSec + delay * (1 - rules.throttle);
      const u1 = dirtiedBytes(s.dirty, s.vm.memoryBytes, g1);
      rules.sdpsPoll(rateBytesPerSec, (u1 - this.pollDirtied) / (g1 - this.pollGuestSec));
      this.pollAtSec += delay;
      this.pollGuestSec = g1;
      this.pollDirtied = u1;
      this.polls++;
    }
    this.iterSec = end;
  }

  /** Guest seconds of the iteration just ended (wall time less throttling). */
  private iterationGuestSec(): number {
    const f = this.rules.throttle;
    if (this.iterations > 0 || !this.rules.pollsIteration0 || this.iterSec <= this.rules.pollDelaySec)
      return this.iterSec * (1 - f);
    return this.pollGuestSec + (this.iterSec - this.pollAtSec) * (1 - f);
  }

  /** The rate of the iteration just sent: exact when constant, bytes / send time when it varied. */
  private iterationRate(): number {
    if (this.iterRate >= 0) return this.iterRate;
    if (this.iterRate === -2 && this.sendSec > 0) return this.wire / this.sendSec;
    return this.lastRate;
  }

  /** The body of runKernel's loop after an iteration's duration is known. */
  private endIteration(): void {
    const s = this.s;
    const rules = this.rules;
    const rate = this.iterationRate();
    if (this.iterations === 0) rules.startThrottle(s, rate);
    const duration = this.iterSec;
    const guest = this.iterationGuestSec();
    const dirtied = dirtiedBytes(s.dirty, s.vm.memoryBytes, guest);
    const remaining = this.remaining;
    this.sent += this.wire;
    this.precopyTimeSec += duration;
    const i = ++this.iterations;
    this.switchoverBytes = dirtied;
    const stopNow = rules.afterIteration(i, rate, this.wire, remaining, dirtied, guest, this.sent, duration);
    this.guestSlowdown = rules.maxThrottle;
    if (!stopNow) {
      this.remaining = dirtied;
      this.enterStage(STAGE_SLOW_START);
      return;
    }
    this.stop = rules.stop;
    this.outcome = rules.outcome;
    if (this.outcome === O_NOT_CONVERGING) {
      this.downtimeSec = 0;
      this.transferredBytes = this.sent;
      this.totalTimeSec = s.costs.traceSetupSec + this.precopyTimeSec;
      this.stage = STAGE_DONE;
      this.phase = PHASE_DONE;
      return;
    }
    this.enterStage(STAGE_STUN_SEND);
  }

  private finishStun(): void {
    const s = this.s;
    const rtt = s.transport.rttSec;
    const c = s.costs;
    const downtime =
      this.stunSendSec +
      rtt / 2 +
      c.handshakeRtts * rtt +
      c.fixedSwitchoverSec +
      c.bitmapSyncSecPerByte * s.vm.memoryBytes;
    this.downtimeSec = downtime;
    this.transferredBytes = this.sent + this.switchoverBytes + s.vm.checkpointBytes;
    this.totalTimeSec = c.traceSetupSec + this.precopyTimeSec + downtime;
    if (downtime > maxStunSec(s.policy)) this.outcome = O_TIMEOUT;
    this.stage = STAGE_DONE;
    this.phase = PHASE_DONE;
  }
}
