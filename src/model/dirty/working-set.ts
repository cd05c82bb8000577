import type { WorkingSetDirty } from "../types.js";

/**
 * Writable working set (Clark et al. 2005, "Live Migration of Virtual Machines", NSDI; model.md
 * section 2): writes concentrate on a hot set of W bytes written at D bytes/s.
 *
 * - `uniform` writes (each write picks a random hot page): the expected number of distinct bytes
 *   dirtied in t seconds is W (1 - exp(-D t / W)). Derivation: a given page escapes k = D t / p
 *   uniform writes to W / p pages with probability (1 - p / W)^k -> exp(-D t / W).
 * - `sequential` writes (the guest cycles through W: ring buffers, scans): min(D t, W).
 *
 * The cold part of memory (memory - W) is dirtied at `coldRateBytesPerSec`, linearly, capped at
 * its size. Both parts are uncapped by memory here; the kernel caps the total.
 *
 * Example: W = 1 GiB, D = 1 GiB/s, t = 1 s, uniform: 1 GiB x (1 - e^-1) = 0.632 GiB.
 */
export function workingSetDirtied(w: WorkingSetDirty, memoryBytes: number, t: number): number {
  const wss = w.wssBytes;
  const hot =
    w.pattern === "uniform"
      ? wss * -Math.expm1((-w.rateBytesPerSec * t) / wss)
      : Math.min(w.rateBytesPerSec * t, wss);
  const coldSize = memoryBytes - wss;
  const cold = Math.min(w.coldRateBytesPerSec * t, coldSize > 0 ? coldSize : 0);
  return hot + cold;
}

/** The raw write rate as t -> 0 (both patterns): D plus the cold rate. */
export function workingSetInitialRate(w: WorkingSetDirty): number {
  return w.rateBytesPerSec + w.coldRateBytesPerSec;
}
