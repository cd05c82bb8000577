import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { calibrateQemu, calibrateVmotion, throughputByHostPair } from "../../src/calibrate/calibrate.js";
import { parseQemuMigrate } from "../../src/calibrate/qemu-migrate.js";
import type { Migration } from "../../src/calibrate/vmotion-logs.js";

const base: Migration = {
  id: "1446046703473901",
  startTime: null,
  sourceIp: "10.0.0.2",
  destinationIp: "10.0.0.3",
  encrypted: false,
  pagesLeftAtStop: 1296,
  switchoverGoalSec: 0.5,
  bandwidthBytesPerSec: 145.404e6,
  t2dRatio: 1010.88,
  finalSendSec: 0.053,
  precopyStunTimeSec: null,
  vmStoppedSec: 0.0185,
  downtimeSec: null,
  failures: [],
  files: [],
  lineCount: 3,
};

describe("calibrateVmotion", () => {
  it("calibrateVmotion(KB 436882 numbers) gives dirty = bandwidth / t2d and the stun from pages left", () => {
    const c = calibrateVmotion(base);
    // 145.404e6 / 1010.88 = 143839 B/s
    expect(c.dirtyRateBytesPerSec).toBeCloseTo(143839.0, 0);
    // (1296 x 4096 + 8 MiB + 4 x 64 KiB) / 145.404e6 + 0.00015 + 2 x 0.0003 + 0.02
    const expected = (1296 * 4096 + 8 * 2 ** 20 + 4 * 65536) / 145.404e6 + 0.00015 + 0.0006 + 0.02;
    expect(c.predictedStunSec).toBeCloseTo(expected, 12);
    expect(c.loggedStunSec).toBe(0.0185);
    expect(c.loggedStunSource).toBe("vm stopped");
    expect(c.command).toBe(
      // As logs prints them: three significant digits, the table's units (140.5 KiB/s, 1.163 Gbit/s).
      "vmotion-sim estimate --memory <VM memory> --dirty-rate 140KiB/s --bandwidth 1.16Gbit/s --rtt 0.3ms",
    );
  });
  it("simulates the whole migration when the memory is given", () => {
    const c = calibrateVmotion(base, { memoryBytes: 16 * 2 ** 30 });
    expect(c.command).toContain("--memory 16GiB");
    expect(c.predictedStunSec).toBeGreaterThan(0.02);
    expect(c.predictedStunSec).toBeLessThan(0.5 + 0.1); // at most the goal plus checkpoint and fixed costs
  });
  it("gives no command without bandwidth or t2d, and says why", () => {
    const c = calibrateVmotion({ ...base, bandwidthBytesPerSec: null, t2dRatio: null });
    expect(c.command).toBeNull();
    expect(c.notes.join(" ")).toMatch(/no bandwidth/);
  });
});

describe("throughputByHostPair", () => {
  it("averages the bandwidth per source -> destination pair", () => {
    const a = calibrateVmotion(base);
    const b = calibrateVmotion({ ...base, id: "2", bandwidthBytesPerSec: 154.596e6 });
    const pairs = throughputByHostPair([a, b]);
    expect(pairs).toEqual([
      {
        hostPair: "10.0.0.2 -> 10.0.0.3",
        migrations: 2,
        meanThroughputBytesPerSec: 150e6,
        minThroughputBytesPerSec: 145.404e6,
        maxThroughputBytesPerSec: 154.596e6,
      },
    ]);
  });
});

describe("calibrateQemu", () => {
  it("calibrateQemu(series) uses ram.total, mbps and the mean dirty-pages-rate", () => {
    const text = readFileSync(new URL("../fixtures/logs/qemu-series.ndjson", import.meta.url), "utf8");
    const c = calibrateQemu(parseQemuMigrate(text));
    expect(c.memoryBytes).toBe(8590655488);
    expect(c.throughputBytesPerSec).toBeCloseTo(117.275e6, 3); // 938.2 Mbit/s
    expect(c.dirtyRateBytesPerSec).toBe(((19800 + 19150) / 2) * 4096);
    expect(c.zeroPageFraction).toBeCloseTo((301522 * 4096) / 8590655488, 12);
    expect(c.command).toMatch(/--policy qemu --downtime-limit 300ms --max-bandwidth unlimited/);
    expect(c.predicted?.outcome).toBe("converged");
  });
  it("falls back to resent bytes over time when the series has no dirty rate", () => {
    const text = readFileSync(new URL("../fixtures/logs/qemu-completed.json", import.meta.url), "utf8");
    const c = calibrateQemu(parseQemuMigrate(text));
    // (12438208512 - (8590655488 - 301522 x 4096)) / (112.4 - 0.451)
    expect(c.dirtyRateBytesPerSec).toBeCloseTo((12438208512 - (8590655488 - 301522 * 4096)) / 111.949, 3);
    expect(c.dirtyRateSource).toBe("resent bytes / migration time");
  });
});
