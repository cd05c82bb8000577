import { describe, expect, it } from "vitest";
import { gridIndices } from "../../src/sweep/scenario-at.js";
import {
  InputBuilder,
  describeScenario,
  loadSweepFile,
  planSweep,
  runSweepInMemory,
} from "../../src/sweep/index.js";

const planOf = (text: string, seed?: number) => planSweep(loadSweepFile({ text }), { seed });

describe("planSweep(file) counts and orders scenarios", () => {
  it("crosses axes into a grid, last axis fastest", () => {
    const p = planOf(
      "base: { memory: 8GiB, bandwidth: 10Gbit/s }\naxes:\n  - { key: dirtyRate, values: [1MiB/s, 2MiB/s, 3MiB/s] }\n  - { key: rtt, values: [1ms, 2ms] }\n",
    );
    expect(p.total).toBe(6);
    const b = new InputBuilder(p);
    expect(b.at(0)).toMatchObject({ dirtyRate: 2 ** 20, rtt: 0.001 });
    expect(b.at(1)).toMatchObject({ dirtyRate: 2 ** 20, rtt: 0.002 });
    expect(b.at(5)).toMatchObject({ dirtyRate: 3 * 2 ** 20, rtt: 0.002 });
    expect(describeScenario(p, 5)).toBe("scenario 5 (dirtyRate=3MiB/s, rtt=2ms)");
  });

  it("InputBuilder.at(k) has gridIndices' indices for k in order (stepping), repeated, backwards and jumping", () => {
    const p = planOf(
      "base: { memory: 8GiB, bandwidth: 10Gbit/s }\naxes:\n  - { key: memory, values: [4GiB, 8GiB, 16GiB] }\n  - { key: rtt, values: [1ms, 2ms] }\n  - { key: zeroPages, values: [0, 0.1, 0.2, 0.3] }\n  - { key: dirtyRate, distribution: { kind: uniform, min: 1MiB/s, max: 8MiB/s } }\nsamples: 3\n",
    );
    const b = new InputBuilder(p);
    const want = new Int32Array(p.grid.length);
    const ks = [...Array.from({ length: p.total }, (_, k) => k), 40, 7, 8, 9, 3, 71, 0, 1];
    for (const k of ks) {
      const input = b.at(k);
      gridIndices(p, Math.floor(k / p.samples), want);
      expect([...b.indices], `k = ${k}`).toEqual([...want]);
      expect(input).toMatchObject(new InputBuilder(p).at(k));
    }
  });

  it("InputBuilder.step(k) moves the indices only, and sync() then writes every field moved since the last sync", () => {
    const p = planOf(
      "base: { memory: 8GiB, bandwidth: 10Gbit/s }\naxes:\n  - { key: memory, values: [4GiB, 8GiB, 16GiB] }\n  - { key: rtt, values: [1ms, 2ms] }\n  - { key: zeroPages, values: [0, 0.1, 0.2, 0.3] }\n  - { key: dirtyRate, distribution: { kind: uniform, min: 1MiB/s, max: 8MiB/s } }\nsamples: 3\n",
    );
    const b = new InputBuilder(p);
    const ks = [...Array.from({ length: p.total }, (_, k) => k), 40, 7, 8, 9, 3, 71, 0, 1];
    const moved: number[] = [];
    ks.forEach((k, i) => {
      b.step(k);
      moved.push(b.moved);
      // Synced every third scenario only: the fields of the scenarios skipped must not linger.
      if (i % 3 === 2) expect(b.sync(), `k = ${k}`).toEqual(new InputBuilder(p).at(k));
    });
    // Grid point 0 first (0), its other samples (3: no axis moved), zeroPages steps (2), a carry
    // into rtt (1) and into memory (0); a jump (to 40) moves every axis (0).
    expect(moved.slice(0, 13)).toEqual([0, 3, 3, 2, 3, 3, 2, 3, 3, 2, 3, 3, 1]);
    expect(moved[24]).toBe(0);
    expect(moved[p.total]).toBe(0);
  });

  it("zips members of one axis so they vary together", () => {
    const p = planOf(
      "base: { bandwidth: 10Gbit/s }\naxes:\n  - zip:\n      - { key: memory, values: [8GiB, 16GiB] }\n      - { key: dirtyRate, values: [1MiB/s, 2MiB/s] }\n",
    );
    expect(p.total).toBe(2);
    expect(new InputBuilder(p).at(1)).toMatchObject({ memory: 16 * 2 ** 30, dirtyRate: 2 * 2 ** 20 });
  });

  it("spaces a linear range evenly and a log range in ratio, ends exact", () => {
    const p = planOf(
      "base: { memory: 8GiB, bandwidth: 10Gbit/s }\naxes:\n  - { key: dirtyRate, range: { from: 1MiB/s, to: 3MiB/s, count: 3 } }\n  - { key: rtt, range: { from: 1ms, to: 100ms, count: 3, scale: log } }\n",
    );
    expect(p.grid[0]?.members[0]?.values).toEqual([2 ** 20, 2 * 2 ** 20, 3 * 2 ** 20]);
    const rtts = p.grid[1]?.members[0]?.values as number[];
    expect(rtts[0]).toBe(0.001);
    expect(rtts[1]).toBeCloseTo(0.01, 15); // sqrt(0.001 x 0.1)
    expect(rtts[2]).toBe(0.1);
  });

  it("labels a range's values in each field's unit family: links in bits, dirty rates in bytes", () => {
    // Before: a link range of 1-10 Gbit/s read 119 MiB/s, 656 MiB/s and 1.16 GiB/s in summary.json.
    const p = planOf(
      "base: { memory: 8GiB, preset: wan }\naxes:\n  - { key: link, range: { from: 1Gbit/s, to: 10Gbit/s, count: 3 } }\n  - { key: dirtyRate, range: { from: 1MiB/s, to: 3MiB/s, count: 2 } }\n",
    );
    expect(p.grid[0]?.members[0]?.labels).toEqual(["1 Gbit/s", "5.5 Gbit/s", "10 Gbit/s"]);
    expect(p.grid[1]?.members[0]?.labels).toEqual(["1 MiB/s", "3 MiB/s"]);
  });

  it("multiplies the grid by the Monte Carlo samples", () => {
    const p = planOf(
      "base: { memory: 8GiB, bandwidth: 10Gbit/s }\naxes:\n  - { key: rtt, values: [1ms, 2ms] }\n  - { key: dirtyRate, distribution: { kind: uniform, min: 1MiB/s, max: 9MiB/s } }\nsamples: 50\nseed: 3\n",
    );
    expect(p.total).toBe(100);
    expect(p.groupCount).toBe(2);
  });
});

describe("Monte Carlo sweeps are reproducible by seed", () => {
  const text =
    "base: { memory: 8GiB, bandwidth: 10Gbit/s }\naxes:\n  - { key: rtt, values: [1ms, 20ms] }\n  - { key: dirtyRate, distribution: { kind: lognormal, median: 300MiB/s, sigma: 0.6 } }\nsamples: 300\nseed: 11\n";
  const draws = async (seed?: number, batchSize?: number): Promise<unknown[]> =>
    (await runSweepInMemory(planOf(text, seed), { batchSize })).rows.map(
      (r) => r.inputs.dirtyRateBytesPerSec,
    );

  it("gives the same draws for the same seed, whatever the batch size", async () => {
    const a = await draws(undefined, 7);
    expect(await draws(undefined, 4096)).toEqual(a);
    expect(await draws(11, 64)).toEqual(a);
  });

  it("gives other draws for another seed", async () => {
    expect(await draws(12)).not.toEqual(await draws(11));
  });

  it("uses the same samples at every grid point (common random numbers)", async () => {
    const a = await draws();
    expect(a.slice(0, 300)).toEqual(a.slice(300));
  });
});
