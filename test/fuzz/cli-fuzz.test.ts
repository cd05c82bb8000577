import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { CLI } from "../cli/run-cli.js";

/**
 * A seeded, time-bounded fuzzer of the file and flag boundary (issue 13). It throws mutated
 * flags, sweep / report / inventory files, logs, dirty curves and QEMU query-migrate JSON at
 * every command and checks, for every case:
 *
 * - the exit code is 0 or 2 (1 is an internal error, anything else a crash);
 * - on exit 2, stderr is one line starting `vmotion-sim:`; on exit 0 every stderr line does;
 * - no stack frame anywhere, no `NaN` or `Infinity` in stdout;
 * - no file outside the case's output folder is created, changed or removed, and no temporary
 *   sibling is left beside it.
 *
 * `npm test` runs it for about 25 s (FUZZ_SECONDS) from seed 13 (FUZZ_SEED); the long mode is
 * `FUZZ_SECONDS=900 FUZZ_CASES=5000 npx vitest run test/fuzz`, which prints its counts. A failing
 * case prints its seed, command line and input files, so it can be replayed.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 13);
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 25);
const MAX_CASES = Number(process.env.FUZZ_CASES ?? 400);
/** Cases run at once (the machine has 2 cores). */
const PARALLEL = 2;
/** A case still running after this is killed and counted as slow (not as a failure). */
const CASE_TIMEOUT_MS = 20_000;

const root = mkdtempSync(join(tmpdir(), "vmotion-fuzz-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** mulberry32: a small seeded generator (test-only; the core uses its own counter-based one). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

/** Values a user (or an attacker) might type. */
const TOKENS = [
  "",
  " ",
  "0",
  "-1",
  "-0",
  "1e309",
  "-1e309",
  "NaN",
  "Infinity",
  "1e-320",
  "9007199254740993",
  "0x10",
  "abc",
  "10Gbit/s",
  "400MiB/s",
  "64GiB",
  "5ms",
  "0s",
  "1/0",
  "=cmd|' /C calc'!A0",
  "@SUM(1)",
  "../../../../etc/passwd",
  "/dev/zero",
  "/proc/self/environ",
  "*a",
  "&a [*a, *a]",
  "[[[[[[",
  "{",
  "'",
  '"',
  "\u0000",
  "\u202e",
  "é",
  "x".repeat(5000),
  "- - - - -",
  "null",
  "true",
  "~",
];

const read = (p: string): string => readFileSync(resolve(p), "utf8");
const SEEDS = {
  sweep: [read("reports/sweeps/vm-inventory.yaml"), read("reports/sweeps/wan-rtt.yaml")],
  report: [
    "title: Fuzz\nsections:\n  - title: Times\n    sweep: sweep.yaml\n    charts: [{ kind: migration-time }]\n",
    "title: Fuzz\nintro: hello\nsections:\n  - title: Paths\n    compare: { memory: 8GiB, dirtyRate: 100MiB/s, presets: [same-l2, wan] }\n",
  ],
  inventory: [read("reports/inventories/host-esx01.csv"), read("reports/inventories/host-esx01.yaml")],
  log: [read("test/fixtures/logs/esxi67-vmkernel.log"), read("test/fixtures/logs/esxi80-hostd.log")],
  qemu: [read("test/fixtures/logs/qemu-completed.json"), read("test/fixtures/logs/qemu-series.ndjson")],
  curve: ["interval,dirtied\n1s,460MiB\n2s,800MiB\n5s,1.5GiB\n"],
};

/** Text mutated by a few random edits: deletions, insertions of tokens, duplicated lines, swaps of numbers. */
function mutateText(r: Rand, text: string): string {
  let t = text;
  const edits = 1 + Math.floor(r() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(r() * (t.length + 1));
    switch (Math.floor(r() * 6)) {
      case 0:
        t = t.slice(0, at) + t.slice(at + 1 + Math.floor(r() * 40));
        break;
      case 1:
        t = t.slice(0, at) + pick(r, TOKENS) + t.slice(at);
        break;
      case 2: {
        const lines = t.split("\n");
        const i = Math.floor(r() * lines.length);
        lines.splice(i, 0, lines[i] ?? "");
        t = lines.join("\n");
        break;
      }
      case 3:
        t = t.replace(/\d+(\.\d+)?/, () => pick(r, ["0", "-5", "1e309", "99999999999", "0.0000001", "NaN"]));
        break;
      case 4:
        t = t.replace(/[A-Za-z]+\/s|[KMGT]i?B\b|ms\b/, () => pick(r, TOKENS));
        break;
      default:
        t = t.slice(0, at);
    }
  }
  return t;
}

interface Case {
  readonly args: string[];
  readonly files: Record<string, string | Uint8Array>;
}

/** One random case: a command, its flags (some mutated) and its input files (some mutated). */
function makeCase(r: Rand): Case {
  const files: Record<string, string | Uint8Array> = {};
  const text = (name: keyof typeof SEEDS): string => {
    const seed = pick(r, SEEDS[name]);
    return r() < 0.85 ? mutateText(r, seed) : seed;
  };
  // A command line cannot hold a NUL byte (files can).
  const flag = (v: string): string => (r() < 0.25 ? pick(r, TOKENS).replace(/\0/g, "") : v);
  const command = pick(r, [
    "estimate",
    "compare",
    "solve",
    "sweep",
    "sweep",
    "report",
    "evacuate",
    "logs",
    "logs-qemu",
    "curve",
    "flags",
  ]);
  let args: string[];
  switch (command) {
    case "estimate":
    case "flags":
      args = [
        "estimate",
        "--memory",
        flag("64GiB"),
        "--dirty-rate",
        flag("400MiB/s"),
        "--bandwidth",
        flag("10Gbit/s"),
      ];
      if (r() < 0.5)
        args.push(
          pick(r, [
            "--rtt",
            "--hops",
            "--mtu",
            "--loss",
            "--preset",
            "--streams",
            "--vcpus",
            "--policy",
            "--nope",
          ]),
          pick(r, TOKENS).replace(/\0/g, ""),
        );
      if (r() < 0.3) args.push("--json");
      break;
    case "compare":
      args = [
        "compare",
        "--memory",
        flag("64GiB"),
        "--dirty-rate",
        flag("400MiB/s"),
        "--presets",
        flag("same-l2,wan"),
      ];
      break;
    case "solve":
      args = [
        "solve",
        "--for",
        flag(pick(r, ["bandwidth", "dirty-rate", "memory", "rtt", "loss", "streams"])),
        "--memory",
        flag("64GiB"),
        "--dirty-rate",
        flag("400MiB/s"),
        "--bandwidth",
        flag("10Gbit/s"),
      ];
      break;
    case "sweep":
      files["sweep.yaml"] = text("sweep");
      args = ["sweep", "sweep.yaml", "--out", "out", "--quiet", "--workers", flag(pick(r, ["0", "1", "2"]))];
      if (r() < 0.3) args.push("--format", flag("csv,ndjson,parquet"));
      break;
    case "report":
      files["sweep.yaml"] = mutateText(
        r,
        "base: { memory: 8GiB, bandwidth: 10Gbit/s }\naxes:\n  - { key: dirtyRate, values: [100MiB/s, 400MiB/s] }\n",
      );
      files["r.yaml"] = text("report");
      args = ["report", "r.yaml", "--out", "out"];
      break;
    case "evacuate":
      files[r() < 0.5 ? "inv.csv" : "inv.yaml"] = text("inventory");
      args = [
        "evacuate",
        "--inventory",
        Object.keys(files)[0] as string,
        "--bandwidth",
        flag("10Gbit/s"),
        "--strategy",
        flag("all"),
      ];
      if (r() < 0.4) args.push("--out", "out");
      break;
    case "logs": {
      const t = text("log");
      files["vmkernel.log"] = r() < 0.3 ? gzipSync(t) : t;
      args = ["logs", "vmkernel.log"];
      if (r() < 0.5) args.push("--calibrate", "--memory", flag("16GiB"));
      break;
    }
    case "logs-qemu":
      files["q.json"] = text("qemu");
      args = ["logs", "--qemu", "q.json"];
      if (r() < 0.5) args.push("--calibrate");
      break;
    default:
      files["curve.csv"] = text("curve");
      args = ["estimate", "--memory", flag("16GiB"), "--bandwidth", "10Gbit/s", "--dirty-curve", "curve.csv"];
  }
  return { args, files };
}

/** Every file under `dir` (relative path -> size and mtime), skipping the output folder. */
function snapshot(dir: string, skip: string): Map<string, string> {
  const m = new Map<string, string>();
  const walk = (d: string, rel: string): void => {
    for (const n of readdirSync(d)) {
      const r = rel === "" ? n : `${rel}/${n}`;
      if (r === skip) continue;
      const st = statSync(join(d, n));
      if (st.isDirectory()) walk(join(d, n), r);
      else m.set(r, `${st.size}:${st.mtimeMs}`);
    }
  };
  walk(dir, "");
  return m;
}

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

function run(args: string[], cwd: string): Promise<Outcome> {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: "1", CI: "true" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, CASE_TIMEOUT_MS);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolveRun({ code, stdout, stderr, timedOut });
    });
  });
}

/** What is wrong with one case's outcome, or null. */
function problem(
  o: Outcome,
  before: Map<string, string>,
  after: Map<string, string>,
  cwd: string,
): string | null {
  if (o.code !== 0 && o.code !== 2) return `exit code ${o.code}`;
  const lines = o.stderr.split("\n").filter((l) => l !== "");
  if (o.code === 2 && lines.length !== 1) return `exit 2 with ${lines.length} stderr lines`;
  const stray = lines.find((l) => !l.startsWith("vmotion-sim:"));
  if (stray !== undefined) return `stderr line without the prefix: ${stray.slice(0, 200)}`;
  if (/\n\s+at .+:\d+:\d+|internal error/.test(o.stderr)) return "a stack frame or internal error on stderr";
  if (/\bNaN\b|\bInfinity\b/.test(o.stdout)) return "NaN or Infinity in stdout";
  for (const [k, v] of before) if (after.get(k) !== v) return `input file ${k} changed or removed`;
  for (const k of after.keys()) if (!before.has(k)) return `file ${k} created outside the output folder`;
  const left = readdirSync(cwd).filter((n) => n.startsWith(".out."));
  if (left.length > 0) return `temporary sibling left: ${left.join(", ")}`;
  return null;
}

describe("fuzz: mutated flags and files at every command", () => {
  it(
    `exit 0 or 2, one prefixed line, no stack, no NaN, nothing outside --out touched (seed ${SEED}, ~${SECONDS} s)`,
    async () => {
      const r = rng(SEED);
      const deadline = performance.now() + SECONDS * 1000;
      const counts = { cases: 0, ok: 0, badInput: 0, slow: 0 };
      const byCommand = new Map<string, number>();
      const failures: string[] = [];
      let next = 0;
      const worker = async (): Promise<void> => {
        while (performance.now() < deadline && next < MAX_CASES && failures.length === 0) {
          const id = next++;
          const c = makeCase(r);
          const cwd = join(root, `case-${id}`);
          mkdirSync(cwd);
          for (const [name, data] of Object.entries(c.files)) writeFileSync(join(cwd, name), data);
          const before = snapshot(cwd, "out");
          const o = await run(c.args, cwd);
          counts.cases++;
          byCommand.set(c.args[0] as string, (byCommand.get(c.args[0] as string) ?? 0) + 1);
          if (o.timedOut) {
            counts.slow++;
          } else {
            const p = problem(o, before, snapshot(cwd, "out"), cwd);
            if (p !== null)
              failures.push(
                `case ${id} (seed ${SEED}): ${p}\n  vmotion-sim ${c.args.map((a) => JSON.stringify(a)).join(" ")}\n  stderr: ${o.stderr.slice(0, 600)}\n  files: ${JSON.stringify(Object.fromEntries(Object.entries(c.files).map(([k, v]) => [k, typeof v === "string" ? v.slice(0, 600) : "(gzip)"])))}`,
              );
            else if (o.code === 0) counts.ok++;
            else counts.badInput++;
          }
          rmSync(cwd, { recursive: true, force: true });
        }
      };
      await Promise.all(Array.from({ length: PARALLEL }, worker));
      console.log(
        `fuzz seed ${SEED}: ${counts.cases} cases (${counts.ok} exit 0, ${counts.badInput} exit 2, ${counts.slow} slow) by command ${JSON.stringify(Object.fromEntries(byCommand))}`,
      );
      expect(failures).toEqual([]);
      expect(counts.cases).toBeGreaterThan(10);
    },
    (SECONDS + 60) * 1000,
  );
});
