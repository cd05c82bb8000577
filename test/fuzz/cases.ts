import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";

/**
 * The fuzzer's case generator (`cli-fuzz.test.ts`): seeded, so a case is replayed from its seed
 * and index (`FUZZ_SEED=7 FUZZ_KEEP=/tmp/fuzz npx vitest run test/fuzz` keeps failing cases' files).
 */
/** mulberry32: a small seeded generator (test-only; the core uses its own counter-based one). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = () => number;
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
  // The range/distribution grammar of estimate, compare and solve (src/input/uncertain.ts).
  "1MiB/s..1e309MiB/s",
  "..",
  "lognormal:400MiB/s,1e309",
  "normal:0s,1s",
  "triangular:1ms,1ms,1ms",
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

export interface Case {
  readonly args: string[];
  readonly files: Record<string, string | Uint8Array>;
}

/** One random case: a command, its flags (some mutated) and its input files (some mutated). */
export function makeCase(r: Rand): Case {
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
