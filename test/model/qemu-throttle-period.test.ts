import { describe, expect, it } from "vitest";
import { scenarioFromInput } from "../../src/input/scenario.js";
import { QEMU_THROTTLE_PERIOD_SEC } from "../../src/model/rules.js";
import { simulate, simulateSummary } from "../../src/model/simulate.js";

// QEMU's auto-converge judges the dirtying once a period, and a period closes only at a bitmap
// sync more than 1 s after it began (migration/ram.c, migration_bitmap_sync: `end_time >
// rs->time_last_bitmap_sync + 1000`); it steps the throttle after two high periods. So two raises
// are more than 2 x 1 s apart, however short the rounds. A 4 GiB guest over 10 Gbit/s dirtying
// 2 GiB/s over a 1 GiB working set has rounds of 0.3-0.9 s after its first: raises at 6.29,
// 8.87 and 11.4 s (every 4 rounds); the old per-round rule raised it every 2 rounds (~1.2 s).
const run = (extra: Record<string, string | undefined> = {}) =>
  scenarioFromInput({
    memory: "4GiB",
    bandwidth: "10Gbit/s",
    policy: "qemu",
    autoConverge: "true",
    dirtyRate: "2GiB/s",
    wss: "1GiB",
    ...extra,
  });

describe("QEMU auto-converge's throttle period", () => {
  it("simulate(qemu auto-converge, sub-second rounds): two throttle raises are more than 2 periods apart", () => {
    const r = simulate(run());
    const raises = r.slowdownTimeline.map((st) => st.atSec);
    expect(raises.length).toBeGreaterThanOrEqual(3);
    // The rounds after the first are short: the rule must be about periods, not rounds.
    const short = r.iterations.slice(1).filter((it) => it.durationSec < QEMU_THROTTLE_PERIOD_SEC);
    expect(short.length).toBeGreaterThanOrEqual(4);
    for (let k = 1; k < raises.length; k++)
      expect((raises[k] as number) - (raises[k - 1] as number)).toBeGreaterThan(2 * QEMU_THROTTLE_PERIOD_SEC);
  });

  it("simulateSummary (the summary loop) gives the same doubles as simulate (the general loop)", () => {
    for (const extra of [
      {},
      { dirtyRate: "4GiB/s" },
      { memory: "512MiB", wss: "128MiB" },
      { dirtyModel: "constant", wss: undefined },
    ]) {
      const s = run(extra);
      const full = simulate(s);
      const sum = simulateSummary(s);
      expect([sum.totalTimeSec, sum.downtimeSec, sum.iterations, sum.guestSlowdown]).toEqual([
        full.totalTimeSec,
        full.downtimeSec,
        full.iterationCount,
        full.guestSlowdown,
      ]);
    }
  });
});
