import { PROGRESS_STEP, addSimulated, counterCell } from "./progress.js";
import { InputError, type ErrorCode } from "../errors.js";
import { runKernel, Summary } from "../model/simulate.js";
import type { CanonicalInput } from "../input/fields.js";
import { runKernelBatch } from "../model/kernel-batch.js";
import type {
  CostSpec,
  DirtyModel,
  Iteration,
  Policy,
  Scenario,
  TransportSpec,
  VmSpec,
} from "../model/types.js";
import { SCENARIO_PARTS as PART_ORDER } from "../input/fields.js";
import { hasPath, planOf } from "../input/path.js";
import type { PathPlan } from "../network/plan.js";
import { ScenarioAssembler } from "./assemble.js";
import { axisValueOf, type AxisValue, type Ran } from "./axis-values.js";
import {
  RESULT_COLUMNS,
  SCENARIO_COLUMNS,
  SCENARIO_PARTS,
  TRACE_COLUMNS,
  layoutColumns,
  writeResults,
  writeResultsChunk,
} from "./columns.js";
import { PartRuns } from "./part-runs.js";
import { encodeRowsInto, maxRowBytes, type TextFormat } from "./encode.js";
import { ColumnFacts, RowGroupEncoder, type EncodedRowGroup } from "./parquet/row-group.js";
import { InputBuilder, describeScenario } from "./scenario-at.js";
import type { SweepPlan } from "./types.js";

/**
 * One batch of scenarios [start, start + count): rebuild each scenario from its index (through
 * the {@link ScenarioAssembler}: only the parts whose inputs changed go through the boundary
 * again), run the kernel on the summary path with one reused {@link Summary}, and fill typed-array columns. The
 * same code runs in a worker thread and in-process, so both give the same numbers.
 *
 * Results go into a slot of shared memory (one SharedArrayBuffer for the columns and one per text
 * format, sized for a full batch), reused batch after batch: the main thread writes a slot to disk
 * and only then hands it out again, so result memory is fixed whatever the sweep size. Traces
 * (variable length) come back as transferred typed arrays instead.
 *
 * With `parquetRowGroupRows` set, the batch also encodes its rows as Parquet row groups of
 * `parquetRowGroupRows` rows counted from the task's start (tasks then start on row-group
 * boundaries, so row groups fall at fixed rows whatever the worker count), into the slot's
 * Parquet buffer (by transfer only if one ever outgrows it): the encoding runs in the workers,
 * in parallel, and the main thread only appends the bytes and writes the footer (parquet/file.ts).
 */
export interface BatchTask {
  readonly start: number;
  readonly count: number;
  /** Which shared slot to fill. */
  readonly slot: number;
}

/** Shared result memory of one in-flight batch. */
export interface BatchSlot {
  /** Column c of the batch is Float64Array(columns, c * batchSize * 8, rows). */
  readonly columns: SharedArrayBuffer;
  readonly text: Partial<Record<TextFormat, SharedArrayBuffer>>;
  /** Encoded Parquet row groups of the batch (with Parquet output), sized by RowGroupEncoder.maxBytes. */
  readonly parquet: SharedArrayBuffer | null;
}

export interface TraceOutput {
  readonly rows: number;
  readonly columns: Float64Array[];
  readonly text: Partial<Record<TextFormat, Uint8Array>>;
}

/** What a batch hands back through the message channel: small plain data (and traces). */
export interface BatchResult {
  readonly start: number;
  readonly slot: number;
  /** Rows completed (all of them unless `failure`). */
  readonly rows: number;
  /** Bytes of text written into the slot, per format. */
  readonly textBytes: Partial<Record<TextFormat, number>>;
  readonly traces: TraceOutput | null;
  /** The rows as encoded Parquet row groups, in row order (null when not asked for or on failure). */
  readonly parquet: EncodedRowGroup[] | null;
  readonly failure: BatchFailure | null;
}

/** A batch as the main thread reads it: views over the slot, valid until the slot is reused. */
export interface BatchOutput {
  readonly start: number;
  readonly rows: number;
  /** One Float64Array per plan column, `rows` long. */
  readonly columns: Float64Array[];
  /** The rows as UTF-8 text, per requested text format. */
  readonly text: Partial<Record<TextFormat, Uint8Array>>;
  readonly traces: TraceOutput | null;
  /** See {@link BatchResult.parquet}. */
  readonly parquet: EncodedRowGroup[] | null;
  readonly failure: BatchFailure | null;
}

export interface BatchFailure {
  readonly index: number;
  /** `scenario 17 (dirtyRate=..., ...)`. */
  readonly scenario: string;
  readonly message: string;
  /** Set when the scenario was rejected by the input boundary (an InputError). */
  readonly inputError: boolean;
  /** The InputError's code, field and message without the field (kept across the worker boundary). */
  readonly code?: ErrorCode;
  readonly field?: string;
  readonly detail?: string;
}

export interface BatchOptions {
  readonly textFormats: readonly TextFormat[];
  readonly traces: boolean;
  /** Rows per batch: the slot size. */
  readonly batchSize: number;
  /** Rows per Parquet row group to encode in the batch (tasks start at multiples of it); 0 for none. */
  readonly parquetRowGroupRows?: number;
  /** A {@link SimulatedCounter}'s buffer: every runner adds the scenarios it simulates. */
  readonly simulated?: SharedArrayBuffer;
}

export type BatchRunner = (task: BatchTask) => BatchResult;

/** Allocate `n` slots for a plan. */
export function allocateSlots(plan: SweepPlan, opts: BatchOptions, n: number): BatchSlot[] {
  return Array.from({ length: n }, () => {
    const text: Partial<Record<TextFormat, SharedArrayBuffer>> = {};
    for (const f of opts.textFormats)
      text[f] = new SharedArrayBuffer(opts.batchSize * maxRowBytes(f, plan.columns));
    const groupRows = opts.parquetRowGroupRows ?? 0;
    const parquet =
      groupRows > 0
        ? new SharedArrayBuffer(
            Math.ceil(opts.batchSize / groupRows) * new RowGroupEncoder(plan.columns).maxBytes(groupRows),
          )
        : null;
    return { columns: new SharedArrayBuffer(opts.batchSize * plan.columns.length * 8), text, parquet };
  });
}

function columnViews(buf: SharedArrayBuffer, nCols: number, batchSize: number, rows: number): Float64Array[] {
  return Array.from({ length: nCols }, (_, c) => new Float64Array(buf, c * batchSize * 8, rows));
}

/** The main thread's view of a finished batch. */
export function viewBatch(
  r: BatchResult,
  slots: readonly BatchSlot[],
  plan: SweepPlan,
  opts: BatchOptions,
): BatchOutput {
  const slot = slots[r.slot] as BatchSlot;
  const text: Partial<Record<TextFormat, Uint8Array>> = {};
  for (const f of opts.textFormats) {
    const buf = slot.text[f];
    if (buf !== undefined) text[f] = new Uint8Array(buf, 0, r.textBytes[f] ?? 0);
  }
  return {
    start: r.start,
    rows: r.rows,
    columns: columnViews(slot.columns, plan.columns.length, opts.batchSize, r.rows),
    text,
    traces: r.traces,
    parquet: r.parquet,
    failure: r.failure,
  };
}

/** Column of plan enum for member j of grid axis: the index of its label among the distinct labels. */
function memberCodes(labels: readonly string[]): Float64Array {
  const distinct = [...new Set(labels)];
  return Float64Array.from(labels, (l) => distinct.indexOf(l));
}

/** Encoder warm-up on a thread's first row group: passes over its first rows (measured: 4 x 1,024). */
const WARM_UP_PASSES = 4;
const WARM_UP_ROWS = 1024;

/**
 * Rows a kernel call takes (`runKernelBatch`): enough for the kernel to interleave scenarios, few
 * enough that a chunk's parts and summaries stay in cache. Divides PROGRESS_STEP and row groups.
 */
export const KERNEL_CHUNK_ROWS = 128;

/** A chunk row's scenario: the 5 part references of an assembled scenario. */
type ChunkScenario = { -readonly [K in keyof Scenario]: Scenario[K] };

/** A numeric axis column: how it reads what ran, and the index of its part in `changed`. */
interface RanCell {
  readonly value: AxisValue;
  readonly part: number;
}

/** Prepare a runner for a plan and its slots (done once per thread). */
export function createBatchRunner(
  plan: SweepPlan,
  opts: BatchOptions,
  slots: readonly BatchSlot[],
): BatchRunner {
  const layout = layoutColumns(plan.grid, plan.random);
  const nCols = layout.columns.length;
  const firstResultColumn = nCols - RESULT_COLUMNS.length;
  const builder = new InputBuilder(plan);
  const name = (key: string): string => key;
  const assembler = new ScenarioAssembler(plan, name);
  const sum = new Summary();
  const trace: Iteration[] | null = opts.traces ? [] : null;
  // Each axis column: a label column's codes by member index j (the row label, a word member),
  // or, for a numeric member, the value the scenario ran with (axis-values.ts).
  const changed = assembler.changed;
  const ranValue = (key: string): RanCell => {
    const v = axisValueOf(key);
    return { value: v, part: PART_ORDER.indexOf(v.part) };
  };
  const axisCells: (Float64Array | RanCell)[][] = plan.grid.map((a) => [
    ...(a.rowLabels === null ? [] : [memberCodes(a.rowLabels)]),
    ...a.members.map((m) => (m.numeric ? ranValue(m.key) : memberCodes(m.labels))),
  ]);
  const randomValues = plan.random.map((r) => ranValue(r.key));
  const ranCells = [...axisCells.flat(), ...randomValues].filter(
    (c): c is RanCell => !(c instanceof Float64Array),
  );
  const readsPlan = ranCells.some((c) => c.value.readsPlan);
  // Columns read from the input (or the plan made from it) need it written every scenario; the
  // others only when a part is built (the assembler syncs it then).
  const readsInput = readsPlan || ranCells.some((c) => c.value.readsInput);
  // The label columns of the axes by member index; every other axis, draw and scenario column
  // reads what ran, again only when its part changed (PartRuns).
  const labelCells: { column: number; axis: number; codes: Float64Array }[] = [];
  const runEntries: { column: number; part: number; read: (r: Ran) => number }[] = [];
  const transportPart = PART_ORDER.indexOf("transport");
  const ran: { scenario: Scenario; plan: PathPlan | null; input: CanonicalInput } = {
    scenario: null as unknown as Scenario,
    plan: null,
    input: {},
  };
  const scenarioCols = layout.scenarioKept.map(
    (i) => SCENARIO_COLUMNS[i] as (typeof SCENARIO_COLUMNS)[number],
  );
  {
    let c = layout.hasSampleColumns ? 3 : 1;
    axisCells.forEach((cells, a) => {
      for (const cell of cells) {
        if (cell instanceof Float64Array) labelCells.push({ column: c++, axis: a, codes: cell });
        else runEntries.push({ column: c++, part: cell.part, read: cell.value.get });
      }
    });
    for (const v of randomValues) runEntries.push({ column: c++, part: v.part, read: v.value.get });
    for (const col of scenarioCols) {
      const get = col.get;
      runEntries.push({ column: c++, part: SCENARIO_PARTS.indexOf(col.part), read: (r) => get(r.scenario) });
    }
    if (c !== firstResultColumn) throw new RangeError(`column layout: ${c} columns before the results`);
  }
  const runs = new PartRuns(runEntries, SCENARIO_PARTS.length, assembler.cacheSizes());
  const groupRows = opts.parquetRowGroupRows ?? 0;
  const encoder = groupRows > 0 ? new RowGroupEncoder(layout.columns) : null;
  const facts = new ColumnFacts(nCols);
  const simulated = counterCell(opts.simulated);
  const first = plan.firstScenario ?? 0; // a shard's first scenario in the whole sweep
  let warm = false; // whether the encoder has been warmed up (see below)

  // The kernel runs a chunk of rows at a time (runKernelBatch), on copies of the assembled
  // scenarios' part references (the assembler returns one reused object; parts are immutable).
  const chunk: ChunkScenario[] = Array.from({ length: KERNEL_CHUNK_ROWS }, () => ({
    vm: null as unknown as VmSpec,
    dirty: null as unknown as DirtyModel,
    policy: null as unknown as Policy,
    transport: null as unknown as TransportSpec,
    costs: null as unknown as CostSpec,
  }));
  const sums = Array.from({ length: KERNEL_CHUNK_ROWS }, () => new Summary());
  const kernel: { error: unknown } = { error: null };
  /**
   * The kernel over chunk rows [0, m): the rows simulated, m unless one throws; then the rows
   * before it are simulated again one by one to find it (its error in `kernel.error`), as the
   * row-by-row loop reported the first row that failed.
   */
  const simulateChunk = (m: number): number => {
    if (m === 0) return 0;
    try {
      runKernelBatch(chunk, m, sums);
      return m;
    } catch (batchError) {
      for (let j = 0; j < m; j++)
        try {
          runKernel(chunk[j] as Scenario, sums[j] as Summary, null);
        } catch (err) {
          kernel.error = err;
          return j;
        }
      throw batchError; // the batch failed where no row fails alone: a kernel bug, not bad input
    }
  };
  const failureAt = (k: number, err: unknown): BatchFailure => {
    assembler.reset();
    return {
      index: k,
      scenario: describeScenario(plan, k),
      message: err instanceof Error ? err.message : String(err),
      inputError: err instanceof InputError,
      ...(err instanceof InputError ? { code: err.code, field: err.field, detail: err.detail } : {}),
    };
  };

  /**
   * The task's rows [0, r) of `cols` as Parquet row groups into the slot. Apart from the task's
   * function, whose code V8 compiles on stack in the row loop: in it, this part left that code
   * at every task (--trace-deopt: "not a Smi" at the push of a row group), back to the
   * interpreter.
   */
  const encodeGroups = (
    encoder: RowGroupEncoder,
    slot: BatchSlot,
    cols: Float64Array[],
    r: number,
  ): EncodedRowGroup[] => {
    const parquet: EncodedRowGroup[] = [];
    const into = slot.parquet === null ? null : new Uint8Array(slot.parquet);
    if (!warm) {
      // This thread's first row group: encode its first rows a few times first, and throw the
      // bytes away (the real encoding below overwrites them). Each pass of the encoder then
      // has its type feedback, and V8 optimises it within the full row group instead of
      // running most of it unoptimised: the first row group's encoding took ~155 ms of CPU
      // against ~16 ms for the next ones; with this warm-up ~40 + ~60 ms (bench grid).
      encoder.warmUp();
      for (let w = 0; w < WARM_UP_PASSES; w++)
        encoder.encode(cols, Math.min(WARM_UP_ROWS, r, groupRows), into ?? undefined);
      warm = true;
    }
    // A task of one row group: what the runs and the index column are known to hold spares the
    // encoder its scans of them (with more, the facts would be per row group: scanned instead).
    let known: ColumnFacts | null = null;
    if (r <= groupRows && r > 0) {
      known = facts;
      facts.clear();
      runs.factsInto(facts);
      facts.nulls[0] = 0;
      facts.first[0] = (cols[0] as Float64Array)[0] as number;
      facts.same[0] = r === 1 ? 1 : 0;
      facts.steps[0] = 1; // scenario indices, one after another
    }
    let at = 0;
    for (let g = 0; g < r; g += groupRows) {
      const n = Math.min(groupRows, r - g);
      const part = g === 0 ? cols : cols.map((col) => col.subarray(g, g + n));
      const encoded = encoder.encode(part, n, into?.subarray(at), known);
      if (encoded.bytes.buffer === slot.parquet) at += encoded.bytes.length;
      parquet.push(encoded);
    }
    return parquet;
  };

  return (task) => {
    const slot = slots[task.slot];
    if (slot === undefined || task.count > opts.batchSize || (groupRows > 0 && task.start % groupRows !== 0))
      throw new RangeError(`bad batch task ${JSON.stringify(task)}`);
    const cols = columnViews(slot.columns, nCols, opts.batchSize, task.count);
    const tr = opts.traces ? TRACE_COLUMNS.map(() => [] as number[]) : null;
    let failure: BatchFailure | null = null;
    /**
     * Row r (scenario k): assemble it and write its label and sample columns (the part columns
     * are noted, `PartRuns`, the index column is written after the loop); its scenario.
     */
    const assembleRow = (r: number, k: number): Scenario => {
      builder.step(k);
      const s = assembler.assemble(builder);
      ran.scenario = s;
      if (readsInput) {
        const input = builder.sync();
        ran.input = input;
        if (readsPlan && (r === 0 || changed[transportPart] === 1))
          ran.plan = hasPath(input) ? planOf(input) : null;
      }
      if (layout.hasSampleColumns) {
        const g = Math.floor(k / plan.samples);
        (cols[1] as Float64Array)[r] = g;
        (cols[2] as Float64Array)[r] = k - g * plan.samples;
      }
      for (let q = 0; q < labelCells.length; q++) {
        const cell = labelCells[q] as (typeof labelCells)[number];
        (cols[cell.column] as Float64Array)[r] = cell.codes[builder.indices[cell.axis] as number] as number;
      }
      runs.row(r, changed, ran, assembler.keys);
      return s;
    };
    let r = 0;
    if (trace !== null && tr !== null) {
      // With traces, row by row: the kernel's trace path runs one scenario at a time.
      for (; r < task.count; r++) {
        const k = first + task.start + r;
        try {
          const s = assembleRow(r, k);
          trace.length = 0;
          runKernel(s, sum, trace);
          writeResults(sum, s, cols, firstResultColumn, r);
          for (const it of trace) {
            tr[0]?.push(k);
            tr[1]?.push(it.index);
            tr[2]?.push(it.bytes);
            tr[3]?.push(it.durationSec);
            tr[4]?.push(it.dirtiedBytes);
            tr[5]?.push(it.throttle);
          }
          if ((r & (PROGRESS_STEP - 1)) === PROGRESS_STEP - 1) addSimulated(simulated, PROGRESS_STEP);
        } catch (err) {
          failure = failureAt(k, err);
          break;
        }
      }
    } else
      while (r < task.count) {
        // One chunk: assemble its rows (every column but the results), then the kernel over the
        // chunk, then the result columns. A row whose assembly throws ends the chunk before it;
        // the rows before it are simulated and written first.
        const end = Math.min(task.count, r + KERNEL_CHUNK_ROWS);
        let m = 0;
        for (; r + m < end; m++) {
          const k = first + task.start + r + m;
          let s: Scenario;
          try {
            s = assembleRow(r + m, k);
          } catch (err) {
            failure = failureAt(k, err);
            break;
          }
          const c = chunk[m] as ChunkScenario;
          c.vm = s.vm;
          c.dirty = s.dirty;
          c.policy = s.policy;
          c.transport = s.transport;
          c.costs = s.costs;
        }
        const done = simulateChunk(m);
        if (done < m) {
          // The kernel failed at row r + done: that comes before an assembly failure of a later
          // row, as row by row.
          failure = failureAt(first + task.start + r + done, kernel.error);
          kernel.error = null;
        }
        writeResultsChunk(sums, chunk as readonly Scenario[], done, cols, firstResultColumn, r);
        const before = r;
        r += done;
        const steps = Math.floor(r / PROGRESS_STEP) - Math.floor(before / PROGRESS_STEP);
        if (steps > 0) addSimulated(simulated, steps * PROGRESS_STEP);
        if (failure !== null) break;
      }
    runs.finish(cols, r);
    // The index column in one pass (a store a row among the row's others cost a cache miss).
    const indexCol = cols[0] as Float64Array;
    for (let i = 0, k = first + task.start; i < r; i++, k++) indexCol[i] = k;
    addSimulated(simulated, r & (PROGRESS_STEP - 1));
    const textBytes: Partial<Record<TextFormat, number>> = {};
    for (const f of opts.textFormats) {
      const buf = slot.text[f];
      if (buf !== undefined) textBytes[f] = encodeRowsInto(f, layout.columns, cols, r, new Uint8Array(buf));
    }
    let traces: TraceOutput | null = null;
    if (tr !== null) {
      const tcols = tr.map((a) => Float64Array.from(a));
      const trows = tcols[0]?.length ?? 0;
      const ttext: Partial<Record<TextFormat, Uint8Array>> = {};
      for (const f of opts.textFormats) {
        const buf = new Uint8Array(Math.max(1, trows * maxRowBytes(f, TRACE_COLUMNS)));
        ttext[f] = buf.slice(0, encodeRowsInto(f, TRACE_COLUMNS, tcols, trows, buf));
      }
      traces = { rows: trows, columns: tcols, text: ttext };
    }
    const parquet = encoder !== null && failure === null ? encodeGroups(encoder, slot, cols, r) : null;
    return { start: task.start, slot: task.slot, rows: r, textBytes, traces, parquet, failure };
  };
}

/** The ArrayBuffers of a batch result (its traces), for a transfer list. */
export function transferablesOf(out: BatchResult): ArrayBuffer[] {
  const list: ArrayBuffer[] = [];
  const add = (a: ArrayBufferView): void => {
    // Views of shared memory (the slots) are shared by the clone, not transferred.
    if (a.buffer instanceof SharedArrayBuffer) return;
    if (!list.includes(a.buffer)) list.push(a.buffer);
  };
  out.parquet?.forEach((g) => add(g.bytes));
  if (out.traces === null) return list;
  out.traces.columns.forEach(add);
  Object.values(out.traces.text).forEach(add);
  return list;
}
