import { mkdirSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { basename, join } from "node:path";
import { Command } from "commander";
import { InputError, badValue } from "../../errors.js";
import { formatCount, formatDuration, formatPercent, plural, sharedUnit } from "../../units/format.js";
import { OUTCOMES } from "../../model/types.js";
import { parseCount, parseChoice } from "../../units/parse.js";
import { OUTPUT_FORMATS, type OutputFormat } from "../../sweep/formats.js";
import { MAX_WORKERS, resolveRunOptions } from "../../sweep/run-options.js";
import { OutputDir } from "../../files/output-dir.js";
import type { GroupSummary, SweepProgress, SweepSummary } from "../../sweep/index.js";
import { autoWorkers, describeAutoWorkers } from "../../sweep/auto-workers.js";
import { parseShard, shardFolder, type ResultsMetadata } from "../../sweep/shard.js";
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

/** Seconds between progress bar redraws: the bar moves at least this often from the start. */
const BAR_TICK_SEC = 0.25;

/**
 * Progress on stderr: a bar on a terminal, a line every few seconds otherwise, nothing when quiet.
 * Both read `simulated()` (scenarios simulated so far, counted inside batches) on a timer, so the
 * bar moves every {@link BAR_TICK_SEC} from the first second, not only when a whole batch (up to
 * 65,536 Parquet rows) completes; `update` adds the written count as a floor.
 */
async function progressReporter(
  total: number,
  quiet: boolean,
  simulated: () => number,
): Promise<{ update: (p: SweepProgress) => void; stop: () => void }> {
  if (quiet) return { update: () => undefined, stop: () => undefined };
  const t0 = seconds();
  let written = 0;
  const done = (): number => Math.min(total, Math.max(written, simulated()));
  const rateNow = (): number => done() / Math.max(1e-9, seconds() - t0);
  if (process.stderr.isTTY) {
    const { default: cliProgress } = await import("cli-progress");
    const bar = new cliProgress.SingleBar(
      {
        stream: process.stderr,
        format: "{bar} {percentage} % | {value}/{total} scenarios | {rate}/s | ETA {left}",
        hideCursor: true,
        formatValue: (v, _o, type) => (type === "value" || type === "total" ? formatCount(v) : String(v)),
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { rate: "0", left: "-" });
    const draw = (): void => {
      const n = done();
      const rate = rateNow();
      bar.update(n, {
        rate: formatCount(Math.round(rate)),
        left: n > 0 && rate > 0 ? formatDuration((total - n) / rate) : "-",
      });
    };
    const timer = setInterval(draw, BAR_TICK_SEC * 1000);
    return {
      update: (p) => {
        written = p.done;
        draw();
      },
      stop: () => {
        clearInterval(timer);
        draw();
        bar.stop();
      },
    };
  }
  const line = (): void => {
    const n = done();
    const rate = rateNow();
    const eta = rate > 0 ? (total - n) / rate : 0;
    process.stderr.write(
      `sweep: ${formatCount(n)}/${plural(total, "scenario")} (${formatPercent(n / total)}), ${formatCount(Math.round(rate))}/s, ETA ${formatDuration(eta)}\n`,
    );
  };
  const timer = setInterval(line, PLAIN_PROGRESS_SEC * 1000);
  return {
    update: (p) => {
      written = p.done;
      if (p.done >= p.total) line();
    },
    stop: () => clearInterval(timer),
  };
}

/** Outcome columns of the console table: their headers, and which outcomes always get one. */
const OUTCOME_HEADERS: Readonly<Record<string, string>> = {
  converged: "converged",
  "converged-throttled": "throttled",
};

/**
 * The per-group table printed after a sweep: each outcome its own column (converged on its own,
 * converged only with throttling, then each failure that occurs in any group), then the times.
 */
export function summaryTable(summary: SweepSummary): string {
  const groups = summary.groups.slice(0, PRINTED_GROUPS);
  const outcomes = OUTCOMES.filter(
    (o) => o in OUTCOME_HEADERS || summary.groups.some((g) => (g.outcomes[o] ?? 0) > 0),
  );
  const times = [
    ["total median", (g: GroupSummary) => g.totalTimeSec?.median],
    ["total p95", (g: GroupSummary) => g.totalTimeSec?.p95],
    ["total max", (g: GroupSummary) => g.totalTimeSec?.max],
    ["stun median", (g: GroupSummary) => g.downtimeSec?.median],
    ["stun p95", (g: GroupSummary) => g.downtimeSec?.p95],
    ["stun max", (g: GroupSummary) => g.downtimeSec?.max],
  ] as const;
  // One unit per time column (its largest value's), so a column reads down.
  const units = times.map(([, get]) =>
    sharedUnit(
      "duration",
      groups.map((g) => get(g) ?? 0),
    ),
  );
  const header = [
    summary.groupBy.length > 0 ? summary.groupBy.join(" / ") : "group",
    "n",
    ...outcomes.map((o) => OUTCOME_HEADERS[o] ?? o),
    ...times.map(([h]) => h),
  ];
  const rows = groups.map((g) => [
    Object.values(g.group).join(" / ") || "all",
    formatCount(g.count),
    ...outcomes.map((o) => formatPercent(g.shares[o] ?? 0)),
    ...times.map(([, get], c) => {
      const v = get(g);
      return v === undefined ? "-" : formatDuration(v, units[c]);
    }),
  ]);
  const more = summary.groups.length - rows.length;
  return textTable(header, rows) + (more > 0 ? `\n... ${plural(more, "more group")} in summary.json` : "");
}

/**
 * Which scenarios shard K of N runs, from its first index and count: "shard 2 of 8: scenarios
 * 3..5", "shard 1 of 100: scenario 0", or, with more shards than scenarios, "shard 1 of 100: no
 * scenarios (24 scenarios in 100 shards)".
 */
export function shardWords(
  shard: { readonly index: number; readonly count: number },
  first: number,
  count: number,
  sweepTotal?: number,
): string {
  const head = `shard ${shard.index} of ${shard.count}`;
  if (count === 0)
    return `${head}: no scenarios${sweepTotal === undefined ? "" : ` (${plural(sweepTotal, "scenario")} in ${formatCount(shard.count)} shards)`}`;
  return count === 1 ? `${head}: scenario ${first}` : `${head}: scenarios ${first}..${first + count - 1}`;
}

/** `vmotion-sim sweep FILE --out DIR`: run every scenario of a sweep file on a worker pool. */
export function sweepCommand(): Command {
  return new Command("sweep")
    .description("run a sweep file (YAML or JSON) on worker threads; write results, summary and manifest")
    .argument("<file>", "sweep file, see schema/sweep.schema.json and reports/sweeps/")
    .requiredOption("--out <dir>", "output directory (required)")
    .option(
      "--workers <n>",
      `worker threads, 0 to ${MAX_WORKERS} (0 = in this thread; default: one per free core, cores less the load average; never more than tasks)`,
    )
    .option("--format <list>", "csv, ndjson, parquet, comma separated", "csv")
    .option("--traces", "also write every iteration of every scenario (traces.*)")
    .option("--seed <n>", "Monte Carlo seed (overrides the file's)")
    .option(
      "--batch-size <n>",
      "scenarios per worker task (default 4096; with parquet, rounded up to whole row groups of 65,536 rows)",
    )
    .option(
      "--shard <K/N>",
      "run the K-th of N slices of the scenarios (1 <= K <= N) into OUT/shard=K/; vmotion-sim summarize OUT joins them",
    )
    .option("--quiet", "no plan line, progress or table")
    .option(
      "--force",
      `run sweeps above ${FORCE_ABOVE_SCENARIOS} scenarios; write into a non-empty folder vmotion-sim did not write (its files are kept)`,
    )
    .action(async (file: string, opts: Record<string, unknown>) => {
      const quiet = opts.quiet === true;
      const formats = parseFormats(String(opts.format));
      // Without --workers: one per core free now (cores less the load average, auto-workers.ts).
      const auto = opts.workers === undefined ? autoWorkers(availableParallelism(), loadavg()[0] ?? 0) : null;
      const workers =
        auto !== null ? auto.workers : parseCount(opts.workers, "--workers", { max: MAX_WORKERS });
      const batchSize =
        opts.batchSize === undefined
          ? undefined
          : parseCount(opts.batchSize, "--batch-size", { min: 1, max: 1 << 20 });
      const seed =
        opts.seed === undefined
          ? undefined
          : parseCount(opts.seed, "--seed", { max: Number.MAX_SAFE_INTEGER });
      const dataset = String(opts.out);
      if (dataset.trim() === "") throw badValue("--out", "a directory", dataset);
      const shard = opts.shard === undefined ? null : parseShard(opts.shard);
      const dir = shard === null ? dataset : join(dataset, shardFolder(shard));

      // Loaded here, not at start-up: the other commands need none of it.
      const {
        SimulatedCounter,
        describeGrouping,
        loadSweepFile,
        planSweep,
        runSweep,
        shardPlan,
        shardStem,
        SWEEP_METADATA_KEY,
      } = await import("../../sweep/index.js");
      const sweepFile = loadSweepFile(file);
      const whole = planSweep(sweepFile, {
        seed,
        ...(opts.force === true ? {} : { maxScenarios: FORCE_ABOVE_SCENARIOS }),
      });
      const plan = shard === null ? whole : shardPlan(whole, shard);
      const first = plan.firstScenario ?? 0;
      // Every results.parquet says which sweep and scenarios it holds, for `summarize`.
      const metadata: ResultsMetadata = {
        sweep: sweepFile,
        seed: whole.seed,
        total: whole.total,
        first,
        end: first + plan.total,
        shard,
      };
      if (whole.total > FORCE_ABOVE_SCENARIOS && opts.force !== true)
        throw new InputError(
          "bad-value",
          file,
          `plans ${formatCount(whole.total)} scenarios, above the limit of ${formatCount(FORCE_ABOVE_SCENARIOS)}: add --force to run it`,
          whole.total,
        );
      const threads = resolveRunOptions(plan, { workers, batchSize, out: dir, formats }).workers;
      // Shards of one sweep share the dataset folder; each owns its shard=K folder.
      if (shard !== null) mkdirSync(dataset, { recursive: true });
      // Checked before any work: an output folder we may not replace is refused now (exit 2).
      const outDir = OutputDir.open(dir, { force: opts.force === true });
      if (!quiet)
        out(
          // A file without a name is called by its own (plan.name, "sweep", would read "sweep sweep").
          `sweep ${sweepFile.name ?? basename(file)}: ${plural(whole.total, "scenario")} (${plural(plan.gridCount, "grid point")} x ${plural(plan.samples, "sample")})${shard === null ? "" : `, ${shardWords(shard, first, plan.total, whole.total)}`}, ${workers === 0 ? "in-process" : plural(threads, "worker")}${auto === null ? "" : ` (${describeAutoWorkers(auto)})`} -> ${dir}; ${describeGrouping(plan)}`,
        );

      const counter = new SimulatedCounter();
      const progress = await progressReporter(plan.total, quiet, () => counter.read());
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
          simulated: counter.buffer,
          source: file,
          clock: seconds,
          resultsStem: shard === null ? "results" : shardStem(shard),
          parquetMetadata: { [SWEEP_METADATA_KEY]: JSON.stringify(metadata) },
        });
      } finally {
        progress.stop();
        outDir.discard(); // no-op once the run committed its folder
      }
      const sig = stoppedBy();
      if (result.status === "interrupted" && sig !== null)
        throw new Interrupted(
          sig,
          `interrupted by ${sig} after ${formatCount(result.completed)} of ${plural(result.planned, "scenario")}; ${
            result.kept === "previous"
              ? `${dir} still holds the previous complete run`
              : `${dir}/manifest.json says so, no results were kept`
          }`,
        );
      if (!quiet) {
        // An empty shard has no groups: its table would be a header alone.
        if (plan.total > 0) out(summaryTable(result.summary));
        out(
          `wrote ${result.files.map((f) => `${dir}/${f}`).join(", ")} in ${formatDuration(result.elapsedSec)}`,
        );
      }
    });
}
