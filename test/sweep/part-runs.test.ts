import { describe, expect, it } from "vitest";
import type { Ran } from "../../src/sweep/axis-values.js";
import { ColumnFacts } from "../../src/sweep/parquet/row-group.js";
import { PartRuns } from "../../src/sweep/part-runs.js";

/** What a row ran, reduced to the two numbers the test's readers read (k as memory, y as vcpus). */
const ranWith = (k: number, y: number): Ran => ({
  input: { memory: k, vcpus: y },
  plan: null,
  scenario: null as never,
});

describe("PartRuns(entries, parts, cacheSizes).row(r, changed, ran, keys) ... finish(cols, rows)", () => {
  it("fills runs and reads a key's values once: a part met again is written from what was kept", () => {
    let calls = 0;
    const read =
      (field: "k" | "y", scale: number) =>
      (r: Ran): number => {
        calls++;
        return (field === "k" ? (r.input.memory as number) : (r.input.vcpus as number)) * scale;
      };
    // Part 0 (cached, 3 keys): columns 0 and 1; part 1 (not cached): column 2.
    const runs = new PartRuns(
      [
        { column: 0, part: 0, read: read("k", 1) },
        { column: 1, part: 0, read: read("k", -0.5) },
        { column: 2, part: 1, read: read("y", 10) },
      ],
      2,
      [3, 0],
    );
    const cols = [0, 1, 2].map(() => new Float64Array(8).fill(NaN));
    // Part 0 cycles through keys 0, 1, 2, 0, 1, then holds key 1; part 1 changes at rows 0, 4, 6.
    const keyAt = [0, 1, 2, 0, 1, 1, 1, 1];
    const yAt = [7, 7, 7, 7, 8, 8, 9, 9];
    const keys = new Int32Array([0, -1]);
    for (let r = 0; r < 8; r++) {
      const changed = Uint8Array.from([
        r === 0 || keyAt[r] !== keyAt[r - 1] ? 1 : 0,
        r === 0 || yAt[r] !== yAt[r - 1] ? 1 : 0,
      ]);
      keys[0] = keyAt[r] as number;
      // A key met before (rows 3 and 4) must come from what was kept: its reader would read 999.
      const k = r === 3 || r === 4 ? 999 : (keyAt[r] as number) + 1;
      runs.row(r, changed, ranWith(k, yAt[r] as number), keys);
    }
    runs.finish(cols, 8);
    expect([...(cols[0] as Float64Array)]).toEqual([1, 2, 3, 1, 2, 2, 2, 2]);
    expect([...(cols[1] as Float64Array)]).toEqual([-0.5, -1, -1.5, -0.5, -1, -1, -1, -1]);
    expect([...(cols[2] as Float64Array)]).toEqual([70, 70, 70, 70, 80, 80, 90, 90]);
    // Part 0: 3 keys x 2 readers, once each; part 1 (no key): at each of its 3 changes.
    expect(calls).toBe(3 * 2 + 3);
  });

  it("writes only rows [0, rows) when finished early (a failure), from the changes before it", () => {
    const runs = new PartRuns([{ column: 0, part: 0, read: (r) => r.input.memory as number }], 1, [0]);
    const cols = [new Float64Array(6).fill(-1)];
    const keys = new Int32Array([-1]);
    for (let r = 0; r < 5; r++) runs.row(r, Uint8Array.from([r % 2 === 0 ? 1 : 0]), ranWith(r, 0), keys);
    runs.finish(cols, 3);
    expect([...(cols[0] as Float64Array)]).toEqual([0, 0, 2, -1, -1, -1]);
  });

  it("writes a part that changes at every row (cached or not) from its keys or its values, and its facts", () => {
    // Part 0 (cached, 4 keys) cycles 0, 1, 2, 3, 1, ...; part 1 (not cached) reads y at every row.
    const byKey = [NaN, -0, 0, 2.5];
    const ys = [NaN, 3, 3, -0, 0, NaN, 7, 7, 7];
    const runs = new PartRuns(
      [
        { column: 0, part: 0, read: (r) => byKey[r.input.memory as number] as number },
        { column: 1, part: 1, read: (r) => r.input.vcpus as number },
      ],
      2,
      [4, 0],
    );
    const keys = new Int32Array([0, -1]);
    const keyAt = [0, 1, 2, 3, 1, 0, 2, 3, 3];
    for (let r = 0; r < 9; r++) {
      keys[0] = keyAt[r] as number;
      runs.row(r, Uint8Array.from([1, 1]), ranWith(keyAt[r] as number, ys[r] as number), keys);
    }
    const same = (a: number[]): string[] => a.map((x) => (Object.is(x, -0) ? "-0" : String(x)));
    const cols = [new Float64Array(9), new Float64Array(9)];
    runs.finish(cols, 9);
    expect(same([...(cols[0] as Float64Array)])).toEqual(same(keyAt.map((k) => byKey[k] as number)));
    expect(same([...(cols[1] as Float64Array)])).toEqual(same(ys));
    const facts = new ColumnFacts(2);
    runs.factsInto(facts);
    expect([...facts.nulls]).toEqual([2, 2]);
    expect(same([...facts.first])).toEqual(["-0", "3"]);
    expect([...facts.same]).toEqual([0, 0]);
    // Finished early (a failure at row 4): rows [0, 4) only; column 1's values there are 3, 3, -0.
    const early = [new Float64Array(9).fill(5), new Float64Array(9).fill(5)];
    runs.finish(early, 4);
    expect(same([...(early[1] as Float64Array)])).toEqual(same([NaN, 3, 3, -0, 5, 5, 5, 5, 5]));
    runs.factsInto(facts);
    expect([...facts.nulls]).toEqual([1, 1]);
    expect([...facts.same]).toEqual([0, 0]);
    // One value with its nulls (every row a change): the same, and the first non-null value.
    const one = new PartRuns([{ column: 0, part: 0, read: (r) => r.input.vcpus as number }], 1, [0]);
    [NaN, -0, -0, NaN].forEach((y, r) =>
      one.row(r, Uint8Array.from([1]), ranWith(0, y), new Int32Array([-1])),
    );
    const col = [new Float64Array(4)];
    one.finish(col, 4);
    one.factsInto(facts);
    expect([facts.nulls[0], Object.is(facts.first[0], -0), facts.same[0]]).toEqual([2, true, 1]);
    // A change at every row but the last: the last row holds the value before it (the runs' loop).
    const most = new PartRuns([{ column: 0, part: 0, read: (r) => r.input.vcpus as number }], 1, [0]);
    [1, 2, 3, 4].forEach((y, r) =>
      most.row(r, Uint8Array.from([r < 3 ? 1 : 0]), ranWith(0, y), new Int32Array([-1])),
    );
    most.finish(col, 4);
    expect([...(col[0] as Float64Array)]).toEqual([1, 2, 3, 3]);
  });
});
