import { describe, expect, test } from "vitest";
import { parseInput } from "../../src/input/parse.js";
import { evacuationSetup } from "../../src/plan/evacuation-setup.js";
import type { InventoryRow } from "../../src/plan/inventory.js";

const rows: InventoryRow[] = Array.from({ length: 10 }, (_, i) => ({
  name: `vm${i}`,
  input: { memory: "8GiB", dirtyRate: "20MiB/s" },
  priority: 0,
  where: `line ${i + 2}`,
}));

describe("evacuationSetup with a host network configuration", () => {
  test("admits by the vMotion vmknic's 10 GbE link (8) while the traffic shares the 1 GbE management uplink", () => {
    const s = evacuationSetup(
      rows,
      "inv.csv",
      parseInput({ config: "pre6-default-stack-via-mgmt", vsphere: "6.0" }),
      null,
    );
    expect(s.maxConcurrent).toBe(8);
    expect(s.linkBytesPerSec).toBe(10e9 / 8);
    // The shared bottleneck is the management uplink: 1 Gbit/s x 1448/1538 (MTU 1500).
    expect(s.bottleneckBytesPerSec).toBeCloseTo((1e9 / 8) * (1448 / 1538), 0);
    expect(s.route).toContain("via management gateway 10.20.0.1 on vmnic0");
  });

  test("a vMotion vmknic on 1 GbE puts the host in the 1 GbE class (4)", () => {
    const s = evacuationSetup(
      rows,
      "inv.csv",
      parseInput({ config: "vmotion-stack-routed", uplink: "1Gbit/s" }),
      null,
    );
    expect(s.maxConcurrent).toBe(4);
  });

  test("before vSphere 6.0 the host cost limit is 8 at cost 1: still 8 on 10 GbE", () => {
    const s = evacuationSetup(rows, "inv.csv", parseInput({ config: "pre6-default-stack-via-mgmt" }), null);
    expect(s.maxConcurrent).toBe(8);
    expect(s.concurrencyBinding).toBe("network");
  });
});
