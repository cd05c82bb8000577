import type { Ran } from "./axis-values.js";
import type { ColumnFacts } from "./parquet/row-group.js";

/**
 * Columns whose value depends on one scenario part only (the scenario columns, and the numeric
 * axis and Monte Carlo columns, which read what ran): a value is read again only when its part is
 * another object than in the previous row, and the columns are written as runs, column by
 * column, when the batch ends.
 *
 * The batch runner used to check every such column on every row (`changed[part]`, then either
 * the extractor or a copy of the row above): ~20 column writes a row, strided across the columns.
 * Then each changed part's columns closed their runs at the change (~45 ns a row when a part
 * changes every row, as the transport of an RTT axis does). Here a row costs one check a part,
 * and a change two or three writes: the row and the part's key (or, for a part that is not
 * cached, its columns' values); {@link finish} then writes each column from those changes in one
 * sequential pass.
 */
export class PartRuns {
  /** Entry e: column index, the part (index in SCENARIO_PARTS) and reader. */
  private readonly columns: Int32Array;
  private readonly readers: readonly ((r: Ran) => number)[];
  /** Entries of each part. */
  private readonly byPart: readonly Int32Array[];
  /** The parts that have entries (a row looks at no other). */
  private readonly active: Int32Array;
  /** The position of each entry in its part's list. */
  private readonly slotOf: Int32Array;
  /** The part of each entry. */
  private readonly partOf: Int32Array;
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
   * The batch's changes of each part, in row order: the row where it changed (`changeRow`) and
   * where its values are: `changeKey` >= 0, the key's kept values; -1, `changeValues` at the
   * change's position (a part that is not cached, or a key beyond its cache).
   */
  private changeRow: Int32Array[];
  private changeKey: Int32Array[];
  private changeValues: Float64Array[];
  private readonly changes: Int32Array;
  /**
   * What the batch's runs hold, per entry (for the Parquet encoder, {@link factsInto}), after
   * {@link finish}: the null rows, the first non-null value, and whether every non-null value has
   * its bits (0: no non-null value; 1: all of the bits of firstValue; 2: not).
   */
  private readonly nullRows: Int32Array;
  private readonly firstValue: Float64Array;
  private readonly sameState: Uint8Array;
  /** A double and its two 32-bit words, to compare values by their bits. */
  private readonly scratch = new Float64Array(1);
  private readonly bits = new Int32Array(this.scratch.buffer);

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
    this.active = Int32Array.from(
      this.byPart.flatMap((list, p) => (list.length > 0 ? [p] : [])),
      (p) => p,
    );
    this.partOf = Int32Array.from(entries, (e) => e.part);
    this.slotOf = new Int32Array(entries.length);
    for (const list of this.byPart) list.forEach((e, q) => (this.slotOf[e] = q));
    this.sizes = Array.from({ length: parts }, (_, p) => cacheSizes[p] ?? 0);
    this.byKey = this.sizes.map(() => null);
    this.known = this.sizes.map(() => null);
    this.changeRow = this.byPart.map(() => new Int32Array(16));
    this.changeKey = this.byPart.map(() => new Int32Array(16));
    this.changeValues = this.byPart.map((list) => new Float64Array(16 * list.length));
    this.changes = new Int32Array(parts);
    this.nullRows = new Int32Array(entries.length);
    this.firstValue = new Float64Array(entries.length);
    this.sameState = new Uint8Array(entries.length);
  }

  /**
   * Row `r`: note the parts that changed (`changed[part] === 1`; every part at row 0, which starts
   * a batch) with their values: those kept for the part's key (`keys[part]`, -1 for none) when it
   * was met before, else read from `ran` (and kept). The columns are written by {@link finish}.
   */
  row(r: number, changed: Uint8Array, ran: Ran, keys: Int32Array): void {
    const active = this.active;
    const changes = this.changes;
    for (let a = 0; a < active.length; a++) {
      const p = active[a] as number;
      if (r !== 0 && changed[p] !== 1) continue;
      const c = r === 0 ? 0 : (changes[p] as number);
      let at = this.changeRow[p] as Int32Array;
      if (c === at.length) {
        this.grow(p);
        at = this.changeRow[p] as Int32Array;
      }
      at[c] = r;
      const key = keys[p] as number;
      if (key >= 0 && key < (this.sizes[p] as number)) {
        // A key met before (the transport of an RTT axis, every few rows): nothing to read.
        const known = this.known[p] ?? null;
        if (known === null || known[key] !== 1) this.keep(p, key, this.byPart[p] as Int32Array, ran);
        (this.changeKey[p] as Int32Array)[c] = key;
      } else {
        (this.changeKey[p] as Int32Array)[c] = -1;
        const list = this.byPart[p] as Int32Array;
        const values = this.changeValues[p] as Float64Array;
        for (let q = 0; q < list.length; q++)
          values[c * list.length + q] = (this.readers[list[q] as number] as (r: Ran) => number)(ran);
      }
      changes[p] = c + 1;
    }
  }

  /** Room for twice as many changes of part `p`. */
  private grow(p: number): void {
    const entries = (this.byPart[p] as Int32Array).length;
    const rows = new Int32Array(2 * (this.changeRow[p] as Int32Array).length);
    rows.set(this.changeRow[p] as Int32Array);
    this.changeRow[p] = rows;
    const keys = new Int32Array(rows.length);
    keys.set(this.changeKey[p] as Int32Array);
    this.changeKey[p] = keys;
    const values = new Float64Array(rows.length * entries);
    values.set(this.changeValues[p] as Float64Array);
    this.changeValues[p] = values;
  }

  /** The values of part `p`'s entries for `key`, read from `ran` if not yet known. */
  private keep(p: number, key: number, list: Int32Array, ran: Ran): void {
    const size = this.sizes[p] as number;
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
  }

  /**
   * Write rows [0, rows) of every entry's column from the batch's changes (rows < the rows of
   * the batch noted, after a failure), and what they hold for {@link factsInto}.
   */
  finish(cols: readonly Float64Array[], rows: number): void {
    if (rows === 0) return;
    for (let e = 0; e < this.columns.length; e++) {
      const p = this.partOf[e] as number;
      const entries = (this.byPart[p] as Int32Array).length;
      const kept = this.byKey[p] ?? null;
      this.runsInto(
        cols[this.columns[e] as number] as Float64Array,
        e,
        rows,
        this.changes[p] as number,
        this.changeRow[p] as Int32Array,
        this.changeKey[p] as Int32Array,
        this.changeValues[p] as Float64Array,
        kept,
        entries,
        this.slotOf[e] as number,
      );
    }
  }

  /** Entry e's column from its part's `n` changes: each value from its row to the next change's. */
  private runsInto(
    col: Float64Array,
    e: number,
    rows: number,
    n: number,
    at: Int32Array,
    keys: Int32Array,
    own: Float64Array,
    kept: Float64Array | null,
    entries: number,
    q: number,
  ): void {
    if (n >= rows && (at[rows - 1] as number) === rows - 1) {
      // A change at every row (rows strictly increase from 0): the part of the fastest grid axis.
      this.everyRow(col, e, rows, keys, own, kept, entries, q);
      return;
    }
    let nulls = 0;
    let first = NaN;
    let state = 0;
    // Values compared by their bits (0 and -0 apart), without a branch that only a zero or a
    // null would take: met first in a later task, such a branch threw V8's optimised code away.
    const bits = this.bits;
    let firstLo = 0;
    let firstHi = 0;
    for (let i = 0; i < n; i++) {
      const from = at[i] as number;
      if (from >= rows) break;
      const to = i + 1 < n ? Math.min(at[i + 1] as number, rows) : rows;
      const key = keys[i] as number;
      const v =
        key >= 0 && kept !== null ? (kept[key * entries + q] as number) : (own[i * entries + q] as number);
      if (to - from > 16) col.fill(v, from, to);
      else for (let r = from; r < to; r++) col[r] = v;
      const isNull = v !== v;
      nulls += isNull ? to - from : 0;
      if (isNull || state === 2) continue;
      this.scratch[0] = v;
      if (state === 0) {
        first = v;
        firstLo = bits[0] as number;
        firstHi = bits[1] as number;
        state = 1;
      } else if (bits[0] !== firstLo || bits[1] !== firstHi) state = 2;
    }
    this.nullRows[e] = nulls;
    this.firstValue[e] = first;
    this.sameState[e] = state;
  }

  /**
   * {@link runsInto} for a part that changed at every row [0, rows), as the transport of an RTT
   * axis does: one value a row in a loop of its own, then the first non-null value and
   * sameness over the column (a second value ends it, usually at row 1). The general loop's
   * bookkeeping per change (its run's bounds, its fill, the sameness by bits) cost ~10 ns a
   * row for each such column. Each loop is a function of its own, whose code after the loop is
   * only its return: V8 compiles a loop on stack at its first long run, and code after it then
   * lacked type feedback and was thrown away (--trace-deopt, 4 times in a worker's first tasks).
   */
  private everyRow(
    col: Float64Array,
    e: number,
    rows: number,
    keys: Int32Array,
    own: Float64Array,
    kept: Float64Array | null,
    entries: number,
    q: number,
  ): void {
    this.nullRows[e] =
      kept !== null
        ? fillFromKeys(col, rows, keys, kept, own, entries, q)
        : fillFromOwn(col, rows, own, entries, q);
    const i = firstNonNull(col, rows);
    this.firstValue[e] = i < rows ? (col[i] as number) : NaN;
    this.sameState[e] = i === rows ? 0 : sameBitsFrom(col, i, rows, this.scratch, this.bits) ? 1 : 2;
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

/**
 * Rows [0, rows) of a column whose part changed at every row: row i from change i's key's kept
 * value (`kept[key * entries + q]`), or its own value when the key is -1. Returns the nulls.
 */
function fillFromKeys(
  col: Float64Array,
  rows: number,
  keys: Int32Array,
  kept: Float64Array,
  own: Float64Array,
  entries: number,
  q: number,
): number {
  let nulls = 0;
  for (let i = 0; i < rows; i++) {
    const key = keys[i] as number;
    const v = key >= 0 ? (kept[key * entries + q] as number) : (own[i * entries + q] as number);
    col[i] = v;
    nulls += v !== v ? 1 : 0;
  }
  return nulls;
}

/** {@link fillFromKeys} for a part that is not cached: every row its change's own value. */
function fillFromOwn(col: Float64Array, rows: number, own: Float64Array, entries: number, q: number): number {
  let nulls = 0;
  for (let i = 0; i < rows; i++) {
    const v = own[i * entries + q] as number;
    col[i] = v;
    nulls += v !== v ? 1 : 0;
  }
  return nulls;
}

/** The first row of `col[0..rows)` that is not null (NaN), or `rows`. */
function firstNonNull(col: Float64Array, rows: number): number {
  let i = 0;
  while (i < rows && col[i] !== col[i]) i++;
  return i;
}

/**
 * Whether every non-null value of `col[from..rows)` has the bits of `col[from]` (0 and -0
 * apart), through `scratch` and its two 32-bit words `bits`.
 */
function sameBitsFrom(
  col: Float64Array,
  from: number,
  rows: number,
  scratch: Float64Array,
  bits: Int32Array,
): boolean {
  scratch[0] = col[from] as number;
  const lo = bits[0] as number;
  const hi = bits[1] as number;
  for (let i = from + 1; i < rows; i++) {
    const v = col[i] as number;
    if (v !== v) continue;
    scratch[0] = v;
    if (bits[0] !== lo || bits[1] !== hi) return false;
  }
  return true;
}
