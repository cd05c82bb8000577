import { describe, expect, it } from "vitest";
import { planOf } from "../../src/input/path.js";
import {
  computePath,
  linuxTransport,
  LINUX_TCP_WMEM_MAX_BYTES,
  OPENSSH_CHANNEL_WINDOW_BYTES,
  planToSpec,
  senderOfPolicy,
} from "../../src/network/index.js";

const pathFor = (input: Parameters<typeof planOf>[0]) => computePath(planToSpec(planOf(input)));

describe("senderOfPolicy(policy)", () => {
  it("names vMotion for vmotion or none, QEMU for qemu, Xen for both Xen policies", () => {
    expect(senderOfPolicy(undefined)).toBe("vmotion");
    expect(senderOfPolicy("vmotion")).toBe("vmotion");
    expect(senderOfPolicy("qemu")).toBe("qemu");
    expect(senderOfPolicy("xen")).toBe("xen");
    expect(senderOfPolicy("xen-v2")).toBe("xen");
  });
});

describe("linuxTransport(sender)", () => {
  it("is one stream, no latency-aware growth, CUBIC, no CPU bound, Linux's 200 ms RTO", () => {
    for (const sender of ["qemu", "xen"] as const) {
      const t = linuxTransport(sender);
      expect(t).toMatchObject({
        sender,
        streams: 1,
        latencyAware: null,
        congestionControl: "cubic",
        streamCpuCapBytesPerSec: null,
        loneStreamCpuCapBytesPerSec: null,
        minRtoSec: 0.2,
      });
    }
    // tcp_wmem max 4 MiB (ip-sysctl); OpenSSH's session channel window 64 x 32 KiB.
    expect(linuxTransport("qemu").socketBufferBytes).toBe(4_194_304);
    expect(linuxTransport("xen").socketBufferBytes).toBe(2_097_152);
  });
});

describe("planOf(input) with a QEMU or Xen policy, computed", () => {
  it("bounds a QEMU stream over the wan preset by 4 MiB / RTT, not vMotion's bdp window (exact)", () => {
    const vmotion = pathFor({ preset: "wan" });
    const qemu = pathFor({ preset: "wan", policy: "qemu" });
    // Same segments and RTT: only the sender differs.
    expect(qemu.rttSec).toBe(vmotion.rttSec);
    expect(vmotion.binding).toBe("link");
    expect(qemu.binding).toBe("window");
    expect(qemu.throughputBytesPerSec).toBe(LINUX_TCP_WMEM_MAX_BYTES / qemu.rttSec);
    // 25.3 ms: 4 MiB / 25.3 ms = 1.33 Gbit/s (within 1 %), against vMotion's 9.9.
    expect((qemu.throughputBytesPerSec * 8) / 1e9).toBeCloseTo(1.33, 1);
    expect(qemu.bufferMode).toBeNull();
    expect(qemu.sender).toBe("qemu");
  });

  it("bounds a Xen stream by the 2 MiB ssh channel window, half QEMU's throughput (exact)", () => {
    const xen = pathFor({ preset: "wan", policy: "xen-v2" });
    expect(xen.throughputBytesPerSec).toBe(OPENSSH_CHANNEL_WINDOW_BYTES / xen.rttSec);
    expect(xen.limit).toMatch(/^ssh channel window, /);
  });

  it("opens one stream on 100 GbE and has no CPU bound (vMotion: 7 streams, 105 Gbit/s of CPU)", () => {
    const vmotion = pathFor({ link: 100e9 / 8 });
    const qemu = pathFor({ link: 100e9 / 8, policy: "qemu" });
    expect(vmotion.streams).toBe(7);
    expect(qemu.streams).toBe(1);
    expect(qemu.bounds.cpuBytesPerSec).toBeNull();
  });

  it("lets the user's streams, socket buffer and congestion control win over the Linux defaults", () => {
    const p = planOf({
      preset: "wan",
      policy: "qemu",
      streams: 4,
      socketBuffer: 64 * 2 ** 20,
      congestionControl: "newreno",
    });
    expect(p.streams).toBe(4);
    expect(p.socketBufferBytes).toBe(64 * 2 ** 20);
    expect(p.congestionControl).toBe("newreno");
  });

  it("takes Linux's 200 ms RTO in the timeout term: a lossy QEMU stream carries more than at 1 s", () => {
    const input = { preset: "wan", loss: 0.05, congestionControl: "newreno" } as const;
    const qemu = pathFor({ ...input, policy: "qemu" });
    const vmotion = pathFor(input);
    // Same MSS and RTT; only T0 differs (0.2 s against 1 s), so the bound is higher.
    expect(qemu.bounds.lossBytesPerSec as number).toBeGreaterThan(vmotion.bounds.lossBytesPerSec as number);
  });

  it("keeps the vMotion plan unchanged without a policy or with --policy vmotion", () => {
    expect(planOf({ preset: "metro", policy: "vmotion" })).toEqual(planOf({ preset: "metro" }));
    expect(pathFor({ preset: "metro" }).sender).toBe("vmotion");
  });
});

describe("buildScenario with vMotion's buffer keys under a QEMU policy (a report's other-reading run)", () => {
  it("builds, with the same transport as without them: they do not apply to a Linux sender", async () => {
    const { buildScenario, checkBufferKeysForSender } = await import("../../src/input/scenario.js");
    const { parseInput } = await import("../../src/input/parse.js");
    const base = { memory: "16GiB", dirtyRate: "100MiB/s", preset: "wan", policy: "qemu" };
    const plain = buildScenario(parseInput(base));
    const other = buildScenario(parseInput({ ...base, bufferMode: "expected-line-rate" }));
    expect(other.transport).toEqual(plain.transport);
    // What a user typed is still refused, naming the key.
    expect(() =>
      checkBufferKeysForSender(parseInput({ ...base, bufferMode: "bdp" }), (k) => `--${k}`),
    ).toThrow(/--bufferMode: applies only to --policy vmotion/);
  });
});
