/**
 * Sweep scale: 1 million scenarios end to end (parse, plan, pool, CSV or Parquet to disk, summary) with 1 and 2
 * workers, each run in a fresh child process so peak RSS (VmHWM, see `peakRssMiB`, which
 * counts the worker threads too) belongs to that run alone. The two worker counts alternate for
 * `rounds` rounds and the fastest run of each is reported (other processes on a shared machine
 * only ever slow a run down), with every run listed. Prints scenarios/s, the speed-up and peak RSS
 * with the Node version and CPU, and each run's CPU time (all threads, and the main thread
 * alone): on a shared machine the wall times measure the other processes too. Each run's CPU is
 * also split by thread (`threadCpu`): the main thread, the worker threads, and V8's helper
 * threads (its concurrent compiler and garbage collector, which exist before the pool starts);
 * with `--threads` every run's split is printed.
 *
 * Each run also records when its first and last batch came in (ms from before parsing).
 * `--recompilation=concurrent|synchronous` overrides where V8 optimises the workers' code
 * (`recompilationFor` chooses by default: src/sweep/recompilation.ts), to compare the two.
 *
 * Run: `npm run build && node dist/bench/sweep-scale.js [scenarios] [formats] [rounds] [--threads]
 * [--recompilation=MODE]` (default 1000000, csv, 3).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadSweepFile, planSweep, runSweep, type OutputFormat } from "../src/sweep/index.js";
import { recompilationFor, type Recompilation } from "../src/sweep/recompilation.js";

/** A grid of `n` scenarios: memory x dirty rate x RTT over the WAN preset (the network model runs too). */
export function sweepText(n: number): string {
  const side = Math.round(Math.cbrt(n));
  const rest = Math.max(1, Math.round(n / (side * side)));
  return `
name: scale
base: { vcpus: 8, preset: wan, policy: vmotion }
axes:
  - key: memory
    range: { from: 4GiB, to: 512GiB, count: ${side}, scale: log }
  - key: dirtyRate
    range: { from: 10MiB/s, to: 2GiB/s, count: ${side}, scale: log }
  - key: rtt
    range: { from: 1ms, to: 150ms, count: ${rest} }
`;
}

interface RunFigures {
  workers: number;
  scenarios: number;
  seconds: number;
  /** CPU time of the whole process (every thread) and of its main thread over the run, s. */
  cpuSec: number;
  mainCpuSec: number;
  scenariosPerSec: number;
  peakRssMiB: number;
  csvMiB: number;
  /** CPU time by thread, s (see {@link threadCpu}); absent where there is no /proc/self/task. */
  threads?: ThreadCpu;
  /** Wall time from before parsing to the first and to the last batch in, ms. */
  firstBatchMs: number;
  lastBatchMs: number;
  /** Where V8 optimised the workers' code (asked, or `recompilationFor`'s choice). */
  recompilation: Recompilation;
}

/** CPU time of a run by thread, s. */
export interface ThreadCpu {
  /** The main thread's. */
  main: number;
  /** Each worker thread's (threads started by the run), most first. */
  workers: number[];
  /** V8's helper threads (the concurrent compiler, the garbage collector's helpers) and any other thread there was before the run. */
  helpers: number;
}

/** CPU time so far (s) of every thread of this process that is still running, by thread id; null without /proc/self/task. */
function taskCpuSec(): Map<string, number> | null {
  try {
    const out = new Map<string, number>();
    for (const tid of readdirSync("/proc/self/task")) {
      try {
        const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
        const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        out.set(tid, (Number(f[11]) + Number(f[12])) / 100);
      } catch {
        // the thread ended between the listing and the read
      }
    }
    return out;
  } catch {
    return null;
  }
}

/**
 * A run's CPU by thread, from `before` (taken before the run: the main thread and V8's helpers)
 * and `atEnd` (taken when the last batch came back, while the workers are still there; the pool
 * is torn down after it): threads new since `before` are the workers.
 */
export function threadCpu(
  before: Map<string, number>,
  atEnd: Map<string, number>,
  mainCpuSec: number,
): ThreadCpu {
  const main = String(process.pid);
  const workers: number[] = [];
  let helpers = 0;
  for (const [tid, sec] of atEnd) {
    if (tid === main) continue;
    const was = before.get(tid);
    if (was === undefined) workers.push(sec);
    else helpers += sec - was;
  }
  return { main: mainCpuSec, workers: workers.filter((w) => w >= 0.005).sort((a, b) => b - a), helpers };
}

/**
 * This process's peak resident set (MiB), worker threads included: `VmHWM` of /proc/self/status
 * where there is one, else `process.resourceUsage().maxRSS`. (On Linux, maxRSS survives exec, so a
 * child spawned by a large parent would report the parent's size; VmHWM belongs to the new image.)
 */
function peakRssMiB(): number {
  try {
    const m = /VmHWM:\s*(\d+)\s*kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (m?.[1] !== undefined) return Number(m[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

/**
 * CPU time of the calling thread so far, s (`/proc/thread-self/stat`, in clock ticks of 10 ms);
 * NaN where there is no such file. The process's own (`process.cpuUsage`) counts every thread.
 */
function threadCpuSec(): number {
  try {
    const f = (readFileSync("/proc/thread-self/stat", "utf8").split(") ")[1] ?? "").split(" ");
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN;
  }
}

/** One sweep, timed end to end: parse, plan, run on the pool, files complete. */
async function child(
  workers: number,
  n: number,
  formats: OutputFormat[],
  recompilation: Recompilation | undefined,
): Promise<void> {
  const text = sweepText(n);
  const dir = mkdtempSync(join(tmpdir(), "sweep-scale-"));
  const tasks0 = taskCpuSec();
  const cpu0 = process.cpuUsage();
  const main0 = threadCpuSec();
  const t0 = performance.now();
  const plan = planSweep(loadSweepFile({ text }));
  let atEnd: Map<string, number> | null = null;
  let firstBatchMs = NaN;
  let lastBatchMs = NaN;
  const r = await runSweep(plan, {
    workers,
    out: dir,
    formats,
    ...(recompilation === undefined ? {} : { recompilation }),
    // One look at the threads when the last batch is in (the workers are gone after the run).
    onProgress: (p) => {
      lastBatchMs = performance.now() - t0;
      if (Number.isNaN(firstBatchMs)) firstBatchMs = lastBatchMs;
      if (p.done === p.total) atEnd = taskCpuSec();
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const mainCpuSec = threadCpuSec() - main0;
  const size = formats.includes("csv") ? statSync(join(dir, "results.csv")).size : 0;
  rmSync(dir, { recursive: true, force: true });
  const figures: RunFigures = {
    workers,
    scenarios: r.completed,
    seconds,
    cpuSec: (cpu.user + cpu.system) / 1e6,
    mainCpuSec,
    scenariosPerSec: r.completed / seconds,
    peakRssMiB: peakRssMiB(),
    csvMiB: size / 2 ** 20,
    ...(tasks0 !== null && atEnd !== null ? { threads: threadCpu(tasks0, atEnd, mainCpuSec) } : {}),
    firstBatchMs,
    lastBatchMs,
    recompilation: recompilation ?? recompilationFor(workers, availableParallelism()),
  };
  process.stdout.write(JSON.stringify(figures));
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const perThread = argv.includes("--threads");
  const recompile = argv.find((x) => x.startsWith("--recompilation="));
  const recompilation = recompile?.slice("--recompilation=".length) as Recompilation | undefined;
  if (recompilation !== undefined && recompilation !== "concurrent" && recompilation !== "synchronous")
    throw new Error(`--recompilation must be concurrent or synchronous (got ${recompilation})`);
  const [mode, a, b, c] = argv.filter((x) => x !== "--threads" && x !== recompile);
  const rounds = Number(b ?? 3);
  if (mode === "--child")
    return child(Number(a), Number(b), (c ?? "csv").split(",") as OutputFormat[], recompilation);
  const n = Number(mode ?? 1_000_000);
  const formats = a ?? "csv";
  const self = fileURLToPath(import.meta.url);
  const all: RunFigures[] = [];
  for (let round = 0; round < rounds; round++)
    for (const workers of [1, 2]) {
      const args = [self, "--child", String(workers), String(n), formats, ...(recompile ? [recompile] : [])];
      const out = execFileSync(process.execPath, args, {
        encoding: "utf8",
        maxBuffer: 1 << 20,
      });
      all.push(JSON.parse(out) as RunFigures);
    }
  const best = (w: number): RunFigures =>
    all.filter((r) => r.workers === w).reduce((x, y) => (y.seconds < x.seconds ? y : x));
  const runs = [best(1), best(2)];
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  process.stdout.write(
    `sweep-scale: ${n} scenarios, ${formats}, Node ${process.version}, ${cpus().length} x ${cpu}\n`,
  );
  process.stdout.write(
    `every run (s): ${all.map((r) => `${r.workers}w ${r.seconds.toFixed(2)}`).join(", ")}\n`,
  );
  if (perThread)
    for (const r of all)
      process.stdout.write(
        `${r.workers}w ${r.seconds.toFixed(2)} s: CPU ${r.cpuSec.toFixed(2)} s = ${describeThreads(r.threads)}; batches in at ${r.firstBatchMs.toFixed(0)}-${r.lastBatchMs.toFixed(0)} ms; ${r.recompilation} recompilation\n`,
      );
  process.stdout.write(`best of ${rounds}:\n`);
  process.stdout.write("workers  time (s)  CPU (s)  main CPU (s)  scenarios/s  peak RSS (MiB)  CSV (MiB)\n");
  for (const r of runs)
    process.stdout.write(
      `${String(r.workers).padStart(7)}  ${r.seconds.toFixed(2).padStart(8)}  ${r.cpuSec.toFixed(2).padStart(7)}  ${r.mainCpuSec.toFixed(2).padStart(12)}  ${Math.round(r.scenariosPerSec).toString().padStart(11)}  ${r.peakRssMiB.toFixed(0).padStart(14)}  ${r.csvMiB.toFixed(0).padStart(9)}\n`,
    );
  for (const r of runs)
    process.stdout.write(
      `${r.workers} worker${r.workers > 1 ? "s" : ""}, CPU by thread (s): ${describeThreads(r.threads)}\n`,
    );
  const [one, two] = runs;
  if (one && two)
    process.stdout.write(
      `speed-up 2 vs 1 worker: ${(two.scenariosPerSec / one.scenariosPerSec).toFixed(2)}x\n`,
    );
}

/** `main 0.33 + workers 0.50, 0.47 + V8 helpers 0.48`, or that there is no split. */
function describeThreads(t: ThreadCpu | undefined): string {
  if (t === undefined) return "no split by thread on this system";
  return `main ${t.main.toFixed(2)} + worker${t.workers.length > 1 ? "s" : ""} ${t.workers.map((w) => w.toFixed(2)).join(", ")} + V8 helpers ${t.helpers.toFixed(2)}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
