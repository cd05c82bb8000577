import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asyncBufferFromFile, parquetReadObjects } from "hyparquet";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseShard, shardRange } from "../../src/sweep/shard.js";
import { CLI, expectBadInput, runCli } from "../cli/run-cli.js";

/** A Monte Carlo sweep over a grid: 6 groups of 37 samples, split by 3 shards inside groups. */
const SWEEP = `name: shard-test
base: { memory: 16GiB, bandwidth: 10Gbit/s, policy: vmotion }
samples: 37
seed: 7
axes:
  - key: memory
    values: [8GiB, 32GiB, 64GiB]
  - key: bandwidth
    values: [1Gbit/s, 10Gbit/s]
  - key: dirtyRate
    distribution: { kind: lognormal, median: 200MiB/s, sigma: 0.6 }
`;

/** Run the CLI as its own process, asynchronously (so several run at once). */
function cli(args: readonly string[], cwd: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    p.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    p.on("close", (code) => resolve({ code, stderr }));
  });
}

async function rows(path: string): Promise<Record<string, unknown>[]> {
  return parquetReadObjects({ file: await asyncBufferFromFile(path) });
}

describe("sweep --shard K/N and summarize", () => {
  it("3 shards as separate processes: their union is the unsharded sweep row for row, and summarize gives its summary.json", async () => {
    const dir = mkdtempSync(join(tmpdir(), "vms-shard-"));
    writeFileSync(join(dir, "mc.yaml"), SWEEP);
    const common = ["--format", "parquet", "--workers", "0", "--quiet"];
    const runs = await Promise.all([
      ...[1, 2, 3].map((k) => cli(["sweep", "mc.yaml", "--shard", `${k}/3`, "--out", "ds", ...common], dir)),
      cli(["sweep", "mc.yaml", "--out", "whole", ...common], dir),
    ]);
    for (const r of runs) expect(r.stderr).toBe("");
    const whole = await rows(join(dir, "whole", "results.parquet"));
    const shards = await Promise.all(
      [1, 2, 3].map((k) => rows(join(dir, "ds", `shard=${k}`, `results-${k}-of-3.parquet`))),
    );
    expect(shards.map((s) => s.length)).toEqual([74, 74, 74]);
    const union = shards.flat().sort((a, b) => Number(a.index) - Number(b.index));
    expect(union).toEqual(whole);

    const s = runCli(["summarize", join(dir, "ds"), "--out", join(dir, "summary.json")]);
    expect(s.stderr).toBe("");
    expect(s.stdout).toContain("wrote");
    expect(s.stdout).toContain("222 of 222 scenarios from 3 files");
    expect(readFileSync(join(dir, "summary.json"), "utf8")).toBe(
      readFileSync(join(dir, "whole", "summary.json"), "utf8"),
    );
    // Any set of result files: the unsharded file alone gives the same summary on stdout.
    const one = runCli(["summarize", join(dir, "whole", "results.parquet")]);
    expect(one.stdout).toBe(readFileSync(join(dir, "whole", "summary.json"), "utf8"));

    // The same shard twice is refused, naming the overlap.
    cpSync(join(dir, "ds", "shard=2"), join(dir, "copy", "shard=2"), { recursive: true });
    const twice = expectBadInput(runCli(["summarize", join(dir, "ds"), join(dir, "copy")]));
    expect(twice).toMatch(/scenarios 74\.\.147 are also in/);
  }, 60_000);

  it("--shard with a bad K/N exits 2 naming the flag", () => {
    for (const bad of ["0/3", "4/3", "2", "a/b", "1/0"]) {
      const line = expectBadInput(runCli(["sweep", "x.yaml", "--out", "o", "--shard", bad]));
      expect(line).toMatch(/^vmotion-sim: --shard: expected K\/N/);
    }
  });
});

describe("shardRange(total, {index, count})", () => {
  it("the N ranges tile [0, total) in order, each within one of total / N (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 1, max: 1000 }), (total, count) => {
        let next = 0;
        const bad: string[] = [];
        for (let index = 1; index <= count; index++) {
          const { first, end } = shardRange(total, { index, count });
          const n = end - first;
          if (first !== next || n < Math.floor(total / count) || n > Math.ceil(total / count))
            bad.push(`${index}/${count}: [${first}, ${end})`);
          next = end;
        }
        expect(bad).toEqual([]);
        expect(next).toBe(total);
      }),
      { numRuns: 200 },
    );
  });

  it("parseShard('2/8') is shard 2 of 8", () => {
    expect(parseShard("2/8")).toEqual({ index: 2, count: 8 });
  });
});
