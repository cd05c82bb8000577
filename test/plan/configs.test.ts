import { describe, expect, test } from "vitest";
import { parseInput } from "../../src/input/parse.js";
import { configChanges, configTableRows, parseConfigList, runConfigs } from "../../src/plan/configs.js";
import { InputError } from "../../src/errors.js";

const DB = parseInput({ memory: "64GiB", vcpus: 8, wss: "16GiB", dirtyRate: "400MiB/s" });

describe("runConfigs(input, configs)", () => {
  const cols = runConfigs(DB, ["pre6-default-stack-via-mgmt", "vmotion-stack-routed", "stretched-l2"]);

  test("one column per configuration, each with its route and its migration", () => {
    expect(cols.map((c) => c.config)).toEqual([
      "pre6-default-stack-via-mgmt",
      "vmotion-stack-routed",
      "stretched-l2",
    ]);
    expect(cols.map((c) => (c.network.kind === "route" ? c.network.route.via : "failure"))).toEqual([
      "management-gateway",
      "stack-gateway",
      "same-subnet",
    ]);
    // The management uplink (1 GbE at MTU 1500) binds the first: 1e9/8 x 1448/1538 B/s.
    expect(cols[0]?.result.throughputBytesPerSec).toBeCloseTo((1e9 / 8) * (1448 / 1538), 0);
  });

  test("configChanges names what changed and the effect, computed from the two columns", () => {
    const [routed, l2] = configChanges(cols);
    expect(routed).toContain("vmotion-stack-routed: the vMotion stack instead of the default stack");
    expect(routed).toContain("leaves on vmnic1, 10 Gbit/s instead of vmnic0, 1 Gbit/s");
    const a = cols[0]!.result;
    const b = cols[1]!.result;
    const faster = (a.totalTimeSec / b.totalTimeSec).toPrecision(2);
    expect(routed).toContain(`${faster}x faster`);
    expect(l2).toContain("0 routers instead of 1");
  });

  test("a failing configuration is a column with its outcome, never a time", () => {
    const failed = runConfigs({ ...DB, gateway: "none" }, ["vmotion-stack-routed"]);
    expect(failed[0]?.result.outcome).toBe("no-route");
    const rows = configTableRows(failed);
    expect(rows.find((r) => r[0] === "total")?.[1]).toBe("-");
    expect(rows.find((r) => r[0] === "verdict")?.[1]).toBe("no-route");
  });

  test("parseConfigList refuses an unknown name, naming the field", () => {
    expect(() => parseConfigList("stretched-l2,routed", "--configs")).toThrow(InputError);
    expect(parseConfigList(undefined, "--configs")).toHaveLength(4);
  });
});

describe("configChanges(cols) with a configuration that has no route", () => {
  test("says no path instead of the route, and no 'leaves on -' for the uplink it never reaches", () => {
    const cols = runConfigs(parseInput({ memory: "64GiB", dirtyRate: "400MiB/s", gateway: "none" }), [
      "stretched-l2",
      "pre6-default-stack-via-mgmt",
    ]);
    const [line] = configChanges(cols);
    expect(line).toContain("no path (no-route) instead of same subnet, no router");
    expect(line).not.toContain("leaves on");
    expect(line).toMatch(/: fails \(no-route\)$/);
  });
});
