import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CLI, expectBadInput, runCli } from "./run-cli.js";

const root = mkdtempSync(join(tmpdir(), "sweep-cli-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  const p = join(root, name);
  writeFileSync(p, text);
  return p;
};

describe("vmotion-sim sweep FILE --out DIR", () => {
  it("prints the planned count, writes results, summary and manifest", () => {
    const out = join(root, "inv");
    const r = runCli([
      "sweep",
      "reports/sweeps/vm-inventory.yaml",
      "--out",
      out,
      "--workers",
      "2",
      "--format",
      "csv,ndjson",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toMatch(
      // 24 scenarios are one task (4096 a task): one worker starts, whatever --workers asks for.
      /^sweep vm-inventory: 24 scenarios \(24 grid points x 1 sample\), 1 worker /,
    );
    expect(r.stdout).toMatch(/web-01 \/ routed-lan \/ 500ms/);
    expect(readdirSync(out).sort()).toEqual([
      "manifest.json",
      "results.csv",
      "results.ndjson",
      "summary.json",
    ]);
    expect(readFileSync(join(out, "results.csv"), "utf8").trim().split("\n").length).toBe(25);
  });

  it("prints nothing with --quiet, and writes traces with --traces", () => {
    const out = join(root, "quiet");
    const r = runCli([
      "sweep",
      "reports/sweeps/vm-inventory.yaml",
      "--out",
      out,
      "--quiet",
      "--traces",
      "--workers",
      "1",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("");
    const traces = readFileSync(join(out, "traces.csv"), "utf8").split("\n");
    expect(traces[0]).toBe("index,iteration,bytes,durationSec,dirtiedBytes,throttle");
  });

  it.each([
    [
      "an unknown field",
      "base: { memory: 8GiB, bandwidth: 1Gbit/s, colour: red }\naxes: [{ key: dirtyRate, values: [1MiB/s] }]\n",
      "base.colour",
    ],
    [
      "a wrong unit",
      "base: { memory: 8GiB, bandwidth: 1Gbit/s }\naxes: [{ key: dirtyRate, values: [1MiB/s, fast] }]\n",
      "axes[0].values[1]",
    ],
    [
      "an empty axis",
      "base: { memory: 8GiB, bandwidth: 1Gbit/s }\naxes: [{ key: dirtyRate, values: [] }]\n",
      "axes[0].values",
    ],
    ["a YAML syntax error", "base: { memory: 8GiB\naxes: [\n", "bad.yaml:"],
  ])("exits 2 for %s, names the place, and leaves no directory", (_what, text, where) => {
    const out = join(root, "never");
    const r = runCli(["sweep", file("bad.yaml", text), "--out", out]);
    const line = expectBadInput(r);
    expect(line).toContain(where);
    expect(existsSync(out)).toBe(false);
  });

  it("needs --force above 100 million scenarios", () => {
    const big = file(
      "big.yaml",
      "base: { memory: 8GiB, bandwidth: 1Gbit/s }\naxes:\n  - { key: dirtyRate, range: { from: 1MiB/s, to: 1GiB/s, count: 1000 } }\n  - { key: rtt, range: { from: 1ms, to: 100ms, count: 1000 } }\n  - { key: vcpus, range: { from: 1, to: 101, count: 101 } }\n",
    );
    const out = join(root, "big");
    const r = runCli(["sweep", big, "--out", out]);
    expect(expectBadInput(r)).toMatch(
      /plans 101,000,000 scenarios, above the limit of 100,000,000: add --force/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it("rejects an unknown --format", () => {
    expectBadInput(
      runCli(["sweep", "reports/sweeps/vm-inventory.yaml", "--out", join(root, "f"), "--format", "xlsx"]),
    );
  });

  it("stops cleanly on SIGINT: exits 130, one line, manifest says interrupted, no partial files", async () => {
    const big = file(
      "long.yaml",
      "base: { memory: 8GiB, bandwidth: 10Gbit/s }\naxes:\n  - { key: dirtyRate, range: { from: 1MiB/s, to: 1GiB/s, count: 5000 } }\n  - { key: rtt, range: { from: 1ms, to: 100ms, count: 2000 } }\n",
    );
    const out = join(root, "sigint");
    const child = spawn(process.execPath, [CLI, "sweep", big, "--out", out, "--workers", "2"], {
      stdio: "pipe",
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    // Interrupt once the plan line is out and the manifest is not yet there (the run takes minutes).
    await new Promise<void>((resolve) =>
      child.stdout.on("data", (d: Buffer) => {
        if (d.toString().includes("10,000,000 scenarios")) resolve();
      }),
    );
    await new Promise((r) => setTimeout(r, 500));
    child.kill("SIGINT");
    const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
    expect(code).toBe(130);
    expect(stderr).toMatch(
      /^vmotion-sim: interrupted by SIGINT after [\d,]+ of 10,000,000 scenarios[^\n]*\n$/,
    );
    expect(readdirSync(out)).toEqual(["manifest.json"]);
    expect(JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"))).toMatchObject({
      status: "interrupted",
    });
  });
});

describe("vmotion-sim sweep with a bad segment list", () => {
  // Issue 14: a segment list with a negative rate, an MTU outside 576..9216 or loss >= 1 is one
  // line naming base.segments[i].key and exit 2, and no output folder.
  for (const [segment, field, got] of [
    ["{ link: -5Gbit/s }", "base.segments[1].link", '"-5Gbit/s"'],
    ["{ link: 10Gbit/s, mtu: 575 }", "base.segments[1].mtu", "575"],
    ["{ link: 10Gbit/s, mtu: 9217 }", "base.segments[1].mtu", "9217"],
    ["{ link: 10Gbit/s, loss: 1 }", "base.segments[1].loss", "1"],
  ] as const)
    it(`${segment} exits 2 naming ${field}`, () => {
      const name = `bad-segment-${segment.replace(/\W+/g, "-")}`;
      const out = join(root, name);
      const p = file(
        `${name}.yaml`,
        `base:\n  memory: 8GiB\n  dirtyRate: 10MiB/s\n  segments:\n    - { link: 10Gbit/s }\n    - ${segment}\naxes:\n  - { key: hops, values: [0, 1] }\n`,
      );
      const line = expectBadInput(runCli(["sweep", p, "--out", out]));
      expect(line.startsWith(`vmotion-sim: ${field}: expected `)).toBe(true);
      expect(line.endsWith(`(got ${got})`)).toBe(true);
      expect(existsSync(out)).toBe(false);
    });
});

describe("vmotion-sim sweep over vmknics on one NIC (KB 323379)", () => {
  it("vmknics 1, 2, 3 on one 40 GbE NIC (vSphere 6.7, MTU 1500) carry 18, 30 and 37.66 Gbit/s", () => {
    const out = join(root, "vmknics");
    const p = file(
      "vmknics.yaml",
      "name: kb323379\nbase: { memory: 64GiB, dirtyRate: 400MiB/s, vsphere: 6.7, routing: same-subnet, uplink: 40Gbit/s, mtu: 1500, vmotionNics: 1 }\naxes:\n  - { key: vmknics, values: [1, 2, 3] }\n",
    );
    expect(runCli(["sweep", p, "--out", out, "--format", "csv", "--workers", "1", "--quiet"]).code).toBe(0);
    const [head, ...rows] = readFileSync(join(out, "results.csv"), "utf8").trim().split("\n");
    const col = (head ?? "").split(",").indexOf("pathThroughputBytesPerSec");
    const gbit = rows.map((r) => (Number(r.split(",")[col]) * 8) / 1e9);
    // max(18, 15 x n) Gbit/s of stream CPU against 40 x 1448/1538 = 37.66 Gbit/s of link.
    expect(gbit[0]).toBeCloseTo(18, 9);
    expect(gbit[1]).toBeCloseTo(30, 9);
    expect(gbit[2]).toBeCloseTo((40 * 1448) / 1538, 9);
  });
});
