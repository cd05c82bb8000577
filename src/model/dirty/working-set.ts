import { PAGE_BYTES } from "../../units/parse.js";
import type { WorkingSetDirty } from "../types.js";
import { expIntegralE1 } from "./exp-integral.js";

/**
 * Writable working set (Clark et al. 2005, "Live Migration of Virtual Machines", NSDI; model.md
 * section 2): writes concentrate on a hot set of W bytes written at D bytes/s. The expected
 * number of distinct bytes dirtied in t seconds of guest time, by access pattern (p = 4 KiB page):
 *
 * - `uniform` (each write picks a random hot page): W (1 - exp(-D t / W)). A given page escapes
 *   k = D t / p uniform writes to W / p pages with probability (1 - p / W)^k -> exp(-D t / W).
 * - `sequential` (the guest cycles through W: ring buffers, scans, streaming writes): min(D t, W).
 * - `hot-cold` (a share h of the writes falls uniformly on W, the rest uniformly on the cold
 *   memory C = memory - W): W (1 - exp(-h D t / W)) + C (1 - exp(-(1 - h) D t / C)). The same
 *   escape argument per part. h is an input (`DEFAULT_HOT_SHARE` 0.9 when not given, an assumption).
 * - `zipf` (page k of the N = W / p hot pages is written with probability 1 / (k H_N), Zipf's law
 *   with exponent 1, the skew of many key-value and web workloads; an assumption of shape, not a
 *   measured exponent): distinct pages = sum_k (1 - exp(-n / (k H_N))) after n = D t / p writes.
 *   The first `ZIPF_EXACT_RANKS` ranks are summed; the rest is the midpoint integral
 *   F(N + 1/2) - F(K + 1/2), F(X) = X (1 - exp(-a / X)) + a E1(a / X), a = n / H_N, which
 *   follows from substituting u = a / x in the integral of 1 - exp(-a / x) (E1: the exponential
 *   integral). H_N is summed the same way (exact ranks + ln((N + 1/2) / (K + 1/2))).
 *
 * The cold part of memory (memory - W) is also dirtied at `coldRateBytesPerSec`, linearly, capped
 * at its size. Results are uncapped by memory here; the kernel caps the total.
 * Each formula is tested against a direct page-level simulation (test/model/patterns.test.ts).
 *
 * Example: W = 1 GiB, D = 1 GiB/s, t = 1 s, uniform: 1 GiB x (1 - e^-1) = 0.632 GiB.
 */
export function workingSetDirtied(w: WorkingSetDirty, memoryBytes: number, t: number): number {
  const wss = w.wssBytes;
  const writes = w.rateBytesPerSec * t;
  const coldSize = memoryBytes - wss > 0 ? memoryBytes - wss : 0;
  let hot: number;
  switch (w.pattern) {
    case "uniform":
      hot = uniformHotBytes(wss, writes);
      break;
    case "sequential":
      hot = sequentialHotBytes(wss, writes);
      break;
    case "hot-cold": {
      const h = w.hotShare;
      hot = wss * -Math.expm1((-h * writes) / wss);
      if (coldSize > 0) hot += coldSize * -Math.expm1((-(1 - h) * writes) / coldSize);
      break;
    }
    case "zipf":
      hot = zipfDistinctPages(wss / PAGE_BYTES, writes / PAGE_BYTES) * PAGE_BYTES;
      break;
  }
  const linear = w.coldRateBytesPerSec * t;
  return hot + (linear < coldSize ? linear : coldSize);
}

/** `uniform`: distinct bytes of a hot set of `wssBytes` after `writesBytes` of uniform writes. */
export function uniformHotBytes(wssBytes: number, writesBytes: number): number {
  return wssBytes * -Math.expm1(-writesBytes / wssBytes);
}

/** `sequential`: distinct bytes of a hot set of `wssBytes` after `writesBytes` of cyclic writes. */
export function sequentialHotBytes(wssBytes: number, writesBytes: number): number {
  return writesBytes < wssBytes ? writesBytes : wssBytes;
}

/** The raw write rate as t -> 0 (every pattern): D plus the cold rate. */
export function workingSetInitialRate(w: WorkingSetDirty): number {
  return w.rateBytesPerSec + w.coldRateBytesPerSec;
}

/** Ranks of the Zipf sum taken term by term before the integral takes over. */
export const ZIPF_EXACT_RANKS = 16;

/** H_N = sum_{k=1..N} 1/k: the first ranks exactly, the rest by the midpoint integral of 1/x. */
export function zipfHarmonic(pages: number): number {
  const k = pages < ZIPF_EXACT_RANKS ? Math.floor(pages) : ZIPF_EXACT_RANKS;
  let h = 0;
  for (let i = 1; i <= k; i++) h += 1 / i;
  if (pages > k) h += Math.log((pages + 0.5) / (k + 0.5));
  return h > 0 ? h : 1;
}

/**
 * Expected distinct pages after `writes` Zipf(1) writes over `pages` pages (see the module
 * comment). Monotone in writes, 0 at 0 writes, tends to `pages`.
 */
export function zipfDistinctPages(pages: number, writes: number): number {
  if (writes <= 0 || pages <= 0) return 0;
  const harmonic = zipfHarmonic(pages);
  const a = writes / harmonic;
  const k = pages < ZIPF_EXACT_RANKS ? Math.floor(pages) : ZIPF_EXACT_RANKS;
  let distinct = 0;
  for (let i = 1; i <= k; i++) distinct += -Math.expm1(-a / i);
  if (pages > k) distinct += zipfTail(a, pages + 0.5) - zipfTail(a, k + 0.5);
  return distinct < pages ? distinct : pages;
}

/** F(X) = integral over (0, X] of (1 - exp(-a / x)) dx = X (1 - exp(-a / X)) + a E1(a / X). */
function zipfTail(a: number, x: number): number {
  const c = a / x;
  return x * -Math.expm1(-c) + a * expIntegralE1(c);
}
