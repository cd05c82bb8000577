import { PAGE_BYTES } from "../units/parse.js";
import { MARGIN, RHO_MAX } from "./closed-form.js";
import { lanesMayTake, runKernelBatch } from "./kernel-batch.js";
import { runKernel, Summary } from "./simulate.js";
import type { CostSpec, DirtyModel, Policy, Scenario, TransportSpec, VmSpec } from "./types.js";

/**
 * The packed summary path: scenarios as rows of numbers in one Float64Array (every number a
 * scenario's closed form reads, a small integer code for the policy kind), simulated in one loop
 * into typed result columns. It is `runKernel`'s summary path (no trace), result for result the
 * same double:
 *
 * - a scenario in the geometric case (constant dirty rate, rho = D / B <= 0.99, no network
 *   failure, no per-round sync cost, no throttling) takes the closed form of `closed-form.ts`
 *   (Clark et al. 2005; Akoush et al. 2010), read straight from the rows, with the same
 *   operations in the same order as `closedFormPrecopy` and `runKernel`'s stun arithmetic;
 * - every other scenario, and every one where the closed form declines (a decision within
 *   `MARGIN` of its threshold), runs `runKernel` on its parts (QEMU and Xen working sets
 *   through `runKernelBatch`, kernel-batch.ts, 128 rows a call: their rounds in lanes).
 *
 * Why a second copy of the closed form instead of calls into `closedFormPrecopy`: a scenario is
 * five part objects whose number fields are boxed (two loads each, ~0.5 MB for 1,000 scenarios),
 * and in a process that has seen every policy and dirty model their property loads are
 * megamorphic (constant/vMotion 97 -> 253 ns a scenario). Packed rows read sequentially and
 * monomorphically, in one loop that keeps every offset in a local. `test/model/packed.test.ts` holds
 * the two paths equal (tolerance 0) over thousands of random scenarios of every policy and dirty
 * model, converging or not, declined or not.
 *
 * Use: `const batch = packScenarios(scenarios); const out = new SummaryColumns(batch.length);
 * simulateSummaries(batch, out);` then `out.totalTimeSec[i]` and so on, or `summaryAt(out, i,
 * sum)` for a {@link Summary}. Packing reads each scenario once (as `runKernel` would); pack once
 * and simulate as often as needed. Allocation-free per scenario.
 */

/** Policy codes of a packed row's `kind` field: 0 = not the geometric case, iterate. */
export const KIND_ITERATE = 0;
export const KIND_VMOTION = 1;
export const KIND_QEMU = 2;
export const KIND_XEN = 3;

/** SDPS modes of a packed row's `sdps` field. */
const SDPS_OFF = 0;
const SDPS_DYNAMIC = 1;
const SDPS_ALWAYS = 2;

/** The input fields, in their order in a row of {@link PackedScenarios.data}. */
const IN = [
  "kind",
  "memoryBytes",
  "zeroPageFraction",
  "checkpointBytes",
  "dirtyRateBytesPerSec",
  "throughputBytesPerSec",
  "rateBytesPerSec",
  "bindingCap",
  "rttSec",
  "slowStartSec",
  "traceSetupSec",
  "fixedSwitchoverSec",
  "bitmapSyncSecPerByte",
  "handshakeRtts",
  "zeroPageHeaderBytes",
  "zeroScanBytesPerSec",
  "goalSec",
  "maxRounds",
  "maxStunSec",
  "minProgressRatio",
  "sdps",
  "sdpsTargetRatio",
  "autoConverge",
  "dirtyPagesThreshold",
  "dataCapFactor",
] as const;
const col = (names: readonly string[], name: string): number => names.indexOf(name);
/** Each input field's offset in a row (its index in `IN`). */
const I = Object.fromEntries(IN.map((name, c) => [name, c])) as Record<(typeof IN)[number], number>;
/** Numbers per row of {@link PackedScenarios.data}. */
export const PACKED_FIELDS = IN.length;

/**
 * Scenarios as rows of numbers: row i is scenario i, its fields (in the order of `IN`) at
 * i x {@link PACKED_FIELDS} of one Float64Array, `data`. Fill with {@link PackedScenarios.set} or
 * {@link packScenarios}. Row by row, not column by column: filling a row writes one run of
 * memory instead of one value in each of 25 columns (at 65,536 rows, 25 streams 0.5 MB apart
 * cost ~130 instead of ~75 ns a scenario), and the loop reads one run per row.
 */
export class PackedScenarios {
  /** Rows in use (<= capacity); rows 0..length-1 must all have been set. */
  length = 0;
  /** Every row's numbers: field f of row i at i x PACKED_FIELDS + f. */
  readonly data: Float64Array;
  /** The parts of each scenario, for the rows that run `runKernel`. */
  readonly vm: VmSpec[];
  readonly dirty: DirtyModel[];
  readonly policy: Policy[];
  readonly transport: TransportSpec[];
  readonly costs: CostSpec[];

  constructor(readonly capacity: number) {
    this.data = new Float64Array(capacity * PACKED_FIELDS);
    this.vm = new Array<VmSpec>(capacity);
    this.dirty = new Array<DirtyModel>(capacity);
    this.policy = new Array<Policy>(capacity);
    this.transport = new Array<TransportSpec>(capacity);
    this.costs = new Array<CostSpec>(capacity);
  }

  /** Write scenario `s` into row `i` (i < capacity); `length` grows to cover it. */
  set(i: number, s: Scenario): void {
    const cap = this.capacity;
    if (!(i >= 0 && i < cap)) throw new RangeError(`row ${i} outside 0..${cap - 1}`);
    const vm = s.vm;
    const dirty = s.dirty;
    const p = s.policy;
    const t = s.transport;
    const c = s.costs;
    this.vm[i] = vm;
    this.dirty[i] = dirty;
    this.policy[i] = p;
    this.transport[i] = t;
    this.costs[i] = c;
    const d = this.data;
    const base = i * PACKED_FIELDS;
    const throughput = t.throughputBytesPerSec;
    d[base + I.memoryBytes] = vm.memoryBytes;
    d[base + I.zeroPageFraction] = vm.zeroPageFraction;
    d[base + I.checkpointBytes] = vm.checkpointBytes;
    d[base + I.throughputBytesPerSec] = throughput;
    d[base + I.rttSec] = t.rttSec;
    d[base + I.slowStartSec] = t.slowStartSec;
    d[base + I.traceSetupSec] = c.traceSetupSec;
    d[base + I.fixedSwitchoverSec] = c.fixedSwitchoverSec;
    d[base + I.bitmapSyncSecPerByte] = c.bitmapSyncSecPerByte;
    d[base + I.handshakeRtts] = c.handshakeRtts;
    d[base + I.zeroPageHeaderBytes] = c.zeroPageHeaderBytes;
    d[base + I.zeroScanBytesPerSec] = c.zeroScanBytesPerSec;
    d[base + I.maxRounds] = p.maxRounds;
    // The policy's knobs (0 where the kind has none), `maxStunSec` and `migrationRate` (rules.ts,
    // closed-form.ts), by kind once.
    let rate = throughput;
    let goal = 0;
    let maxStun = Infinity;
    let minProgress = 0;
    let sdps = SDPS_OFF;
    let sdpsTarget = 0;
    let autoConverge = 0;
    let fewPages = 0;
    let dataCap = 0;
    let kind: number;
    if (p.kind === "vmotion") {
      kind = KIND_VMOTION;
      goal = p.switchoverGoalSec;
      maxStun = p.maxSwitchoverSec;
      minProgress = p.minProgressRatio;
      sdps = p.sdps === "off" ? SDPS_OFF : p.sdps === "dynamic" ? SDPS_DYNAMIC : SDPS_ALWAYS;
      sdpsTarget = p.sdpsTargetRatio;
    } else if (p.kind === "qemu") {
      kind = KIND_QEMU;
      const limit = p.maxBandwidthBytesPerSec; // migrationRate: QEMU's max-bandwidth when lower
      if (limit > 0 && limit < throughput) rate = limit;
      goal = p.downtimeLimitSec;
      maxStun = p.maxStunSec;
      autoConverge = p.autoConverge ? 1 : 0;
    } else {
      kind = KIND_XEN;
      fewPages = p.dirtyPagesThreshold;
      dataCap = p.dataCapFactor;
    }
    d[base + I.rateBytesPerSec] = rate;
    d[base + I.bindingCap] = rate < throughput ? 1 : 0;
    d[base + I.goalSec] = goal;
    d[base + I.maxStunSec] = maxStun;
    d[base + I.minProgressRatio] = minProgress;
    d[base + I.sdps] = sdps;
    d[base + I.sdpsTargetRatio] = sdpsTarget;
    d[base + I.autoConverge] = autoConverge;
    d[base + I.dirtyPagesThreshold] = fewPages;
    d[base + I.dataCapFactor] = dataCap;
    const constant = dirty.kind === "constant";
    d[base + I.dirtyRateBytesPerSec] = constant ? dirty.rateBytesPerSec : 0;
    const failure = t.failure;
    d[base + I.kind] =
      !constant ||
      (failure !== undefined && failure !== null) ||
      c.roundSyncSecPerByte > 0 ||
      c.roundSyncSecPerDirtyPage > 0 ||
      !(p.maxRounds >= 1)
        ? KIND_ITERATE
        : kind;
    if (i >= this.length) this.length = i + 1;
  }
}

/** `scenarios` packed into a new {@link PackedScenarios} of their length. */
export function packScenarios(scenarios: readonly Scenario[]): PackedScenarios {
  const batch = new PackedScenarios(scenarios.length);
  for (let i = 0; i < scenarios.length; i++) batch.set(i, scenarios[i] as Scenario);
  return batch;
}

/** The result columns, in their order in {@link SummaryColumns.data}. */
const OUT = [
  "outcome",
  "stop",
  "iterations",
  "setupSec",
  "precopyTimeSec",
  "switchoverBytes",
  "downtimeSec",
  "totalTimeSec",
  "transferredBytes",
  "throughputBytesPerSec",
  "bindingCap",
  "guestSlowdown",
  "guestCpuLostSec",
  "lastRatio",
  "lastSentBytes",
  "lastIterationSec",
  "lastThrottle",
] as const;
/** Each result column's index in `OUT`. */
const O = Object.fromEntries(OUT.map((name, c) => [name, c])) as Record<(typeof OUT)[number], number>;

/**
 * `runKernel`'s {@link Summary}, one column per field (row i is scenario i's summary), each a
 * view of one Float64Array (`data`, column c at c x capacity), as {@link PackedScenarios}.
 */
export class SummaryColumns {
  readonly data: Float64Array;
  /** An OUTCOMES index. */
  readonly outcome: Float64Array;
  /** A STOP code. */
  readonly stop: Float64Array;
  readonly iterations: Float64Array;
  readonly setupSec: Float64Array;
  readonly precopyTimeSec: Float64Array;
  readonly switchoverBytes: Float64Array;
  readonly downtimeSec: Float64Array;
  readonly totalTimeSec: Float64Array;
  readonly transferredBytes: Float64Array;
  readonly throughputBytesPerSec: Float64Array;
  /** 1 when the policy's bandwidth cap bound the throughput, else 0. */
  readonly bindingCap: Float64Array;
  readonly guestSlowdown: Float64Array;
  readonly guestCpuLostSec: Float64Array;
  readonly lastRatio: Float64Array;
  readonly lastSentBytes: Float64Array;
  readonly lastIterationSec: Float64Array;
  readonly lastThrottle: Float64Array;
  /**
   * After {@link simulateSummaries}: the rows that ran `runKernel` (outside the closed form, or
   * declined by it) are `iteratedRows[0..iterated-1]`, in order.
   */
  iterated = 0;
  readonly iteratedRows: Int32Array;

  constructor(readonly capacity: number) {
    this.data = new Float64Array(capacity * OUT.length);
    const f = (name: (typeof OUT)[number]): Float64Array =>
      this.data.subarray(col(OUT, name) * capacity, (col(OUT, name) + 1) * capacity);
    this.iteratedRows = new Int32Array(capacity);
    this.outcome = f("outcome");
    this.stop = f("stop");
    this.iterations = f("iterations");
    this.setupSec = f("setupSec");
    this.precopyTimeSec = f("precopyTimeSec");
    this.switchoverBytes = f("switchoverBytes");
    this.downtimeSec = f("downtimeSec");
    this.totalTimeSec = f("totalTimeSec");
    this.transferredBytes = f("transferredBytes");
    this.throughputBytesPerSec = f("throughputBytesPerSec");
    this.bindingCap = f("bindingCap");
    this.guestSlowdown = f("guestSlowdown");
    this.guestCpuLostSec = f("guestCpuLostSec");
    this.lastRatio = f("lastRatio");
    this.lastSentBytes = f("lastSentBytes");
    this.lastIterationSec = f("lastIterationSec");
    this.lastThrottle = f("lastThrottle");
  }
}

/** Row `i` of `cols` into `sum` (every field `runKernel` writes). */
export function summaryAt(cols: SummaryColumns, i: number, sum: Summary = new Summary()): Summary {
  sum.outcome = cols.outcome[i] as number;
  sum.stop = cols.stop[i] as number;
  sum.iterations = cols.iterations[i] as number;
  sum.setupSec = cols.setupSec[i] as number;
  sum.precopyTimeSec = cols.precopyTimeSec[i] as number;
  sum.switchoverBytes = cols.switchoverBytes[i] as number;
  sum.downtimeSec = cols.downtimeSec[i] as number;
  sum.totalTimeSec = cols.totalTimeSec[i] as number;
  sum.transferredBytes = cols.transferredBytes[i] as number;
  sum.throughputBytesPerSec = cols.throughputBytesPerSec[i] as number;
  sum.bindingCap = cols.bindingCap[i] === 1;
  sum.guestSlowdown = cols.guestSlowdown[i] as number;
  sum.guestCpuLostSec = cols.guestCpuLostSec[i] as number;
  sum.lastRatio = cols.lastRatio[i] as number;
  sum.lastSentBytes = cols.lastSentBytes[i] as number;
  sum.lastIterationSec = cols.lastIterationSec[i] as number;
  sum.lastThrottle = cols.lastThrottle[i] as number;
  return sum;
}

/** `sum` into row `i` of `cols`. */
function storeSummary(cols: SummaryColumns, i: number, sum: Summary): void {
  // Into `data` directly: one typed array's checks instead of seventeen.
  const d = cols.data;
  const cap = cols.capacity;
  d[O.outcome * cap + i] = sum.outcome;
  d[O.stop * cap + i] = sum.stop;
  d[O.iterations * cap + i] = sum.iterations;
  d[O.setupSec * cap + i] = sum.setupSec;
  d[O.precopyTimeSec * cap + i] = sum.precopyTimeSec;
  d[O.switchoverBytes * cap + i] = sum.switchoverBytes;
  d[O.downtimeSec * cap + i] = sum.downtimeSec;
  d[O.totalTimeSec * cap + i] = sum.totalTimeSec;
  d[O.transferredBytes * cap + i] = sum.transferredBytes;
  d[O.throughputBytesPerSec * cap + i] = sum.throughputBytesPerSec;
  d[O.bindingCap * cap + i] = sum.bindingCap ? 1 : 0;
  d[O.guestSlowdown * cap + i] = sum.guestSlowdown;
  d[O.guestCpuLostSec * cap + i] = sum.guestCpuLostSec;
  d[O.lastRatio * cap + i] = sum.lastRatio;
  d[O.lastSentBytes * cap + i] = sum.lastSentBytes;
  d[O.lastIterationSec * cap + i] = sum.lastIterationSec;
  d[O.lastThrottle * cap + i] = sum.lastThrottle;
}

/** Rows that iterate per `runKernelBatch` call (as the sweep's chunks: src/sweep/batch.ts). */
const ITERATE_ROWS = 128;

type MutableScenario = { -readonly [K in keyof Scenario]: Scenario[K] };

/**
 * What the rows that iterate reuse. Rows the batch iterates in lanes (`lanesMayTake`: QEMU and
 * Xen working sets) go through `runKernelBatch` (kernel-batch.ts), a chunk at a time, into
 * scenario objects refilled from their parts and a chunk of summaries; every other row through
 * `runKernel` on one scenario object and one summary, warm in cache (through the batch those rows
 * cost 7-15 % more: the batch runs them one by one too, into a summary each).
 */
class Fallback {
  readonly sum = new Summary();
  readonly sums = Array.from({ length: ITERATE_ROWS }, () => new Summary());
  readonly scenarios: MutableScenario[] = Array.from({ length: ITERATE_ROWS }, () => ({
    vm: null as unknown as VmSpec,
    dirty: null as unknown as DirtyModel,
    transport: null as unknown as TransportSpec,
    policy: null as unknown as Policy,
    costs: null as unknown as CostSpec,
  }));
  /** The rows of the chunk being filled. */
  readonly chunkRows = new Int32Array(ITERATE_ROWS);

  /** Rows `rows[0..count-1]` of `b` simulated into the same rows of `out`. */
  run(b: PackedScenarios, rows: Int32Array, count: number, out: SummaryColumns): void {
    const scenarios = this.scenarios;
    const chunkRows = this.chunkRows;
    let m = 0;
    for (let q = 0; q < count; q++) {
      const i = rows[q] as number;
      // The chunk's next free scenario object: kept if the lanes may take the row, else reused.
      const s = scenarios[m] as MutableScenario;
      s.vm = b.vm[i] as VmSpec;
      s.dirty = b.dirty[i] as DirtyModel;
      s.transport = b.transport[i] as TransportSpec;
      s.policy = b.policy[i] as Policy;
      s.costs = b.costs[i] as CostSpec;
      if (lanesMayTake(s)) {
        chunkRows[m++] = i;
        if (m === ITERATE_ROWS) m = this.flush(m, out);
      } else {
        runKernel(s, this.sum, null);
        storeSummary(out, i, this.sum);
      }
    }
    this.flush(m, out);
  }

  /** The chunk's `m` rows through the batch; 0, the chunk's new length. */
  private flush(m: number, out: SummaryColumns): number {
    if (m === 0) return 0;
    runKernelBatch(this.scenarios, m, this.sums);
    for (let j = 0; j < m; j++) storeSummary(out, this.chunkRows[j] as number, this.sums[j] as Summary);
    return 0;
  }
}

const fallback = new Fallback();

/** Rows per call of the loop (see {@link simulateSummaries}). */
const CHUNK_ROWS = 256;

/**
 * Simulate rows 0..batch.length-1 of `batch` into the same rows of `out` (capacity >= length):
 * for every row, the {@link Summary} `runKernel(scenario, sum, null)` leaves, field for field.
 */
export function simulateSummaries(batch: PackedScenarios, out: SummaryColumns): void {
  const n = batch.length;
  if (out.capacity < n) throw new RangeError(`summary columns hold ${out.capacity} rows, the batch ${n}`);
  // The fields that are 0 on every row the closed form takes (no throttling), in bulk (rows that
  // iterate overwrite them).
  out.guestSlowdown.fill(0, 0, n);
  out.guestCpuLostSec.fill(0, 0, n);
  out.lastThrottle.fill(0, 0, n);
  // In chunks: V8 gives a function its feedback only after a few calls, so a loop over every row
  // of a large first batch ran without it; optimised then, the code lacked the types of the
  // loads before the loop, deoptimised at once, and only the loop's on-stack-replacement code
  // was left (its values enter the loop unchecked: ~55 instead of ~37 ns a row, seen in one
  // process out of three).
  let iterated = 0;
  for (let from = 0; from < n; from += CHUNK_ROWS)
    iterated = closedFormRows(batch, out, from, Math.min(n, from + CHUNK_ROWS), iterated);
  out.iterated = iterated;
  fallback.run(batch, out.iteratedRows, iterated, out);
}

/**
 * The loop of {@link simulateSummaries}: rows from..to-1 in the closed form, as `closedFormPrecopy`
 * and `runKernel` compute them (same operations, same order); every `break closed` is where
 * `closedFormPrecopy` returns false (or `runKernel` would not call it): the row is listed in
 * `out.iteratedRows` after the `iteratedBefore` listed so far, and the new count returned.
 *
 * Written for V8's optimising compiler (each point measured): one typed array in and one out
 * (with a typed array per column V8 checked each one's map, length and data pointer at every
 * access); the offsets typed int32 once (`| 0`) and the imported
 * numbers copied into locals (`+`), else V8 re-checks their tags (and an imported binding's
 * module cell) at every use; the STOP and OUTCOMES codes as literals, which V8 keeps in the
 * instruction (a local copy of each costs a register or a stack slot; test/model/packed.test.ts
 * fails if one drifts from rules.ts); no call inside the loop.
 */
function closedFormRows(
  batch: PackedScenarios,
  out: SummaryColumns,
  from: number,
  to: number,
  iteratedBefore: number,
): number {
  const src = batch.data;
  const stride = PACKED_FIELDS | 0;
  const kindAt = I.kind | 0;
  const memoryAt = I.memoryBytes | 0;
  const zeroFractionAt = I.zeroPageFraction | 0;
  const checkpointAt = I.checkpointBytes | 0;
  const dirtyAt = I.dirtyRateBytesPerSec | 0;
  const rateAt = I.rateBytesPerSec | 0;
  const bindingCapAt = I.bindingCap | 0;
  const rttAt = I.rttSec | 0;
  const slowStartAt = I.slowStartSec | 0;
  const setupAt = I.traceSetupSec | 0;
  const fixedAt = I.fixedSwitchoverSec | 0;
  const bitmapAt = I.bitmapSyncSecPerByte | 0;
  const handshakeAt = I.handshakeRtts | 0;
  const zeroHeaderAt = I.zeroPageHeaderBytes | 0;
  const zeroScanAt = I.zeroScanBytesPerSec | 0;
  const goalAt = I.goalSec | 0;
  const maxRoundsAt = I.maxRounds | 0;
  const maxStunAt = I.maxStunSec | 0;
  const minProgressAt = I.minProgressRatio | 0;
  const sdpsAt = I.sdps | 0;
  const sdpsTargetAt = I.sdpsTargetRatio | 0;
  const autoConvergeAt = I.autoConverge | 0;
  const fewPagesAt = I.dirtyPagesThreshold | 0;
  const dataCapAt = I.dataCapFactor | 0;
  const dst = out.data;
  const outCap = out.capacity;
  const oOutcome = (O.outcome * outCap) | 0;
  const oStop = (O.stop * outCap) | 0;
  const oSetup = (O.setupSec * outCap) | 0;
  const oThroughput = (O.throughputBytesPerSec * outCap) | 0;
  const oBindingCap = (O.bindingCap * outCap) | 0;
  const oIterations = (O.iterations * outCap) | 0;
  const oPrecopy = (O.precopyTimeSec * outCap) | 0;
  const oSwitchover = (O.switchoverBytes * outCap) | 0;
  const oDowntime = (O.downtimeSec * outCap) | 0;
  const oTotal = (O.totalTimeSec * outCap) | 0;
  const oTransferred = (O.transferredBytes * outCap) | 0;
  const oLastRatio = (O.lastRatio * outCap) | 0;
  const oLastSent = (O.lastSentBytes * outCap) | 0;
  const oLastIteration = (O.lastIterationSec * outCap) | 0;
  const iteratedRows = out.iteratedRows;
  let iterated = iteratedBefore;
  const margin = +MARGIN;
  const marginLo = 1 - margin; // the same doubles as closed-form.ts's (1 - MARGIN), (1 + MARGIN)
  const marginHi = 1 + margin;
  const rhoMax = +RHO_MAX;
  const pageBytes = +PAGE_BYTES;
  // x / PAGE_BYTES as a product: the page is 2^12 bytes, so x / 2^12 and x * 2^-12 are the same
  // double for every x (both the exact quotient, rounded once), and a product costs no division.
  const perPage = 1 / pageBytes;
  // STOP (rules.ts) and OUTCOMES (types.ts) codes.
  const stopGoal = 0;
  const stopFewPages = 1;
  const stopMaxRounds = 2;
  const stopDataCap = 3;
  const stopNoProgress = 4;
  const stopRoundCap = 6;
  const converged = 0;
  const maxRoundsOutcome = 2;
  const dataCapOutcome = 3;
  const notConverging = 4;
  const timeout = 5;
  // KIND_* and SDPS_* of this file.
  const kindIterate = 0;
  const kindVmotion = 1;
  const kindXen = 3;
  const sdpsDynamic = 1;
  const sdpsAlways = 2;

  rows: for (let i = from; i < to; i++) {
    const row = i * stride;
    const k = src[row + kindAt] as number;
    closed: {
      if (k === kindIterate) break closed;
      const rate = src[row + rateAt] as number;
      const d = src[row + dirtyAt] as number;
      if (!(d <= rhoMax * rate)) break closed; // runKernel's guard before the call
      const perRate = 1 / rate;
      const rho = d * perRate;
      if (!(rho >= 0 && rho <= rhoMax)) break closed;
      const memory = src[row + memoryAt] as number;
      const zeroBytes = memory * (src[row + zeroFractionAt] as number);
      const wire0 = memory - zeroBytes + zeroBytes * perPage * (src[row + zeroHeaderAt] as number);
      const t0 =
        wire0 * perRate + (src[row + slowStartAt] as number) + zeroBytes / (src[row + zeroScanAt] as number);
      const v0 = d * t0;
      if (!(v0 < memory * marginLo)) break closed;
      const maxRounds = src[row + maxRoundsAt] as number;

      let j = 0;
      let v = v0;
      let prev = memory;
      let stop: number;
      let outcome: number;
      if (k === kindXen) {
        const few = (src[row + fewPagesAt] as number) * pageBytes;
        const cap = (src[row + dataCapAt] as number) * memory;
        const fewHi = few * marginHi;
        const capLo = cap * marginLo;
        let sent = wire0;
        while (v >= fewHi && j + 1 < maxRounds && sent <= capLo) {
          sent += v;
          prev = v;
          v *= rho;
          j++;
        }
        if (v < fewHi) {
          if (!(v < few * marginLo)) break closed;
          stop = stopFewPages;
          outcome = converged;
        } else if (j + 1 >= maxRounds) {
          stop = stopMaxRounds;
          outcome = maxRoundsOutcome;
        } else {
          if (!(sent > cap * marginHi)) break closed;
          stop = stopDataCap;
          outcome = dataCapOutcome;
        }
      } else {
        const goal = rate * (src[row + goalAt] as number);
        let last = maxRounds - 1;
        let lastStop: number = stopRoundCap;
        let dynamic = false;
        if (k === kindVmotion) {
          const sdps = src[row + sdpsAt] as number;
          if (sdps === sdpsAlways) {
            if (!(d * (src[row + sdpsTargetAt] as number) <= rate * marginLo)) break closed;
          } else {
            dynamic = sdps === sdpsDynamic;
            const min = src[row + minProgressAt] as number;
            const gap0 = memory - min * v0;
            const gap1 = 1 - min * rho;
            if (Math.abs(gap0) <= margin * memory || Math.abs(gap1) <= margin) break closed;
            const firstBelow = gap0 < 0 ? 0 : gap1 < 0 ? 1 : last + 1;
            if (firstBelow <= last) {
              last = firstBelow;
              lastStop = stopNoProgress;
            }
          }
        } else if (src[row + autoConvergeAt] === 1 && !(rho < 0.5 * marginLo)) break closed;
        const goalHi = goal * marginHi;
        while (v > goalHi && j < last) {
          prev = v;
          v *= rho;
          j++;
        }
        if (v <= goal * marginLo) {
          stop = stopGoal;
          outcome = converged;
        } else if (v > goalHi) {
          if (lastStop === stopNoProgress && dynamic) break closed;
          stop = lastStop;
          outcome = notConverging;
        } else break closed;
      }
      // What runKernel does with the closed form's numbers.
      const resent = j === 0 ? 0 : (v0 - v) / (1 - rho);
      const sent = wire0 + resent;
      const precopy = t0 + resent * perRate;
      const setup = src[row + setupAt] as number;
      dst[oStop + i] = stop;
      dst[oSetup + i] = setup;
      dst[oThroughput + i] = rate;
      dst[oBindingCap + i] = src[row + bindingCapAt] as number;
      dst[oIterations + i] = j + 1;
      dst[oPrecopy + i] = precopy;
      dst[oSwitchover + i] = v;
      dst[oLastRatio + i] = v > 0 ? prev / v : 0;
      dst[oLastSent + i] = prev;
      dst[oLastIteration + i] = j === 0 ? t0 : prev * perRate;
      if (outcome === notConverging) {
        dst[oOutcome + i] = notConverging;
        dst[oDowntime + i] = 0;
        dst[oTransferred + i] = sent;
        dst[oTotal + i] = setup + precopy;
        continue rows;
      }
      const checkpoint = src[row + checkpointAt] as number;
      const rtt = src[row + rttAt] as number;
      const downtime =
        (v + checkpoint) / rate +
        rtt / 2 +
        (src[row + handshakeAt] as number) * rtt +
        (src[row + fixedAt] as number) +
        (src[row + bitmapAt] as number) * memory;
      dst[oDowntime + i] = downtime;
      dst[oTransferred + i] = sent + v + checkpoint;
      dst[oTotal + i] = setup + precopy + downtime;
      dst[oOutcome + i] = downtime > (src[row + maxStunAt] as number) ? timeout : outcome;
      continue rows;
    }
    iteratedRows[iterated++] = i;
  }
  return iterated;
}
