import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { missingWords } from "../../src/cli/commands/summarize.js";
import { shardWords } from "../../src/cli/commands/sweep.js";
import { expectBadInput, runCli } from "./run-cli.js";

/** 6 scenarios, no name (the plan line then names the file). */
const SWEEP = `base: { memory: 8GiB, bandwidth: 10Gbit/s }
axes:
  - key: dirtyRate
    values: [10MiB/s, 50MiB/s, 100MiB/s, 200MiB/s, 400MiB/s, 800MiB/s]
`;

/** A folder with the sweep file and shards 1 and 3 of 3 (scenarios 0..1 and 4..5) in ds/. */
function twoOfThreeShards(): string {
  const dir = mkdtempSync(join(tmpdir(), "vms-summarize-"));
  writeFileSync(join(dir, "six.yaml"), SWEEP);
  for (const k of [1, 3]) {
    const r = runCli(
      [
        "sweep",
        "six.yaml",
        "--shard",
        `${k}/3`,
        "--out",
        "ds",
        "--format",
        "parquet",
        "--workers",
        "0",
        "--quiet",
      ],
      { cwd: dir },
    );
    expect(r.code, r.stderr).toBe(0);
  }
  return dir;
}

describe("vmotion-sim summarize", () => {
  const dir = twoOfThreeShards();

  it("on stdout says on stderr how many of the sweep's scenarios are missing", () => {
    const r = runCli(["summarize", "ds"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ scenarios: 4 });
    expect(r.stderr).toBe(
      "vmotion-sim: summarize: 2 of the sweep's 6 scenarios are missing (read 4 from 2 files); each group is summarised over the rows present\n",
    );
  });

  it("--out FILE leaves a user's FILE.partial alone (it used to be the temporary file)", () => {
    writeFileSync(join(dir, "s.json.partial"), "mine\n");
    const r = runCli(["summarize", "ds", "--out", "s.json"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("wrote s.json: 4 of 6 scenarios from 2 files (2 missing;");
    expect(readFileSync(join(dir, "s.json.partial"), "utf8")).toBe("mine\n");
    expect(JSON.parse(readFileSync(join(dir, "s.json"), "utf8"))).toMatchObject({ scenarios: 4 });
  });

  it("--out naming a folder is one line and exit 2, with or without --force (was an internal error)", () => {
    mkdirSync(join(dir, "folder"));
    for (const force of [[], ["--force"]]) {
      const line = expectBadInput(runCli(["summarize", "ds", "--out", "folder", ...force], { cwd: dir }));
      expect(line).toBe('vmotion-sim: --out: "folder" is a folder: name the summary file to write');
    }
  });

  it("--out naming a result file it reads is refused, even with --force (it became JSON)", () => {
    const results = "ds/shard=1/results-1-of-3.parquet";
    const before = readFileSync(join(dir, results));
    const line = expectBadInput(runCli(["summarize", "ds", "--out", results, "--force"], { cwd: dir }));
    expect(line).toBe(`vmotion-sim: --out: "${results}" is one of the result files read: name another file`);
    expect(readFileSync(join(dir, results)).equals(before)).toBe(true);
  });

  it("--out in a missing folder is one line and exit 2", () => {
    const line = expectBadInput(runCli(["summarize", "ds", "--out", "nowhere/s.json"], { cwd: dir }));
    expect(line).toMatch(/^vmotion-sim: --out: cannot write "nowhere\/s\.json": no such file or folder/);
  });
});

describe("missingWords(result)", () => {
  it("is null when the files hold every scenario, and counts one missing in the singular", () => {
    expect(missingWords({ scenarios: 6, total: 6, files: ["a", "b"] })).toBeNull();
    expect(missingWords({ scenarios: 5, total: 6, files: ["a"] })).toBe(
      "1 of the sweep's 6 scenarios is missing (read 5 from 1 file); each group is summarised over the rows present",
    );
  });
});

describe("shardWords(shard, first, count, sweepTotal)", () => {
  it("names the shard's scenarios, and says so when a shard has none (was 'scenarios 0..-1')", () => {
    expect(shardWords({ index: 2, count: 8 }, 3, 3, 24)).toBe("shard 2 of 8: scenarios 3..5");
    expect(shardWords({ index: 50, count: 100 }, 11, 1, 24)).toBe("shard 50 of 100: scenario 11");
    expect(shardWords({ index: 1, count: 100 }, 0, 0, 24)).toBe(
      "shard 1 of 100: no scenarios (24 scenarios in 100 shards)",
    );
  });

  it("the sweep's plan line uses them, and names a sweep without a name by its file", () => {
    const d = mkdtempSync(join(tmpdir(), "vms-shard-words-"));
    writeFileSync(join(d, "six.yaml"), SWEEP);
    const r = runCli(["sweep", "six.yaml", "--shard", "1/10", "--out", "ds", "--workers", "0"], { cwd: d });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(
      /^sweep six\.yaml: 6 scenarios \(6 grid points x 1 sample\), shard 1 of 10: no scenarios \(6 scenarios in 10 shards\), in-process -> /,
    );
    // No table of zero groups: the plan line, then what was written.
    expect(lines[1]).toMatch(/^wrote ds\/shard=1\//);
  });
});
