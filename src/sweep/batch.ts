import { InputError } from "../errors.js";
import { buildScenario } from "../input/scenario.js";
import { runKernel, Summary } from "../model/simulate.js";
import type { Iteration } from "../model/types.js";
import { RESULT_COLUMNS, SCENARIO_COLUMNS, TRACE_COLUMNS, layoutColumns } from "./columns.js";
import { encodeRows, type TextFormat } from "./encode.js";
import { InputBuilder, describeScenario } from "./scenario-at.js";
import type { SweepPlan } from "./types.js";

/**
 * One batch of scenarios [start, start + count): rebuild each scenario from its index, run the
 * kernel on the summary path with one reused {@link Summary}, and fill typed-array columns. The
 * same code runs in a worker thread and in-process, so both give the same numbers.
 */
export interface BatchTask {
  readonly start: number;
  readonly count: number;
}

/** What a batch hands back: plain data and typed arrays (transferred, not copied, from a worker). */
export interface BatchOutput {
  readonly start: number;
  /** Rows completed (all of them unless `failure`). */
  readonly rows: number;
  /** One Float64Array per plan column, `rows` long. */
  readonly columns: Float64Array[];
  /** The rows as text, per requested text format (UTF-8). */
  readonly text: Partial<Record<TextFormat, Uint8Array>>;
  readonly traces: {
    rows: number;
    columns: Float64Array[];
    text: Partial<Record<TextFormat, Uint8Array>>;
  } | null;
  readonly failure: BatchFailure | null;
}

export interface BatchFailure {
  readonly index: number;
  /** `scenario 17 (dirtyRate=..., ...)`. */
  readonly scenario: string;
  readonly message: string;
  /** Set when the scenario was rejected by the input boundary (an InputError). */
  readonly inputError: boolean;
}

export interface BatchOptions {
  readonly textFormats: readonly TextFormat[];
  readonly traces: boolean;
}

export type BatchRunner = (task: BatchTask) => BatchOutput;

const encoder = new TextEncoder();

/** Column of plan enum for member j of grid axis: the index of its label among the distinct labels. */
function memberCodes(labels: readonly string[]): Float64Array {
  const distinct = [...new Set(labels)];
  return Float64Array.from(labels, (l) => distinct.indexOf(l));
}

/** Prepare a runner for a plan (done once per thread). */
export function createBatchRunner(plan: SweepPlan, opts: BatchOptions): BatchRunner {
  const layout = layoutColumns(plan.grid, plan.random);
  const nCols = layout.columns.length;
  const builder = new InputBuilder(plan);
  const sum = new Summary();
  const trace: Iteration[] | null = opts.traces ? [] : null;
  const name = (key: string): string => key;
  const codes = plan.grid.map((a) => ({
    row: a.rowLabels === null ? null : memberCodes(a.rowLabels),
    members: a.members.map((m) => (m.numeric ? null : memberCodes(m.labels))),
  }));
  const scenarioGets = layout.scenarioKept.map(
    (i) => (SCENARIO_COLUMNS[i] as (typeof SCENARIO_COLUMNS)[number]).get,
  );
  const resultGets = RESULT_COLUMNS.map((c) => c.get);

  return (task) => {
    const cols = Array.from({ length: nCols }, () => new Float64Array(task.count));
    const tr = opts.traces ? TRACE_COLUMNS.map(() => [] as number[]) : null;
    let failure: BatchFailure | null = null;
    let r = 0;
    for (; r < task.count; r++) {
      const k = task.start + r;
      let c = 0;
      try {
        const input = builder.at(k);
        const s = buildScenario(input, name);
        if (trace !== null) trace.length = 0;
        runKernel(s, sum, trace);
        const g = Math.floor(k / plan.samples);
        (cols[c++] as Float64Array)[r] = k;
        if (layout.hasSampleColumns) {
          (cols[c++] as Float64Array)[r] = g;
          (cols[c++] as Float64Array)[r] = k - g * plan.samples;
        }
        for (let a = 0; a < plan.grid.length; a++) {
          const axis = plan.grid[a];
          const cd = codes[a];
          if (axis === undefined || cd === undefined) continue;
          const j = builder.indices[a] as number;
          if (cd.row !== null) (cols[c++] as Float64Array)[r] = cd.row[j] as number;
          for (let m = 0; m < axis.members.length; m++) {
            const mc = cd.members[m];
            const v = (axis.members[m] as { values: readonly unknown[] }).values[j];
            (cols[c++] as Float64Array)[r] =
              mc === null || mc === undefined ? (v === null ? NaN : (v as number)) : (mc[j] as number);
          }
        }
        for (let q = 0; q < plan.random.length; q++)
          (cols[c++] as Float64Array)[r] = builder.draws[q] as number;
        for (const get of scenarioGets) (cols[c++] as Float64Array)[r] = get(s);
        for (const get of resultGets) (cols[c++] as Float64Array)[r] = get(sum, s);
        if (tr !== null && trace !== null)
          for (const it of trace) {
            tr[0]?.push(k);
            tr[1]?.push(it.index);
            tr[2]?.push(it.bytes);
            tr[3]?.push(it.durationSec);
            tr[4]?.push(it.dirtiedBytes);
            tr[5]?.push(it.throttle);
          }
      } catch (err) {
        failure = {
          index: k,
          scenario: describeScenario(plan, k),
          message: err instanceof Error ? err.message : String(err),
          inputError: err instanceof InputError,
        };
        break;
      }
    }
    const columns = r === task.count ? cols : cols.map((col) => col.slice(0, r));
    const text: Partial<Record<TextFormat, Uint8Array>> = {};
    for (const f of opts.textFormats) text[f] = encoder.encode(encodeRows(f, layout.columns, columns, r));
    let traces: BatchOutput["traces"] = null;
    if (tr !== null) {
      const tcols = tr.map((a) => Float64Array.from(a));
      const trows = tcols[0]?.length ?? 0;
      const ttext: Partial<Record<TextFormat, Uint8Array>> = {};
      for (const f of opts.textFormats) ttext[f] = encoder.encode(encodeRows(f, TRACE_COLUMNS, tcols, trows));
      traces = { rows: trows, columns: tcols, text: ttext };
    }
    return { start: task.start, rows: r, columns, text, traces, failure };
  };
}

/** The ArrayBuffers of a batch output, for a transfer list. */
export function transferablesOf(out: BatchOutput): ArrayBuffer[] {
  const list: ArrayBuffer[] = [];
  const add = (a: ArrayBufferView): void => {
    if (!list.includes(a.buffer as ArrayBuffer)) list.push(a.buffer as ArrayBuffer);
  };
  out.columns.forEach(add);
  Object.values(out.text).forEach(add);
  if (out.traces !== null) {
    out.traces.columns.forEach(add);
    Object.values(out.traces.text).forEach(add);
  }
  return list;
}
