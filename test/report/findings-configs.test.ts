import { describe, expect, test } from "vitest";
import { parseInput } from "../../src/input/parse.js";
import { runConfigs } from "../../src/plan/configs.js";
import { configFindings, type ConfigCell } from "../../src/report/findings/configs.js";
import { formatDuration } from "../../src/units/format.js";

const DB = { memory: "64GiB", vcpus: 8, wss: "16GiB", dirtyRate: "400MiB/s" };
const CONFIGS = [
  "pre6-default-stack-via-mgmt",
  "default-stack-static-routes",
  "vmotion-stack-routed",
  "stretched-l2",
] as const;

function grid(
  sites: Record<string, Record<string, unknown>>,
  extra: Record<string, unknown> = {},
  configs: readonly (typeof CONFIGS)[number][] = CONFIGS,
): ConfigCell[] {
  return Object.entries(sites).flatMap(([site, input]) =>
    runConfigs(parseInput({ ...DB, ...extra, ...input }), configs).map((column) => ({
      vm: "database VM",
      site,
      siteKey: String(input.site ?? "local"),
      column,
    })),
  );
}

describe("configFindings(cells)", () => {
  const cells = grid({ "one data centre": { site: "local" }, WAN: { site: "wan", mtu: 1500 } });
  const findings = configFindings(cells);
  const at = (siteKey: string, config: string) =>
    cells.find((c) => c.siteKey === siteKey && c.column.config === config)!.column.result;

  test("routing on the vMotion stack in one data centre is quoted with both times", () => {
    const f = findings.find((x) => x.startsWith("Within one data centre"))!;
    expect(f).toContain(formatDuration(at("local", "vmotion-stack-routed").totalTimeSec));
    expect(f).toContain(formatDuration(at("local", "stretched-l2").totalTimeSec));
    expect(f).toContain("through 1 router");
  });

  test("the management gateway finding names the uplink and the ratio from the two times", () => {
    const f = findings.find((x) => x.startsWith("Without a route"))!;
    const ratio =
      at("local", "pre6-default-stack-via-mgmt").totalTimeSec /
      at("local", "vmotion-stack-routed").totalTimeSec;
    expect(f).toContain("1 Gbit/s management uplink");
    expect(f).toContain(`(${Number(ratio.toPrecision(2))}x)`);
  });

  test("the management gateway across the WAN is quoted as two ratios of the times (no 'multiplies by 11x')", () => {
    const f = findings.find((x) => x.startsWith("The management gateway makes the database VM's migration"))!;
    const local =
      at("local", "pre6-default-stack-via-mgmt").totalTimeSec /
      at("local", "vmotion-stack-routed").totalTimeSec;
    const wan =
      at("wan", "pre6-default-stack-via-mgmt").totalTimeSec / at("wan", "vmotion-stack-routed").totalTimeSec;
    expect(f).toContain(`${Number(local.toPrecision(2))}x as long within one data centre`);
    expect(f).toContain(
      `${wan < local ? "but only " : "and "}${Number(wan.toPrecision(2))}x as long across the WAN`,
    );
    expect(f).not.toContain("multiplies");
  });

  test("across the WAN the finding says routed and stretched L2 are the same physics", () => {
    const f = findings.find((x) => x.startsWith("At WAN distance"))!;
    // Six routers at the 1 us data-centre default (DEFAULT_HOP_DELAY_SEC), each way: 12 us.
    expect(f).toContain("the 6 routers add 12 us");
    expect(f).toContain("same physics");
  });

  test("pre-6.0 configurations over the WAN carry the Metro vMotion support limit", () => {
    expect(findings.some((x) => x.includes("over the 10 ms supported for Metro vMotion"))).toBe(true);
  });

  test("the stretched-L2 trade-off is named in words", () => {
    expect(findings.some((x) => x.includes("failure domain"))).toBe(true);
  });

  test("a failing configuration is a finding with its reason, never a time", () => {
    const failing = configFindings(
      grid({ "one data centre": { site: "local" } }, { gateway: "none" }, ["vmotion-stack-routed"]),
    );
    expect(
      failing.some(
        (x) =>
          x.startsWith("vmotion-stack-routed to one data centre (database VM) fails: ") &&
          x.includes("KB 424375"),
      ),
    ).toBe(true);
  });

  test("above 4 ms of round trip both buffer-sizing readings are quoted, each named an assumption", () => {
    const wan = at("wan", "vmotion-stack-routed");
    const spread = cells.find((c) => c.siteKey === "wan" && c.column.config === "vmotion-stack-routed")!
      .column.spread!;
    expect(spread.used.mode).toBe("bdp");
    const f = findings.find((x) => x.startsWith("How vMotion sizes its socket buffers"))!;
    expect(f).toContain("(bdp: buffers grown to the path's bandwidth-delay product, an assumption)");
    expect(f).toContain(
      `takes ${formatDuration(spread.other.result.totalTimeSec)} instead of ${formatDuration(wan.totalTimeSec)} at WAN`,
    );
    // Within one data centre the socket buffer covers the path under both readings: no such finding.
    const local = configFindings(grid({ "one data centre": { site: "local" } }));
    expect(local.some((x) => x.startsWith("How vMotion sizes"))).toBe(false);
  });

  test("with expected-line-rate asked for, the finding names bdp as the other reading", () => {
    const f = configFindings(
      grid({ WAN: { site: "wan", mtu: 1500 } }, { bufferMode: "expected-line-rate" }, [
        "vmotion-stack-routed",
      ]),
    ).find((x) => x.startsWith("How vMotion sizes"))!;
    expect(f).toContain(
      "(expected-line-rate: buffers sized for Migrate.NetExpectedLineRateMBps, an assumption)",
    );
    expect(f).toContain(
      "with the other (bdp: buffers grown to the path's bandwidth-delay product, also an assumption)",
    );
  });
});
