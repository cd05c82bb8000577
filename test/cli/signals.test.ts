import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CLI, runCli } from "./run-cli.js";

/**
 * Signals (issue 13, defect 7): SIGINT and SIGTERM stop every command the same way (one line,
 * exit 130/143, manifest `interrupted`, no partial outputs), in-process too; SIGKILL leaves the
 * previous run or nothing, and the next run cleans up.
 */
const root = mkdtempSync(join(tmpdir(), "vmotion-sig-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** 10 million scenarios: minutes of work, so a signal always lands mid-run. */
const LONG = join(root, "long.yaml");
writeFileSync(
  LONG,
  "base: { memory: 8GiB, bandwidth: 10Gbit/s }\naxes:\n  - { key: dirtyRate, range: { from: 1MiB/s, to: 1GiB/s, count: 5000 } }\n  - { key: rtt, range: { from: 1ms, to: 100ms, count: 2000 } }\n",
);
/** Eight report sections of 200,000 QEMU scenarios each: seconds of CPU, so a signal lands mid-report. */
const LONG_REPORT = join(root, "long-report.yaml");
writeFileSync(
  LONG_REPORT,
  "title: Long report\nsections:\n" +
    Array.from(
      { length: 8 },
      (_, i) =>
        `  - title: Part ${i}\n    sweep:\n      name: part${i}\n      base: { memory: 8GiB, policy: qemu, bandwidth: 10Gbit/s, autoConverge: true }\n      axes:\n        - { key: dirtyRate, range: { from: 1MiB/s, to: 2GiB/s, count: 400 } }\n        - { key: rtt, range: { from: 1ms, to: 100ms, count: 500 } }\n`,
    ).join(""),
);
const SMALL = join(root, "small.yaml");
writeFileSync(
  SMALL,
  "base: { memory: 8GiB, bandwidth: 10Gbit/s }\naxes:\n  - { key: dirtyRate, values: [1MiB/s, 2MiB/s] }\n",
);

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Start the CLI, wait until stdout shows `ready` (and `delayMs` more), send `signal`, wait for the exit. */
async function interrupt(
  args: string[],
  ready: RegExp | null,
  signal: NodeJS.Signals,
  delayMs = 300,
): Promise<Ended> {
  const child: ChildProcess = spawn(process.execPath, [CLI, ...args], { stdio: "pipe" });
  let stderr = "";
  let stdout = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<Ended>((resolve) =>
    child.on("exit", (code, sig) => resolve({ code, signal: sig, stderr })),
  );
  await new Promise<void>((resolve) => {
    if (ready === null) resolve();
    child.stdout?.on("data", (d: Buffer) => {
      stdout += d.toString();
      if (ready?.test(stdout) === true) resolve();
    });
  });
  await new Promise((r) => setTimeout(r, delayMs));
  child.kill(signal);
  return exited;
}

const siblings = (name: string): string[] => readdirSync(root).filter((n) => n.startsWith(`.${name}.`));
const PLAN_LINE = /10,?000,?000 scenarios/;

describe("SIGINT and SIGTERM", () => {
  it.each([
    ["SIGTERM", "2", 143],
    ["SIGINT", "0", 130],
    ["SIGTERM", "0", 143],
  ] as const)(
    "%s on a sweep with --workers %s: exit %i, one line, only an interrupted manifest",
    async (sig, workers, code) => {
      const out = join(root, `sig-${sig}-${workers}`);
      const r = await interrupt(
        ["sweep", LONG, "--out", out, "--workers", workers, "--format", "csv,parquet"],
        PLAN_LINE,
        sig,
      );
      expect(r.code).toBe(code);
      expect(r.stderr).toMatch(
        new RegExp(`^vmotion-sim: interrupted by ${sig} after [\\d,]+ of 10,?000,?000 scenarios[^\\n]*\\n$`),
      );
      expect(readdirSync(out)).toEqual(["manifest.json"]);
      expect(JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"))).toMatchObject({
        tool: "vmotion-sim",
        status: "interrupted",
        files: [],
      });
      expect(siblings(`sig-${sig}-${workers}`)).toEqual([]);
    },
  );

  it("SIGTERM on a sweep into a folder with a complete run leaves that run untouched", async () => {
    const out = join(root, "keep");
    expect(runCli(["sweep", SMALL, "--out", out, "--quiet"]).code).toBe(0);
    const before = readFileSync(join(out, "results.csv"), "utf8");
    const r = await interrupt(["sweep", LONG, "--out", out, "--workers", "1"], PLAN_LINE, "SIGTERM");
    expect(r.code).toBe(143);
    expect(r.stderr).toMatch(/still holds the previous complete run/);
    expect(readFileSync(join(out, "results.csv"), "utf8")).toBe(before);
    expect(readdirSync(out).sort()).toEqual(["manifest.json", "results.csv", "summary.json"]);
    expect(siblings("keep")).toEqual([]);
  });

  it("SIGTERM on report: exit 143, one line, no report written", async () => {
    const out = join(root, "report-term");
    const r = await interrupt(["report", LONG_REPORT, "--out", out], null, "SIGTERM", 2000);
    expect(r.code).toBe(143);
    expect(r.stderr).toMatch(/^vmotion-sim: interrupted by SIGTERM[^\n]*\n$/);
    expect(existsSync(out) ? readdirSync(out) : []).not.toContain("index.html");
    expect(siblings("report-term")).toEqual([]);
  }, 30_000);
});

describe("SIGKILL mid-sweep", () => {
  it("leaves the previous complete run (or nothing), and the next run cleans up", async () => {
    const out = join(root, "killed");
    const fresh = await interrupt(["sweep", LONG, "--out", out, "--workers", "1"], PLAN_LINE, "SIGKILL");
    expect(fresh.signal).toBe("SIGKILL");
    expect(existsSync(out)).toBe(false);
    expect(siblings("killed")).toHaveLength(1); // the incomplete sibling, named so

    expect(runCli(["sweep", SMALL, "--out", out, "--quiet"]).code).toBe(0);
    expect(siblings("killed")).toEqual([]);
    const files = readdirSync(out).sort();
    const results = readFileSync(join(out, "results.csv"), "utf8");

    const again = await interrupt(
      ["sweep", LONG, "--out", out, "--workers", "1", "--format", "csv,parquet"],
      PLAN_LINE,
      "SIGKILL",
    );
    expect(again.signal).toBe("SIGKILL");
    expect(readdirSync(out).sort()).toEqual(files);
    expect(readFileSync(join(out, "results.csv"), "utf8")).toBe(results);
    expect(siblings("killed")[0]).toMatch(/^\.killed\.vmotion-sim-incomplete-\d+$/);

    expect(runCli(["sweep", SMALL, "--out", out, "--quiet", "--format", "ndjson"]).code).toBe(0);
    expect(siblings("killed")).toEqual([]);
    expect(readdirSync(out).sort()).toEqual(["manifest.json", "results.ndjson", "summary.json"]);
  }, 60_000);
});
