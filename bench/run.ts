/**
 * `npm run bench`: every hot path, timed with tinybench.
 *
 * Writes `bench/results/latest.json` (an array of { name, size, scenariosPerSec, meanMs, samples })
 * and `bench/results/latest.md` (a table with the Node version, CPU and date), prints the table,
 * and compares with the committed `bench/results/baseline.json`, flagging regressions over 10 %.
 *
 * Flags: `--quick` (smoke sizes, < 30 s; `npm test` runs it and checks only that every task ran and
 * gave finite figures), `--filter TEXT` (tasks whose name contains TEXT), `--update-baseline`.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, existsSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { Bench } from "tinybench";
import { coreTasks } from "./core.js";
import { extraTasks } from "./registry.js";
import { referenceRatios, referencesBesideSubjects } from "./reference.js";
import { startupNames, startupRecords } from "./startup.js";
import { sweepMemoryRecords } from "./sweep.js";
import { sinkValue, type BenchOptions, type BenchRecord, type BenchTask } from "./task.js";
import { writeFileAtomic } from "../src/files/atomic-write.js";

export type { BenchRecord } from "./task.js";

const REGRESSION = 0.1;

function parseArgs(argv: readonly string[]): {
  quick: boolean;
  filter: string;
  /** Child mode: run the task of exactly this name and print its record as JSON. */
  only: string | null;
  updateBaseline: boolean;
  out: string;
} {
  const quick = argv.includes("--quick");
  const f = argv.indexOf("--filter");
  const only = argv.indexOf("--only");
  const o = argv.indexOf("--out");
  const defaultOut = fileURLToPath(
    new URL(quick ? "../../bench/results/quick" : "../../bench/results", import.meta.url),
  );
  return {
    quick,
    filter: f >= 0 ? (argv[f + 1] ?? "") : "",
    only: only >= 0 ? (argv[only + 1] ?? "") : null,
    updateBaseline: argv.includes("--update-baseline"),
    out: o >= 0 ? (argv[o + 1] ?? defaultOut) : defaultOut,
  };
}

export async function runBench(tasks: readonly BenchTask[], opts: BenchOptions): Promise<BenchRecord[]> {
  const records: BenchRecord[] = [];
  for (const task of tasks) {
    await task.before?.();
    const long = task.iterations !== undefined;
    const bench = new Bench({
      time: opts.quick || long ? 30 : 1000,
      warmupTime: opts.quick || long ? 10 : 200,
      iterations: opts.quick ? 2 : (task.iterations ?? 10),
      warmupIterations: opts.quick ? 1 : (task.warmupIterations ?? 5),
      throws: true,
    });
    bench.add(task.name, task.fn);
    await bench.run();
    await task.after?.();
    const t = bench.tasks[0];
    const r = t?.result;
    if (!r || (r.state !== "completed" && r.state !== "aborted-with-statistics")) {
      throw new Error(`bench task ${task.name} did not complete (${r?.state ?? "no result"})`);
    }
    const meanMs = r.latency.mean;
    records.push({
      name: task.name,
      size: task.size,
      scenariosPerSec:
        task.scenariosPerCall !== undefined && meanMs > 0 ? (task.scenariosPerCall * 1000) / meanMs : null,
      meanMs,
      samples: r.latency.samplesCount,
    });
  }
  return records;
}

function fmt(n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined) return "";
  return n.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function markdownTable(
  records: readonly BenchRecord[],
  baseline: readonly BenchRecord[] | null,
): string {
  const base = new Map((baseline ?? []).map((b) => [b.name, b]));
  const lines = [
    "| task | size | scenarios/s | mean (ms) | samples | peak RSS (MB) | ratio | vs baseline |",
    "|---|---|---:|---:|---:|---:|---:|---|",
  ];
  for (const r of records) {
    lines.push(
      `| ${r.name} | ${r.size} | ${fmt(r.scenariosPerSec)} | ${fmt(r.meanMs, 3)} | ${r.samples} | ${fmt(r.peakRssMB)} | ${r.ratio === undefined ? "" : `${fmt(r.ratio, 2)}x`} | ${compare(r, base.get(r.name))} |`,
    );
  }
  return lines.join("\n");
}

/** Relative change of mean time against the baseline; REGRESSION flags a slowdown over 10 %. */
export function compare(r: BenchRecord, b: BenchRecord | undefined): string {
  if (!b || b.size !== r.size || b.meanMs <= 0) return "";
  const change = r.meanMs / b.meanMs - 1;
  const pct = `${change >= 0 ? "+" : ""}${(change * 100).toFixed(1)} % time`;
  return change > REGRESSION ? `REGRESSION ${pct}` : pct;
}

/** Run one task in a fresh process (`--only NAME`) and read its record back. */
function isolated(name: string, opts: BenchOptions): BenchRecord {
  const self = fileURLToPath(import.meta.url);
  const out = execFileSync(process.execPath, [self, "--only", name, ...(opts.quick ? ["--quick"] : [])], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out) as BenchRecord;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  // The machine's load when the run started and ended: figures from a busy machine are not comparable.
  const loadAtStart = loadavg()[0] ?? 0;
  const opts: BenchOptions = { quick: args.quick };
  const all = referencesBesideSubjects([...coreTasks(opts), ...(await extraTasks(opts))]);
  if (args.only !== null) {
    const task = all.find((t) => t.name === args.only);
    if (task === undefined) {
      process.stderr.write(
        `bench: --only: no task named "${args.only}" (accepted: ${all.map((t) => t.name).join(", ")})\n`,
      );
      process.exitCode = 2;
      return;
    }
    const [record] = await runBench([task], opts);
    process.stdout.write(JSON.stringify(record));
    return;
  }
  const tasks = all.filter((t) => t.name.includes(args.filter));
  const records: BenchRecord[] = [];
  for (const [i, task] of tasks.entries()) {
    // Progress on a terminal only (CI logs stay clean).
    if (process.stderr.isTTY) process.stderr.write(`\r${i + 1}/${tasks.length} ${task.name}`.padEnd(80));
    if (task.isolate) records.push(isolated(task.name, opts));
    else records.push(...(await runBench([task], opts)));
  }
  if (process.stderr.isTTY) process.stderr.write("\r".padEnd(81) + "\r");
  // Peak memory of large sweeps, each in a fresh child process (reported beside throughput).
  if (
    ["sweep/memory/1M", "sweep/memory/10M", "sweep/memory/10M/1w"].some((name) => name.includes(args.filter))
  )
    records.push(...sweepMemoryRecords(opts));
  referenceRatios(records);
  // Whole CLI processes against `node -e 0` (CPU time).
  if (startupNames().some((name) => name.includes(args.filter))) records.push(...startupRecords(opts));

  const baselinePath = fileURLToPath(new URL("../../bench/results/baseline.json", import.meta.url));
  const baseline = existsSync(baselinePath)
    ? (JSON.parse(readFileSync(baselinePath, "utf8")) as BenchRecord[])
    : null;
  const header = [
    `# Benchmark results`,
    ``,
    `- Node ${process.version}, ${cpus()[0]?.model ?? "unknown CPU"} x ${cpus().length}`,
    `- Date ${new Date().toISOString()}${args.quick ? " (quick smoke run: sizes are not comparable)" : ""}`,
    `- Load average (1 min) ${loadAtStart.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end, on ${cpus().length} CPUs`,
    ``,
    ``,
  ].join("\n");
  const table = markdownTable(records, args.quick ? null : baseline);
  mkdirSync(args.out, { recursive: true });
  writeFileAtomic(`${args.out}/latest.json`, `${JSON.stringify(records, null, 2)}\n`);
  writeFileAtomic(`${args.out}/latest.md`, `${header}${table}\n`);
  if (args.updateBaseline && !args.quick)
    writeFileAtomic(baselinePath, `${JSON.stringify(records, null, 2)}\n`);
  process.stdout.write(`${header}${table}\n\n(checksum ${sinkValue().toFixed(0)})\n`);
  const regressions = records.filter((r) =>
    compare(
      r,
      baseline?.find((b) => b.name === r.name),
    ).startsWith("REGRESSION"),
  );
  if (!args.quick && regressions.length > 0) {
    process.stdout.write(
      `\n${regressions.length} task(s) regressed more than ${REGRESSION * 100} % against bench/results/baseline.json\n`,
    );
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
