import { describe, expect, it } from "vitest";
import type { Ran } from "../../src/sweep/axis-values.js";
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
});
