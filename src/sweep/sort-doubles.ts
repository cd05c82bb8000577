/** Most values {@link sortDoubles} sorts by itself (more go to the built-in sort). */
export const SORT_CAPACITY = 4096;

/**
 * `values` sorted ascending, exactly as `Float64Array.prototype.sort()` (no comparator) orders
 * them: the same doubles in the same order. Returns `values` itself, sorted in place, or a view of
 * this module's own buffer holding them sorted, valid until the next call (`values` then left as
 * it was).
 *
 * Why hand-written: the summary of a sweep sorts each group's total and stun times on the main
 * thread, which shares the cores with the workers, and the built-in sort costs 1.8-4.4 us for
 * 100 times (24-63 us for 1,000), the comparisons' mispredicted branches most of it. This sort
 * returns values already in order as they are (a sweep's total times usually are: a group pools
 * the last grid axes, along which they grow), and sorts the rest by distribution (bucket sort):
 * each value goes to one of n buckets by its place between the least and the greatest (a counting
 * pass and a scatter, no comparisons), then one insertion sort finishes the nearly sorted result.
 * Values so uneven that the insertion sort moves them more than {@link MAX_MOVES} places each on
 * average go on to the built-in from there, as do more than {@link SORT_CAPACITY} values.
 * Measured (docs/performance.md, "Session 7: the summary"): the 1 M bench grid's stun times, 100
 * a group, 2.0-2.1 us against 3.3-3.5; 1,000 random values 17-18 against 64-66.
 *
 * Exactness: the bucket of v, floor((v - least) * (n - 1) / (greatest - least)), never decreases
 * as v grows (each floating-point operation is monotonic), so the buckets are in order and the
 * insertion sort finishes a correct sort; and without NaN or -0 among the values, two doubles that
 * compare equal are the same double, so every correct sort gives the built-in's result. A NaN
 * (which the built-in puts last), a -0 (which it puts before +0, which `<` cannot tell apart) or an
 * infinity (no finite spread) sends the values to the built-in.
 *
 * @example sortDoubles(Float64Array.of(3, 1, 2)) // Float64Array [1, 2, 3]
 */
export function sortDoubles(values: Float64Array): Float64Array {
  const n = values.length;
  if (n < 2) return values;
  const kind = scan(values, n);
  if (kind === SORTED) return values;
  const scale = (n - 1) / (greatest - least);
  if (kind === SPECIAL || !(scale < Infinity) || n > SORT_CAPACITY) return builtinSort.call(values);
  scatter(values, n, least, scale);
  const out = sorted.subarray(0, n);
  if (!insertionSort(sorted, n, MAX_MOVES * n)) builtinSort.call(out);
  return out;
}

/*
 * The buffers are constants of the module, and the sort's steps functions of their own: with the
 * buffers passed in (from a field) or the steps written as one function, V8's optimised code ran
 * the same loops 30-40 % slower (measured on the 1 M bench grid's stun times).
 */

/** The sorted values (the result), each value's bucket, and the buckets' counts (n + 1). */
const sorted = new Float64Array(SORT_CAPACITY);
const buckets = new Int32Array(SORT_CAPACITY);
const counts = new Int32Array(SORT_CAPACITY + 1);

const SORTED = 0;
const UNSORTED = 1;
const SPECIAL = 2;
/** The least and greatest value {@link scan} saw. */
let least = 0;
let greatest = 0;

/** Insertion moves allowed a value on average after the scatter (values spread evenly need about one). */
const MAX_MOVES = 8;

/**
 * The built-in sort, called on a constant rather than as `values.sort()`, whose property access
 * has no type feedback until it first runs: V8's optimised code deoptimised there again and again.
 */
const builtinSort = Float64Array.prototype.sort;

/** SORTED (ascending already), SPECIAL (a NaN, a -0 or an infinity among the values) or UNSORTED; sets least and greatest. */
function scan(a: Float64Array, n: number): number {
  let lo = a[0] as number;
  let hi = lo;
  let prev = lo;
  let descents = 0;
  let special = false;
  for (let i = 0; i < n; i++) {
    const v = a[i] as number;
    // v - v is 0 for finite v only; a zero is -0 when 1 / v is -Infinity.
    if (!(v - v === 0 && (v !== 0 || 1 / v > 0))) special = true;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    descents += +(v < prev);
    prev = v;
  }
  least = lo;
  greatest = hi;
  return special ? SPECIAL : descents === 0 ? SORTED : UNSORTED;
}

/**
 * `a[0..n-1]` into `sorted` by bucket, bucket b (of n) holding the values with
 * floor((v - lo) * scale) = b: counts, their running sums, then each value to its bucket's next place.
 */
function scatter(a: Float64Array, n: number, lo: number, scale: number): void {
  counts.fill(0, 0, n + 1);
  for (let i = 0; i < n; i++) {
    // At most n - 1 (the greatest value, whatever the rounding of the scale).
    const b = Math.min(n - 1, Math.floor(((a[i] as number) - lo) * scale));
    buckets[i] = b;
    counts[b + 1] = (counts[b + 1] as number) + 1;
  }
  for (let b = 0; b < n; b++) counts[b + 1] = (counts[b + 1] as number) + (counts[b] as number);
  for (let i = 0; i < n; i++) {
    const b = buckets[i] as number;
    const at = counts[b] as number;
    sorted[at] = a[i] as number;
    counts[b] = at + 1;
  }
}

/** Sort `a[0..n-1]` by insertion; false, `a` left part sorted, once more than `budget` values have moved. */
function insertionSort(a: Float64Array, n: number, budget: number): boolean {
  for (let i = 1; i < n; i++) {
    const v = a[i] as number;
    let j = i - 1;
    if ((a[j] as number) <= v) continue;
    while (j >= 0 && (a[j] as number) > v) {
      a[j + 1] = a[j] as number;
      j--;
    }
    a[j + 1] = v;
    budget -= i - 1 - j;
    if (budget < 0) return false;
  }
  return true;
}
