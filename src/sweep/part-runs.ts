import type { Ran } from "./axis-values.js";

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

  constructor(entries: readonly { column: number; part: number; read: (r: Ran) => number }[], parts: number) {
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
  }

  /**
   * Row `r`: read the entries whose part changed (`changed[part] === 1`; every entry at row 0)
   * from `ran` into `cols[column][r]`, after closing their previous runs.
   */
  row(cols: readonly Float64Array[], r: number, changed: Uint8Array, ran: Ran): void {
    const byPart = this.byPart;
    for (let p = 0; p < byPart.length; p++) {
      if (r !== 0 && changed[p] !== 1) continue;
      const list = byPart[p] as Int32Array;
      for (let q = 0; q < list.length; q++) {
        const e = list[q] as number;
        const col = cols[this.columns[e] as number] as Float64Array;
        if (r !== 0) fillRun(col, this.start[e] as number, r, this.value[e] as number);
        const x = (this.readers[e] as (r: Ran) => number)(ran);
        col[r] = x;
        this.value[e] = x;
        this.start[e] = r;
      }
    }
  }

  /** Close every run at `rows` (the rows of the batch written). */
  finish(cols: readonly Float64Array[], rows: number): void {
    if (rows === 0) return;
    for (let e = 0; e < this.columns.length; e++)
      fillRun(
        cols[this.columns[e] as number] as Float64Array,
        this.start[e] as number,
        rows,
        this.value[e] as number,
      );
  }
}

/** Rows (start, end) of `col` take the value of row `start`. */
function fillRun(col: Float64Array, start: number, end: number, value: number): void {
  for (let i = start + 1; i < end; i++) col[i] = value;
}
