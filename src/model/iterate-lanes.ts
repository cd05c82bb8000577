import { PAGE_BYTES } from "../units/parse.js";
import { dirtiedAt } from "./dirty/evaluator.js";
import { start, START } from "./iterate.js";
import {
  K_QEMU,
  K_XEN,
  O_CONVERGED,
  O_DATA_CAP,
  O_MAX_ROUNDS,
  O_NOT_CONVERGING,
  O_THROTTLED,
  PrecopyRules,
  QEMU_THROTTLE_PERIOD_SEC,
  STOP,
} from "./rules.js";
import { finishSummary, type Summary } from "./simulate.js";
import { Precopy } from "./closed-form.js";
import type { Scenario } from "./types.js";

// The stop and outcome codes as module numbers (see iterate.ts: a property read first taken late
// deoptimises the loop).
const S_GOAL: number = STOP.goal;
const S_FEW_PAGES: number = STOP.fewPages;
const S_MAX_ROUNDS: number = STOP.maxRounds;
const S_DATA_CAP: number = STOP.dataCap;
const S_STALLED: number = STOP.stalled;
const S_ROUND_CAP: number = STOP.roundCapNoSwitch;
const OC_CONVERGED: number = O_CONVERGED;
const OC_THROTTLED: number = O_THROTTLED;
const OC_MAX_ROUNDS: number = O_MAX_ROUNDS;
const OC_DATA_CAP: number = O_DATA_CAP;
const OC_NOT_CONVERGING: number = O_NOT_CONVERGING;

/**
 * The summary path's iterations (iterate.ts) for many scenarios at once: {@link LANES} scenarios
 * of one policy iterated side by side, one round of each in turn, each lane refilled with the
 * next scenario as soon as its own stops (so a scenario that creeps 250 rounds does not leave the
 * other lanes idle). Each lane does the same operations in the same order as iterate.ts's loop
 * for its policy, so every result is the same double as `runKernel` gives for the scenario alone
 * (test/model/kernel-batch.test.ts, tolerance 0).
 *
 * Why: a round is a serial chain (the remainder sets the round's time, a division; the writes, a
 * product; their share of the working set, a division, into `expm1`, ~34 ns of dependent
 * arithmetic in C; the result is the next remainder), ~35-37 ns a round whatever else the loop
 * does. The rounds of different scenarios are independent, so with several in flight the
 * out-of-order core overlaps their chains, and the loop is bound by its instructions instead
 * (~3.6 a cycle): every check, load and store off the chain counts here, where it did not in the
 * one-by-one loops. Hence: a lane's state is a run of numbers in one small Float64Array, read once
 * a round (the C call clobbers every floating-point register, so locals would be spilled to the
 * stack all the same), only what U(t) needs before its `expm1`; imported functions and numbers
 * are module constants (an imported binding is loaded and checked at every use); the lane index
 * is masked (`lane & 3`) so that no index arithmetic is overflow-checked; stopped lanes' results
 * go to a typed array and into the summaries after the loop. docs/performance.md, session 6.
 *
 * JIT traps avoided (each measured): the loops begin with their loop (code before it, run in the
 * first call before V8 gave the function feedback, deoptimised the optimised loop at every later
 * call: QEMU 0.25 instead of 0.38 M/s); no object is written inside the loop (its on-stack-
 * replacement code deoptimised at every call).
 *
 * Why one function per policy, again: each has its own type feedback (iterate.ts).
 */

/** Scenarios iterated side by side (at most 4: the loops index lanes with `lane & 3`). */
export const LANES = 4;

// One lane's state: numbers at lane x NF + field of LANE (the scenario's constants, then the
// round's state, then the policy's knobs).
const RATE = 0;
const MEMORY = 1;
const DKIND = 2;
const DRATE = 3;
const WSS = 4;
const COLD_RATE = 5;
const COLD_BYTES = 6;
const SYNC_FIXED = 7;
const SYNC_PER_PAGE = 8;
const NO_SYNC = 9;
const MAX_ROUNDS = 10;
const WIRE = 11;
const DURATION = 12;
const GUEST = 13;
const ITER_THROTTLE = 14;
const THROTTLE = 15;
const MAX_THROTTLE = 16;
const REMAINING = 17;
const SENT = 18;
const PRECOPY = 19;
const LOST = 20;
const I = 21;
/** QEMU: the downtime limit in bytes (rate x limit); Xen: fewer dirty pages than this, in bytes. */
const P_GOAL = 23;
/** QEMU: auto-converge (1) or not; Xen: the data cap in bytes. */
const P_MODE = 24;
/** QEMU: auto-converge's first step. */
const P_A = 25;
/** QEMU: auto-converge's increment. */
const P_B = 26;
/** QEMU: auto-converge's maximum. */
const P_C = 27;
/** QEMU: auto-converge's count of high-dirtying periods. */
const P_COUNT = 28;
/** QEMU: the open throttle period's wall seconds, dirtied and sent bytes (rules.ts, QEMU_THROTTLE_PERIOD_SEC). */
const P_PERIOD_SEC = 29;
const P_PERIOD_DIRTIED = 30;
const P_PERIOD_WIRE = 31;
const NF = 32;

const LANE = new Float64Array(4 * NF); // 4 >= LANES: see the loops' `lane & 3`
/**
 * PAGE_BYTES and dirtiedAt copied into module constants: an imported binding is loaded from its
 * module cell and checked at every use (in the loops: every round), a constant of this module is
 * folded into the code.
 */
const PAGE: number = PAGE_BYTES;
const THROTTLE_PERIOD_SEC: number = QEMU_THROTTLE_PERIOD_SEC;
const uAt = dirtiedAt;
/** Each lane's index in `rows`. */
const ROW = new Int32Array(LANES);
/**
 * The rules each lane starts from and the pre-copy each finishes through: scratch, one for all
 * (every number is copied into the lane), warm in cache; the summaries' own `rules` and `precopy`
 * (a few hundred bytes each, a thousand summaries in a batch) are not touched.
 */
const RULES = new PrecopyRules();
const PRE = new Precopy();

/**
 * Scenario `s` into lane state at `b`: its rules reset (`out.rules`), its iteration 0 computed
 * as `iterateSummary` computes it (iterate.ts `start`), the policy's knobs copied.
 */
function startLane(s: Scenario, st: Float64Array, b: number): void {
  const rules = RULES.reset(s);
  start(s, rules);
  const S = START;
  const rate = S.rate;
  st[b + RATE] = rate;
  st[b + MEMORY] = S.memory;
  st[b + DKIND] = S.dKind;
  st[b + DRATE] = S.dRate;
  st[b + WSS] = S.wss;
  st[b + COLD_RATE] = S.coldRate;
  st[b + COLD_BYTES] = S.coldBytes;
  st[b + SYNC_FIXED] = S.syncFixed;
  st[b + SYNC_PER_PAGE] = S.syncPerPage;
  st[b + NO_SYNC] = S.noSync ? 1 : 0;
  st[b + MAX_ROUNDS] = rules.maxRounds;
  st[b + WIRE] = S.wire0;
  st[b + DURATION] = S.duration0;
  st[b + GUEST] = S.guest0;
  st[b + ITER_THROTTLE] = S.throttle0;
  st[b + THROTTLE] = rules.throttle;
  st[b + MAX_THROTTLE] = rules.maxThrottle;
  st[b + REMAINING] = S.memory;
  st[b + SENT] = 0;
  st[b + PRECOPY] = 0;
  st[b + LOST] = 0;
  st[b + I] = 0;
  if (rules.kind === K_QEMU) {
    st[b + P_GOAL] = rate * rules.goalSec;
    st[b + P_MODE] = rules.autoConverge ? 1 : 0;
    st[b + P_A] = rules.acInitial;
    st[b + P_B] = rules.acIncrement;
    st[b + P_C] = rules.acMax;
    st[b + P_COUNT] = 0;
    st[b + P_PERIOD_SEC] = 0;
    st[b + P_PERIOD_DIRTIED] = 0;
    st[b + P_PERIOD_WIRE] = 0;
  } else {
    st[b + P_GOAL] = rules.fewPagesBytes;
    st[b + P_MODE] = rules.dataCap;
  }
}

// A stopped lane's results, kept by row until the lanes are done (see {@link finishRows}).
const R_STOP = 0;
const R_OUTCOME = 1;
const R_I = 2;
const R_PRECOPY = 3;
const R_SENT = 4;
const R_DIRTIED = 5;
const R_REMAINING = 6;
const R_DURATION = 7;
const R_GUEST = 8;
const R_ITER_THROTTLE = 9;
const R_MAX_THROTTLE = 10;
const R_LOST = 11;
const NR = 12;
let results = new Float64Array(256 * NR);

/** The lane at `b` stopped, its last round having dirtied `dirtied`: its results into the `k`-th row of `results`. */
function keep(st: Float64Array, b: number, k: number, stop: number, outcome: number, dirtied: number): void {
  const r = results;
  const q = k * NR;
  r[q + R_STOP] = stop;
  r[q + R_OUTCOME] = outcome;
  r[q + R_I] = st[b + I] as number;
  r[q + R_PRECOPY] = st[b + PRECOPY] as number;
  r[q + R_SENT] = st[b + SENT] as number;
  r[q + R_DIRTIED] = dirtied;
  r[q + R_REMAINING] = st[b + REMAINING] as number;
  r[q + R_DURATION] = st[b + DURATION] as number;
  r[q + R_GUEST] = st[b + GUEST] as number;
  r[q + R_ITER_THROTTLE] = st[b + ITER_THROTTLE] as number;
  r[q + R_MAX_THROTTLE] = st[b + MAX_THROTTLE] as number;
  r[q + R_LOST] = st[b + LOST] as number;
}

/**
 * Each row's results into `out.precopy` and `out` (as iterate.ts `finish`), then `out` completed
 * (`finishSummary`). After the lanes, not as each lane stops: stores into objects inside the lane
 * loop, first run when its first scenario stopped, deoptimised its on-stack-replacement code at
 * every call ("insufficient type feedback").
 */
function finishRows(
  scenarios: readonly Scenario[],
  rows: Int32Array,
  count: number,
  out: readonly Summary[],
): void {
  const res = results;
  for (let k = 0; k < count; k++) {
    const row = rows[k] as number;
    const o = out[row] as Summary;
    const q = k * NR;
    const dirtied = res[q + R_DIRTIED] as number;
    const remaining = res[q + R_REMAINING] as number;
    const duration = res[q + R_DURATION] as number;
    const guest = res[q + R_GUEST] as number;
    const ratio = dirtied > 0 ? remaining / dirtied : Infinity;
    const pre = PRE;
    pre.outcome = res[q + R_OUTCOME] as number;
    pre.iterations = res[q + R_I] as number;
    pre.precopyTimeSec = res[q + R_PRECOPY] as number;
    pre.sentBytes = res[q + R_SENT] as number;
    pre.dirtiedBytes = dirtied;
    o.stop = res[q + R_STOP] as number;
    o.lastRatio = ratio === Infinity ? 0 : ratio;
    o.lastSentBytes = remaining;
    o.lastIterationSec = duration;
    o.lastThrottle = duration > 0 ? 1 - guest / duration : (res[q + R_ITER_THROTTLE] as number);
    o.guestSlowdown = res[q + R_MAX_THROTTLE] as number;
    o.guestCpuLostSec = res[q + R_LOST] as number;
    finishSummary(scenarios[row] as Scenario, o, pre);
  }
}

/**
 * After the lane at `b` stopped: the next scenario of `rows` into it, or, with none left, the
 * last active lane moved into it. Returns the number of active lanes.
 */
function refill(
  scenarios: readonly Scenario[],
  rows: Int32Array,
  count: number,
  next: number,
  st: Float64Array,
  lane: number,
  active: number,
): number {
  if (next < count) {
    const r = rows[next] as number;
    startLane(scenarios[r] as Scenario, st, lane * NF);
    ROW[lane] = next;
    return active;
  }
  const last = active - 1;
  if (last !== lane) {
    st.copyWithin(lane * NF, last * NF, last * NF + NF);
    ROW[lane] = ROW[last] as number;
  }
  return last;
}

/** The first lanes filled from `rows`: the number of active lanes. */
function fill(scenarios: readonly Scenario[], rows: Int32Array, count: number): number {
  let active = 0;
  for (; active < LANES && active < count; active++) {
    const r = rows[active] as number;
    startLane(scenarios[r] as Scenario, LANE, active * NF);
    ROW[active] = active;
  }
  return active;
}

/**
 * The scenarios `scenarios[rows[k]]`, k < count, all of one policy (`kind`, rules.ts `K_*`), iterated
 * {@link LANES} at a time, each into `out[rows[k]]` completed (`finishSummary`).
 */
export function iterateLanes(
  scenarios: readonly Scenario[],
  rows: Int32Array,
  count: number,
  out: readonly Summary[],
  kind: number,
): void {
  if (count === 0) return;
  if (results.length < count * NR) results = new Float64Array(count * NR);
  const filled = fill(scenarios, rows, count);
  // The loops begin with their loop: code before it, run in the first call before V8 gave the
  // function its feedback vector, had none when the loop was optimised on the stack, and the
  // optimised function deoptimised there at every later call.
  if (kind === K_QEMU) qemuLanes(scenarios, rows, count, out, filled);
  else if (kind === K_XEN) xenLanes(scenarios, rows, count, out, filled);
  finishRows(scenarios, rows, count, out);
}

/**
 * The QEMU scenarios `scenarios[rows[k]]` iterated {@link LANES} at a time, round by round in
 * turn, each into `out[rows[k]]` completed (`finishSummary`).
 */
function qemuLanes(
  scenarios: readonly Scenario[],
  rows: Int32Array,
  count: number,
  out: readonly Summary[],
  filled: number,
): void {
  const st = LANE;
  const pageBytes = PAGE;
  let active = filled;
  let next = filled;
  while (active > 0) {
    for (let lane = 0; lane < active; lane++) {
      // `& 3`: the optimiser then knows b + field < 4 x NF, the array's length, and checks no
      // index. Only what U(t) needs is read before it: values live across its `expm1` (a C call)
      // are spilled to the stack and read back.
      const b = (lane & 3) * NF;
      const guest = st[b + GUEST] as number;
      const dirtied = uAt(
        st[b + DKIND] as number,
        st[b + DRATE] as number,
        st[b + WSS] as number,
        st[b + COLD_RATE] as number,
        st[b + COLD_BYTES] as number,
        st[b + MEMORY] as number,
        null, // read only by the models without an inline formula, which lanesMayTake keeps out
        guest,
      );
      const wire = st[b + WIRE] as number;
      const duration = st[b + DURATION] as number;
      const remaining = st[b + REMAINING] as number;
      const lost = (st[b + LOST] as number) + (duration - guest);
      const sent = (st[b + SENT] as number) + wire;
      const precopy = (st[b + PRECOPY] as number) + duration;
      const i = (st[b + I] as number) + 1;
      st[b + LOST] = lost;
      st[b + SENT] = sent;
      st[b + PRECOPY] = precopy;
      st[b + I] = i;
      const maxThrottle0 = st[b + MAX_THROTTLE] as number;
      const goalBytes = st[b + P_GOAL] as number;
      const autoConverge = st[b + P_MODE] as number;
      let stop = -1;
      let outcome = 0;
      let throttle = st[b + THROTTLE] as number;
      if (dirtied <= goalBytes) {
        stop = S_GOAL;
        outcome = maxThrottle0 > 0 ? OC_THROTTLED : OC_CONVERGED;
      } else if (autoConverge === 0) {
        if (dirtied >= remaining) {
          stop = S_STALLED;
          outcome = OC_NOT_CONVERGING;
        }
      } else {
        const th = throttle;
        const acMax = st[b + P_C] as number;
        let count = st[b + P_COUNT] as number;
        const periodSec = (st[b + P_PERIOD_SEC] as number) + duration;
        const periodDirtied = (st[b + P_PERIOD_DIRTIED] as number) + dirtied;
        const periodWire = (st[b + P_PERIOD_WIRE] as number) + wire;
        let high = false;
        if (periodSec > THROTTLE_PERIOD_SEC) {
          high = periodDirtied > 0.5 * periodWire;
          st[b + P_PERIOD_SEC] = 0;
          st[b + P_PERIOD_DIRTIED] = 0;
          st[b + P_PERIOD_WIRE] = 0;
        } else {
          st[b + P_PERIOD_SEC] = periodSec;
          st[b + P_PERIOD_DIRTIED] = periodDirtied;
          st[b + P_PERIOD_WIRE] = periodWire;
        }
        if (high && (count = count + 1) >= 2) {
          count = 0;
          const next = th === 0 ? (st[b + P_A] as number) : th + (st[b + P_B] as number);
          throttle = next < acMax ? next : acMax;
          st[b + THROTTLE] = throttle;
          if (throttle > maxThrottle0) st[b + MAX_THROTTLE] = throttle;
        } else if (dirtied >= remaining && th >= acMax) {
          stop = S_STALLED;
          outcome = OC_NOT_CONVERGING;
        }
        st[b + P_COUNT] = count;
      }
      if (stop < 0 && i >= (st[b + MAX_ROUNDS] as number)) {
        stop = S_ROUND_CAP;
        outcome = OC_NOT_CONVERGING;
      }
      if (stop >= 0) {
        keep(st, b, ROW[lane] as number, stop, outcome, dirtied);
        const before = active;
        active = refill(scenarios, rows, count, next, st, lane, active);
        if (active === before) next++;
        else lane--; // the last lane moved here: its round next
        continue;
      }
      const rate = st[b + RATE] as number;
      const d =
        st[b + NO_SYNC] !== 0
          ? dirtied / rate
          : dirtied / rate +
            ((st[b + SYNC_FIXED] as number) + (st[b + SYNC_PER_PAGE] as number) * (dirtied / pageBytes));
      st[b + REMAINING] = dirtied;
      st[b + WIRE] = dirtied;
      st[b + DURATION] = d;
      st[b + ITER_THROTTLE] = throttle;
      st[b + GUEST] = throttle === 0 ? d : d * (1 - throttle);
    }
  }
}

/** The Xen scenarios of `rows` in lanes, as {@link qemuLanes}: few dirty pages, the round cap, the data cap. */
function xenLanes(
  scenarios: readonly Scenario[],
  rows: Int32Array,
  count: number,
  out: readonly Summary[],
  filled: number,
): void {
  const st = LANE;
  const pageBytes = PAGE;
  let active = filled;
  let next = filled;
  while (active > 0) {
    for (let lane = 0; lane < active; lane++) {
      const b = (lane & 3) * NF; // see qemuLanes
      const guest = st[b + GUEST] as number;
      const dirtied = uAt(
        st[b + DKIND] as number,
        st[b + DRATE] as number,
        st[b + WSS] as number,
        st[b + COLD_RATE] as number,
        st[b + COLD_BYTES] as number,
        st[b + MEMORY] as number,
        null, // read only by the models without an inline formula, which lanesMayTake keeps out
        guest,
      );
      const wire = st[b + WIRE] as number;
      const duration = st[b + DURATION] as number;
      const lost = (st[b + LOST] as number) + (duration - guest);
      const sent = (st[b + SENT] as number) + wire;
      const precopy = (st[b + PRECOPY] as number) + duration;
      const i = (st[b + I] as number) + 1;
      st[b + LOST] = lost;
      st[b + SENT] = sent;
      st[b + PRECOPY] = precopy;
      st[b + I] = i;
      let stop = -1;
      let outcome = 0;
      if (dirtied < (st[b + P_GOAL] as number)) {
        stop = S_FEW_PAGES;
        outcome = OC_CONVERGED;
      } else if (i >= (st[b + MAX_ROUNDS] as number)) {
        stop = S_MAX_ROUNDS;
        outcome = OC_MAX_ROUNDS;
      } else if (sent > (st[b + P_MODE] as number)) {
        stop = S_DATA_CAP;
        outcome = OC_DATA_CAP;
      }
      if (stop >= 0) {
        keep(st, b, ROW[lane] as number, stop, outcome, dirtied);
        const before = active;
        active = refill(scenarios, rows, count, next, st, lane, active);
        if (active === before) next++;
        else lane--; // the last lane moved here: its round next
        continue;
      }
      const rate = st[b + RATE] as number;
      const d =
        st[b + NO_SYNC] !== 0
          ? dirtied / rate
          : dirtied / rate +
            ((st[b + SYNC_FIXED] as number) + (st[b + SYNC_PER_PAGE] as number) * (dirtied / pageBytes));
      st[b + REMAINING] = dirtied;
      st[b + WIRE] = dirtied;
      st[b + DURATION] = d;
      // Xen never throttles (rules.ts): the throttle is 0, the guest time the round's time (as
      // xenLoop's `throttle === 0 ? duration : ...`), and the round's throttle stays 0.
      st[b + GUEST] = d;
    }
  }
}
