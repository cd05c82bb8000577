import type { Ran } from "./axis-values.js";
import type { ColumnFacts } from "./parquet/row-group.js";

/**
 * Columns whose value depends on one scenario part only (the scenario columns, and the numeric
 * axis and Monte Carlo columns, which read what ran): a value is read again only when its part is
 * another object than in the previous row, and the rows in between are written as a run, column
 * by column, when the next change (or the batch's end) closes it.
 *
 * The batch runner used to check every such column on every row (`changed[part]`, then either
 * the extractor or a copy of the row above): ~20 column writes a row, strided across the columns.
 * Here a row costs one check a part, and the copies are sequential writes within one column.
 */
export class PartRuns {
  /** Entry e: column index, the part (index in SCENARIO_PARTS) and reader. */
  private readonly columns: Int32Array;
  private readonly readers: readonly ((r: Ran) => number)[];
  /** Entries of each part. */
  private readonly byPart: readonly Int32Array[];
  /** Row where each entry's current run starts, and its value. */
  private readonly start: Int32Array;
  private readonly value: Float64Array;
  /**
   * Per part, the values of its entries by the part's cache key (`ScenarioAssembler.keys`):
   * `byKey[p][key * entries + q]`, valid where `known[p][key]` is 1. A part object met again (the
   * transport of an RTT axis comes back every few rows) is then written from here, without
   * calling the readers (closures of ~20 kinds at one call site: each call ~15 ns).
   */
  private readonly byKey: (Float64Array | null)[];
  private readonly known: (Uint8Array | null)[];
  private readonly sizes: readonly number[];
  /**
   * What the runs closed so far hold, per entry (for the Parquet encoder, {@link factsInto}): the
   * null rows, the first non-null value, and whether every non-null value has its bits.
   */
  private readonly nullRows: Int32Array;
  private readonly firstValue: Float64Array;
  /** 0: no non-null value yet; 1: all non-null values have the bits of firstValue; 2: not. */
  private readonly sameState: Uint8Array;

  /** `cacheSizes`: keys each part's cache holds (0: not cached), `ScenarioAssembler.cacheSizes`. */
  constructor(
    entries: readonly { column: number; part: number; read: (r: Ran) => number }[],
    parts: number,
    cacheSizes: readonly number[] = [],
  ) {
    this.columns = Int32Array.from(entries, (e) => e.column);
    this.readers = entries.map((e) => e.read);
    this.byPart = Array.from({ length: parts }, (_, p) =>
      Int32Array.from(
        entries.flatMap((e, i) => (e.part === p ? [i] : [])),
        (i) => i,
      ),
    );
    this.start = new Int32Array(entries.length);
    this.value = new Float64Array(entries.length);
    this.sizes = Array.from({ length: parts }, (_, p) => cacheSizes[p] ?? 0);
    this.byKey = this.sizes.map(() => null);
    this.known = this.sizes.map(() => null);
    this.nullRows = new Int32Array(entries.length);
    this.firstValue = new Float64Array(entries.length);
    this.sameState = new Uint8Array(entries.length);
  }

  /**
   * Row `r`: read the entries whose part changed (`changed[part] === 1`; every entry at row 0)
   * into `cols[column][r]`, after closing their previous runs: from the values kept for the part's
   * key (`keys[part]`, -1 for none) when it was met before, else from `ran` (and kept).
   */
  row(cols: readonly Float64Array[], r: number, changed: Uint8Array, ran: Ran, keys: Int32Array): void {
    const byPart = this.byPart;
    for (let p = 0; p < byPart.length; p++) {
      if (r !== 0 && changed[p] !== 1) continue;
      const list = byPart[p] as Int32Array;
      if (list.length === 0) continue;
      const key = keys[p] as number;
      const kept = key >= 0 ? this.keptValues(p, key, list, ran) : null;
      const base = key * list.length;
      for (let q = 0; q < list.length; q++) {
        const e = list[q] as number;
        const col = cols[this.columns[e] as number] as Float64Array;
        const from = this.start[e] as number;
        if (r === 0) {
          this.nullRows[e] = 0;
          this.sameState[e] = 0;
        } else {
          if (r - from > 1) fillRun(col, from, r, this.value[e] as number);
          this.closed(e, r - from);
        }
        const x = kept !== null ? (kept[base + q] as number) : (this.readers[e] as (r: Ran) => number)(ran);
        col[r] = x;
        this.value[e] = x;
        this.start[e] = r;
      }
    }
  }

  /** The kept values of part `p` (all keys), those of `key` read from `ran` if not yet known. */
  private keptValues(p: number, key: number, list: Int32Array, ran: Ran): Float64Array | null {
    const size = this.sizes[p] as number;
    if (key >= size) return null;
    let values = this.byKey[p] ?? null;
    let known = this.known[p] ?? null;
    if (values === null || known === null) {
      values = this.byKey[p] = new Float64Array(size * list.length);
      known = this.known[p] = new Uint8Array(size);
    }
    if (known[key] !== 1) {
      for (let q = 0; q < list.length; q++)
        values[key * list.length + q] = (this.readers[list[q] as number] as (r: Ran) => number)(ran);
      known[key] = 1;
    }
    return values;
  }

  /** Entry e's current run, `rows` long, is closed: add it to what the entry's runs hold. */
  private closed(e: number, rows: number): void {
    const v = this.value[e] as number;
    if (v !== v) this.nullRows[e] = (this.nullRows[e] as number) + rows;
    else if (this.sameState[e] === 0) {
      this.firstValue[e] = v;
      this.sameState[e] = 1;
    } else if (this.sameState[e] === 1) {
      const f = this.firstValue[e] as number;
      // The same bits: === for non-zero doubles, and the sign for zeros (0 === -0).
      if (v !== f || (v === 0 && 1 / v !== 1 / f)) this.sameState[e] = 2;
    }
  }

  /** Close every run at `rows` (the rows of the batch written). */
  finish(cols: readonly Float64Array[], rows: number): void {
    if (rows === 0) return;
    for (let e = 0; e < this.columns.length; e++) {
      const start = this.start[e] as number;
      fillRun(cols[this.columns[e] as number] as Float64Array, start, rows, this.value[e] as number);
      this.closed(e, rows - start);
    }
  }

  /**
   * After {@link finish} of a batch without failure: each entry's column's nulls, first non-null
   * value and sameness over the batch's rows into `facts` (exact: the runs are the rows).
   */
  factsInto(facts: ColumnFacts): void {
    for (let e = 0; e < this.columns.length; e++) {
      const c = this.columns[e] as number;
      const state = this.sameState[e] as number;
      facts.nulls[c] = this.nullRows[e] as number;
      facts.first[c] = state === 0 ? NaN : (this.firstValue[e] as number);
      facts.same[c] = state === 2 ? 0 : 1;
    }
  }
}

/** Rows (start, end) of `col` take the value of row `start`. */
function fillRun(col: Float64Array, start: number, end: number, value: number): void {
  for (let i = start + 1; i < end; i++) col[i] = value;
}
