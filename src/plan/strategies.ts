import { initialDirtyRate } from "../model/dirty/dirtied.js";
import {
  simulateEvacuation,
  type EvacuationOptions,
  type EvacuationResult,
  type EvacuationVm,
} from "./evacuate.js";

/**
 * Evacuation orders (issue 8). Every strategy first sorts by priority (higher first, stable) and
 * orders VMs within a priority level:
 *
 * - `inventory`: as listed;
 * - `smallest-first` / `largest-first`: by memory, ties in inventory order;
 * - `least-dirty-first`: by the guest's raw dirty rate (t -> 0), ties in inventory order;
 * - `best-found`: a deterministic local search (see {@link bestFoundOrder}).
 */
export const STRATEGIES = [
  "inventory",
  "smallest-first",
  "largest-first",
  "least-dirty-first",
  "best-found",
] as const;
export type Strategy = (typeof STRATEGIES)[number];
export type HeuristicStrategy = Exclude<Strategy, "best-found">;

/** The order (inventory indices) a heuristic strategy gives. */
export function strategyOrder(strategy: HeuristicStrategy, vms: readonly EvacuationVm[]): number[] {
  const key = (i: number): number => {
    const v = vms[i] as EvacuationVm;
    switch (strategy) {
      case "inventory":
        return 0;
      case "smallest-first":
        return v.scenario.vm.memoryBytes;
      case "largest-first":
        return -v.scenario.vm.memoryBytes;
      case "least-dirty-first":
        return initialDirtyRate(v.scenario.dirty);
    }
  };
  const idx = vms.map((_v, i) => i);
  return idx.sort(
    (a, b) =>
      (vms[b] as EvacuationVm).priority - (vms[a] as EvacuationVm).priority || key(a) - key(b) || a - b,
  );
}

/**
 * a is a better schedule than b: fewer migrations that fail, then shorter total time, then smaller
 * sum of end times (times compared to 1e-12 relative). Failures come first because a failed
 * migration gives up early and frees its slot, so an order that makes a VM fail can finish sooner
 * than one that moves every VM, yet it leaves that VM on the host: an evacuation that empties the
 * host beats a faster one that does not.
 *
 * Example: with 2 slots, a 16 GiB VM dirtying 700 MiB/s (SDPS off) converges alone on 10 GbE but
 * not beside a 64 GiB VM; admitting it first beside one is 2.27 min with 1 failure, largest-first
 * 2.34 min with none: largest-first is better.
 */
export function betterEvacuation(a: EvacuationResult, b: EvacuationResult): boolean {
  if (a.failed !== b.failed) return a.failed < b.failed;
  const tol = 1e-12;
  if (a.totalTimeSec < b.totalTimeSec * (1 - tol)) return true;
  if (a.totalTimeSec > b.totalTimeSec * (1 + tol)) return false;
  return a.sumEndSec < b.sumEndSec * (1 - tol);
}

/** Mulberry32: a small seeded generator of uniform numbers in [0, 1) (public-domain algorithm). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BestFound {
  readonly order: number[];
  readonly result: EvacuationResult;
  /** Schedules simulated by the local search (not counting the start orders). */
  readonly evaluations: number;
  /** Which heuristic the search started from. */
  readonly startedFrom: HeuristicStrategy;
}

/**
 * Best-found order: start from the best of the heuristic orders, then hill-climb with
 * `budget` trial moves drawn by a seeded generator (deterministic for a given seed): swap two VMs,
 * or move one VM to another position, always within one priority level; keep a move when the
 * schedule gets better ({@link betterEvacuation}). Never worse than the best heuristic.
 */
export function bestFoundOrder(
  vms: readonly EvacuationVm[],
  opts: EvacuationOptions,
  starts: readonly { strategy: HeuristicStrategy; order: number[]; result: EvacuationResult }[],
  budget: number,
  seed = 1,
): BestFound {
  let best = starts[0] as (typeof starts)[number];
  for (const s of starts) if (betterEvacuation(s.result, best.result)) best = s;
  let order = [...best.order];
  let result = best.result;
  const n = order.length;
  // Priority levels are contiguous blocks of the order: moves stay inside one block.
  const blockStart = new Int32Array(n);
  const blockEnd = new Int32Array(n);
  for (let i = 0; i < n;) {
    let j = i;
    const p = (vms[order[i] as number] as EvacuationVm).priority;
    while (j < n && (vms[order[j] as number] as EvacuationVm).priority === p) j++;
    for (let k = i; k < j; k++) {
      blockStart[k] = i;
      blockEnd[k] = j;
    }
    i = j;
  }
  const rnd = mulberry32(seed);
  let evaluations = 0;
  for (let trial = 0; trial < budget && n > 1; trial++) {
    const i = Math.floor(rnd() * n);
    const lo = blockStart[i] as number;
    const hi = blockEnd[i] as number;
    if (hi - lo < 2) continue;
    let j = lo + Math.floor(rnd() * (hi - lo - 1));
    if (j >= i) j++;
    const cand = [...order];
    if (rnd() < 0.5) {
      cand[i] = order[j] as number;
      cand[j] = order[i] as number;
    } else {
      const [moved] = cand.splice(i, 1);
      cand.splice(j, 0, moved as number);
    }
    const r = simulateEvacuation(vms, cand, opts);
    evaluations++;
    if (betterEvacuation(r, result)) {
      order = cand;
      result = r;
    }
  }
  return { order, result, evaluations, startedFrom: best.strategy };
}

export interface StrategyRun {
  readonly strategy: Strategy;
  readonly result: EvacuationResult;
}

/** Run the named strategies (best-found uses the four heuristics as starting points). */
export function runStrategies(
  vms: readonly EvacuationVm[],
  opts: EvacuationOptions,
  strategies: readonly Strategy[],
  searchBudget: number,
): StrategyRun[] {
  const heuristics: { strategy: HeuristicStrategy; order: number[]; result: EvacuationResult }[] = [];
  const wantBest = strategies.includes("best-found");
  for (const s of STRATEGIES) {
    if (s === "best-found") continue;
    if (!strategies.includes(s) && !wantBest) continue;
    const order = strategyOrder(s, vms);
    heuristics.push({ strategy: s, order, result: simulateEvacuation(vms, order, opts) });
  }
  const runs: StrategyRun[] = [];
  for (const s of strategies) {
    if (s === "best-found")
      runs.push({ strategy: s, result: bestFoundOrder(vms, opts, heuristics, searchBudget).result });
    else {
      const h = heuristics.find((x) => x.strategy === s);
      if (h) runs.push({ strategy: s, result: h.result });
    }
  }
  return runs;
}
