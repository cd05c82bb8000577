import type { OutputManifest, RunStatus } from "../files/output-dir.js";
import type { OutputFormat } from "./formats.js";
import type { SweepPlan } from "./types.js";

/**
 * The sweep's `manifest.json` (without the `tool` marker, which the output folder adds): what was
 * planned, what completed, and the files of a complete run. Timings are the only field that
 * differs between two runs of the same plan.
 */
export function sweepManifest(
  plan: SweepPlan,
  run: {
    readonly status: RunStatus;
    readonly completed: number;
    readonly source: string | null;
    readonly formats: readonly OutputFormat[];
    readonly traces: boolean;
    readonly files: readonly string[];
    readonly error?: string;
    readonly elapsedSec: number;
    readonly workers: number;
    readonly batchSize: number;
  },
): OutputManifest {
  return {
    command: "sweep",
    name: plan.name,
    source: run.source,
    status: run.status,
    planned: plan.total,
    completed: run.completed,
    seed: plan.seed,
    samples: plan.samples,
    // A shard (`sweep --shard K/N`): the scenarios it ran, of the whole sweep's.
    ...(plan.sweepTotal !== undefined
      ? {
          scenarios: {
            first: plan.firstScenario ?? 0,
            end: (plan.firstScenario ?? 0) + plan.total,
            of: plan.sweepTotal,
          },
        }
      : {}),
    formats: run.formats,
    traces: run.traces,
    files: run.status === "complete" ? run.files : [],
    ...(run.error !== undefined ? { error: run.error } : {}),
    timings: { elapsedSec: run.elapsedSec, workers: run.workers, batchSize: run.batchSize },
  };
}
