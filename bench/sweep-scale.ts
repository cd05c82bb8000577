/**
 * Sweep scale: 1 million scenarios end to end (parse, plan, pool, CSV or Parquet to disk, summary) with 1 and 2
 * workers, each run in a fresh child process so peak RSS (VmHWM, see `peakRssMiB`, which
 * counts the worker threads too) belongs to that run alone. The two worker counts alternate for
 * `rounds` rounds and the fastest run of each is reported (other processes on a shared machine
 * only ever slow a run down), with every run listed. Prints scenarios/s, the speed-up and peak RSS
 * with the Node version and CPU, and each run's CPU time (all threads, and the main thread
 * alone): on a shared machine the wall times measure the other processes too.
 *
 * Run: `npm run build && node dist/bench/sweep-scale.js [scenarios] [formats] [rounds]`
 * (default 1000000, csv, 3).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadSweepFile, planSweep, runSweep, type OutputFormat } from "../src/sweep/index.js";

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
async function child(workers: number, n: number, formats: OutputFormat[]): Promise<void> {
  const text = sweepText(n);
  const dir = mkdtempSync(join(tmpdir(), "sweep-scale-"));
  const cpu0 = process.cpuUsage();
  const main0 = threadCpuSec();
  const t0 = performance.now();
  const plan = planSweep(loadSweepFile({ text }));
  const r = await runSweep(plan, { workers, out: dir, formats });
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
  };
  process.stdout.write(JSON.stringify(figures));
}

async function main(): Promise<void> {
  const [mode, a, b, c] = process.argv.slice(2);
  const rounds = Number(b ?? 3);
  if (mode === "--child") return child(Number(a), Number(b), (c ?? "csv").split(",") as OutputFormat[]);
  const n = Number(mode ?? 1_000_000);
  const formats = a ?? "csv";
  const self = fileURLToPath(import.meta.url);
  const all: RunFigures[] = [];
  for (let round = 0; round < rounds; round++)
    for (const workers of [1, 2]) {
      const out = execFileSync(process.execPath, [self, "--child", String(workers), String(n), formats], {
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
    `every run (s): ${all.map((r) => `${r.workers}w ${r.seconds.toFixed(2)}`).join(", ")}\nbest of ${rounds}:\n`,
  );
  process.stdout.write("workers  time (s)  CPU (s)  main CPU (s)  scenarios/s  peak RSS (MiB)  CSV (MiB)\n");
  for (const r of runs)
    process.stdout.write(
      `${String(r.workers).padStart(7)}  ${r.seconds.toFixed(2).padStart(8)}  ${r.cpuSec.toFixed(2).padStart(7)}  ${r.mainCpuSec.toFixed(2).padStart(12)}  ${Math.round(r.scenariosPerSec).toString().padStart(11)}  ${r.peakRssMiB.toFixed(0).padStart(14)}  ${r.csvMiB.toFixed(0).padStart(9)}\n`,
    );
  const [one, two] = runs;
  if (one && two)
    process.stdout.write(
      `speed-up 2 vs 1 worker: ${(two.scenariosPerSec / one.scenariosPerSec).toFixed(2)}x\n`,
    );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
