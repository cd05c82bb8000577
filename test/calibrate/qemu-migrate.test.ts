import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { calibrateQemu } from "../../src/calibrate/calibrate.js";
import { parseQemuMigrate } from "../../src/calibrate/qemu-migrate.js";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/logs/${name}`, import.meta.url), "utf8");

describe("parseQemuMigrate", () => {
  it("parseQemuMigrate(one wrapped reply) converts ms, Mbit/s and pages", () => {
    const s = parseQemuMigrate(fixture("qemu-completed.json"));
    expect(s).toMatchObject({
      status: "completed",
      totalTimeSec: 112.4, // 112400 ms
      downtimeSec: 0.451,
      setupTimeSec: 0.012,
      dirtySyncCount: 69,
      transferredBytes: 12438208512,
      duplicatePages: 301522,
      normalPages: 3030010,
      pageSizeBytes: 4096,
      throughputMbps: 938.2,
      // The file says 0, but QEMU does not fill dirty-pages-rate once completed (migration.c,
      // populate_ram_info): absent, not a measured 0 B/s.
      dirtyPagesRate: null,
      dirtyRateBytesPerSec: null,
    });
    expect(s.throughputBytesPerSec).toBeCloseTo(117.275e6, 3); // 938.2e6 / 8
    expect(s.samples).toHaveLength(1);
  });

  it("reads a QMP transcript series, skipping greeting, command and events", () => {
    const s = parseQemuMigrate(fixture("qemu-series.ndjson"));
    expect(s.samples.map((x) => x.status)).toEqual(["active", "active", "active", "completed"]);
    expect(s.totalTimeSec).toBe(112.4);
    // dirty-pages-rate 19800 and 19150 pages/s x 4096 B
    expect(s.peakDirtyRateBytesPerSec).toBe(19800 * 4096);
    expect(s.meanDirtyRateBytesPerSec).toBe(((19800 + 19150) / 2) * 4096);
  });

  it("reads an unwrapped array and assumes 4 KiB pages when page-size is absent", () => {
    const s = parseQemuMigrate(fixture("qemu-old.json"));
    expect(s.pageSizeBytes).toBe(4096);
    expect(s.totalTimeSec).toBe(2.07);
    expect(s.downtimeSec).toBe(0.029);
  });

  it("throws InputError bad-file for text that is not JSON, and missing-value for no result", () => {
    const code = (text: string) => {
      try {
        parseQemuMigrate(text);
        return "none";
      } catch (e) {
        return e instanceof InputError ? `${e.code} ${e.field}` : "other";
      }
    };
    expect(code("hello")).toBe("bad-file query-migrate");
    expect(code('{"return": {"status": "active"')).toBe("bad-file query-migrate");
    expect(code("{,}")).toBe("bad-file query-migrate");
    expect(code('{"QMP": {}}')).toBe("missing-value query-migrate");
    expect(code("")).toBe("missing-value query-migrate");
  });

  it("parseQemuMigrate(text, label) names the file in an error about the whole text", () => {
    expect(() => parseQemuMigrate("2020-03-04T08:00:01Z cpu1:1)VMotion", "vmkernel.log")).toThrow(
      /^vmkernel\.log: expected QMP JSON/,
    );
    expect(() => parseQemuMigrate('{"QMP": {}}', "greeting.json")).toThrow(
      /^greeting\.json: no query-migrate/,
    );
  });

  it("an active sample's dirty-pages-rate 0 stays a measured 0 (an idle guest)", () => {
    const s = parseQemuMigrate('{"return":{"status":"active","ram":{"dirty-pages-rate":0}}}');
    expect(s.dirtyRateBytesPerSec).toBe(0);
  });
});

describe("parseQemuMigrate(text, label) refuses impossible numbers", () => {
  const one = (ram: Record<string, unknown>, top: Record<string, unknown> = {}): string =>
    JSON.stringify({
      return: { status: "completed", "total-time": 1000, ...top, ram: { mbps: 800, ...ram } },
    });

  it.each([
    [one({ mbps: -1 }), "mig.json ram.mbps: expected a number >= 0 (got -1)"],
    [one({}, { downtime: -5 }), "mig.json downtime: expected a number >= 0 (got -5)"],
    [one({ "page-size": -4096 }), "mig.json ram.page-size: expected a number >= 0 (got -4096)"],
    [
      one({ "page-size": 3000 }),
      "mig.json ram.page-size: expected a power of two from 1024 to 1073741824 bytes (got 3000)",
    ],
    [`${one({})}\n${one({ total: -1 })}`, "mig.json sample 2 ram.total: expected a number >= 0 (got -1)"],
  ])("parseQemuMigrate(%s) throws naming the field", (text, message) => {
    expect(() => parseQemuMigrate(text, "mig.json")).toThrow(message);
  });
});

describe("calibrateQemu(stats, label)", () => {
  it("blames ram.total, not --memory, for a memory the model refuses", () => {
    const text = JSON.stringify({
      return: {
        status: "completed",
        "total-time": 1000,
        downtime: 10,
        ram: { mbps: 800, total: 2 ** 60, transferred: 2 ** 60, "dirty-pages-rate": 10 },
      },
    });
    expect(() => calibrateQemu(parseQemuMigrate(text, "mig.json"), "mig.json")).toThrow(
      /^mig\.json ram\.total: /,
    );
  });
});
