import { describe, expect, it } from "vitest";
import { expectBadInput, runCli } from "./run-cli.js";

const VM = ["--memory", "64GiB", "--dirty-rate", "400MiB/s"];

interface Column {
  preset: string;
  path: {
    rttSec: number;
    pathMtuBytes: number;
    throughputBytesPerSec: number;
    binding: string;
    warnings: string[];
  };
  result: { outcome: string; totalTimeSec: number; throughputBytesPerSec: number };
}

describe("vmotion-sim compare", () => {
  it("prints the four paths side by side, then the change against same-l2 in words", () => {
    const r = runCli(["compare", ...VM]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const header = r.stdout.split("\n")[0] ?? "";
    expect(header.trim().split(/\s+/)).toEqual(["same-l2", "routed-lan", "metro", "wan"]);
    for (const row of [
      "RTT",
      "path MTU (bytes)",
      "throughput",
      "bound by",
      "iterations",
      "pre-copy",
      "stun",
      "total",
      "verdict",
    ])
      expect(r.stdout).toMatch(new RegExp(`^${row.replace(/[()]/g, "\\$&")}\\s`, "m"));
    // Same-L2 at MTU 9000 vs routed LAN at 1500, both link-bound on 10 GbE: 1 - (1448/1538)/(8948/9038) = 4.9 %.
    expect(r.stdout).toMatch(/^ {2}routed-lan: \+2 hops, MTU 1500: 5 % less throughput, \d+ % longer$/m);
    expect(r.stdout).toMatch(/^ {2}wan: \+6 hops, MTU 1500, 2500 km, loss 1e-5: \d+ % less throughput, /m);
    expect(r.stdout).toContain("wan: achieved");
  });

  it("--json prints one { preset, path, result } per path, throughput never rising from same-l2 to wan", () => {
    const r = runCli(["compare", ...VM, "--json"]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/NaN|Infinity/);
    const cols = JSON.parse(r.stdout) as Column[];
    expect(cols.map((c) => c.preset)).toEqual(["same-l2", "routed-lan", "metro", "wan"]);
    for (let i = 1; i < cols.length; i++) {
      const prev = cols[i - 1] as Column;
      const cur = cols[i] as Column;
      expect(cur.path.throughputBytesPerSec).toBeLessThanOrEqual(prev.path.throughputBytesPerSec);
      expect(cur.result.totalTimeSec).toBeGreaterThanOrEqual(prev.result.totalTimeSec);
    }
    // No --bandwidth: the core runs at the path's throughput.
    for (const c of cols) expect(c.result.throughputBytesPerSec).toBe(c.path.throughputBytesPerSec);
    expect(cols[0]?.path.pathMtuBytes).toBe(9000);
    expect(cols[3]?.path.binding).toBe("loss");
  });

  it("--presets picks the columns and path overrides apply to every one", () => {
    const r = runCli(["compare", ...VM, "--presets", "same-l2,same-l2-25g", "--hops", "1", "--json"]);
    expect(r.code).toBe(0);
    const cols = JSON.parse(r.stdout) as Column[];
    expect(cols.map((c) => c.preset)).toEqual(["same-l2", "same-l2-25g"]);
    // One 50 us hop adds 100 us of RTT to the ~0.2 ms of same-l2.
    for (const c of cols) expect(c.path.rttSec).toBeGreaterThan(0.29e-3);
  });

  it("an unknown preset exits 2 naming --presets", () => {
    expect(expectBadInput(runCli(["compare", ...VM, "--presets", "same-l2,moon"]))).toMatch(
      /^vmotion-sim: --presets: /,
    );
  });

  it("a bad path value exits 2 naming the flag", () => {
    expect(expectBadInput(runCli(["compare", ...VM, "--hops", "-1"]))).toMatch(/^vmotion-sim: --hops: /);
    expect(expectBadInput(runCli(["compare", ...VM, "--loss", "1"]))).toMatch(/^vmotion-sim: --loss: /);
    expect(expectBadInput(runCli(["compare", ...VM, "--mtu", "9217"]))).toMatch(/^vmotion-sim: --mtu: /);
  });
});

describe("vmotion-sim estimate with a network path", () => {
  it("--preset wan --json adds a path object with every bound, and the core uses its RTT", () => {
    const r = runCli(["estimate", ...VM, "--preset", "wan", "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { path: Record<string, unknown> & { bounds: Record<string, unknown> } };
    expect(j.path.binding).toBe("loss");
    expect(Object.keys(j.path.bounds).sort()).toEqual([
      "capBytesPerSec",
      "cpuBytesPerSec",
      "linkBytesPerSec",
      "lossBytesPerSec",
      "windowBytesPerSec",
    ]);
    expect(j.path.warnings).toHaveLength(1);
  });

  it("--bandwidth overrides the path throughput (binding given) and the text shows the path", () => {
    const r = runCli(["estimate", ...VM, "--preset", "metro", "--bandwidth", "1Gbit/s", "--json"]);
    const j = JSON.parse(r.stdout) as { throughputBytesPerSec: number; binding: string };
    expect(j.throughputBytesPerSec).toBe(125e6);
    expect(j.binding).toBe("given");
    const t = runCli(["estimate", ...VM, "--preset", "metro"]);
    expect(t.stdout).toMatch(/^ {2}path RTT\s+4\.99 ms/m);
    expect(t.stdout).toMatch(/^ {2}path MTU\s+1500/m);
  });

  it("an unknown --preset exits 2", () => {
    expect(expectBadInput(runCli(["estimate", ...VM, "--preset", "lan"]))).toMatch(
      /^vmotion-sim: --preset: /,
    );
  });
});
