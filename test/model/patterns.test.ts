import { describe, expect, it } from "vitest";
import { expIntegralE1 } from "../../src/model/dirty/exp-integral.js";
import { workingSetDirtied, zipfDistinctPages, zipfHarmonic } from "../../src/model/dirty/working-set.js";
import type { AccessPattern, WorkingSetDirty } from "../../src/model/types.js";
import { uniformAt } from "../../src/sweep/rng.js";
import { PAGE_BYTES } from "../../src/units/parse.js";

/**
 * Each access pattern's distinct-pages formula against a direct page-level simulation: write
 * pages one at a time with a seeded generator, count the distinct ones, average over runs.
 * Tolerance 1.5 % of the expected count (three standard errors of the mean for the small Zipf
 * counts): the simulated mean's standard error is below 0.3 % for thousands of pages (20 runs),
 * and the Zipf formula is held to the exact expectation sum_k (1 - (1 - p_k)^n) within 0.2 %.
 */

const RUNS = 20;

function model(pattern: AccessPattern, wssPages: number, hotShare = 0.9): WorkingSetDirty {
  return {
    kind: "working-set",
    rateBytesPerSec: PAGE_BYTES, // one page written per second: t seconds = t writes
    wssBytes: wssPages * PAGE_BYTES,
    coldRateBytesPerSec: 0,
    pattern,
    hotShare,
    wssDefault: false,
  };
}

/** Mean distinct pages after `writes` writes, each page drawn by `pick(u)` from u in [0, 1). */
function simulatePages(writes: number, pages: number, pick: (u: number, w: number) => number): number {
  let total = 0;
  const seen = new Uint8Array(pages);
  for (let run = 0; run < RUNS; run++) {
    seen.fill(0);
    let distinct = 0;
    for (let w = 0; w < writes; w++) {
      const p = pick(uniformAt(7, w, run), w);
      if (seen[p] === 0) {
        seen[p] = 1;
        distinct++;
      }
    }
    total += distinct;
  }
  return total / RUNS;
}

function formulaPages(m: WorkingSetDirty, memoryPages: number, writes: number): number {
  return workingSetDirtied(m, memoryPages * PAGE_BYTES, writes) / PAGE_BYTES;
}

describe("expIntegralE1(x)", () => {
  it("matches tabulated E1 values to 1e-12 relative (Abramowitz & Stegun 5.1)", () => {
    const table: [number, number][] = [
      [0.01, 4.037929576538114],
      [0.5, 0.5597735947761608],
      [1, 0.21938393439552029],
      [2, 0.04890051070806112],
      [10, 4.156968929685324e-6],
    ];
    for (const [x, e1] of table) expect(Math.abs(expIntegralE1(x) / e1 - 1)).toBeLessThan(1e-12);
  });
});

describe("distinct pages by access pattern vs a page-level simulation", () => {
  const wss = 4096;
  for (const writes of [500, 4096, 16384]) {
    it(`uniform over ${wss} pages after ${writes} writes`, () => {
      const sim = simulatePages(writes, wss, (u) => Math.floor(u * wss));
      const f = formulaPages(model("uniform", wss), 8 * wss, writes);
      expect(Math.abs(f / sim - 1)).toBeLessThan(0.015);
    });
    it(`sequential over ${wss} pages after ${writes} writes (exact)`, () => {
      const sim = simulatePages(writes, wss, (_u, w) => w % wss);
      expect(formulaPages(model("sequential", wss), 8 * wss, writes)).toBe(sim);
    });
  }

  for (const writes of [1000, 6000, 30000]) {
    it(`hot-cold (80 % of writes on 512 of 4096 pages) after ${writes} writes`, () => {
      const hot = 512;
      const memory = 4096;
      const sim = simulatePages(writes, memory, (u) =>
        u < 0.8 ? Math.floor((u / 0.8) * hot) : hot + Math.floor(((u - 0.8) / 0.2) * (memory - hot)),
      );
      const f = formulaPages(model("hot-cold", hot, 0.8), memory, writes);
      expect(Math.abs(f / sim - 1)).toBeLessThan(0.015);
    });
  }

  const zipfPages = 5000;
  const cdf = new Float64Array(zipfPages);
  let acc = 0;
  for (let k = 1; k <= zipfPages; k++) cdf[k - 1] = acc += 1 / k;
  const pickZipf = (u: number): number => {
    const target = u * acc;
    let lo = 0;
    let hi = zipfPages - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] as number) < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  for (const writes of [100, 2000, 20000, 200000]) {
    it(`zipf over ${zipfPages} pages after ${writes} writes: simulation and exact sum`, () => {
      const f = formulaPages(model("zipf", zipfPages), 8 * zipfPages, writes);
      let exact = 0;
      for (let k = 1; k <= zipfPages; k++) exact += 1 - Math.pow(1 - 1 / (k * acc), writes);
      expect(Math.abs(f / exact - 1)).toBeLessThan(0.002);
      if (writes <= 20000) {
        const sim = simulatePages(writes, zipfPages, pickZipf);
        // Small counts: three standard errors of the mean (the count is at most Poisson-spread).
        expect(Math.abs(f / sim - 1)).toBeLessThan(Math.max(0.015, 3 / Math.sqrt(RUNS * sim)));
      }
    });
  }
});

describe("zipfDistinctPages(pages, writes)", () => {
  it("is 0 at 0 writes, about one page a write at first, never above the page count", () => {
    expect(zipfDistinctPages(1e6, 0)).toBe(0);
    expect(zipfDistinctPages(1e6, 10) / 10).toBeGreaterThan(0.9);
    expect(zipfDistinctPages(1e6, 1e12)).toBeLessThanOrEqual(1e6);
    expect(zipfDistinctPages(1e6, 1e12) / 1e6).toBeGreaterThan(0.99);
  });
  it("grows monotonically with the writes", () => {
    let last = 0;
    for (let n = 1; n < 1e9; n *= 1.7) {
      const d = zipfDistinctPages(2 ** 21, n);
      expect(d).toBeGreaterThanOrEqual(last);
      last = d;
    }
  });
  it("zipfHarmonic matches the summed harmonic number to 1e-4 relative", () => {
    let h = 0;
    for (let k = 1; k <= 100000; k++) h += 1 / k;
    expect(Math.abs(zipfHarmonic(100000) / h - 1)).toBeLessThan(1e-4);
  });
});
