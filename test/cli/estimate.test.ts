import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectBadInput, runCli } from "./run-cli.js";

/** The constant (geometric) model by name, so the iteration count has a closed form. */
const BASE = [
  "estimate",
  "--memory",
  "64GiB",
  "--dirty-rate",
  "400MiB/s",
  "--bandwidth",
  "10Gbit/s",
  "--dirty-model",
  "constant",
];

describe("vmotion-sim estimate", () => {
  it("prints the verdict first, then the iteration table", () => {
    const r = runCli(BASE);
    expect(r.code).toBe(0);
    const first = r.stdout.split("\n")[0];
    // 64 GiB at 400 MiB/s over 10 Gbit/s: 5 iterations (the geometric test derives it).
    expect(first).toMatch(/^converges in 5 iterations, [\d.]+ s, stun \d+(\.\d+)? ms$/);
    expect(r.stdout).toContain("iteration");
    expect(r.stdout).toContain("dirtied meanwhile");
  });

  it("--json prints the result object only, with every iteration", () => {
    const r = runCli([...BASE, "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as Record<string, unknown> & { iterations: unknown[] };
    expect(j.outcome).toBe("converged");
    expect(j.iterations).toHaveLength(5);
    for (const k of [
      "precopyTimeSec",
      "switchoverBytes",
      "downtimeSec",
      "totalTimeSec",
      "transferredBytes",
      "throughputBytesPerSec",
      "guestSlowdown",
    ]) {
      expect(Number.isFinite(j[k])).toBe(true);
    }
    expect(r.stderr).toBe("");
  });

  it("without --wss uses the default working set and says so in the text and the JSON", () => {
    const args = ["estimate", "--memory", "64GiB", "--dirty-rate", "400MiB/s", "--bandwidth", "10Gbit/s"];
    const text = runCli(args).stdout;
    expect(text).toContain(
      "dirty model   working set 8 GiB (default: 1/8 of memory, an assumption, not a measurement), uniform writes at 400 MiB/s",
    );
    const j = JSON.parse(runCli([...args, "--json"]).stdout) as { dirtyModel: string };
    expect(j.dirtyModel).toContain("default: 1/8 of memory");
    const constant = JSON.parse(runCli([...BASE, "--json"]).stdout) as { dirtyModel: string };
    expect(constant.dirtyModel).toBe(
      "constant: 400 MiB/s of new distinct bytes every second (geometric model)",
    );
  });

  it("reports a non-converging migration as an outcome with exit 0", () => {
    const r = runCli([
      "estimate",
      "--memory",
      "64GiB",
      "--dirty-rate",
      "2GiB/s",
      "--bandwidth",
      "10Gbit/s",
      "--sdps",
      "off",
      "--dirty-model",
      "constant",
      "--json",
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).outcome).toBe("not-converging");
    expect(r.stdout).not.toMatch(/NaN|Infinity/);
  });

  it("reads a dirty curve from CSV", () => {
    const dir = mkdtempSync(join(tmpdir(), "vms-"));
    const f = join(dir, "curve.csv");
    writeFileSync(f, "interval,dirtied\n1s,460MiB\n10s,2.6GiB\n60s,5.8GiB\n");
    const r = runCli([
      "estimate",
      "--memory",
      "32GiB",
      "--dirty-curve",
      f,
      "--bandwidth",
      "10Gbit/s",
      "--json",
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).outcome).toBe("converged");
  });

  // Every flag with a bad value: one clear line naming the flag, exit 2.
  it.each([
    [["--memory", "64 apples"], "--memory: expected a size like 64GiB"],
    [["--memory", "-1GiB"], "--memory"],
    [["--vcpus", "0"], "--vcpus"],
    [["--zero-pages", "1.2"], "--zero-pages"],
    [["--checkpoint", "big"], "--checkpoint"],
    [["--dirty-rate", "fast"], "--dirty-rate"],
    [["--wss", "128GiB"], "--wss"],
    [["--wss", "1GiB", "--cold-rate", "-1MB/s"], "--cold-rate"],
    [["--wss", "1GiB", "--pattern", "zigzag"], "--pattern"],
    [["--dirty-curve", "/nonexistent.csv"], "--dirty-curve"],
    [["--bandwidth", "10"], "--bandwidth"],
    [["--rtt", "5 parsecs"], "--rtt"],
    [["--policy", "hyperv"], "--policy"],
    [["--switchover-goal", "50ms"], "--switchover-goal"],
    [["--sdps", "sometimes"], "--sdps"],
    [["--policy", "qemu", "--downtime-limit", "0ms"], "--downtime-limit"],
    [["--policy", "qemu", "--max-bandwidth", "lots"], "--max-bandwidth"],
    [["--max-rounds", "0"], "--max-rounds"],
    [["--trace-setup", "-5s"], "--trace-setup"],
    [["--downtime-limit", "300ms"], "--downtime-limit: applies only to --policy qemu"],
    [["--nonsense"], "unknown option"],
    [["--dirty-model", "geometric"], "--dirty-model"],
    [["--zero-scan-rate", "0"], "--zero-scan-rate"],
    [["--zero-scan-rate", "fast"], "--zero-scan-rate"],
    [["--dirty-model", "constant", "--wss", "1GiB"], "--wss: cannot be combined with --dirty-model constant"],
    [["--pattern", "hot-cold", "--hot-share", "1.5"], "--hot-share"],
    [["--hot-share", "0.5"], "--hot-share: applies only to --pattern hot-cold"],
    [["--pattern", "zipf", "--cold-rate", "1MB/s"], "--cold-rate: needs --wss"],
  ])("bad input %j exits 2 naming the flag", (extra, expected) => {
    const args = BASE.slice(0, -2); // the default dirty model: the flags under test choose theirs
    for (let i = 0; i < extra.length; i += 2) {
      const k = args.indexOf(extra[i]!);
      if (k >= 0 && extra[i + 1] !== undefined) args.splice(k, 2);
    }
    const line = expectBadInput(runCli([...args, ...extra]));
    expect(line).toContain(expected);
  });

  it("a missing required flag says what is required", () => {
    const line = expectBadInput(runCli(["estimate", "--dirty-rate", "1MiB/s", "--bandwidth", "1Gbit/s"]));
    expect(line).toContain("--memory: is required");
  });
  it("shows both buffer-sizing readings when they disagree by more than 10 % (metro), and one on same-l2", () => {
    const vm = ["estimate", "--memory", "64GiB", "--dirty-rate", "400MiB/s"];
    const metro = runCli([...vm, "--preset", "metro"]);
    expect(metro.code).toBe(0);
    const first = metro.stdout.split("\n")[0] ?? "";
    expect(first).toMatch(
      /^[\d.]+ s - [\d.]+ min depending on buffer sizing: bdp \(used\) .*; expected-line-rate /,
    );
    expect(first).toContain("both readings are assumptions");
    const json = JSON.parse(runCli([...vm, "--preset", "metro", "--json"]).stdout) as {
      bufferModes: { mode: string; used: boolean; totalTimeSec: number }[];
    };
    expect(json.bufferModes.map((m) => [m.mode, m.used])).toEqual([
      ["bdp", true],
      ["expected-line-rate", false],
    ]);
    const [bdp, elr] = json.bufferModes;
    expect((elr?.totalTimeSec ?? 0) / (bdp?.totalTimeSec ?? 1)).toBeGreaterThan(1.1);
    const l2 = runCli([...vm, "--preset", "same-l2"]);
    expect(l2.stdout).not.toContain("depending on buffer sizing");
  });
});

describe("vmotion-sim estimate --segments with bad values", () => {
  // Issue 14: one line naming --segments[i].key, what is accepted and the value; exit 2.
  for (const [segments, expected] of [
    ["link=-1Gbit/s", '--segments[0].link: expected a rate like 10Gbit/s or 400MiB/s (got "-1Gbit/s")'],
    ["link=10Gbit/s,mtu=575", '--segments[0].mtu: expected a whole number from 576 to 9216 (got "575")'],
    [
      "link=10Gbit/s;link=1Gbit/s,mtu=9217",
      '--segments[1].mtu: expected a whole number from 576 to 9216 (got "9217")',
    ],
    [
      "link=10Gbit/s,loss=1",
      '--segments[0].loss: expected a number from 0 to 1 (exclusive), like 0.2 or 20% (got "1")',
    ],
  ] as const)
    it(`--segments ${segments} exits 2: ${expected.split(":")[0]}`, () => {
      const line = expectBadInput(
        runCli(["estimate", "--memory", "8GiB", "--dirty-rate", "10MiB/s", "--segments", segments]),
      );
      expect(line).toBe(`vmotion-sim: ${expected}`);
    });
});

describe("vmotion-sim estimate with vmknics sharing one NIC (KB 323379)", () => {
  it("names the stream-CPU combination as an assumption when the CPU term binds, and not otherwise", () => {
    const host = [
      "--vsphere",
      "6.7",
      "--routing",
      "same-subnet",
      "--uplink",
      "40Gbit/s",
      "--vmotion-nics",
      "1",
    ];
    const two = runCli([
      "estimate",
      "--memory",
      "64GiB",
      "--dirty-rate",
      "100MiB/s",
      ...host,
      "--vmknics",
      "2",
    ]);
    expect(two.code).toBe(0);
    expect(two.stdout).toContain(
      "  assumed       stream CPU 30 Gbit/s for 2 streams: the larger of a lone stream's peak (KB 323379) and 2 x the per-stream rate; how the two combine is an assumption (model.md section 4)",
    );
    expect(two.stdout).toContain("vmk1 and vmk2 reach 10.20.30.12 directly on vmnic1, 40 Gbit/s");
    const three = runCli([
      "estimate",
      "--memory",
      "64GiB",
      "--dirty-rate",
      "100MiB/s",
      ...host,
      "--vmknics",
      "3",
    ]);
    expect(three.stdout).toMatch(/bound by link/);
    expect(three.stdout).not.toContain("stream CPU");
  });
});

describe("vmotion-sim estimate --policy qemu|xen over a modelled path (model.md section 4.2)", () => {
  const overWan = (policy: string): string[] => [
    "estimate",
    "--memory",
    "16GiB",
    "--dirty-rate",
    "100MiB/s",
    "--policy",
    policy,
    "--preset",
    "wan",
  ];
  const QEMU_WAN = overWan("qemu");

  it("sends over a Linux host's TCP: one stream, the 4 MiB window binds at 25 ms, no vMotion buffer readings", () => {
    const r = runCli(QEMU_WAN);
    expect(r.code).toBe(0);
    // 4 MiB / 25.3 ms = 1.33 Gbit/s (vMotion's bdp reading gave 9.9 Gbit/s here before).
    expect(r.stdout).toContain("throughput    1.33 Gbit/s (158 MiB/s), bound by window");
    expect(r.stdout).toContain(
      "assumed       window 4 MiB (Linux's tcp_wmem max on a default host), congestion control cubic (Linux's default), 1 stream",
    );
    expect(r.stdout).not.toContain("depending on buffer sizing");
    expect(r.stdout).not.toContain("latency-aware");
    expect(r.stdout).not.toMatch(/vMotion/);
  });

  it("--json names the sender and the window of the path", () => {
    const r = runCli([...QEMU_WAN, "--json"]);
    const j = JSON.parse(r.stdout) as { path: { sender: string; windowBytes: number; streams: number } };
    expect(j.path).toMatchObject({ sender: "qemu", windowBytes: 4_194_304, streams: 1 });
  });

  it("no vMotion support warning for a QEMU path over 150 ms", () => {
    const r = runCli([...QEMU_WAN, "--rtt", "300ms"]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain("warning");
  });

  it.each([
    ["--buffer-mode", "bdp"],
    ["--expected-line-rate", "1GB/s"],
    ["--config", "stretched-l2"],
    ["--stack", "vmotion"],
  ])("refuses vMotion's network key %s with a QEMU or Xen policy, naming it", (flag, value) => {
    for (const policy of ["qemu", "xen"]) {
      const line = expectBadInput(runCli([...overWan(policy), flag, value]));
      expect(line).toBe(`vmotion-sim: ${flag}: applies only to --policy vmotion`);
    }
  });
});

describe("vmotion-sim estimate --bandwidth over a modelled path", () => {
  it("warns when the given throughput is above the path's line rate, and still uses it", () => {
    const r = runCli([
      "estimate",
      "--memory",
      "64GiB",
      "--dirty-rate",
      "400MiB/s",
      "--preset",
      "wan",
      "--bandwidth",
      "20Gbit/s",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("throughput    20 Gbit/s (2.33 GiB/s), bound by given");
    expect(r.stdout).toContain(
      "warning       the given 20 Gbit/s is above the 9.9 Gbit/s this path's line rate carries",
    );
  });
  it("warns under a host configuration too (its block prints the host's warnings apart)", () => {
    const r = runCli([
      "estimate",
      "--memory",
      "64GiB",
      "--dirty-rate",
      "400MiB/s",
      "--config",
      "stretched-l2",
      "--bandwidth",
      "20Gbit/s",
    ]);
    expect(r.stdout).toContain("warning       the given 20 Gbit/s is above");
  });
});

describe("vmotion-sim estimate over a path MTU black hole", () => {
  it("prints the verdict with its reason and the path, no throughput 'bound by link' or 250 Mbit/s warning", () => {
    const r = runCli([
      "estimate",
      "--memory",
      "64GiB",
      "--dirty-rate",
      "400MiB/s",
      "--mtu",
      "9000",
      "--path-mtu",
      "1500",
    ]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(/^fails: path MTU black hole, the vmknics send 9000-byte packets/);
    expect(r.stdout).toContain("  path rate     none: path MTU black hole at segment 1");
    expect(r.stdout).not.toContain("bound by link");
    expect(r.stdout).not.toContain("warning");
    expect(r.stdout).not.toContain("stop reason");
  });
});

describe("vmotion-sim estimate --socket-buffer", () => {
  it("refuses a buffer larger than the largest TCP window (65535 x 2^14 B, RFC 7323), naming the flag", () => {
    const line = expectBadInput(
      runCli(["estimate", "--memory", "64GiB", "--dirty-rate", "400MiB/s", "--socket-buffer", "2TiB"]),
    );
    expect(line).toBe(
      'vmotion-sim: --socket-buffer: expected a size above zero up to 1073725440 B (65535 x 2^14, the largest TCP window, RFC 7323) (got "2TiB")',
    );
  });
  it("takes the largest TCP window itself", () => {
    const r = runCli([
      "estimate",
      "--memory",
      "64GiB",
      "--dirty-rate",
      "400MiB/s",
      "--socket-buffer",
      "1073725440B",
    ]);
    expect(r.code).toBe(0);
  });
});

describe("vmotion-sim estimate: the vMotion stack's congestion control, both readings", () => {
  const LOSSY = [
    "estimate",
    "--memory",
    "64GiB",
    "--dirty-rate",
    "400MiB/s",
    "--preset",
    "wan",
    "--loss",
    "1e-5",
    "--rtt",
    "100ms",
  ];
  it("leads with both readings where New Reno and CUBIC part by more than 10 %", () => {
    const r = runCli(LOSSY);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toMatch(
      /^14\.3 min - 39 min depending on congestion control: newreno \(used\)/,
    );
    const j = JSON.parse(runCli([...LOSSY, "--json"]).stdout) as {
      congestionControls: { congestionControl: string }[];
    };
    expect(j.congestionControls.map((c) => c.congestionControl)).toEqual(["newreno", "cubic"]);
  });
  it("prints one reading when the user names it", () => {
    const r = runCli([...LOSSY, "--congestion-control", "cubic"]);
    expect(r.stdout).not.toContain("depending on congestion control");
  });
});

describe("vmotion-sim estimate with an uncertain input where the congestion controls part", () => {
  it("gives the range under the other congestion control too, so it never rests on one unstated reading", () => {
    const r = runCli([
      "estimate",
      "--memory",
      "64GiB",
      "--dirty-rate",
      "200MiB/s..600MiB/s",
      "--preset",
      "wan",
      "--loss",
      "1e-5",
      "--rtt",
      "100ms",
      "--samples",
      "50",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /\n {2}congestion the range above uses newreno \(an assumption\); with cubic: total [\d.]+-[\d.]+ min/,
    );
  });
});

describe("vmotion-sim estimate: the path's assumed line", () => {
  it("calls a congestion control the user set 'as given', not an assumption; the buffer sizing stays one", () => {
    const r = runCli([
      "estimate",
      "--memory",
      "64GiB",
      "--dirty-rate",
      "400MiB/s",
      "--preset",
      "wan",
      "--congestion-control",
      "cubic",
    ]);
    expect(r.stdout).toContain(
      "  assumed       buffers bdp (an assumption), congestion control cubic (as given) (model.md section 4)",
    );
    const d = runCli(["estimate", "--memory", "64GiB", "--dirty-rate", "400MiB/s", "--preset", "wan"]);
    expect(d.stdout).toContain(
      "  assumed       buffers bdp, congestion control newreno (both assumptions, model.md section 4)",
    );
  });
});
