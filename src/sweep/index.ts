/** Parameter sweeps: load and plan a sweep file, run it on a worker pool or in-process. */
export { loadSweepFile, parseSweepText, pointerToPath } from "./load.js";
export { planSweep, describeGrouping, MAX_GROUPS, DEFAULT_SEED, type PlanOptions } from "./plan.js";
export {
  runSweep,
  SweepFailure,
  OUTPUT_FORMATS,
  type OutputFormat,
  type RunSweepOptions,
  type SweepRunResult,
  type SweepProgress,
} from "./run.js";
export {
  runSweepInMemory,
  MAX_IN_MEMORY_ROWS,
  type SweepRow,
  type CellValue,
  type InMemoryResult,
} from "./memory.js";
export {
  parseShard,
  shardPlan,
  shardRange,
  shardFolder,
  shardStem,
  SWEEP_METADATA_KEY,
  MAX_SHARDS,
  type ShardSpec,
  type ResultsMetadata,
} from "./shard.js";
export { summarizeResults, findResultFiles, type SummarizeResult } from "./summarize.js";
export { SummaryAccumulator, type SweepSummary, type GroupSummary, type TimeStats } from "./summary.js";
export { createBatchRunner, type BatchOutput, type BatchTask, type BatchFailure } from "./batch.js";
export { describeScenario, drawInputs, InputBuilder } from "./scenario-at.js";
export { uniformAt, mix32 } from "./rng.js";
export {
  draw,
  supportOf,
  checkDistribution,
  DISTRIBUTION_KINDS,
  type Distribution,
} from "./distributions.js";
export { SWEEP_SCHEMA, sweepSchemaJson } from "./schema.js";
export { SCENARIO_COLUMNS, RESULT_COLUMNS, TRACE_COLUMNS } from "./columns.js";
export { csvHeader, encodeRows, type TextFormat } from "./encode.js";
export { packageRoot, workerPath } from "./pool.js";
export { DEFAULT_ROW_GROUP_ROWS } from "./row-groups.js";
export * from "./parquet/index.js";
export type * from "./types.js";
export { SimulatedCounter, PROGRESS_STEP } from "./progress.js";
