import type { ParquetType } from "hyparquet";
import type { ColumnSpec } from "../types.js";
import { ByteSink } from "./bytes.js";
import { DictionaryFinder } from "./dictionary.js";
import { bitWidthOf, encodeHybrid, rleRun } from "./hybrid.js";
import { physicalType } from "./schema.js";
import { CompactWriter, TType } from "./thrift.js";

/**
 * Encodes rows of a sweep table (one Float64Array per column, NaN for null) as the column chunks
 * of one Parquet row group: what a sweep worker does with each task, in parallel, so the main
 * thread only appends the bytes and writes the footer ({@link ParquetFileWriter}).
 *
 * Each column chunk is one V1 data page, preceded by a dictionary page when the column is
 * dictionary-encoded (apache/parquet-format: README "Data Pages", Encodings.md):
 * - definition levels (max level 1): the RLE / bit-packing hybrid at bit width 1, after a 4-byte
 *   length; a column without nulls is one RLE run;
 * - enum columns: RLE_DICTIONARY over the column's labels (a PLAIN dictionary page of
 *   BYTE_ARRAYs, each a 4-byte length and UTF-8 bytes);
 * - numeric columns with at most {@link MAX_DICTIONARY_ENTRIES} distinct values in the row group
 *   (axis values, constants, iteration counts): RLE_DICTIONARY over a PLAIN dictionary page;
 * - integer columns without nulls that step by a constant (the scenario `index`):
 *   DELTA_BINARY_PACKED, whose blocks then hold only the step (bit width 0), a few bytes per
 *   128 rows where PLAIN takes 8 bytes a row;
 * - other numeric columns: PLAIN, little-endian DOUBLE / INT32 / INT64 of the non-null values.
 *
 * Pages are UNCOMPRESSED. Measured on the bench sweep (31 columns), this writes 47 bytes a row
 * where arrow-rs (parquet-wasm) with SNAPPY wrote 57, in a quarter of the time: 40 of the 47 are
 * result columns of distinct doubles, which general-purpose compressors barely shrink, and the
 * encodings above already take the other columns down to bits.
 */
export const MAX_DICTIONARY_ENTRIES = 16_384;

/** One column chunk of an encoded row group; offsets are relative to the row group's bytes. */
export interface ChunkInfo {
  /** Whether the data page is DELTA_BINARY_PACKED (else PLAIN, or RLE_DICTIONARY with a dictionary page). */
  readonly delta: boolean;
  readonly offset: number;
  readonly size: number;
  readonly dataPageOffset: number;
  /** -1 when the chunk has no dictionary page. */
  readonly dictionaryPageOffset: number;
  readonly nulls: number;
}

/** What a worker hands back for one row group: plain data and one transferable buffer. */
export interface EncodedRowGroup {
  readonly rows: number;
  /** The column chunks, back to back, in column order. */
  readonly bytes: Uint8Array;
  readonly chunks: readonly ChunkInfo[];
}

/** Parquet `Encoding` and `PageType` values (parquet.thrift). */
const PLAIN = 0;
const RLE = 3;
const DELTA_BINARY_PACKED = 5;
const RLE_DICTIONARY = 8;
/** DELTA_BINARY_PACKED layout: values a block and miniblocks a block (parquet-mr's defaults). */
const DELTA_BLOCK = 128;
const DELTA_MINIBLOCKS = 4;
const DATA_PAGE = 0;
const DICTIONARY_PAGE = 2;

/**
 * What a caller knows of some columns' rows, so the encoder skips the pass that would find it
 * (the sweep's batch runner knows it of the columns it writes as runs, `PartRuns`, and of the
 * `index` column). Each fact given must be exact: the bytes are then those of the scan.
 */
export class ColumnFacts {
  /** Per column: the nulls (NaN) among the rows, or -1 when not known (then scanned). */
  readonly nulls: Int32Array;
  /** Per column whose nulls are known: the first non-null value (NaN when all are null). */
  readonly first: Float64Array;
  /** Per column whose nulls are known: 1 when every non-null value has the bits of `first`. */
  readonly same: Uint8Array;
  /** Per column: 1 when known to have no nulls and to step by one whole number (a safe integer). */
  readonly steps: Uint8Array;

  constructor(columns: number) {
    this.nulls = new Int32Array(columns).fill(-1);
    this.first = new Float64Array(columns);
    this.same = new Uint8Array(columns);
    this.steps = new Uint8Array(columns);
  }

  /** Forget every fact. */
  clear(): void {
    this.nulls.fill(-1);
    this.steps.fill(0);
  }
}

export class RowGroupEncoder {
  private readonly types: readonly ParquetType[];
  /** The PLAIN dictionary page body of each enum column (its labels), built once. */
  private readonly labelPages: readonly (Uint8Array | null)[];
  private readonly out = new ByteSink(0);
  /** The encoder's own buffer, for `encode` without a target (grown as row groups need). */
  private own: Uint8Array = new Uint8Array(1 << 20);
  private readonly body = new ByteSink(1 << 20);
  /** A numeric column's dictionary page, reused: copied into `out` before the next chunk. */
  private readonly page = new ByteSink(8 * MAX_DICTIONARY_ENTRIES);
  private readonly header = new CompactWriter();
  private readonly dict = new DictionaryFinder(MAX_DICTIONARY_ENTRIES);
  private levels = new Int32Array(0);
  private codes = new Int32Array(0);

  constructor(private readonly columns: readonly ColumnSpec[]) {
    this.types = columns.map(physicalType);
    const utf8 = new TextEncoder();
    this.labelPages = columns.map((c) => {
      if (c.type !== "enum") return null;
      const page = new ByteSink(64);
      for (const label of c.labels ?? []) {
        const b = utf8.encode(label);
        page.u32(b.length);
        page.bytes(b);
      }
      return page.buf.slice(0, page.length);
    });
  }

  /**
   * Rows [0, rows) of `data` (one Float64Array per column) as one row group. The bytes are copied
   * to `into` when they fit there (a sweep worker passes its slot of shared memory, so nothing is
   * allocated or transferred per row group), else to a new buffer. `facts`, when given, holds
   * what is known of rows [0, rows) of some columns (the same bytes, fewer passes).
   */
  encode(
    data: readonly Float64Array[],
    rows: number,
    into?: Uint8Array,
    facts: ColumnFacts | null = null,
  ): EncodedRowGroup {
    if (data.length !== this.columns.length)
      throw new RangeError(`row group: ${data.length} columns given, ${this.columns.length} expected`);
    const out = this.out;
    // Written in place: into the caller's buffer when given (no copy afterwards), else into this
    // encoder's own, kept from one row group to the next.
    out.wrap(into ?? this.own);
    const chunks: ChunkInfo[] = [];
    for (let c = 0; c < this.columns.length; c++) {
      const col = data[c] as Float64Array;
      if (col.length < rows) throw new RangeError(`row group: column ${c} has ${col.length} of ${rows} rows`);
      chunks.push(this.chunk(c, col, rows, facts));
    }
    if (into !== undefined && out.buf === into) return { rows, bytes: into.subarray(0, out.length), chunks };
    // Not given a buffer, or it was too small: the bytes in a new buffer of their own.
    if (into === undefined) this.own = out.buf;
    return { rows, bytes: out.buf.slice(0, out.length), chunks };
  }

  /** Warm the encoder's dictionary search up ({@link DictionaryFinder.warmUp}): once a thread. */
  warmUp(): void {
    this.dict.warmUp();
  }

  /**
   * An upper bound of the bytes of a row group of `rows` rows: per column, page headers, the
   * definition levels (at most a bit a row plus a header every 8 rows), and values that are never
   * larger than PLAIN (8 bytes a row) plus a dictionary page (chosen only when, with its
   * indices, it is smaller than PLAIN: at most MAX_DICTIONARY_ENTRIES x 8 bytes, or the labels of an enum).
   */
  maxBytes(rows: number): number {
    let bytes = 0;
    for (const page of this.labelPages)
      bytes += 256 + 9 * rows + 4 * Math.ceil(rows / 8) + (page?.length ?? 8 * MAX_DICTIONARY_ENTRIES);
    return bytes;
  }

  /*
   * The passes over a column's rows are small functions of their own (module level, below), each
   * always called with the same types: V8 then optimises each once, on its first long loop, and
   * keeps it. As one large method, every encoding path met for the first time (a delta column
   * after a dictionary one, nulls after none) threw away its optimised code for lack of type
   * feedback, and a worker's first row group took ~10x as long as the next (200 ms of CPU).
   */
  private chunk(c: number, col: Float64Array, n: number, facts: ColumnFacts | null): ChunkInfo {
    const out = this.out;
    const body = this.body;
    const offset = out.length;
    const type = this.types[c] as ParquetType;
    const spec = this.columns[c] as ColumnSpec;

    // The null count, and whether every non-null value is the same: known, or one pass.
    const known = facts !== null && (facts.nulls[c] as number) >= 0;
    let nulls: number;
    let first: number;
    let same: boolean;
    if (known) {
      nulls = facts.nulls[c] as number;
      first = facts.first[c] as number;
      same = facts.same[c] === 1;
    } else {
      nulls = scanColumn(col, n);
      first = scan[0] as number;
      same = scan[1] === 1;
      // === does not tell -0 from 0: a double column of zeros is constant only if all share a sign.
      if (same && first === 0 && type === "DOUBLE") same = zerosShareSign(col, n, first);
    }
    const nonNull = n - nulls;
    const constant = nonNull > 0 && same;

    // Definition levels: a 4-byte length, then the hybrid encoding; one run when all or none are null.
    body.reset();
    body.u32(0);
    if (nulls === 0 || nulls === n) {
      if (n > 0) rleRun(nulls === 0 ? 1 : 0, n, 1, body);
    } else {
      if (this.levels.length < n) this.levels = new Int32Array(Math.max(n, 2 * this.levels.length));
      definitionLevels(col, n, this.levels);
      encodeHybrid(this.levels, n, 1, body);
    }
    body.u32At(0, body.length - 4);

    // Values: dictionary indices or PLAIN (none when all are null).
    let dictionaryPage: Uint8Array | null = null;
    let dictionaryEntries = 0;
    let dataEncoding = PLAIN;
    /** Bytes of the data page after the body (PLAIN doubles without nulls: the column's own). */
    let tail: Uint8Array | null = null;
    const labels = this.labelPages[c] ?? null;
    const width = type === "INT32" ? 4 : 8;
    if (nonNull === 0) {
      // No values: a PLAIN page of definition levels only.
    } else if (labels !== null) {
      dictionaryEntries = spec.labels?.length ?? 0;
      dictionaryPage = labels;
      if (constant) this.indexRun(first, nonNull, dictionaryEntries);
      else {
        if (this.codes.length < nonNull)
          this.codes = new Int32Array(Math.max(nonNull, 2 * this.codes.length));
        nonNullCodes(col, n, this.codes);
        this.indices(this.codes, nonNull, dictionaryEntries);
      }
    } else if (nulls === 0 && type !== "DOUBLE" && n > 2 && this.steps(col, n, c, facts, known && same)) {
      this.deltaSteps(col, n);
      dataEncoding = DELTA_BINARY_PACKED;
    } else if (constant && width < nonNull * width - 2) {
      dictionaryEntries = 1;
      const page = this.page;
      page.reset();
      this.dict.values[0] = first;
      this.plain(type, this.dict.values, 1, page);
      dictionaryPage = page.buf.subarray(0, page.length);
      this.indexRun(0, nonNull, 1);
    } else {
      const entries = this.dict.find(col, n);
      const indexBytes = entries > 0 ? (nonNull * bitWidthOf(entries - 1)) / 8 : Infinity;
      if (entries > 0 && entries * width + indexBytes < nonNull * width) {
        dictionaryEntries = entries;
        const page = this.page;
        page.reset();
        this.plain(type, this.dict.values, entries, page);
        dictionaryPage = page.buf.subarray(0, page.length);
        this.indices(this.dict.indices, nonNull, entries);
      } else if (type === "DOUBLE" && nulls === 0)
        // Little-endian doubles already: the column's own bytes, appended to the page below
        // (every platform Node runs on is LE), not copied into the body first.
        tail = new Uint8Array(col.buffer, col.byteOffset, 8 * n);
      else this.plainColumn(type, col, n, body);
    }

    let dictionaryPageOffset = -1;
    if (dictionaryPage !== null) {
      dictionaryPageOffset = out.length;
      this.pageHeader(DICTIONARY_PAGE, dictionaryPage.length, dictionaryEntries, PLAIN);
      out.bytes(dictionaryPage);
    }
    const dataPageOffset = out.length;
    if (dictionaryPage !== null) dataEncoding = RLE_DICTIONARY;
    this.pageHeader(DATA_PAGE, body.length + (tail?.length ?? 0), n, dataEncoding);
    out.bytes(body.buf.subarray(0, body.length));
    if (tail !== null) out.bytes(tail);
    return {
      delta: dataEncoding === DELTA_BINARY_PACKED,
      offset,
      size: out.length - offset,
      dataPageOffset,
      dictionaryPageOffset,
      nulls,
    };
  }

  /**
   * `steps(col, n)`, from the facts where they tell: a column known to step (`index`), or known to
   * be constant without nulls (a step of 0, so it steps when its value is a safe integer).
   */
  private steps(col: Float64Array, n: number, c: number, facts: ColumnFacts | null, same: boolean): boolean {
    if (facts !== null && facts.steps[c] === 1) return true;
    if (same) return Number.isSafeInteger(col[0] as number);
    return steps(col, n);
  }

  /** RLE_DICTIONARY data: the bit width in one byte, then the indices in the hybrid encoding. */
  private indices(idx: Int32Array, count: number, entries: number): void {
    const width = bitWidthOf(entries - 1);
    this.body.byte(width);
    encodeHybrid(idx, count, width, this.body);
  }

  /**
   * DELTA_BINARY_PACKED (Encodings.md, "Delta Encoding") of `col[0..n)`, whose values step by a
   * constant: the header (block size, miniblocks a block, value count, first value zigzag), then
   * per block of 128 deltas the minimum delta (zigzag: the step) and four miniblock bit widths of
   * 0, with no miniblock bytes (every delta minus the minimum is 0).
   */
  private deltaSteps(col: Float64Array, n: number): void {
    const body = this.body;
    const first = col[0] as number;
    const step = (col[1] as number) - first;
    const zigzag = (x: number): number => (x >= 0 ? 2 * x : -2 * x - 1);
    body.uleb128(DELTA_BLOCK);
    body.uleb128(DELTA_MINIBLOCKS);
    body.uleb128(n);
    body.uleb128(zigzag(first));
    for (let blocks = Math.ceil((n - 1) / DELTA_BLOCK); blocks > 0; blocks--) {
      body.uleb128(zigzag(step));
      for (let m = 0; m < DELTA_MINIBLOCKS; m++) body.byte(0);
    }
  }

  /** RLE_DICTIONARY data of `count` copies of dictionary index `index`: one RLE run. */
  private indexRun(index: number, count: number, entries: number): void {
    const width = bitWidthOf(entries - 1);
    this.body.byte(width);
    rleRun(index, count, width, this.body);
  }

  /** PLAIN values of `values[0..count)` (no nulls). */
  private plain(type: ParquetType, values: Float64Array, count: number, to: ByteSink): void {
    for (let i = 0; i < count; i++) {
      const x = values[i] as number;
      if (type === "DOUBLE") to.f64(x);
      else if (type === "INT32") to.i32(x);
      else to.i64(x);
    }
  }

  /** PLAIN values of the non-null rows of `col[0..n)`. */
  private plainColumn(type: ParquetType, col: Float64Array, n: number, to: ByteSink): void {
    to.ensure(8 * n);
    if (type === "DOUBLE") plainDoubles(col, n, to);
    else if (type === "INT32") plainInt32s(col, n, to);
    else plainInt64s(col, n, to);
  }

  /** A PageHeader (parquet.thrift) for a page of `size` bytes holding `values` values. */
  private pageHeader(pageType: number, size: number, values: number, encoding: number): void {
    const h = this.header;
    h.reset();
    h.writeStructBegin();
    const i32 = (id: number, v: number): void => {
      h.writeFieldBegin(TType.I32, id);
      h.writeI32(v);
    };
    i32(1, pageType);
    i32(2, size); // uncompressed_page_size
    i32(3, size); // compressed_page_size: UNCOMPRESSED
    h.writeFieldBegin(TType.STRUCT, pageType === DATA_PAGE ? 5 : 7);
    h.writeStructBegin();
    i32(1, values);
    i32(2, encoding);
    if (pageType === DATA_PAGE) {
      i32(3, RLE); // definition_level_encoding
      i32(4, RLE); // repetition_level_encoding (no repetition levels are written: max level 0)
    }
    h.writeFieldStop();
    h.writeStructEnd();
    h.writeFieldStop();
    h.writeStructEnd();
    this.out.bytes(h.view());
  }
}

/** What {@link scanColumn} found besides the null count: [first non-null value (NaN if none), 1 if all non-null values are equal]. */
const scan = new Float64Array(2);

/**
 * The nulls (NaN) among `col[0..n)`; the first non-null value and whether all equal it go to
 * {@link scan}. In three loops, each with one comparison a row where it can: the leading nulls,
 * the rows equal to the first value (a constant column ends here), then only the nulls.
 */
function scanColumn(col: Float64Array, n: number): number {
  let i = 0;
  let nulls = 0;
  while (i < n && col[i] !== col[i]) i++;
  nulls = i;
  if (i === n) {
    scan[0] = NaN;
    scan[1] = 1;
    return nulls;
  }
  const first = col[i++] as number;
  let same = true;
  for (; i < n; i++) {
    const x = col[i] as number;
    if (x === first) continue;
    if (x === x) {
      same = false;
      break;
    }
    nulls++;
  }
  for (i++; i < n; i++) if (col[i] !== col[i]) nulls++;
  scan[0] = first;
  scan[1] = same ? 1 : 0;
  return nulls;
}

/**
 * Whether every zero of `col[0..n)` has the sign of `zero` (0 or -0): the high words of the
 * zeros compared (a zero's high word is its sign bit alone), not `1 / x`, a division a row.
 */
function zerosShareSign(col: Float64Array, n: number, zero: number): boolean {
  const words = new Int32Array(col.buffer, col.byteOffset, 2 * n);
  const high = Object.is(zero, -0) ? -0x80000000 : 0;
  for (let i = 0; i < n; i++) if (col[i] === 0 && words[2 * i + 1] !== high) return false;
  return true;
}

/** Definition level of each row: 1 when defined, 0 for null (NaN). */
function definitionLevels(col: Float64Array, n: number, levels: Int32Array): void {
  for (let i = 0; i < n; i++) levels[i] = col[i] === col[i] ? 1 : 0;
}

/** The non-null values of an enum column (label codes) into `codes`, in order. */
function nonNullCodes(col: Float64Array, n: number, codes: Int32Array): void {
  let m = 0;
  for (let i = 0; i < n; i++) {
    const x = col[i] as number;
    if (x === x) codes[m++] = x;
  }
}

/** PLAIN DOUBLE, INT32 or INT64 of the non-null rows (room made by the caller). */
function plainDoubles(col: Float64Array, n: number, to: ByteSink): void {
  for (let i = 0; i < n; i++) {
    const x = col[i] as number;
    if (x === x) to.f64(x);
  }
}

function plainInt32s(col: Float64Array, n: number, to: ByteSink): void {
  for (let i = 0; i < n; i++) {
    const x = col[i] as number;
    if (x === x) to.i32(x);
  }
}

function plainInt64s(col: Float64Array, n: number, to: ByteSink): void {
  for (let i = 0; i < n; i++) {
    const x = col[i] as number;
    if (x === x) to.i64(x);
  }
}

/**
 * Whether `col[0..n)` steps by one whole number throughout (checked in doubles, exact for whole
 * numbers below 2^53; the zigzag of the first value and of the step must stay below 2^54).
 */
function steps(col: Float64Array, n: number): boolean {
  const first = col[0] as number;
  const step = (col[1] as number) - first;
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(step)) return false;
  for (let i = 2; i < n; i++) if ((col[i] as number) - (col[i - 1] as number) !== step) return false;
  return true;
}
