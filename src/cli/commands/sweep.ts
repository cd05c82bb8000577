import { availableParallelism } from "node:os";
import { Command } from "commander";
import { InputError, badValue } from "../../errors.js";
import { formatDuration, formatPercent } from "../../units/format.js";
import { parseCount, parseChoice } from "../../units/parse.js";
import { OUTPUT_FORMATS, type OutputFormat } from "../../sweep/formats.js";
import { MAX_WORKERS, resolveRunOptions } from "../../sweep/run-options.js";
import { OutputDir } from "../../files/output-dir.js";
import type { SweepProgress, SweepSummary } from "../../sweep/index.js";
import { out } from "../io.js";
import { Interrupted, stopSignal, stoppedBy } from "../signals.js";
import { textTable } from "../text-table.js";

/** Sweeps above this many scenarios need `--force`. */
export const FORCE_ABOVE_SCENARIOS = 100_000_000;
/** Group rows printed; every group is in summary.json. */
const PRINTED_GROUPS = 30;
/** Seconds between progress lines when stderr is not a terminal. */
const PLAIN_PROGRESS_SEC = 5;

function parseFormats(raw: string): OutputFormat[] {
  const list = raw.split(",").map((s) => s.trim());
  const formats = list.map((f) => parseChoice(f, "--format", OUTPUT_FORMATS));
  return [...new Set(formats)];
}

function seconds(): number {
  return performance.now() / 1000;
}

/** Progress on stderr: a bar on a terminal, a line every few seconds otherwise, nothing when quiet. */
async function progressReporter(
  total: number,
  quiet: boolean,
): Promise<{ update: (p: SweepProgress) => void; stop: () => void }> {
  if (quiet) return { update: () => undefined, stop: () => undefined };
  const t0 = seconds();
  if (process.stderr.isTTY) {
    const { default: cliProgress } = await import("cli-progress");
    const bar = new cliProgress.SingleBar(
      {
        stream: process.stderr,
        format: "{bar} {percentage}% | {value}/{total} scenarios | {rate}/s | ETA {eta_formatted}",
        etaBuffer: 50,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { rate: "0" });
    return {
      update: (p) =>
        bar.update(p.done, { rate: Math.round(p.done / Math.max(1e-9, seconds() - t0)).toString() }),
      stop: () => bar.stop(),
    };
  }
  let last = t0;
  return {
    update: (p) => {
      const now = seconds();
      if (now - last < PLAIN_PROGRESS_SEC && p.done < p.total) return;
      last = now;
      const rate = p.done / Math.max(1e-9, now - t0);
      const eta = rate > 0 ? (p.total - p.done) / rate : 0;
      process.stderr.write(
        `sweep: ${p.done}/${p.total} scenarios (${formatPercent(p.done / p.total)}), ${Math.round(rate)}/s, ETA ${formatDuration(eta)}\n`,
      );
    },
    stop: () => undefined,
  };
}

function fmt(sec: number | undefined): string {
  return sec === undefined ? "-" : formatDuration(sec);
}

/** The per-group table printed after a sweep. */
export function summaryTable(summary: SweepSummary): string {
  const header = [
    summary.groupBy.length > 0 ? summary.groupBy.join(" / ") : "group",
    "n",
    "converged",
    "total median",
    "total p95",
    "total max",
    "stun median",
    "stun p95",
    "stun max",
  ];
  const rows = summary.groups
    .slice(0, PRINTED_GROUPS)
    .map((g) => [
      Object.values(g.group).join(" / ") || "all",
      String(g.count),
      formatPercent(g.convergenceRate),
      fmt(g.totalTimeSec?.median),
      fmt(g.totalTimeSec?.p95),
      fmt(g.totalTimeSec?.max),
      fmt(g.downtimeSec?.median),
      fmt(g.downtimeSec?.p95),
      fmt(g.downtimeSec?.max),
    ]);
  const more = summary.groups.length - rows.length;
  return textTable(header, rows) + (more > 0 ? `\n... ${more} more groups in summary.json` : "");
}

/** `vmotion-sim sweep FILE --out DIR`: run every scenario of a sweep file on a worker pool. */
export function sweepCommand(): Command {
  return new Command("sweep")
    .description("run a sweep file (YAML or JSON) on worker threads; write results, summary and manifest")
    .argument("<file>", "sweep file, see schema/sweep.schema.json and reports/sweeps/")
    .requiredOption("--out <dir>", "output directory")
    .option(
      "--workers <n>",
      `worker threads, 0 to ${MAX_WORKERS} (0 = in this thread; default: one per CPU; never more than tasks)`,
    )
    .option("--format <list>", "csv, ndjson, parquet, comma separated", "csv")
    .option("--traces", "also write every iteration of every scenario (traces.*)")
    .option("--seed <n>", "Monte Carlo seed (overrides the file's)")
    .option("--batch-size <n>", "scenarios per worker task (default 4096)")
    .option("--quiet", "no plan line, progress or table")
    .option(
      "--force",
      `run sweeps above ${FORCE_ABOVE_SCENARIOS} scenarios; write into a non-empty folder vmotion-sim did not write (its files are kept)`,
    )
    .action(async (file: string, opts: Record<string, unknown>) => {
      const quiet = opts.quiet === true;
      const formats = parseFormats(String(opts.format));
      const workers =
        opts.workers === undefined
          ? availableParallelism()
          : parseCount(opts.workers, "--workers", { max: MAX_WORKERS });
      const batchSize =
        opts.batchSize === undefined
          ? undefined
          : parseCount(opts.batchSize, "--batch-size", { min: 1, max: 1 << 20 });
      const seed =
        opts.seed === undefined
          ? undefined
          : parseCount(opts.seed, "--seed", { max: Number.MAX_SAFE_INTEGER });
      const dir = String(opts.out);
      if (dir.trim() === "") throw badValue("--out", "a directory", dir);

      // Loaded here, not at start-up: the other commands need none of it.
      const { loadSweepFile, planSweep, runSweep } = await import("../../sweep/index.js");
      const plan = planSweep(loadSweepFile(file), { seed });
      if (plan.total > FORCE_ABOVE_SCENARIOS && opts.force !== true)
        throw new InputError(
          "bad-value",
          file,
          `plans ${plan.total} scenarios, above the limit of ${FORCE_ABOVE_SCENARIOS}: add --force to run it`,
          plan.total,
        );
      const threads = resolveRunOptions(plan, { workers, batchSize, out: dir, formats }).workers;
      // Checked before any work: an output folder we may not replace is refused now (exit 2).
      const outDir = OutputDir.open(dir, { force: opts.force === true });
      if (!quiet)
        out(
          `sweep ${plan.name}: ${plan.total} scenarios (${plan.gridCount} grid points x ${plan.samples} samples), ${workers === 0 ? "in-process" : `${threads} ${threads === 1 ? "worker" : "workers"}`} -> ${dir}`,
        );

      const progress = await progressReporter(plan.total, quiet);
      let result;
      try {
        result = await runSweep(plan, {
          workers,
          batchSize,
          out: outDir,
          formats,
          traces: opts.traces === true,
          signal: stopSignal,
          onProgress: progress.update,
          source: file,
          clock: seconds,
        });
      } finally {
        progress.stop();
        outDir.discard(); // no-op once the run committed its folder
      }
      const sig = stoppedBy();
      if (result.status === "interrupted" && sig !== null)
        throw new Interrupted(
          sig,
          `interrupted by ${sig} after ${result.completed} of ${result.planned} scenarios; ${
            result.kept === "previous"
              ? `${dir} still holds the previous complete run`
              : `${dir}/manifest.json says so, no results were kept`
          }`,
        );
      if (!quiet) {
        out(summaryTable(result.summary));
        out(
          `wrote ${result.files.map((f) => `${dir}/${f}`).join(", ")} in ${formatDuration(result.elapsedSec)}`,
        );
      }
    });
}
