import { describe, expect, it } from "vitest";
import { FIELDS } from "../../src/input/fields.js";
import { scenarioFromInput } from "../../src/input/scenario.js";
import {
  QEMU_ROUND_SYNC_SEC_PER_BYTE,
  QEMU_ROUND_SYNC_SEC_PER_PAGE,
  ZERO_SCAN_BYTES_PER_SEC,
  defaultCheckpointBytes,
} from "../../src/model/costs.js";
import { simulate } from "../../src/model/simulate.js";
import { PAGE_BYTES } from "../../src/units/parse.js";

const GIB = 2 ** 30;

describe("hypervisor costs (model/costs.ts)", () => {
  it("an idle 1 TiB VM with 95 % zero pages pays for reading them: iteration 0 >= zero bytes / scan rate", () => {
    const input = { memory: "1TiB", zeroPages: 0.95, dirtyRate: "0", bandwidth: "10Gbit/s" };
    const r = simulate(scenarioFromInput(input));
    const scanSec = (0.95 * 1024 * GIB) / ZERO_SCAN_BYTES_PER_SEC; // 97.3 s
    const sendSec = (r.iterations[0]?.bytes ?? 0) / r.throughputBytesPerSec;
    expect(r.iterations[0]?.durationSec).toBeCloseTo(scanSec + sendSec, 9);
    expect(r.totalTimeSec).toBeGreaterThan(2 * 60); // was 48.7 s with free zero pages
    const fast = simulate(scenarioFromInput({ ...input, zeroScanRate: "1000TiB/s" }));
    expect(r.totalTimeSec - fast.totalTimeSec).toBeCloseTo(scanSec * (1 - 10 / (1000 * 1024)), 6);
  });

  it("QEMU rounds after iteration 0 start with a bitmap sync (per GiB + per dirty page), nothing sent meanwhile", () => {
    const input = { memory: "64GiB", dirtyRate: "400MiB/s", bandwidth: "10Gbit/s", policy: "qemu" };
    const r = simulate(scenarioFromInput(input));
    const it1 = r.iterations[1];
    expect(it1).toBeDefined();
    const sync =
      QEMU_ROUND_SYNC_SEC_PER_BYTE * 64 * GIB +
      QEMU_ROUND_SYNC_SEC_PER_PAGE * ((it1?.bytes ?? 0) / PAGE_BYTES);
    expect(it1?.durationSec).toBeCloseTo((it1?.bytes ?? 0) / r.throughputBytesPerSec + sync, 12);
    // vMotion pays no per-round sync.
    const v = simulate(scenarioFromInput({ ...input, policy: "vmotion" }));
    expect(v.iterations[1]?.durationSec).toBeCloseTo(
      (v.iterations[1]?.bytes ?? 0) / v.throughputBytesPerSec,
      12,
    );
  });

  it("the hypervisor-reported stun leaves out the send-buffer backlog, the one-way delay and the handshake", () => {
    const r = simulate(
      scenarioFromInput({
        memory: "16GiB",
        dirtyRate: "100MiB/s",
        bandwidth: "1Gbit/s",
        rtt: "50ms",
        policy: "qemu",
      }),
    );
    const backlogSec = Math.min(r.switchoverBytes + defaultCheckpointBytes(4, "qemu"), 4 * 2 ** 20) / 125e6;
    expect(r.downtimeSec - r.hypervisorDowntimeSec).toBeCloseTo(backlogSec + 0.025 + 2 * 0.05, 12);
    expect(r.hypervisorDowntimeSec).toBeGreaterThan(0);
  });

  it("device state defaults per hypervisor: vMotion 8 MiB + 64 KiB per vCPU, QEMU and Xen 1 MiB + 16 KiB", () => {
    expect(defaultCheckpointBytes(4, "vmotion")).toBe(8 * 2 ** 20 + 4 * 64 * 2 ** 10);
    expect(defaultCheckpointBytes(4, "qemu")).toBe(2 ** 20 + 4 * 16 * 2 ** 10);
    const q = scenarioFromInput({ memory: "8GiB", dirtyRate: "0", bandwidth: "1Gbit/s", policy: "xen-v2" });
    expect(q.vm.checkpointBytes).toBe(defaultCheckpointBytes(4, "xen"));
  });
});

describe("the --checkpoint description", () => {
  it("states defaultCheckpointBytes of every hypervisor (it said vMotion's for all)", () => {
    const text = FIELDS.find((f) => f.key === "checkpoint")?.description ?? "";
    const MIB = 2 ** 20;
    const KIB = 2 ** 10;
    // "vMotion A MiB + B KiB per vCPU" and "QEMU and Xen C MiB + D KiB per vCPU", read back.
    const read = (who: string): [number, number] => {
      const m = new RegExp(`${who} (\\d+) MiB \\+ (\\d+) KiB per vCPU`).exec(text);
      return [Number(m?.[1]) * MIB, Number(m?.[2]) * KIB];
    };
    const [vBase, vPer] = read("vMotion");
    const [qBase, qPer] = read("QEMU and Xen");
    for (const vcpus of [1, 4, 64]) {
      expect(defaultCheckpointBytes(vcpus, "vmotion")).toBe(vBase + vcpus * vPer);
      expect(defaultCheckpointBytes(vcpus, "qemu")).toBe(qBase + vcpus * qPer);
      expect(defaultCheckpointBytes(vcpus, "xen")).toBe(qBase + vcpus * qPer);
    }
  });
});
