import { beforeAll, describe, expect, it } from "vitest";
import { buildReport, parseReportText, resolveReport, type Report } from "../../src/report/index.js";

/**
 * User labels win (issue 17): a user-written report's row labels name the rows of its results
 * table (two rows on one preset stay two rows), and its paths tables show the paths simulated,
 * with each row's overrides, not the preset's defaults. Before the fix the results table had one
 * row, `wan`, and both paths tables printed the wan preset (6 hops, loss 7.2e-8, 25.3 ms).
 */
const USER = `
title: User labels
sections:
  - title: Stretched L2 vs routed WAN
    sweep:
      base: { memory: 16GiB, vcpus: 4, policy: vmotion }
      axes:
        - name: path
          rows:
            - { label: "stretched L2", preset: wan, hops: 0 }
            - { label: "routed WAN", preset: wan }
            - { label: "routed WAN, 4 streams", preset: wan, streams: 4, rtt: 30ms, loss: 1e-5 }
        - key: dirtyRate
          values: [20MiB/s, 80MiB/s]
    tables: [{ kind: results }, { kind: paths }]
  - title: Over RTT
    sweep:
      base: { memory: 16GiB, vcpus: 4, policy: vmotion, preset: wan, loss: 1e-5 }
      axes:
        - { key: rtt, values: [1ms, 100ms] }
        - { key: dirtyRate, values: [20MiB/s] }
    charts: [{ kind: feasibility }]
`;

let report: Report;
beforeAll(async () => {
  report = await buildReport(
    resolveReport(parseReportText(USER, "user.yaml"), () => {
      throw new Error("no sweep files");
    }),
  );
}, 60_000);

const col = (
  t: { header: readonly string[]; rows: readonly (readonly string[])[] },
  name: string,
): string[] => t.rows.map((r) => r[t.header.indexOf(name)] as string);

describe("a user-written report's labels", () => {
  it("name every row of the results table, none dropped", () => {
    const results = report.sections[0]?.tables[0];
    expect(results?.rows.map((r) => r[0])).toEqual(["stretched L2", "routed WAN", "routed WAN, 4 streams"]);
  });
  it("name the section's paths table, whose rows are the paths simulated with their overrides", () => {
    const paths = report.sections[0]?.tables[1];
    if (paths === undefined) throw new Error("no paths table");
    expect(col(paths, "Path")).toEqual(["stretched L2", "routed WAN", "routed WAN, 4 streams"]);
    expect(col(paths, "Router hops")).toEqual(["0", "6", "6"]);
    expect(col(paths, "Streams")).toEqual(["1", "1", "4"]);
    expect(col(paths, "Packet loss")).toEqual(["7.2e-8", "7.2e-8", "1e-5"]);
    expect(col(paths, "RTT")[2]).toBe("30 ms");
  });
  it("show in the report's paths table the paths simulated, a swept RTT as its range", () => {
    const t = report.paths;
    if (t === null) throw new Error("no paths table");
    expect(col(t, "Path")).toEqual(["stretched L2", "routed WAN", "routed WAN, 4 streams", "wan"]);
    const wan = t.rows[3] as readonly string[];
    expect(wan[t.header.indexOf("RTT")]).toBe("1 ms to 100 ms");
    expect(wan[t.header.indexOf("Packet loss")]).toBe("1e-5");
    expect(wan[t.header.indexOf("Used in")]).toBe("s2");
  });
});

describe("a results table over a sweep with another axis", () => {
  it("keeps a row per value of that axis, in a column named after it", async () => {
    const r = await buildReport(
      resolveReport(
        parseReportText(
          `
title: T
sections:
  - title: A
    sweep:
      base: { memory: 4GiB, vcpus: 2, preset: wan }
      axes:
        - { key: rtt, values: [10ms, 100ms] }
        - { key: dirtyRate, values: [10MiB/s, 40MiB/s] }
    tables: [{ kind: results }]
`,
          "t.yaml",
        ),
        () => {
          throw new Error("no sweep files");
        },
      ),
    );
    const t = r.sections[0]?.tables[0];
    if (t === undefined) throw new Error("no results table");
    // Before: one row ("wan"), the 100 ms half of the sweep dropped.
    expect(t.header.slice(0, 3)).toEqual(["Path", "rtt", "Dirty rate"]);
    expect(t.rows.map((row) => row.slice(0, 2))).toEqual([
      ["wan", "10 ms"],
      ["wan", "100 ms"],
    ]);
  }, 60_000);
});
