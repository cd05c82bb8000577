import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { parquetMetadata, parquetReadObjects, type RowGroup } from "hyparquet";
import { afterAll, describe, expect, it } from "vitest";
import { encodeRowGroup } from "../../src/sweep/parquet.js";
import { serializeFileMetaData } from "../../src/sweep/parquet-footer.js";
import { ParquetStitcher, chunkRange } from "../../src/sweep/stitch.js";
import type { ColumnSpec } from "../../src/sweep/types.js";

const root = mkdtempSync(join(tmpdir(), "sweep-stitch-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// One column of each kind the sweep writes: INT64 index, INT32, DOUBLE with nulls (NaN), enum.
const COLUMNS: ColumnSpec[] = [
  { name: "index", type: "int" },
  { name: "iterations", type: "int" },
  { name: "totalTimeSec", type: "f64" },
  { name: "outcome", type: "enum", labels: ["converged", "max-rounds", "not-converging"] },
];

/** Rows [from, from + n): index k, iterations k mod 7, time k / 8 (null every 5th), outcome k mod 3. */
function rows(from: number, n: number): Float64Array[] {
  const k = (i: number): number => from + i;
  return [
    Float64Array.from({ length: n }, (_, i) => k(i)),
    Float64Array.from({ length: n }, (_, i) => k(i) % 7),
    Float64Array.from({ length: n }, (_, i) => (k(i) % 5 === 0 ? NaN : k(i) / 8)),
    Float64Array.from({ length: n }, (_, i) => k(i) % 3),
  ];
}

const expected = (k: number): Record<string, unknown> => ({
  index: BigInt(k),
  iterations: k % 7,
  totalTimeSec: k % 5 === 0 ? null : k / 8,
  outcome: ["converged", "max-rounds", "not-converging"][k % 3],
});

const footerOf = (file: Uint8Array): Uint8Array => {
  const len = new DataView(file.buffer, file.byteOffset).getUint32(file.length - 8, true);
  return file.subarray(file.length - 8 - len, file.length - 8);
};

function stitch(name: string, sizes: readonly number[]): string {
  const path = join(root, name);
  const s = new ParquetStitcher(path);
  let from = 0;
  for (const n of sizes) {
    s.add(encodeRowGroup(COLUMNS, rows(from, n), n));
    from += n;
  }
  s.finish(() => encodeRowGroup(COLUMNS, [], 0));
  return path;
}

describe("serializeFileMetaData(metadata)", () => {
  it("gives back the footer's own bytes for a footer hyparquet parsed (arrow-rs writes the same field order)", () => {
    const file = encodeRowGroup(COLUMNS, rows(0, 1000), 1000);
    const meta = parquetMetadata(file.buffer as ArrayBuffer);
    // hyparquet drops column_orders; arrow-rs writes TypeDefinedOrder for each column.
    const ours = serializeFileMetaData({
      ...meta,
      column_orders: COLUMNS.map(() => "type-defined" as const),
    });
    expect(Buffer.from(ours).equals(Buffer.from(footerOf(file)))).toBe(true);
  });

  it("writes a footer hyparquet parses back to the same metadata (round trip)", () => {
    const file = encodeRowGroup(COLUMNS, rows(0, 300), 300);
    const meta = parquetMetadata(file.buffer as ArrayBuffer);
    const footer = serializeFileMetaData(meta);
    const rebuilt = new Uint8Array(4 + footer.length + 8);
    rebuilt.set(footer, 4);
    new DataView(rebuilt.buffer).setUint32(4 + footer.length, footer.length, true);
    rebuilt.set(new TextEncoder().encode("PAR1"), 4 + footer.length + 4);
    const back = parquetMetadata(rebuilt.buffer);
    expect({ ...back, metadata_length: 0 }).toEqual({ ...meta, metadata_length: 0 });
  });
});

describe("ParquetStitcher(path).add(part) ... finish()", () => {
  it("joins one-row-group files into one file hyparquet reads row for row", async () => {
    const path = stitch("three.parquet", [1000, 1000, 537]);
    const bytes = readFileSync(path);
    const meta = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    expect(meta.num_rows).toBe(2537n);
    expect(meta.row_groups.map((g) => g.num_rows)).toEqual([1000n, 1000n, 537n]);
    expect(meta.key_value_metadata?.map((kv) => kv.key)).toContain("ARROW:schema");
    // Row groups follow one another from byte 4 (after "PAR1") with no gap.
    let at = 4;
    for (const g of meta.row_groups) {
      const r = chunkRange(g);
      expect(r.start).toBe(at);
      expect(g.file_offset).toBe(BigInt(at));
      expect(g.columns.every((c) => c.offset_index_offset === undefined)).toBe(true);
      at = r.end;
    }
    expect(at).toBe(bytes.length - 8 - meta.metadata_length);
    const read = await parquetReadObjects({
      file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
    });
    expect(read.length).toBe(2537);
    read.forEach((row, k) => expect(row).toEqual(expected(k)));
  });

  it("writes a file DuckDB reads: rows, nulls and enum words of every row group", async () => {
    const path = stitch("duck.parquet", [700, 700, 1]).replace(/'/g, "''");
    const db = await DuckDBInstance.create(":memory:");
    const con = await db.connect();
    const q = await con.runAndReadAll(
      `SELECT count(*)::DOUBLE, sum("index")::DOUBLE, count(totalTimeSec)::DOUBLE,
              sum(CASE WHEN outcome = 'not-converging' THEN 1 ELSE 0 END)::DOUBLE
         FROM '${path}'`,
    );
    con.closeSync();
    // 1401 rows, index 0..1400: sum 1400 x 1401 / 2 = 980700; nulls at multiples of 5
    // (0, 5, ..., 1400: 281 of them); outcome k mod 3 = 2 for k = 2, 5, ..., 1399: 467 rows.
    expect(q.getRows()[0]).toEqual([1401, 980700, 1401 - 281, 467]);
  });

  it("writes a valid file with no rows, taking the schema from the empty part", async () => {
    const path = stitch("empty.parquet", []);
    const bytes = readFileSync(path);
    const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
    const meta = parquetMetadata(ab);
    expect(meta.num_rows).toBe(0n);
    expect(meta.row_groups).toEqual([]);
    expect(meta.schema.map((e) => e.name)).toEqual(["arrow_schema", ...COLUMNS.map((c) => c.name)]);
    const db = await DuckDBInstance.create(":memory:");
    const con = await db.connect();
    const q = await con.runAndReadAll(`SELECT count(*)::DOUBLE FROM '${path.replace(/'/g, "''")}'`);
    con.closeSync();
    expect(q.getRows()[0]).toEqual([0]);
  });
});

describe("chunkRange(rowGroup)", () => {
  it("refuses column chunks that are not contiguous", () => {
    const file = encodeRowGroup(COLUMNS, rows(0, 100), 100);
    const g = parquetMetadata(file.buffer as ArrayBuffer).row_groups[0] as RowGroup;
    const second = g.columns[1];
    if (second?.meta_data === undefined) throw new Error("no second column");
    const gap: RowGroup = {
      ...g,
      columns: [
        g.columns[0] as (typeof g.columns)[number],
        {
          ...second,
          meta_data: { ...second.meta_data, data_page_offset: second.meta_data.data_page_offset + 1n },
        },
      ],
    };
    expect(() => chunkRange(gap)).toThrow(/not contiguous/);
  });
});
