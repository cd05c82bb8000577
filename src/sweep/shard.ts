import { InputError, quote } from "../errors.js";
import type { SweepPlan } from "./types.js";

/**
 * Sweeps beyond one machine: shard K of N is the K-th of N contiguous slices of the scenario
 * indices, [floor(total (K - 1) / N), floor(total K / N)). Scenario k is a pure function of the
 * plan and k (grid point and Monte Carlo draws come from the index, `scenario-at.ts`), so a shard
 * computes exactly the rows the whole sweep computes for those indices: the union of the N
 * shards is the single-machine sweep, row for row, whatever machine or worker count ran each.
 *
 * Layout (one dataset folder that DuckDB, Spark or pandas read as one table, hive-style):
 * `OUT/shard=K/results-K-of-N.parquet` beside that shard's `summary.json` (its own rows) and
 * `manifest.json`. `vmotion-sim summarize OUT` rebuilds the whole sweep's `summary.json` from
 * the result files: each carries the sweep file and seed in its Parquet key-value metadata
 * ({@link SWEEP_METADATA_KEY}).
 */

export interface ShardSpec {
  /** 1-based: 1..count. */
  readonly index: number;
  readonly count: number;
}

/** Parquet key-value metadata key holding {@link ResultsMetadata} as JSON. */
export const SWEEP_METADATA_KEY = "vmotion-sim.sweep";

/** What a results file says about the sweep it came from, enough to plan it again. */
export interface ResultsMetadata {
  /** The sweep file as checked (YAML/JSON data). */
  readonly sweep: unknown;
  readonly seed: number;
  /** Scenarios of the whole sweep, and the index range [first, end) of this file. */
  readonly total: number;
  readonly first: number;
  readonly end: number;
  readonly shard: ShardSpec | null;
}

/** Most shards: far more than any batch engine runs at once, and it keeps names short. [assumption] */
export const MAX_SHARDS = 100_000;

/** `--shard K/N` (1 <= K <= N): shard K of N. */
export function parseShard(text: unknown, field = "--shard"): ShardSpec {
  const m = typeof text === "string" ? /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text) : null;
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!(count >= 1 && count <= MAX_SHARDS && index >= 1 && index <= count))
    throw new InputError(
      "bad-value",
      field,
      `expected K/N with 1 <= K <= N <= ${MAX_SHARDS}, e.g. 2/8 (got ${quote(text)})`,
      text,
    );
  return { index, count };
}

/** The index range [first, end) of shard `spec` of a sweep of `total` scenarios. */
export function shardRange(total: number, spec: ShardSpec): { first: number; end: number } {
  return {
    first: Math.floor((total * (spec.index - 1)) / spec.count),
    end: Math.floor((total * spec.index) / spec.count),
  };
}

/** The plan of shard `spec`: scenarios `first + k` of `plan` for k in [0, end - first). */
export function shardPlan(plan: SweepPlan, spec: ShardSpec): SweepPlan {
  const { first, end } = shardRange(plan.total, spec);
  return { ...plan, firstScenario: first, total: end - first, sweepTotal: plan.total };
}

/** `shard=K`: the shard's folder in the dataset folder (hive-style partition). */
export function shardFolder(spec: ShardSpec): string {
  return `shard=${spec.index}`;
}

/** `results-K-of-N`: the stem of a shard's result files. */
export function shardStem(spec: ShardSpec): string {
  return `results-${spec.index}-of-${spec.count}`;
}
