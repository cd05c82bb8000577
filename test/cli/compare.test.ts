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
    // Routed at MTU 9000 end to end: two 1 us hops cost nothing measurable on 10 GbE.
    expect(r.stdout).toMatch(/^ {2}routed-lan: \+2 hops: same throughput, same time$/m);
    // A dedicated circuit loses only to bit errors (7.2e-8) and the buffers cover the BDP (bdp mode).
    expect(r.stdout).toMatch(/^ {2}wan: \+6 hops, 2500 km, loss 7\.2e-8: same throughput, /m);
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
    expect(cols[3]?.path.binding).toBe("link");
  });

  it("--presets picks the columns; --hops applies to the routed ones and leaves same-l2 one L2 network", () => {
    const r = runCli(["compare", ...VM, "--presets", "same-l2,routed-lan", "--hops", "3", "--json"]);
    expect(r.code).toBe(0);
    const cols = JSON.parse(r.stdout) as (Column & { plan: { hops: number } })[];
    expect(cols.map((c) => [c.preset, c.plan.hops])).toEqual([
      ["same-l2", 0],
      ["routed-lan", 3],
    ]);
    // routed-lan: one more 1 us hop and one more 9038-byte store-and-forward segment at 10 GbE
    // (7.23 us) than its 2 hops: 2 x 8.23 us more RTT.
    const two = JSON.parse(
      runCli(["compare", ...VM, "--presets", "routed-lan", "--json"]).stdout,
    ) as Column[];
    expect(cols[1]?.path.rttSec).toBeCloseTo((two[0]?.path.rttSec ?? 0) + 2 * (1e-6 + 9038 / 1.25e9), 8);
    expect(cols[0]?.path.rttSec).toBeCloseTo(196.46e-6, 8);
    const t = runCli(["compare", ...VM, "--presets", "same-l2,routed-lan", "--hops", "3"]).stdout;
    expect(t).toContain(
      "Global flags not applied:\n  same-l2: --hops (same-l2 is one L2 network, with no router)",
    );
  });

  it("an uncertain --hops is drawn for routed columns only: same-l2 says why it has no range", () => {
    const r = runCli([
      "compare",
      ...VM,
      "--presets",
      "same-l2,routed-lan",
      "--hops",
      "1..3",
      "--samples",
      "20",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "  same-l2: no uncertain input applies to it (--hops (same-l2 is one L2 network, with no router)): see the table",
    );
    expect(r.stdout).toMatch(/^ {2}routed-lan: total /m);
  });

  it("compare --preset same-l2 --path wan --bandwidth 25Gbit/s: 25 GbE hosts, the WAN's 10 GbE circuit stays the bottleneck", () => {
    const r = runCli([
      "compare",
      ...VM,
      "--preset",
      "same-l2",
      "--path",
      "wan",
      "--bandwidth",
      "25Gbit/s",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const cols = JSON.parse(r.stdout) as (Column & { label: string; path: { limit: string } })[];
    expect(cols.map((c) => c.label)).toEqual(["same-l2", "wan"]);
    // same-l2: the whole fabric at 25 Gbit/s, x 8948/9038 = 24.75 Gbit/s (2 streams: cpu 30).
    expect(cols[0]?.result.throughputBytesPerSec).toBeCloseTo(((25e9 / 8) * 8948) / 9038, 0);
    // wan: 25 Gbit/s uplinks around the 10 Gbit/s circuit, which binds (x (1 - 7.2e-8)).
    const wan = cols[1];
    expect(wan?.path.binding).toBe("link");
    expect(wan?.path.limit).toMatch(/^line rate of segment [2-8], 9.9 Gbit\/s$/);
    expect(wan?.result.throughputBytesPerSec).toBeCloseTo(
      ((10e9 / 8) * 8948 * (1 - 1e-12 * 9038 * 8)) / 9038,
      0,
    );
    expect(cols[0]?.result.throughputBytesPerSec).not.toBe(wan?.result.throughputBytesPerSec);
  });

  it("a column's own link= wins over --bandwidth, on every segment of that column", () => {
    const r = runCli([
      "compare",
      ...VM,
      "--path",
      "same-l2",
      "--path",
      "wan:link=1Gbit/s",
      "--link",
      "25Gbit/s",
      "--json",
    ]);
    const cols = JSON.parse(r.stdout) as Column[];
    expect(cols[1]?.result.throughputBytesPerSec).toBeLessThan(1e9 / 8);
    expect(cols[0]?.result.throughputBytesPerSec).toBeGreaterThan(20e9 / 8);
  });

  it("--path PRESET:...,segments=... gives one column its own segment list (last in the entry)", () => {
    const r = runCli([
      "compare",
      ...VM,
      "--path",
      "same-l2",
      "--path",
      "wan:hops=2,segments=link=25Gbit/s;label=dci,link=1Gbit/s,distance=100;link=25Gbit/s",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const cols = JSON.parse(r.stdout) as (Column & { path: { limit: string } })[];
    expect(cols[1]?.path.limit).toMatch(/^line rate of segment 2 \(dci\), /);
    expect(cols[0]?.path.binding).toBe("link");
    expect(expectBadInput(runCli(["compare", ...VM, "--path", "wan:segments=link=-1Gbit/s"]))).toMatch(
      /^vmotion-sim: --path\[1\]\.segments\[0\]\.link: /,
    );
  });

  it("shows the other buffer-sizing reading per column when it differs by more than 10 %, as estimate does", () => {
    const t = runCli(["compare", ...VM]).stdout;
    // same-l2 and routed-lan: the socket buffer covers the path under both readings (bdp grows
    // buffers below 4 ms too, so the cell says they agree, not that there is one); metro: 64.9 s
    // vs 10.1 min.
    expect(t).toMatch(
      /^other buffer sizing\s+same within 10 %\s+same within 10 %\s+expected-line-rate: 1\.06 Gbit\/s, 10\.1 min\s+expected-line-rate: /m,
    );
    expect(t).toContain(
      "  metro: 64.9 s - 10.1 min depending on buffer sizing: bdp (used) 9.9 Gbit/s, 64.9 s;",
    );
    const cols = JSON.parse(runCli(["compare", ...VM, "--json"]).stdout) as {
      bufferModes?: { mode: string; used: boolean }[];
    }[];
    expect(cols.map((c) => c.bufferModes?.map((m) => [m.mode, m.used]) ?? null)).toEqual([
      null,
      null,
      [
        ["bdp", true],
        ["expected-line-rate", false],
      ],
      [
        ["bdp", true],
        ["expected-line-rate", false],
      ],
    ]);
  });

  it("global flags that cannot apply to path columns exit 2 in one line: host keys, --segments, --link with --bandwidth", () => {
    expect(expectBadInput(runCli(["compare", ...VM, "--vmknics", "2"]))).toMatch(
      /^vmotion-sim: --vmknics: is a host network setting: compare host configurations with --configs/,
    );
    expect(expectBadInput(runCli(["compare", ...VM, "--segments", "link=10Gbit/s"]))).toMatch(
      /^vmotion-sim: --segments: describes one whole path/,
    );
    expect(expectBadInput(runCli(["compare", ...VM, "--link", "1Gbit/s", "--bandwidth", "1Gbit/s"]))).toMatch(
      /^vmotion-sim: --bandwidth: cannot be combined with --link/,
    );
    expect(expectBadInput(runCli(["compare", ...VM, "--bandwidth", "10Gbit/s..25Gbit/s"]))).toMatch(
      /^vmotion-sim: --bandwidth: sets the hosts' NIC rate in compare, which takes one value/,
    );
    expect(expectBadInput(runCli(["compare", ...VM, "--path", "wan:vmknics=2"]))).toMatch(
      /^vmotion-sim: --path\[1\]\.vmknics: is not a path key/,
    );
  });

  it("--path gives each column its own overrides: same-l2 keeps 0 hops, wan:hops=4 gets 4", () => {
    const r = runCli(["compare", ...VM, "--path", "same-l2", "--path", "wan:hops=4,rtt=30ms", "--json"]);
    expect(r.code).toBe(0);
    const cols = JSON.parse(r.stdout) as (Column & { label: string; plan: { hops: number } })[];
    expect(cols.map((c) => [c.preset, c.label])).toEqual([
      ["same-l2", "same-l2"],
      ["wan", "wan:hops=4,rtt=30ms"],
    ]);
    expect(cols.map((c) => c.plan.hops)).toEqual([0, 4]);
    expect(cols[0]?.path.rttSec).toBeCloseTo(196.46e-6, 8);
    expect(cols[1]?.path.rttSec).toBeCloseTo(30e-3, 12);
    const t = runCli(["compare", ...VM, "--path", "same-l2", "--path", "wan:hops=4"]);
    expect((t.stdout.split("\n")[0] ?? "").trim().split(/\s+/)).toEqual(["same-l2", "wan:hops=4"]);
    expect(t.stdout).toMatch(/^ {2}wan:hops=4: \+4 hops, 2500 km, /m);
  });

  it("a bad --path value or an unknown --path key exits 2 in one line naming --path[n].key", () => {
    expect(expectBadInput(runCli(["compare", ...VM, "--path", "same-l2", "--path", "wan:hops=-1"]))).toMatch(
      /^vmotion-sim: --path\[2\]\.hops: expected a whole number from 0 to 255 \(got "-1"\)$/,
    );
    expect(expectBadInput(runCli(["compare", ...VM, "--path", "wan:colour=red"]))).toMatch(
      /^vmotion-sim: --path\[1\]\.colour: is not a path key \(accepted: rtt, link, hops, /,
    );
    expect(expectBadInput(runCli(["compare", ...VM, "--path", "moon"]))).toMatch(
      /^vmotion-sim: --path\[1\]: /,
    );
    expect(expectBadInput(runCli(["compare", ...VM, "--path", "wan", "--presets", "metro"]))).toMatch(
      /^vmotion-sim: --presets: cannot be combined with --path/,
    );
  });

  it("a guest-slowdown row appears when any column is throttled, and not otherwise", () => {
    const hot = runCli([
      "compare",
      "--memory",
      "64GiB",
      "--dirty-rate",
      "1500MiB/s",
      "--presets",
      "same-l2,wan",
    ]);
    expect(hot.stdout).toMatch(/^guest slowdown\s+\d+ %\s+\d+ %$/m);
    expect(hot.stdout).toMatch(/converged-throttled/);
    expect(runCli(["compare", ...VM]).stdout).not.toMatch(/guest slowdown/);
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
    expect(j.path.binding).toBe("link");
    expect(j.path.limit).toBe("line rate of segment 1, 9.9 Gbit/s");
    expect(Object.keys(j.path.bounds).sort()).toEqual([
      "capBytesPerSec",
      "cpuBytesPerSec",
      "flowCapBytesPerSec",
      "linkBytesPerSec",
      "lossBytesPerSec",
      "windowBytesPerSec",
    ]);
    expect(j.path.warnings).toHaveLength(0);
  });

  it("--bandwidth overrides the path throughput (binding given) and the text shows the path", () => {
    const r = runCli(["estimate", ...VM, "--preset", "metro", "--bandwidth", "1Gbit/s", "--json"]);
    const j = JSON.parse(r.stdout) as { throughputBytesPerSec: number; binding: string };
    expect(j.throughputBytesPerSec).toBe(125e6);
    expect(j.binding).toBe("given");
    const t = runCli(["estimate", ...VM, "--preset", "metro"]);
    // 2 x (450 km x 5 us + 3 x 1 us + 4 x 9038 B / 1.25e9 B/s) + 180 us = 4.74 ms.
    expect(t.stdout).toMatch(/^ {2}path RTT\s+4\.74 ms/m);
    expect(t.stdout).toMatch(/^ {2}path MTU\s+9000/m);
  });

  it("an unknown --preset exits 2", () => {
    expect(expectBadInput(runCli(["estimate", ...VM, "--preset", "lan"]))).toMatch(
      /^vmotion-sim: --preset: /,
    );
  });
});

/**
 * Host configurations above 4 ms of round trip: both buffer-sizing readings, as over paths. Before,
 * `compare --configs` and `estimate --config` printed the bdp reading alone (70.8 s for the 64 GiB
 * database VM over the WAN on the vMotion stack, where the expected-line-rate reading gives 11 min).
 */
describe("vmotion-sim compare --configs and estimate --config above 4 ms RTT", () => {
  const DB = ["--memory", "64GiB", "--wss", "16GiB", "--dirty-rate", "400MiB/s"];
  it("compare shows the other reading per configuration, in the table, in words and in JSON", () => {
    const args = [
      "compare",
      ...DB,
      "--configs",
      "vmotion-stack-routed,pre6-default-stack-via-mgmt",
      "--site",
      "wan",
    ];
    const r = runCli(args);
    expect(r.code).toBe(0);
    const row = r.stdout.split("\n").find((l) => l.startsWith("other buffer sizing")) ?? "";
    expect(row).toMatch(/expected-line-rate: 1\.06 Gbit\/s, [\d.]+ min +same within 10 %$/);
    expect(r.stdout).toMatch(
      /\nBuffer sizing:\n {2}vmotion-stack-routed: [\d.]+ s - [\d.]+ min depending on buffer sizing: bdp \(used\)/,
    );
    const j = JSON.parse(runCli([...args, "--json"]).stdout) as { bufferModes?: { mode: string }[] }[];
    expect(j[0]?.bufferModes?.map((m) => m.mode)).toEqual(["bdp", "expected-line-rate"]);
    expect(j[1]?.bufferModes).toBeUndefined();
  });
  it("estimate leads with both readings over the WAN, and with none within one data centre", () => {
    const wan = runCli(["estimate", ...DB, "--config", "vmotion-stack-routed", "--site", "wan"]);
    expect(wan.stdout.split("\n")[0]).toMatch(
      /^[\d.]+ s - [\d.]+ min depending on buffer sizing: bdp \(used\) /,
    );
    const local = runCli(["estimate", ...DB, "--config", "vmotion-stack-routed", "--site", "local"]);
    expect(local.stdout).not.toContain("depending on buffer sizing");
  });
});

describe("vmotion-sim compare: the vMotion stack's congestion control, both readings", () => {
  it("adds an 'other congestion control' row and a block where New Reno and CUBIC part", () => {
    const r = runCli([
      "compare",
      "--memory",
      "64GiB",
      "--dirty-rate",
      "400MiB/s",
      "--path",
      "same-l2",
      "--path",
      "wan:loss=1e-5,rtt=100ms",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/other congestion control +same within 10 % +cubic: 754 Mbit\/s, 14\.3 min/);
    expect(r.stdout).toContain(
      "Congestion control:\n  wan:loss=1e-5,rtt=100ms: 14.3 min - 39 min depending on congestion control",
    );
  });
});

describe("vmotion-sim compare --policy qemu with a column's vMotion key", () => {
  it("names the column's key, not the global flag, and exits 2", () => {
    const line = expectBadInput(
      runCli(["compare", ...VM, "--policy", "qemu", "--path", "same-l2", "--path", "wan:bufferMode=bdp"]),
    );
    expect(line).toBe("vmotion-sim: --path[2].bufferMode: applies only to --policy vmotion");
  });
});
