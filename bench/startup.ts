/**
 * `cli/startup`: whole CLI processes against `node -e 0`, in CPU time (user + system).
 *
 * Each command line runs ROUNDS times, interleaved with `node -e 0` so both see the same machine
 * load; the CPU time of the finished children is read from `/proc/self/stat` (cutime + cstime,
 * Linux), else their wall time is used. The `ratio` field is the command's CPU time over
 * `node -e 0`'s, the figure the start-up target is stated in (estimate <= 1.4x).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchOptions, BenchRecord } from "./task.js";

const CLI = fileURLToPath(new URL("../src/cli/main.cjs", import.meta.url));
const SWEEP_FILE = fileURLToPath(new URL("../../reports/sweeps/wan-rtt.yaml", import.meta.url));

/** Clock ticks per second of /proc/PID/stat (USER_HZ, 100 on every Linux ABI). */
const USER_HZ = 100;

/** Seconds of CPU used by this process's waited-for children, or null off Linux. */
export function childCpuSec(): number | null {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    // Fields after the command name (which may hold spaces) start at field 3 (state).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const cutime = Number(fields[13]);
    const cstime = Number(fields[14]);
    return Number.isFinite(cutime) && Number.isFinite(cstime) ? (cutime + cstime) / USER_HZ : null;
  } catch {
    return null;
  }
}

/** CPU seconds (or wall seconds off Linux) of one run of `args` under this Node. */
function runOnce(args: readonly string[]): number {
  const cpu0 = childCpuSec();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`cli/startup: ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  const cpu1 = childCpuSec();
  return cpu0 !== null && cpu1 !== null ? cpu1 - cpu0 : wall;
}

/** The command lines timed, by record name; `out` is a fresh directory for commands that write. */
export function startupLines(out: string): Record<string, readonly string[]> {
  return {
    estimate: [CLI, "estimate", "--memory", "64GiB", "--dirty-rate", "400MiB/s", "--bandwidth", "10Gbit/s"],
    compare: [CLI, "compare", "--memory", "64GiB", "--dirty-rate", "400MiB/s"],
    validate: [CLI, "validate"],
    // 450 scenarios in this thread: parse, schema check, plan, CSV, summary, manifest.
    sweep: [CLI, "sweep", SWEEP_FILE, "--out", out, "--workers", "0", "--quiet"],
    help: [CLI, "--help"],
  };
}

/** The record names {@link startupRecords} makes. */
export function startupNames(): string[] {
  return ["node-e-0", ...Object.keys(startupLines(""))].map((n) => `cli/startup/${n}`);
}

/**
 * One record per command line (`cli/startup/NAME`) plus `cli/startup/node-e-0`: mean CPU
 * milliseconds a process, and `ratio` against `node -e 0` in the same run.
 */
export function startupRecords(opts: BenchOptions): BenchRecord[] {
  const rounds = opts.quick ? 1 : 20;
  const root = mkdtempSync(join(tmpdir(), "bench-startup-"));
  // The smoke run (npm test) times estimate only: every process costs a busy machine seconds.
  const names = Object.keys(startupLines(root)).filter((n) => !opts.quick || n === "estimate");
  const totals = new Map<string, number>([["node-e-0", 0], ...names.map((n) => [n, 0] as const)]);
  try {
    for (let i = 0; i < rounds; i++) {
      totals.set("node-e-0", (totals.get("node-e-0") ?? 0) + runOnce(["-e", "0"]));
      const lines = startupLines(join(root, String(i)));
      for (const name of names) totals.set(name, (totals.get(name) ?? 0) + runOnce(lines[name] ?? []));
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  const cpu = childCpuSec() !== null;
  const baseMs = ((totals.get("node-e-0") ?? 0) * 1000) / rounds;
  return [...totals].map(([name, sec]) => {
    const meanMs = (sec * 1000) / rounds;
    return {
      name: `cli/startup/${name}`,
      size: `1 process, ${cpu ? "CPU" : "wall"} time, mean of ${rounds}`,
      scenariosPerSec: null,
      meanMs,
      samples: rounds,
      ratio: baseMs > 0 ? meanMs / baseMs : undefined,
    };
  });
}
