/**
 * The distinct values of a column, when there are few: the dictionary of Parquet's dictionary
 * encoding (apache/parquet-format, Encodings.md, "Dictionary Encoding"). Sweep tables hold many
 * such columns (axis values repeat across the grid, base parameters are constant), and an index of
 * a few bits replaces each 8-byte value.
 *
 * Values are compared by their 64 bits (so -0 and 0 stay apart), found through an open-addressing
 * hash table of 4 x `maxEntries` slots, each tagged with the call that filled it (so a call
 * starts without clearing the slots of the last). NaN is "null" and is skipped: indices are written for the
 * non-null values only, in order. The search gives up as soon as the column has more than
 * `maxEntries` distinct values, so a column of distinct results costs only its first few
 * thousand rows.
 */
export class DictionaryFinder {
  /** The distinct values, in order of first appearance. */
  readonly values: Float64Array;
  private readonly valueWords: Int32Array;
  /**
   * Slot h: `generation << entryBits | (entry + 1)`, empty unless its generation is the current
   * call's. Clearing the slots a call filled took a random write each (~16,000 for a column of
   * distinct doubles) at the next call.
   */
  private readonly slots: Int32Array;
  private readonly entryBits: number;
  private generation = 0;
  private readonly mask: number;
  private readonly shift: number;
  /** Row where each entry was last found through the hash table (for the period, see `find`). */
  private readonly seenAt: Int32Array;
  /** A bit a 20-bit hash, for {@link exceeds}. */
  private readonly seen = new Int32Array(1 << 15);
  /** Dictionary index of each non-null value of the last `find`. */
  indices = new Int32Array(0);

  constructor(readonly maxEntries = 1024) {
    this.values = new Float64Array(maxEntries);
    // Words as signed 32-bit integers: always small integers to V8 (unsigned ones above 2^31 are
    // doubles, and a loop that first saw small ones is recompiled).
    this.valueWords = new Int32Array(this.values.buffer);
    let bits = 2;
    while (1 << bits < 4 * maxEntries) bits++;
    this.slots = new Int32Array(1 << bits);
    let entryBits = 1;
    while (1 << entryBits <= maxEntries) entryBits++;
    this.entryBits = entryBits;
    this.seenAt = new Int32Array(maxEntries);
    this.mask = (1 << bits) - 1;
    this.shift = 32 - bits;
  }

  /**
   * Index `col[0..n)`: the number of distinct non-null values, or -1 when there are more than
   * `maxEntries`. The values are then `values[0..count)` and the indices `indices[0..nonNull)`.
   */
  find(col: Float64Array, n: number): number {
    if (this.indices.length < n) this.indices = new Int32Array(Math.max(n, 2 * this.indices.length));
    const words = new Int32Array(col.buffer, col.byteOffset, 2 * n);
    const slots = this.slots;
    const entryBits = this.entryBits;
    // Generations stay below 2^(31 - entryBits), so a tag is a positive int32; then start again.
    if (++this.generation >= 2 ** (31 - entryBits)) {
      slots.fill(0);
      this.generation = 1;
    }
    const generation = this.generation;
    const entryMask = (1 << entryBits) - 1;
    const vw = this.valueWords;
    const values = this.values;
    const idx = this.indices;
    // Fields read in the loop as locals (one load each per call, not per row).
    const shift = this.shift;
    const mask = this.mask;
    const maxEntries = this.maxEntries;
    let count = 0;
    let m = 0;
    // The last value and its index: runs of one value (an outer grid axis) skip the hash. Two
    // non-zero doubles that are === have the same bits (NaN never gets this far), so a run is
    // told by one comparison; a zero also by its high word (its sign), against the last zero's.
    let lastX = NaN;
    let lastHi = 0; // the high word of lastX when it came through the hash (a zero's sign)
    let last = -1;
    // A value that comes back every `period` rows (the fastest grid axis: each RTT in turn) is
    // told by one comparison with the row `period` back, whose index it takes, while no row so
    // far was null (value i is then row i). The period is the distance between the last two
    // finds of one value through the table; a wrong one only costs the comparison.
    const seenAt = this.seenAt;
    let period = 0;
    const checkAt = maxEntries >= 1024 ? maxEntries >> 2 : -1;
    // Each fast path takes the index of an earlier row of the same bits, in a tight loop of its
    // own while it holds (which rows take which path changes the speed only, never the indices).
    for (let i = 0; i < n; i++) {
      const x = col[i] as number;
      if (x === lastX && (x !== 0 || words[2 * i + 1] === lastHi)) {
        let j = i + 1;
        if (x !== 0) while (j < n && col[j] === x) j++;
        else while (j < n && col[j] === 0 && words[2 * j + 1] === lastHi) j++;
        if (j - i > 16) idx.fill(last, m, m + j - i);
        else for (let q = m; q < m + j - i; q++) idx[q] = last;
        m += j - i;
        i = j - 1;
        continue;
      }
      if (period > 0 && m === i && x === col[i - period] && x !== 0) {
        // Row j takes row j - period's index while the values match (NaN never does: the rows
        // stay the values, m === j).
        let j = i;
        for (; j < n; j++) {
          const y = col[j] as number;
          if (y !== col[j - period] || y === 0) break;
          idx[j] = idx[j - period] as number;
        }
        m = j;
        last = idx[j - 1] as number;
        lastX = col[j - 1] as number;
        i = j - 1;
        continue;
      }
      if (x !== x) continue;
      lastX = x;
      const lo = words[2 * i] as number;
      const hi = words[2 * i + 1] as number;
      lastHi = hi;
      let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b) >>> shift;
      for (;;) {
        const tag = slots[h] as number;
        if (tag >> entryBits !== generation) {
          if (count === maxEntries) return -1;
          values[count] = x;
          seenAt[count] = i;
          slots[h] = (generation << entryBits) | ++count;
          idx[m++] = last = count - 1;
          // Nearly every row so far a new value (a column of distinct results): tell cheaply
          // whether the rest give up, before putting each of them in the table.
          if (count === checkAt && i < checkAt + (checkAt >> 2) && this.exceeds(col, words, i + 1, n, count))
            return -1;
          break;
        }
        const s = tag & entryMask;
        if (vw[2 * s - 2] === lo && vw[2 * s - 1] === hi) {
          period = i - (seenAt[s - 1] as number);
          seenAt[s - 1] = i;
          idx[m++] = last = s - 1;
          break;
        }
        h = (h + 1) & mask;
      }
    }
    return count;
  }

  /**
   * Run every path of {@link find} once on made-up columns (runs, zeros of both signs, a period,
   * nulls, distinct values that give up), so that V8 optimises it once with feedback for all of
   * them. Met first in a sweep's row groups, each path threw the optimised code away for lack of
   * type feedback (--trace-deopt), and each recompilation cost the compiler thread again in every
   * worker. The short columns come first: the long one makes `find` hot, and V8 compiled it on
   * stack within it before the period had run (the period's subtraction without feedback, two more
   * compilations). The columns are made in functions of their own, so this has no hot loop of its
   * own (each was compiled on stack, and the code after it lacked feedback: four compilations).
   * The result of the last `find` is then that of a made-up column.
   */
  warmUp(): void {
    const periodic = periodicColumn(8 * 13);
    this.find(periodic, periodic.length); // a period from the start
    const mixed = mixedColumn(600);
    this.find(mixed, mixed.length); // runs (of zeros of both signs too), nulls, a period
    const distinct = distinctColumn(Math.min(4 * this.maxEntries + 64, 1 << 17));
    this.find(distinct, distinct.length); // distinct values: the check that gives up, the table
  }

  /**
   * Whether the distinct values of `values[0..count)` and of the non-null rows `col[from..n)` are
   * known to be more than `maxEntries`: they are when their 20-bit hashes are, as equal values
   * have equal hashes. A bit a hash, no table entry: ~4 ns a row against ~14 ns an entry (the
   * result columns give up after ~16,400 rows each). False says nothing: the table decides.
   */
  private exceeds(col: Float64Array, words: Int32Array, from: number, n: number, count: number): boolean {
    const seen = this.seen;
    const maxEntries = this.maxEntries;
    seen.fill(0);
    // The entries' hashes in a function of their own: V8 compiles a hot loop on stack, and code
    // after it then lacked type feedback and was left at every call (--trace-deopt).
    let distinct = markHashes(seen, this.valueWords, count);
    for (let i = from; i < n; i++) {
      const lo = words[2 * i] as number;
      const hi = words[2 * i + 1] as number;
      if ((col[i] as number) !== (col[i] as number)) continue;
      const h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b) >>> 12;
      const bit = 1 << (h & 31);
      const w = seen[h >>> 5] as number;
      if ((w & bit) === 0) {
        seen[h >>> 5] = w | bit;
        if (++distinct > maxEntries) return true;
      }
    }
    return false;
  }
}

/** Mark the 20-bit hashes of entries [0, count) (their words in `vw`) in `seen`: the distinct ones. */
function markHashes(seen: Int32Array, vw: Int32Array, count: number): number {
  let distinct = 0;
  for (let e = 0; e < count; e++) {
    const h =
      Math.imul((vw[2 * e] as number) ^ Math.imul(vw[2 * e + 1] as number, 0x9e3779b1), 0x85ebca6b) >>> 12;
    const bit = 1 << (h & 31);
    const w = seen[h >>> 5] as number;
    if ((w & bit) === 0) {
      seen[h >>> 5] = w | bit;
      distinct++;
    }
  }
  return distinct;
}

/** `n` rows of a value every 13 rows (a period from the start, a zero in it): for `warmUp`. */
function periodicColumn(n: number): Float64Array {
  const col = new Float64Array(n);
  for (let i = 0; i < n; i++) col[i] = (i % 13) * 2.5;
  return col;
}

/** `n` rows of nulls among runs, runs of zeros (-0 every 50th row) and short runs: for `warmUp`. */
function mixedColumn(n: number): Float64Array {
  const col = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = i % 60;
    col[i] =
      i % 50 === 0 ? -0 : p < 20 ? (i % 3 === 0 ? NaN : (i % 7) + 0.5) : p < 40 ? 0 : Math.floor(i / 5) % 4;
  }
  return col;
}

/** `n` distinct rows: for `warmUp`. */
function distinctColumn(n: number): Float64Array {
  const col = new Float64Array(n);
  for (let i = 0; i < n; i++) col[i] = i * 1.5 + 1;
  return col;
}
