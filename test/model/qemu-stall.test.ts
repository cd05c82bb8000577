import { describe, expect, it } from "vitest";
import { scenarioFromInput } from "../../src/input/scenario.js";
import { simulate } from "../../src/model/simulate.js";
import { parseDuration } from "../../src/units/parse.js";

// A QEMU pre-copy whose pending memory stalls above the downtime limit. QEMU itself never gives
// up (migration/migration.c has no round cap or progress check), so the stop reason says so and
// names the downtime-limit that would let it switch over: pending / rate, rounded up at the
// printed digits. Checked by running again with that limit: it must switch over.
const run = (extra: Record<string, string>) =>
  simulate(
    scenarioFromInput({
      memory: "64GiB",
      bandwidth: "10Gbit/s",
      policy: "qemu",
      dirtyRate: "2GiB/s",
      ...extra,
    }),
  );

describe("QEMU stall words", () => {
  it("simulate(qemu, stalled).stopReason says QEMU keeps copying and names the limit that switches over", () => {
    const r = run({});
    expect(r.outcome).toBe("not-converging");
    expect(r.stopReason).toMatch(
      /QEMU itself does not give up: it would keep copying until the migration is cancelled \(the model stops here\), or switch over with a downtime-limit of 4\.82 s or more$/,
    );
  });

  for (const extra of [
    {},
    { dirtyRate: "1.5GiB/s" },
    { dirtyRate: "3GiB/s", wss: "16GiB" },
    { autoConverge: "true", dirtyRate: "1PiB/s" },
    { maxBandwidth: "128MiB/s", dirtyRate: "200MiB/s" },
    { dirtyModel: "constant", dirtyRate: "2GiB/s" },
  ] as Record<string, string>[]) {
    it(`the printed downtime-limit is enough: ${JSON.stringify(extra)}`, () => {
      const r = run(extra);
      expect(r.outcome).toBe("not-converging");
      const limit = /downtime-limit of ([\d.]+ m?s) or more/.exec(r.stopReason)?.[1];
      expect(limit).toBeDefined();
      const again = run({ ...extra, downtimeLimit: (limit ?? "").replace(" ", "") });
      expect(again.outcome).toMatch(/^converged/);
      expect(parseDuration((limit ?? "").replace(" ", ""), "limit")).toBeGreaterThan(0);
    });
  }
});

describe("QEMU max-bandwidth 0", () => {
  it("simulate(qemu, maxBandwidth 0) is unlimited, as QEMU reads it (RATE_LIMIT_DISABLED 0)", () => {
    const zero = run({ dirtyRate: "400MiB/s", maxBandwidth: "0" });
    const unlimited = run({ dirtyRate: "400MiB/s", maxBandwidth: "unlimited" });
    const capped = run({ dirtyRate: "400MiB/s", maxBandwidth: "128MiB/s" });
    expect(zero.totalTimeSec).toBe(unlimited.totalTimeSec);
    expect(zero.throughputBytesPerSec).toBe(1.25e9);
    expect(capped.throughputBytesPerSec).toBe(128 * 2 ** 20);
  });
});
