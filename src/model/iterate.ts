import { PAGE_BYTES } from "../units/parse.js";
import { dirtiedAt } from "./dirty/evaluator.js";
import {
  K_QEMU,
  type PrecopyRules,
  K_VMOTION,
  O_CONVERGED,
  O_DATA_CAP,
  O_MAX_ROUNDS,
  O_NOT_CONVERGING,
  O_THROTTLED,
  QEMU_THROTTLE_PERIOD_SEC,
  STOP,
} from "./rules.js";
import type { Summary } from "./simulate.js";
import type { DirtyModel, Scenario } from "./types.js";

// The stop codes as numbers. A read of STOP.x in a branch that had not yet run when the loop was
// optimised (the first scenario to reach the round cap, say) deoptimises the function in the
// middle of its loop, and V8 may then leave it for good in on-stack-replacement code entered
// from an unoptimised prologue at every call (the QEMU bench task at 0.23 M/s instead of 0.36).
const S_GOAL: number = STOP.goal;
const S_FEW_PAGES: number = STOP.fewPages;
const S_MAX_ROUNDS: number = STOP.maxRounds;
const S_DATA_CAP: number = STOP.dataCap;
const S_STALLED: number = STOP.stalled;
const S_ROUND_CAP: number = STOP.roundCapNoSwitch;
const THROTTLE_PERIOD_SEC: number = QEMU_THROTTLE_PERIOD_SEC;

/**
 * `runKernel`'s iterations on the summary path for QEMU and Xen (no trace, no throttle timeline;
 * a vMotion scenario throws: its whole summary is `vmotionSummary`, vmotion-summary.ts): the same
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
 *
 * Why a function per policy that repeats its locals: each policy's loop has its own type feedback and
 * optimised code, so a scenario of another policy (or a branch first taken late) deoptimises only
 * its own loop, and each loop holds only its own locals in registers. One loop branching on the
 * policy measured 0.24 M/s on the bench's QEMU task against 0.36 for its own loop, and in one
 * process running every bench task the vMotion task ran at 1.45-1.87 M/s in one function, 1.94 in
 * its own.
 *
 * test/model/iterate.test.ts holds it equal to the general loop, tolerance 0.
 */
export function iterateSummary(s: Scenario, out: Summary): void {
  const rules = out.rules.reset(s);
  if (rules.kind === K_VMOTION)
    throw new RangeError("iterateSummary: a vMotion scenario's summary path is vmotionSummary");
  start(s, rules);
  if (rules.kind === K_QEMU) qemuLoop(rules, out);
  else xenLoop(rules, out);
}

/**
 * The scenario's numbers and its iteration 0, as the general loop computes them, for the loops
 * (one object, filled by {@link start} before each loop: nothing here is re-entrant).
 */
export class LoopStart {
  // Number fields that hold fractions start as -0, a double: a field that first holds the small
  // integer 0 is widened to a double field when the first fraction is stored, which changes the
  // object's map and deoptimises every optimised function that relied on the old one (in one
  // process of ~40 the vMotion kernel then stayed in on-stack-replacement code, 3.4x slower).
  // See PrecopyRules (rules.ts); `start` writes them before a loop reads them.
  rate = -0;
  memory = -0;
  dKind = 0;
  dRate = -0;
  wss = -0;
  coldRate = -0;
  coldBytes = -0;
  model: DirtyModel | null = null;
  syncFixed = -0;
  syncPerPage = -0;
  noSync = false;
  wire0 = -0;
  duration0 = -0;
  /** The throttle as iteration 0 starts (SDPS `always`), and iteration 0's guest seconds. */
  throttle0 = -0;
  guest0 = -0;
}

export const START = new LoopStart();

export function start(s: Scenario, rules: PrecopyRules): void {
  const st = START;
  const rate = rules.iteration0Rate; // migrationRate(s), set by reset
  // Only SDPS `always` throttles from the start: no call (and no boxed rate) for the others.
  if (rules.sdpsMode === 2) rules.startThrottle(s, rate);
  const vm = s.vm;
  const costs = s.costs;
  const memory = vm.memoryBytes;
  const zeroBytes = memory * vm.zeroPageFraction;
  const ev = rules.dirty;
  st.rate = rate;
  st.memory = memory;
  st.dKind = ev.kind;
  st.dRate = ev.rateBytesPerSec;
  st.wss = ev.wssBytes;
  st.coldRate = ev.coldRateBytesPerSec;
  st.coldBytes = ev.coldBytes;
  st.model = ev.model;
  const syncFixed = costs.roundSyncSecPerByte * memory;
  const syncPerPage = costs.roundSyncSecPerDirtyPage;
  st.syncFixed = syncFixed;
  st.syncPerPage = syncPerPage;
  // 0 x (remaining / page) is 0 for a finite remainder (U is capped at memory).
  st.noSync = syncFixed === 0 && syncPerPage === 0 && memory < Infinity;
  const wire = memory - zeroBytes + (zeroBytes / PAGE_BYTES) * costs.zeroPageHeaderBytes;
  const duration = wire / rate + (s.transport.slowStartSec + zeroBytes / costs.zeroScanBytesPerSec);
  st.wire0 = wire;
  st.duration0 = duration;
  st.throttle0 = rules.throttle;
  rules.iteration0Sec = duration;
  rules.iteration0();
  st.guest0 = rules.guest0Sec;
}

/** QEMU: the downtime limit, a stall (auto-converge: throttle steps first), the round cap. */
function qemuLoop(rules: PrecopyRules, out: Summary): void {
  const st = START;
  const rate = st.rate;
  const memory = st.memory;
  const dKind = st.dKind;
  const dRate = st.dRate;
  const wss = st.wss;
  const coldRate = st.coldRate;
  const coldBytes = st.coldBytes;
  const model = st.model;
  const syncFixed = st.syncFixed;
  const syncPerPage = st.syncPerPage;
  const noSync = st.noSync;
  const pageBytes = +PAGE_BYTES; // a local: an imported binding is re-checked at every use
  const maxRounds = rules.maxRounds;
  let wire = st.wire0;
  let duration = st.duration0;
  let guest = st.guest0;
  let iterThrottle = st.throttle0;
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
  const goalBytes = rate * rules.goalSec;
  const autoConverge = rules.autoConverge;
  const acInitial = rules.acInitial;
  const acIncrement = rules.acIncrement;
  const acMax = rules.acMax;
  let acHighCount = 0;
  // QEMU's throttle period (rules.ts, QEMU_THROTTLE_PERIOD_SEC): wall seconds, dirtied, sent.
  let periodSec = 0;
  let periodDirtied = 0;
  let periodWire = 0;
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
      periodSec += duration;
      periodDirtied += dirtied;
      periodWire += wire;
      let high = false;
      if (periodSec > THROTTLE_PERIOD_SEC) {
        high = periodDirtied > 0.5 * periodWire;
        periodSec = 0;
        periodDirtied = 0;
        periodWire = 0;
      }
      if (high && ++acHighCount >= 2) {
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
    duration = noSync ? wire / rate : wire / rate + (syncFixed + syncPerPage * (remaining / pageBytes));
    iterThrottle = throttle;
    guest = throttle === 0 ? duration : duration * (1 - throttle);
  }
  finish(
    out,
    i,
    sent,
    precopy,
    dirtied,
    remaining,
    duration,
    guest,
    iterThrottle,
    maxThrottle,
    lost,
    stop,
    outcome,
  );
}

/** Xen: few dirty pages, the round cap, the data cap; it never throttles. */
function xenLoop(rules: PrecopyRules, out: Summary): void {
  const st = START;
  const rate = st.rate;
  const memory = st.memory;
  const dKind = st.dKind;
  const dRate = st.dRate;
  const wss = st.wss;
  const coldRate = st.coldRate;
  const coldBytes = st.coldBytes;
  const model = st.model;
  const syncFixed = st.syncFixed;
  const syncPerPage = st.syncPerPage;
  const noSync = st.noSync;
  const pageBytes = +PAGE_BYTES; // a local: an imported binding is re-checked at every use
  const maxRounds = rules.maxRounds;
  let wire = st.wire0;
  let duration = st.duration0;
  let guest = st.guest0;
  let iterThrottle = st.throttle0;
  const throttle = rules.throttle; // 0: Xen never throttles
  const maxThrottle = rules.maxThrottle;
  let remaining = memory;
  let dirtied = 0;
  let sent = 0;
  let precopy = 0;
  let lost = 0;
  let i = 0;
  let stop = S_MAX_ROUNDS;
  let outcome = O_MAX_ROUNDS;
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
    duration = noSync ? wire / rate : wire / rate + (syncFixed + syncPerPage * (remaining / pageBytes));
    iterThrottle = throttle;
    guest = throttle === 0 ? duration : duration * (1 - throttle);
  }
  finish(
    out,
    i,
    sent,
    precopy,
    dirtied,
    remaining,
    duration,
    guest,
    iterThrottle,
    maxThrottle,
    lost,
    stop,
    outcome,
  );
}

/** The loops' results into `out.precopy` and `out`. */
function finish(
  out: Summary,
  i: number,
  sent: number,
  precopy: number,
  dirtied: number,
  remaining: number,
  duration: number,
  guest: number,
  iterThrottle: number,
  maxThrottle: number,
  lost: number,
  stop: number,
  outcome: number,
): void {
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
