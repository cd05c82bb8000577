import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import fc from "fast-check";
import { tableFromIPC } from "apache-arrow";
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { readParquet } from "parquet-wasm/node";
import { afterAll, describe, expect, it } from "vitest";
import { BufferedParquetWriter } from "../../../src/sweep/parquet/buffered.js";
import { ParquetFileWriter } from "../../../src/sweep/parquet/file.js";
import { serializeFileMetaData, serializeRowGroup } from "../../../src/sweep/parquet/footer.js";
import { RowGroupEncoder } from "../../../src/sweep/parquet/row-group.js";
import type { ColumnSpec } from "../../../src/sweep/types.js";

const root = mkdtempSync(join(tmpdir(), "sweep-parquet-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const OUTCOMES = ["converged", "max-rounds", "not-converging"];

// Every kind of column a sweep writes, and every encoding path of the encoder.
const COLUMNS: ColumnSpec[] = [
  { name: "index", type: "int" }, // INT64, distinct: PLAIN
  { name: "iterations", type: "int" }, // INT32, 7 values: dictionary
  { name: "totalTimeSec", type: "f64" }, // distinct doubles with nulls: PLAIN
  { name: "outcome", type: "enum", labels: OUTCOMES }, // labels dictionary
  { name: "vcpus", type: "int" }, // constant: one-entry dictionary
  { name: "wssBytes", type: "f64" }, // all null
  { name: "rttSec", type: "f64" }, // constant with nulls
  { name: "zeroPageFraction", type: "f64" }, // 0 and -0 alternate
  { name: "policy", type: "enum", labels: ["vmotion", "qemu", "xen"] }, // constant enum
];

/** Row k of the test table, as hyparquet returns it. */
const expected = (k: number): Record<string, unknown> => ({
  index: BigInt(k) * 2n ** 33n, // beyond 32 bits
  iterations: k % 7,
  totalTimeSec: k % 5 === 0 ? null : k / 8,
  outcome: OUTCOMES[k % 3],
  vcpus: 8,
  wssBytes: null,
  rttSec: k % 4 === 1 ? null : 0.005,
  zeroPageFraction: k % 2 === 0 ? 0 : -0,
  policy: "qemu",
});

/** Rows [from, from + n) as columns (NaN for null). */
function rows(from: number, n: number): Float64Array[] {
  const col = (f: (k: number) => number): Float64Array =>
    Float64Array.from({ length: n }, (_, i) => f(from + i));
  return [
    col((k) => k * 2 ** 33),
    col((k) => k % 7),
    col((k) => (k % 5 === 0 ? NaN : k / 8)),
    col((k) => k % 3),
    col(() => 8),
    col(() => NaN),
    col((k) => (k % 4 === 1 ? NaN : 0.005)),
    col((k) => (k % 2 === 0 ? 0 : -0)),
    col(() => 1),
  ];
}

function write(name: string, sizes: readonly number[]): Buffer {
  const path = join(root, name);
  const file = new ParquetFileWriter(path, COLUMNS);
  const enc = new RowGroupEncoder(COLUMNS);
  let from = 0;
  for (const n of sizes) {
    file.add(enc.encode(rows(from, n), n));
    from += n;
  }
  file.finish();
  return readFileSync(path);
}

const arrayBuffer = (b: Buffer): ArrayBuffer =>
  b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer;

describe("ParquetFileWriter(path, columns).add(encoder.encode(rows)) ... finish()", () => {
  it("writes row groups back to back that hyparquet reads row for row, -0 and nulls included", async () => {
    const bytes = write("three.parquet", [1000, 1000, 537]);
    const meta = parquetMetadata(arrayBuffer(bytes));
    expect(meta.num_rows).toBe(2537n);
    expect(meta.row_groups.map((g) => g.num_rows)).toEqual([1000n, 1000n, 537n]);
    // Row groups follow one another from byte 4 (after "PAR1") with no gap.
    let at = 4;
    for (const g of meta.row_groups) {
      expect(g.file_offset).toBe(BigInt(at));
      for (const c of g.columns) {
        const m = c.meta_data;
        if (m === undefined) throw new Error("no column metadata");
        expect(Number(m.dictionary_page_offset ?? m.data_page_offset)).toBe(at);
        at += Number(m.total_compressed_size);
      }
    }
    expect(at).toBe(bytes.length - 8 - meta.metadata_length);
    const read = await parquetReadObjects({ file: arrayBuffer(bytes) });
    expect(read.length).toBe(2537);
    read.forEach((row, k) => {
      expect(row).toEqual(expected(k));
      expect(Object.is(row.zeroPageFraction, k % 2 === 0 ? 0 : -0)).toBe(true);
    });
  });

  it("chooses each column's encoding: delta for steps, a dictionary for few values, PLAIN otherwise", () => {
    const meta = parquetMetadata(arrayBuffer(write("enc.parquet", [2000])));
    const g = meta.row_groups[0];
    if (g === undefined) throw new Error("no row group");
    const dictionary = ["PLAIN", "RLE", "RLE_DICTIONARY"];
    expect(Object.fromEntries(COLUMNS.map((c, i) => [c.name, g.columns[i]?.meta_data?.encodings]))).toEqual({
      index: ["RLE", "DELTA_BINARY_PACKED"], // steps of 2^33
      iterations: dictionary, // 7 values
      totalTimeSec: ["PLAIN", "RLE"], // distinct
      outcome: dictionary, // labels
      vcpus: ["RLE", "DELTA_BINARY_PACKED"], // constant: steps of 0
      wssBytes: ["PLAIN", "RLE"], // all null: no values at all
      rttSec: dictionary, // one value, and nulls
      zeroPageFraction: dictionary, // 0 and -0
      policy: dictionary,
    });
    // Null counts in the column statistics: 400 of 2000 for k mod 5 = 0, all for wssBytes, 500 for rttSec.
    expect(g.columns.map((c) => c.meta_data?.statistics?.null_count)).toEqual([
      0n,
      0n,
      400n,
      0n,
      0n,
      2000n,
      500n,
      0n,
      0n,
    ]);
  });

  it("keeps a column of zeros of one sign (and nulls) constant: a one-entry dictionary of 0 or -0", async () => {
    const cols: ColumnSpec[] = [
      { name: "plus", type: "f64" },
      { name: "minus", type: "f64" },
      { name: "mixed", type: "f64" },
    ];
    const n = 300;
    const data = [
      Float64Array.from({ length: n }, (_, k) => (k % 7 === 3 ? NaN : 0)),
      Float64Array.from({ length: n }, (_, k) => (k % 5 === 1 ? NaN : -0)),
      Float64Array.from({ length: n }, (_, k) => (k === 250 ? -0 : 0)),
    ];
    const path = join(root, "zeros.parquet");
    const file = new ParquetFileWriter(path, cols);
    const g = new RowGroupEncoder(cols).encode(data, n);
    file.add(g);
    file.finish();
    // Each column has a dictionary page (one entry for plus and minus, 0 and -0 for mixed).
    expect(g.chunks.map((c) => c.dictionaryPageOffset >= 0)).toEqual([true, true, true]);
    const read = await parquetReadObjects({ file: arrayBuffer(readFileSync(path)) });
    expect(read.map((x) => x.plus)).toEqual(Array.from(data[0] ?? [], (v) => (Number.isNaN(v) ? null : 0)));
    expect(read.filter((x) => Object.is(x.plus, -0))).toEqual([]);
    expect(read.filter((x) => Object.is(x.minus, -0)).length).toBe(n - 60);
    expect(read.filter((x) => x.minus === null).length).toBe(60);
    expect(read.filter((x) => Object.is(x.mixed, -0)).length).toBe(1);
    expect(Object.is(read[250]?.mixed, -0)).toBe(true);
  });

  it("delta-encodes falling and partial-block steps that hyparquet and DuckDB decode", async () => {
    // 300 rows: two full blocks of 128 deltas and a partial one of 43; INT64 down from 2^40 by 3,
    // INT32 up by 1 from -5.
    const cols: ColumnSpec[] = [
      { name: "point", type: "int" },
      { name: "maxRounds", type: "int" },
    ];
    const path = join(root, "delta.parquet");
    const file = new ParquetFileWriter(path, cols);
    const n = 300;
    file.add(
      new RowGroupEncoder(cols).encode(
        [
          Float64Array.from({ length: n }, (_, k) => 2 ** 40 - 3 * k),
          Float64Array.from({ length: n }, (_, k) => k - 5),
        ],
        n,
      ),
    );
    file.finish();
    const read = await parquetReadObjects({ file: arrayBuffer(readFileSync(path)) });
    read.forEach((row, k) => expect(row).toEqual({ point: BigInt(2 ** 40 - 3 * k), maxRounds: k - 5 }));
    const db = await DuckDBInstance.create(":memory:");
    const con = await db.connect();
    const q = await con.runAndReadAll(
      `SELECT sum(point - ${2 ** 40})::DOUBLE, sum(maxRounds)::DOUBLE FROM '${path.replace(/'/g, "''")}'`,
    );
    con.closeSync();
    // sum of -3k for k < 300 = -3 x 44850 = -134550; sum of k - 5 = 44850 - 1500 = 43350.
    expect(q.getRows()[0]).toEqual([-134550, 43350]);
  });

  it("writes a file arrow-rs (the Rust reader, as parquet-wasm) reads row for row", () => {
    const bytes = write("arrow.parquet", [1000, 1000, 537]);
    const table = tableFromIPC(readParquet(new Uint8Array(bytes)).intoIPCStream());
    expect(table.numRows).toBe(2537);
    const col = (name: string) => table.getChild(name);
    for (let k = 0; k < 2537; k++) {
      const e = expected(k);
      expect(col("index")?.get(k)).toBe(e.index);
      expect(col("iterations")?.get(k)).toBe(e.iterations);
      expect(col("totalTimeSec")?.get(k)).toBe(e.totalTimeSec);
      expect(col("outcome")?.get(k)).toBe(e.outcome);
      expect(col("vcpus")?.get(k)).toBe(8);
      expect(col("wssBytes")?.get(k)).toBe(null);
      expect(col("rttSec")?.get(k)).toBe(e.rttSec);
      expect(Object.is(col("zeroPageFraction")?.get(k), e.zeroPageFraction)).toBe(true);
      expect(col("policy")?.get(k)).toBe("qemu");
    }
  });

  it("writes a file DuckDB reads: types, row count, nulls and enum words", async () => {
    const path = join(root, "duck.parquet");
    write("duck.parquet", [700, 700, 1]);
    const db = await DuckDBInstance.create(":memory:");
    const con = await db.connect();
    const file = path.replace(/'/g, "''");
    const types = await con.runAndReadAll(
      `SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '${file}')`,
    );
    const q = await con.runAndReadAll(
      `SELECT count(*)::DOUBLE, sum("index" / 8589934592)::DOUBLE, count(totalTimeSec)::DOUBLE,
              sum(CASE WHEN outcome = 'not-converging' THEN 1 ELSE 0 END)::DOUBLE,
              count(wssBytes)::DOUBLE, count(rttSec)::DOUBLE, min(policy), max(iterations)::DOUBLE
         FROM '${file}'`,
    );
    con.closeSync();
    expect(Object.fromEntries(types.getRows())).toEqual({
      index: "BIGINT",
      iterations: "INTEGER",
      totalTimeSec: "DOUBLE",
      outcome: "VARCHAR",
      vcpus: "INTEGER",
      wssBytes: "DOUBLE",
      rttSec: "DOUBLE",
      zeroPageFraction: "DOUBLE",
      policy: "VARCHAR",
    });
    // 1401 rows, k = 0..1400: sum k = 980700; nulls at k mod 5 = 0 (281 of them); outcome k mod 3 = 2
    // for 467 rows; rttSec null at k mod 4 = 1 (350 of them); iterations up to 6.
    expect(q.getRows()[0]).toEqual([1401, 980700, 1401 - 281, 467, 0, 1401 - 350, "qemu", 6]);
  });

  it("writes a valid file with no rows: the schema and no row groups", async () => {
    const bytes = write("empty.parquet", []);
    const meta = parquetMetadata(arrayBuffer(bytes));
    expect(meta.num_rows).toBe(0n);
    expect(meta.row_groups).toEqual([]);
    expect(meta.schema.map((e) => e.name)).toEqual(["schema", ...COLUMNS.map((c) => c.name)]);
    const db = await DuckDBInstance.create(":memory:");
    const con = await db.connect();
    const q = await con.runAndReadAll(
      `SELECT count(*)::DOUBLE FROM '${join(root, "empty.parquet").replace(/'/g, "''")}'`,
    );
    con.closeSync();
    expect(q.getRows()[0]).toEqual([0]);
  });

  it("writes a footer that hyparquet parses back to the metadata it was made from", () => {
    const bytes = write("footer.parquet", [300]);
    const meta = parquetMetadata(arrayBuffer(bytes));
    const footer = serializeFileMetaData(meta);
    const len = bytes.readUInt32LE(bytes.length - 8);
    // The file's footer differs from the round trip only by column_orders, which hyparquet drops.
    const ours = serializeFileMetaData({
      ...meta,
      column_orders: COLUMNS.map(() => "type-defined" as const),
    });
    expect(Buffer.from(ours).equals(bytes.subarray(bytes.length - 8 - len, bytes.length - 8))).toBe(true);
    expect(footer.length).toBeLessThan(len);
  });

  // The writer serialises each row group as it appends it (serializeRowGroup) and writes those
  // bytes into the footer's list at the end.
  it("writes the footer a row group at a time: row groups given as their own bytes give the same footer as the file's", () => {
    const sizes = Array.from({ length: 20 }, (_, i) => 17 + i); // a list of 15 or more: the long header
    const bytes = write("footer-groups.parquet", sizes);
    const meta = parquetMetadata(arrayBuffer(bytes));
    expect(meta.row_groups.length).toBe(20);
    const len = bytes.readUInt32LE(bytes.length - 8);
    const inFile = bytes.subarray(bytes.length - 8 - len, bytes.length - 8);
    const column_orders = COLUMNS.map(() => "type-defined" as const);
    const whole = serializeFileMetaData({ ...meta, column_orders });
    const byGroup = serializeFileMetaData({
      ...meta,
      row_groups: meta.row_groups.map(serializeRowGroup),
      column_orders,
    });
    const mixed = serializeFileMetaData({
      ...meta,
      row_groups: meta.row_groups.map((g, i) => (i % 2 === 0 ? serializeRowGroup(g) : g)),
      column_orders,
    });
    expect(Buffer.from(whole).equals(inFile)).toBe(true);
    expect(Buffer.from(byGroup).equals(inFile)).toBe(true);
    expect(Buffer.from(mixed).equals(inFile)).toBe(true);
  });
});

describe("RowGroupEncoder(columns).encode(data, rows, into)", () => {
  it("encodes into the given buffer when the row group fits, else into a new one, the same bytes", () => {
    const enc = new RowGroupEncoder(COLUMNS);
    const fresh = enc.encode(rows(0, 500), 500);
    const slot = new Uint8Array(new SharedArrayBuffer(enc.maxBytes(500)));
    const inSlot = enc.encode(rows(0, 500), 500, slot);
    expect(inSlot.bytes.buffer).toBe(slot.buffer);
    expect(Buffer.from(inSlot.bytes).equals(Buffer.from(fresh.bytes))).toBe(true);
    const small = new Uint8Array(16);
    const spilled = enc.encode(rows(0, 500), 500, small);
    expect(spilled.bytes.buffer).not.toBe(small.buffer);
    expect(Buffer.from(spilled.bytes).equals(Buffer.from(fresh.bytes))).toBe(true);
    expect(fresh.bytes.length).toBeLessThanOrEqual(enc.maxBytes(500));
  });

  it("encodes into a view at an offset of shared memory (a slot's second row group), the same bytes", () => {
    const enc = new RowGroupEncoder(COLUMNS);
    const fresh = enc.encode(rows(0, 700), 700);
    const shared = new SharedArrayBuffer(3 + enc.maxBytes(700));
    new Uint8Array(shared).fill(0xee);
    const at = new Uint8Array(shared).subarray(3);
    const inSlot = enc.encode(rows(0, 700), 700, at);
    expect(inSlot.bytes.buffer).toBe(shared);
    expect(inSlot.bytes.byteOffset).toBe(3);
    expect(Buffer.from(inSlot.bytes).equals(Buffer.from(fresh.bytes))).toBe(true);
    expect([...new Uint8Array(shared, 0, 3)]).toEqual([0xee, 0xee, 0xee]);
    // The encoder's own buffer is still its own: encoding without a target again gives the same bytes.
    expect(Buffer.from(enc.encode(rows(0, 700), 700).bytes).equals(Buffer.from(fresh.bytes))).toBe(true);
  });

  it("never writes more than maxBytes(rows), whatever the values (nulls, repeats, distinct)", () => {
    const enc = new RowGroupEncoder(COLUMNS);
    // Per column a generator of row k: distinct, few values, mostly null, alternating null runs.
    const value = fc.constantFrom(
      (k: number) => k * 1.000001,
      (k: number) => k % 3,
      (k: number) => (k % 17 === 0 ? k : NaN),
      (k: number) => (Math.floor(k / 9) % 2 === 0 ? NaN : (k * 7) % 1000),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.array(value, { minLength: COLUMNS.length, maxLength: COLUMNS.length }),
        (n, gens) => {
          const data = COLUMNS.map((c, i) => {
            const g = gens[i] as (k: number) => number;
            // Enum cells must be label codes (or null).
            return Float64Array.from({ length: n }, (_, k) =>
              c.type === "enum" ? (Number.isNaN(g(k)) ? NaN : Math.abs(Math.round(g(k))) % 3) : g(k),
            );
          });
          expect(enc.encode(data, n).bytes.length).toBeLessThanOrEqual(enc.maxBytes(n));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("RowGroupEncoder: nulls, constants and runs read back as written (property)", () => {
  it("gives each chunk's null count and every value back through hyparquet, -0 kept, for any mix", async () => {
    const cols: ColumnSpec[] = [
      { name: "d", type: "f64" },
      { name: "i", type: "int" },
      { name: "e", type: "enum", labels: ["a", "b", "c"] },
    ];
    // A column: leading nulls, then a run of one value, then a tail of nulls, -0, 0 and others.
    const column = fc.record({
      lead: fc.nat(5),
      run: fc.nat(40),
      value: fc.constantFrom(0, -0, 1, 2),
      tail: fc.array(fc.constantFrom(NaN, 0, -0, 1, 2), { maxLength: 40 }),
    });
    const samples = fc.sample(fc.array(column, { minLength: 3, maxLength: 3 }), { numRuns: 60, seed: 18 });
    for (const [t, specs] of samples.entries()) {
      const data = specs.map((c, j) => {
        const v = (x: number): number =>
          Number.isNaN(x) ? NaN : cols[j]?.type === "f64" ? x : Math.abs(x) % 3; // int/enum: no -0
        const values = [
          ...Array<number>(c.lead).fill(NaN),
          ...Array<number>(c.run).fill(v(c.value)),
          ...c.tail.map(v),
        ];
        return values;
      });
      const n = Math.min(...data.map((d) => d.length));
      if (n === 0) continue;
      const table = data.map((d) => Float64Array.from(d.slice(0, n)));
      const path = join(root, `mix-${t}.parquet`);
      const file = new ParquetFileWriter(path, cols);
      const g = new RowGroupEncoder(cols).encode(table, n);
      file.add(g);
      file.finish();
      expect(g.chunks.map((k) => k.nulls)).toEqual(table.map((c) => c.filter((x) => Number.isNaN(x)).length));
      const read = await parquetReadObjects({ file: arrayBuffer(readFileSync(path)) });
      const got = read.map((r) => [r.d, r.i === null ? null : Number(r.i), r.e]);
      const want = Array.from({ length: n }, (_, k) => [
        Number.isNaN(table[0]?.[k] as number) ? null : table[0]?.[k],
        Number.isNaN(table[1]?.[k] as number) ? null : table[1]?.[k],
        Number.isNaN(table[2]?.[k] as number) ? null : ["a", "b", "c"][table[2]?.[k] as number],
      ]);
      expect(got.map((r) => r.map((x) => (Object.is(x, -0) ? "-0" : x)))).toEqual(
        want.map((r) => r.map((x) => (Object.is(x, -0) ? "-0" : x))),
      );
    }
  });
});

describe("BufferedParquetWriter(path, columns, rowGroupRows).add(rows) ... finish()", () => {
  it("cuts rows added in any counts into the same row groups as direct encoding", () => {
    const direct = write("direct.parquet", [1000, 1000, 537]);
    const path = join(root, "buffered.parquet");
    const w = new BufferedParquetWriter(path, COLUMNS, 1000);
    let from = 0;
    for (const n of [1, 999, 333, 1000, 204]) {
      w.add(rows(from, n), n);
      from += n;
    }
    w.finish();
    expect(readFileSync(path).equals(direct)).toBe(true);
  });
});
