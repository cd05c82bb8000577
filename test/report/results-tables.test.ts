import { beforeAll, describe, expect, it } from "vitest";
import { buildReport, parseReportText, resolveReport, type Report } from "../../src/report/index.js";
import { simulate } from "../../src/model/simulate.js";
import { scenarioFromInput } from "../../src/input/scenario.js";
import { resultsOfDraws } from "../../src/report/tables/results-of-draws.js";
import { atRateCaption } from "../../src/report/tables/results-at-rate.js";
import type { SweepPoint } from "../../src/report/findings/index.js";
import { parseInput } from "../../src/input/parse.js";
import { simulatedPathsTable } from "../../src/report/tables/paths.js";
import { pathOf } from "../../src/input/path.js";
import { distributionsPart } from "../../src/report/sections/sweep-readings.js";

/**
 * The results table's values in the product's one format, and a Monte Carlo section's results
 * table summarising its draws. Before: an RTT axis written `[10ms, 0.05s]` printed `10ms` and
 * `0.05s` in its column, and a Monte Carlo section printed one draw per row (the draw nearest the
 * middle dirty rate) as if it were the answer.
 */
const REPORT = `
title: Results tables
sections:
  - title: RTT as written
    sweep:
      base: { memory: 16GiB, vcpus: 4, policy: vmotion, preset: wan }
      axes:
        - { key: rtt, values: [10ms, 0.05s] }
        - { key: dirtyRate, values: [50MiB/s, 200MiB/s] }
    tables: [{ kind: results }]
  - title: Uncertain dirty rate
    sweep:
      base: { memory: 64GiB, vcpus: 8, wss: 16GiB, policy: vmotion }
      axes:
        - { key: preset, values: [routed-lan, metro] }
        - key: dirtyRate
          distribution: { kind: lognormal, median: 400MiB/s, sigma: 0.5 }
      samples: 200
      seed: 3
    tables: [{ kind: results }]
  - title: Metro under both readings
    sweep:
      base: { memory: 64GiB, vcpus: 8, policy: vmotion }
      axes:
        - { key: preset, values: [routed-lan, metro] }
        - { key: dirtyRate, values: [400MiB/s] }
    charts: [{ kind: migration-time }]
    tables: [{ kind: results }]
  - title: Uncertain dirty rate over metro
    sweep:
      base: { memory: 64GiB, vcpus: 8, wss: 16GiB, policy: vmotion, preset: metro }
      axes:
        - key: dirtyRate
          distribution: { kind: lognormal, median: 400MiB/s, sigma: 0.5 }
      samples: 200
      seed: 3
    charts: [{ kind: distribution }]
    tables: [{ kind: results }]
  - title: One data centre
    sweep:
      base: { memory: 64GiB, vcpus: 8, policy: vmotion }
      axes:
        - { key: preset, values: [same-l2, routed-lan] }
        - { key: dirtyRate, values: [400MiB/s] }
    charts: [{ kind: migration-time }]
    tables: [{ kind: results }]
`;

let report: Report;
beforeAll(async () => {
  report = await buildReport(
    resolveReport(parseReportText(REPORT, "results.yaml"), () => {
      throw new Error("no sweep files");
    }),
  );
}, 60_000);

describe("the results table of a grid sweep", () => {
  it("prints an axis's values in the product's format, not as the file wrote them", () => {
    const t = report.sections[0]?.tables[0];
    if (t === undefined) throw new Error("no results table");
    const rtt = t.header.indexOf("rtt");
    expect(rtt).toBeGreaterThan(0);
    expect(t.rows.map((r) => r[rtt])).toEqual(["10 ms", "50 ms"]);
  });
});

describe("the results table and migration-time chart of a grid sweep over metro", () => {
  // Both buffer-sizing readings are assumptions (model.md section 4). Before, the table and the
  // chart gave metro's bdp reading alone: 65 s, where expected-line-rate gives 10.1 min (checked
  // with `estimate --memory 64GiB --vcpus 8 --preset metro --dirty-rate 400MiB/s --buffer-mode
  // bdp|expected-line-rate`: 65 s and 10.1 min at 9.9 and 1.06 Gbit/s).
  it("adds an 'Other buffer sizing' column where a row parts, 'same within 10 %' elsewhere", () => {
    const t = report.sections[2]?.tables[0];
    if (t === undefined) throw new Error("no results table");
    const col = t.header.indexOf("Other buffer sizing");
    expect(col).toBe(t.header.length - 1);
    expect(t.rows.map((r) => [r[0], r[col]])).toEqual([
      ["routed-lan", "same within 10 %"],
      ["metro", "expected-line-rate: 1.06 Gbit/s, 10.1 min"],
    ]);
    expect(t.numeric).toHaveLength(t.header.length);
  });
  it("draws metro's other reading as diamonds on the chart, with the buffer legend", () => {
    const spec = JSON.stringify(report.sections[2]?.charts[0]?.spec);
    expect(spec).toContain('"title":"Buffer sizing (assumed)"');
    expect(spec).toMatch(
      /"path":"metro","dirtyMiBps":400,"time":10.1\d*,"outcome":"converged-throttled","reading":"expected-line-rate"/,
    );
    expect(spec).toContain('"metro, expected-line-rate"');
  });
  it("has neither column nor diamonds where the readings agree (one data centre)", () => {
    expect(report.sections[4]?.tables[0]?.header).not.toContain("Other buffer sizing");
    expect(JSON.stringify(report.sections[4]?.charts[0]?.spec)).not.toContain("Buffer sizing");
  });
});

describe("a Monte Carlo section over metro under both buffer-sizing readings", () => {
  // Before, its draws table, histograms and findings gave bdp's draws alone (median about 70 s,
  // where expected-line-rate's is about 11 min: `estimate --preset metro --memory 64GiB --wss 16GiB
  // --dirty-rate 400MiB/s --buffer-mode expected-line-rate` takes 11 min).
  it("adds the other reading's total times to the table, a second histogram panel and a finding", () => {
    const s = report.sections[3];
    const t = s?.tables[0];
    expect(t?.header.at(-1)).toBe("Other buffer sizing (total time)");
    expect(t?.rows[0]?.at(-1)).toMatch(
      /^expected-line-rate: [\d.]+-[\d.]+ min \(p10-p90, median [\d.]+ min\)$/,
    );
    const spec = s?.charts[0]?.spec as unknown as { vconcat: { title: { text: string } }[] };
    expect(spec.vconcat.map((v) => v.title.text)).toEqual([
      "Buffer sizing (assumed): bdp (used)",
      "Buffer sizing (assumed): expected-line-rate",
    ]);
    expect(s?.findings).toContainEqual(
      expect.stringMatching(
        /these draws use one reading of it .* half the migrations finish within [\d.]+ min instead of [\d.]+ s\.$/,
      ),
    );
  });
  it("says 'same within 10 %' for the routed LAN's draws, where the readings agree", () => {
    const t = report.sections[1]?.tables[0];
    expect(t?.rows.map((r) => [r[0], r.at(-1)?.replace(/:.*/, "")])).toEqual([
      ["routed-lan", "same within 10 %"],
      ["metro", "expected-line-rate"],
    ]);
  });
});

describe("distributionsPart(a, b)", () => {
  it("parts where a quantile moves by more than 10 %, not where one draw of many does", () => {
    const a = Array.from({ length: 100 }, (_, i) => 60 + i / 10);
    expect(
      distributionsPart(
        a,
        a.map((x) => x * 10),
      ),
    ).toBe(true);
    expect(
      distributionsPart(
        a,
        a.map((x, i) => (i === 50 ? x * 10 : x)),
      ),
    ).toBe(false);
    // Fewer that finish: 80 of 100 against 100.
    expect(
      distributionsPart(
        a,
        a.map((x, i) => (i < 20 ? NaN : x)),
      ),
    ).toBe(true);
  });
});

describe("the results table of a Monte Carlo section", () => {
  it("has one row per path, each summarising all of its draws", () => {
    const t = report.sections[1]?.tables[0];
    if (t === undefined) throw new Error("no results table");
    expect(t.header).toContain("Draws");
    expect(t.rows.map((r) => r[0])).toEqual(["routed-lan", "metro"]);
    for (const r of t.rows) expect(r[t.header.indexOf("Draws")]).toBe("200");
    const total = t.rows[0]?.[t.header.indexOf("Total time")] ?? "";
    expect(total).toMatch(/^[\d.]+-[\d.]+ s \(p10-p90, median [\d.]+ s\)$/);
  });
});

/** A point of a draws table: only the fields it reads matter. */
function point(series: string, totalTimeSec: number, outcome: string, guestSlowdown = 0): SweepPoint {
  return {
    series,
    dirtyRateBytesPerSec: 1,
    rttSec: 0,
    pathThroughputBytesPerSec: 1,
    throughputBytesPerSec: 1,
    linkBytesPerSec: NaN,
    totalTimeSec,
    downtimeSec: totalTimeSec / 100,
    guestSlowdown,
    iterations: 1,
    outcome,
  } as SweepPoint;
}

describe("resultsOfDraws", () => {
  it("takes p10, median and p90 of the draws that switched over, and counts every outcome", () => {
    // 10 draws: 1..9 s converged, one failed after 1000 s (its time is how long it tried).
    const pts = [
      ...Array.from({ length: 9 }, (_, i) => point("a", i + 1, "converged")),
      point("a", 1000, "not-converging"),
    ];
    const t = resultsOfDraws(pts);
    const row = t.rows[0] ?? [];
    expect(row[1]).toBe("10");
    expect(row[2]).toBe("converged 9 (90 %), not-converging 1 (10 %)");
    // Type 7 over 1..9: p10 = 1.8, median 5, p90 = 8.2; the failed draw's 1000 s is left out.
    expect(row[3]).toBe("1.8-8.2 s (p10-p90, median 5 s) over the 9 that switch over");
  });
  it("says when every draw agrees, and prints a dash where no draw switched over", () => {
    const same = resultsOfDraws([point("a", 4, "converged"), point("a", 4, "converged")]);
    expect(same.rows[0]?.[3]).toBe("4 s (p10 = p90)");
    const none = resultsOfDraws([point("b", 7, "not-converging")]);
    expect(none.rows[0]?.[3]).toBe("-");
    expect(none.rows[0]?.[2]).toBe("not-converging 1 (100 %)");
  });
});

// The grid report's 10 ms row is the same migration as a direct estimate at 10 ms.
describe("the grid table's 10 ms row", () => {
  it("is the migration simulated at 10 ms", () => {
    const t = report.sections[0]?.tables[0];
    const r = simulate(
      scenarioFromInput({
        memory: "16GiB",
        vcpus: 4,
        policy: "vmotion",
        preset: "wan",
        rtt: "10ms",
        dirtyRate: "50MiB/s",
      }),
    );
    expect(t?.rows[0]?.[t.header.indexOf("Iterations")]).toBe(String(r.iterationCount));
  });
});

describe("simulatedPathsTable(paths, caption)", () => {
  // Both buffer-sizing readings are assumptions (model.md section 4). Before, the paths table gave
  // metro's bdp throughput alone: 9.9 Gbit/s, where expected-line-rate carries 1.06 Gbit/s
  // (`estimate --preset metro --buffer-mode expected-line-rate` ... 1.06 Gbit/s).
  const path = (preset: string) => ({
    label: preset,
    userLabel: false,
    input: parseInput({ preset }),
    variants: [],
    usedIn: [],
  });
  it("adds the other reading's throughput where a path parts, 'same within 10 %' elsewhere", () => {
    const t = simulatedPathsTable([path("routed-lan"), path("metro")], "Paths");
    const col = t?.header.indexOf("Other buffer sizing") ?? -1;
    expect(col).toBe(12);
    expect(t?.rows.map((r) => r[col])).toEqual(["same within 10 %", "expected-line-rate: 1.06 Gbit/s"]);
    expect(t?.numeric).toHaveLength(t?.header.length ?? 0);
  });
  it("has no such column when every path agrees", () => {
    expect(simulatedPathsTable([path("routed-lan")], "Paths")?.header).not.toContain("Other buffer sizing");
  });
  it("compares the readings inside a swept RTT range, not only at its ends", async () => {
    // 10 GbE WAN with loss 1e-5 (estimate --preset wan --loss 1e-5 --rtt R --buffer-mode M): at
    // 0.2 ms both carry 9.9 Gbit/s (the socket buffer covers the path), at 100 ms loss binds both
    // (0.28 Gbit/s), but at 2 ms expected-line-rate carries 2.25 Gbit/s against bdp's 9.9.
    // Before, the table compared the two ends only and said "same within 10 %".
    const r = await buildReport(
      resolveReport(
        parseReportText(
          `
title: Paths
sections:
  - title: Throughput
    throughput:
      path: { preset: wan, loss: 1e-5 }
      rtt: { from: 0.2ms, to: 100ms, count: 40, scale: log }
`,
          "p.yaml",
        ),
        () => {
          throw new Error("no sweep files");
        },
      ),
    );
    const t = r.paths;
    const col = t?.header.indexOf("Other buffer sizing") ?? -1;
    expect(col).toBeGreaterThan(0);
    expect(t?.rows[0]?.[t.header.indexOf("RTT")]).toBe("200 us to 100 ms");
    const cell = t?.rows[0]?.[col] ?? "";
    const m = /^expected-line-rate: ([\d.]+) Gbit\/s instead of ([\d.]+) Gbit\/s at rtt ([\d.]+) ms$/.exec(
      cell,
    );
    expect(m, cell).not.toBeNull();
    // The numbers are the path's at the RTT the cell names (the run inside the range that parts most).
    const at = (bufferMode: string) =>
      pathOf(parseInput({ preset: "wan", loss: 1e-5, rtt: `${m?.[3]}ms`, bufferMode }))
        ?.throughputBytesPerSec ?? 0;
    expect(Number(m?.[1])).toBeCloseTo((at("expected-line-rate") * 8) / 1e9, 2);
    expect(Number(m?.[2])).toBeCloseTo((at("bdp") * 8) / 1e9, 1);
    expect(Number(m?.[3])).toBeGreaterThan(0.2);
    expect(Number(m?.[3])).toBeLessThan(100);
  }, 60_000);
});

describe("atRateCaption(rowRates, atRate)", () => {
  const MiB = 2 ** 20;
  it("atRateCaption names the rate the rows are at, and the one it is nearest where they print apart", () => {
    // A 1 KiB/s to 100 GiB/s sweep quoted at its geometric middle, 10.5 MiB/s: the rows were at
    // 16.3 MiB/s under "Results at 10 MiB/s dirty rate (nearest grid value)".
    expect(atRateCaption([16.3 * MiB], 10.5 * MiB)).toBe(
      "Results at 16.3 MiB/s dirty rate (the grid value nearest 10.5 MiB/s)",
    );
    expect(atRateCaption([400 * MiB, 400 * MiB], 400 * MiB)).toBe("Results at 400 MiB/s dirty rate");
    expect(atRateCaption([400 * MiB, 300 * MiB], 350 * MiB)).toBe(
      "Results at the grid dirty rate nearest 350 MiB/s",
    );
  });
});
