import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { expectBadInput, runCli } from "./run-cli.js";

/**
 * Output folders (issue 13, defects 1-3): a folder is replaced only when vmotion-sim wrote it,
 * holds one run's files, and a bad output path is one line and exit 2.
 */
const root = mkdtempSync(join(tmpdir(), "vmotion-out-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const REPORT = `title: Small
sections:
  - title: Times
    sweep: small.yaml
    charts: [{ kind: migration-time }]
`;
const SWEEP = `base: { memory: 8GiB, bandwidth: 10Gbit/s }
axes:
  - { key: dirtyRate, values: [100MiB/s, 400MiB/s] }
`;
const SWEEP_FILE = resolve("reports/sweeps/vm-inventory.yaml");

/** A folder the user owns: a report file, its sweep, a note and a subfolder. */
function userFolder(name: string): string {
  const d = join(root, name);
  mkdirSync(join(d, "sub"), { recursive: true });
  writeFileSync(join(d, "r.yaml"), REPORT);
  writeFileSync(join(d, "small.yaml"), SWEEP);
  writeFileSync(join(d, "important.txt"), "keep me\n");
  writeFileSync(join(d, "sub", "notes.md"), "mine\n");
  return d;
}

const listing = (d: string): string[] => readdirSync(d).sort();

describe("report --out: never deletes what is there", () => {
  it("refuses --out . in a folder of the user's files (exit 2), and deletes nothing", () => {
    const d = userFolder("dot");
    const line = expectBadInput(runCli(["report", "r.yaml", "--out", "."], { cwd: d }));
    expect(line).toMatch(
      /^vmotion-sim: --out: "." holds files not written by vmotion-sim \(important.txt, r.yaml/,
    );
    expect(listing(d)).toEqual(["important.txt", "r.yaml", "small.yaml", "sub"]);
    expect(readdirSync(join(root))).not.toContainEqual(expect.stringMatching(/vmotion-sim-incomplete/));
  });

  it("with --force writes beside the user's files and keeps every one of them", () => {
    const d = userFolder("forced");
    const r = runCli(["report", "r.yaml", "--out", ".", "--force"], { cwd: d });
    expect(r.code).toBe(0);
    expect(readFileSync(join(d, "important.txt"), "utf8")).toBe("keep me\n");
    expect(readFileSync(join(d, "sub", "notes.md"), "utf8")).toBe("mine\n");
    expect(readFileSync(join(d, "r.yaml"), "utf8")).toBe(REPORT);
    expect(listing(d)).toContain("index.md");
    const manifest = JSON.parse(readFileSync(join(d, "manifest.json"), "utf8")) as { files: string[] };
    expect(manifest.files).not.toContain("important.txt");
    // A second forced run replaces only the files the manifest lists.
    expect(runCli(["report", "r.yaml", "--out", ".", "--force"], { cwd: d }).code).toBe(0);
    expect(readFileSync(join(d, "important.txt"), "utf8")).toBe("keep me\n");
  });

  it("refuses an existing file as --out, even with --force, and leaves it a file", () => {
    const d = userFolder("file");
    for (const extra of [[], ["--force"]]) {
      const line = expectBadInput(
        runCli(["report", "r.yaml", "--out", "important.txt", ...extra], { cwd: d }),
      );
      expect(line).toMatch(/"important.txt" is an existing file, not a folder/);
      expect(statSync(join(d, "important.txt")).isFile()).toBe(true);
    }
  });

  it("replaces its own earlier report, and refuses once the user added a file to it", () => {
    const d = userFolder("own");
    expect(runCli(["report", "r.yaml", "--out", "out"], { cwd: d }).code).toBe(0);
    expect(runCli(["report", "r.yaml", "--out", "out"], { cwd: d }).code).toBe(0);
    writeFileSync(join(d, "out", "mine.txt"), "x");
    const line = expectBadInput(runCli(["report", "r.yaml", "--out", "out"], { cwd: d }));
    expect(line).toMatch(/files its manifest.json does not list \(mine.txt\)/);
    expect(existsSync(join(d, "out", "mine.txt"))).toBe(true);
  });
});

describe("sweep --out: one run per folder", () => {
  it("a csv-only sweep into a folder of an all-formats sweep leaves only its own files", () => {
    const out = join(root, "mixed");
    const all = runCli([
      "sweep",
      SWEEP_FILE,
      "--out",
      out,
      "--format",
      "csv,ndjson,parquet",
      "--traces",
      "--quiet",
    ]);
    expect(all.code).toBe(0);
    expect(listing(out)).toContain("traces.parquet");
    expect(runCli(["sweep", SWEEP_FILE, "--out", out, "--quiet"]).code).toBe(0);
    expect(listing(out)).toEqual(["manifest.json", "results.csv", "summary.json"]);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as Record<string, unknown>;
    expect(manifest).toMatchObject({ tool: "vmotion-sim", command: "sweep", status: "complete" });
  });

  it("a sweep that fails on bad input leaves an earlier complete run untouched", () => {
    const out = join(root, "keep");
    expect(runCli(["sweep", SWEEP_FILE, "--out", out, "--quiet"]).code).toBe(0);
    const before = readFileSync(join(out, "results.csv"), "utf8");
    const bad = join(root, "bad-combo.yaml");
    // Each value is valid next to the other axis' first value; memory 4GiB with wss 8GiB is not.
    writeFileSync(
      bad,
      "base: { bandwidth: 10Gbit/s, dirtyRate: 100MiB/s }\naxes:\n  - { key: memory, values: [16GiB, 4GiB] }\n  - { key: wss, values: [1GiB, 8GiB] }\n",
    );
    expectBadInput(runCli(["sweep", bad, "--out", out, "--quiet"]));
    expect(readFileSync(join(out, "results.csv"), "utf8")).toBe(before);
    expect(JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"))).toMatchObject({
      status: "complete",
    });
  });

  it("cleans up the temporary sibling a killed run left, and puts back a run killed mid-swap", () => {
    const out = join(root, "stale");
    const dead = 2 ** 22 + 12345; // above Linux's pid_max default: no such process
    mkdirSync(join(root, `.stale.vmotion-sim-incomplete-${dead}`));
    writeFileSync(join(root, `.stale.vmotion-sim-incomplete-${dead}`, "results.csv"), "partial");
    expect(runCli(["sweep", SWEEP_FILE, "--out", out, "--quiet"]).code).toBe(0);
    expect(readdirSync(root).filter((n) => n.startsWith(".stale."))).toEqual([]);
    // Killed between its two renames: the folder is missing, the previous run is in a sibling.
    const prev = join(root, `.stale.vmotion-sim-replaced-${dead}`);
    rmSync(prev, { recursive: true, force: true });
    renameSync(out, prev);
    expect(runCli(["sweep", SWEEP_FILE, "--out", out, "--quiet", "--format", "ndjson"]).code).toBe(0);
    expect(listing(out)).toEqual(["manifest.json", "results.ndjson", "summary.json"]);
    expect(readdirSync(root).filter((n) => n.startsWith(".stale."))).toEqual([]);
  });
});

describe("bad output paths: one line, exit 2, no stack trace", () => {
  const existing = join(root, "a-file.txt");
  writeFileSync(existing, "data\n");
  it.each([
    [
      "sweep into an existing file",
      ["sweep", SWEEP_FILE, "--out", existing],
      /is an existing file, not a folder/,
    ],
    [
      "sweep below an existing file",
      ["sweep", SWEEP_FILE, "--out", join(existing, "x")],
      /is a file, not a folder/,
    ],
    ["sweep into /sys/x", ["sweep", SWEEP_FILE, "--out", "/sys/x"], /cannot write into "\/sys": /],
    [
      "sweep into /proc/nope (no mkdir loop)",
      ["sweep", SWEEP_FILE, "--out", "/proc/nope/x"],
      /cannot create "\/proc\/nope"/,
    ],
    [
      "report into /sys/x",
      ["report", "reports/routed-vmotion.yaml", "--out", "/sys/x"],
      /cannot write into "\/sys"/,
    ],
    [
      "evacuate --out an existing file",
      [
        "evacuate",
        "--inventory",
        "reports/inventories/host-esx01.csv",
        "--bandwidth",
        "10Gbit/s",
        "--out",
        existing,
      ],
      /is an existing file, not a folder/,
    ],
  ])("%s", (_what, args, message) => {
    const line = expectBadInput(runCli(args));
    expect(line).toMatch(/^vmotion-sim: --out: /);
    expect(line).toMatch(message);
    expect(readFileSync(existing, "utf8")).toBe("data\n");
  });
});

describe("evacuate --out", () => {
  it("writes its files and a manifest, and replaces only its own folder", () => {
    const out = join(root, "evac");
    const args = [
      "evacuate",
      "--inventory",
      "reports/inventories/host-esx01.csv",
      "--bandwidth",
      "10Gbit/s",
      "--out",
      out,
    ];
    expect(runCli(args).code).toBe(0);
    expect(listing(out)).toEqual([
      "evacuation-timeline.png",
      "evacuation-timeline.svg",
      "evacuation-timeline.vl.json",
      "evacuation.csv",
      "evacuation.json",
      "manifest.json",
    ]);
    expect(runCli(args).code).toBe(0);
    writeFileSync(join(out, "x.txt"), "x");
    expectBadInput(runCli(args));
  });
});
