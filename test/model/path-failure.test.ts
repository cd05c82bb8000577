import { describe, expect, it } from "vitest";
import { scenarioFromInput } from "../../src/input/scenario.js";
import { simulate, simulateSummary } from "../../src/model/simulate.js";
import { switchedOver, OUTCOMES } from "../../src/model/types.js";

describe("simulate over a path that carries nothing", () => {
  it("simulate(vmknics 9000, path MTU 1500) fails at once as path-mtu-blackhole naming the segment", () => {
    const r = simulate(
      scenarioFromInput({ memory: "64GiB", dirtyRate: "400MiB/s", mtu: 9000, pathMtu: 1500 }),
    );
    expect(r.outcome).toBe("path-mtu-blackhole");
    expect(r.iterationCount).toBe(0);
    expect(r.transferredBytes).toBe(0);
    expect(r.totalTimeSec).toBe(0);
    expect(r.stopReason).toContain("segment 1 carries at most 1500");
    expect(switchedOver(r.outcome)).toBe(false);
    const sum = simulateSummary(
      scenarioFromInput({ memory: "64GiB", dirtyRate: "400MiB/s", mtu: 9000, pathMtu: 1500 }),
    );
    expect(OUTCOMES[sum.outcome]).toBe("path-mtu-blackhole");
  });

  it("simulate with a given --bandwidth over the black hole still fails: no bandwidth carries dropped packets", () => {
    const r = simulate(
      scenarioFromInput({
        memory: "8GiB",
        dirtyRate: "0B/s",
        mtu: 9000,
        pathMtu: 1500,
        bandwidth: "10Gbit/s",
      }),
    );
    expect(r.outcome).toBe("path-mtu-blackhole");
  });
});
