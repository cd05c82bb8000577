import { describe, expect, it } from "vitest";
import type { ThroughputLimitsRow } from "../../src/charts/index.js";
import { parseInput } from "../../src/input/parse.js";
import { pathOf } from "../../src/input/path.js";
import { throughputBufferFindings, throughputFindings } from "../../src/report/findings/throughput.js";
import { buildReport, parseReportText, resolveReport } from "../../src/report/index.js";
import { throughputAtRtt } from "../../src/report/tables/throughput-at-rtt.js";

/**
 * The throughput section's numbers rest on one buffer-sizing reading (model.md section 4, both
 * readings assumptions). Before, its findings, table and chart gave the bdp reading alone: over
 * the example's lossy WAN path 6.68 Gbit/s at 4.11 ms, where expected-line-rate gives 1.1 Gbit/s.
 * Expected numbers: bdp is the link (9.9 Gbit/s) or the loss bound; expected-line-rate's window is
 * the 562,540 B socket buffer / RTT up to 4 ms (4.5 Gbit/s at 1 ms), 133 MB/s above.
 */
const GBIT = 1e9 / 8;
const BASE = { linkBytesPerSec: 9.9 * GBIT, windowBytesPerSec: 9.9 * GBIT };
const parted = (rttSec: number, used: number, other: number): ThroughputLimitsRow => ({
  ...BASE,
  rttSec,
  achievedBytesPerSec: used * GBIT,
  binding: used === 9.9 ? "link" : "loss",
  otherAchievedBytesPerSec: other * GBIT,
  otherBinding: "window",
  usedMode: "bdp",
  otherMode: "expected-line-rate",
});
const agreed = (rttSec: number, used: number): ThroughputLimitsRow => ({
  ...BASE,
  rttSec,
  achievedBytesPerSec: used * GBIT,
  binding: "loss",
});

describe("throughputBufferFindings(rows)", () => {
  it("gives the other reading's throughput over the RTTs where the two part, and how many agree", () => {
    const rows = [parted(0.001, 9.9, 4.5), parted(0.01, 2.73, 1.06), agreed(0.05, 0.5), agreed(0.1, 0.27)];
    expect(throughputBufferFindings(rows)).toEqual([
      "How vMotion sizes its socket buffers once a path's bandwidth-delay product outgrows them is not published, and these throughputs use one reading of it (bdp: buffers grown to the path's bandwidth-delay product, an assumption): with the other (expected-line-rate: buffers sized for Migrate.NetExpectedLineRateMBps, also an assumption) from 1 ms to 10 ms RTT the socket window (window / RTT) bounds throughput from 4.5 Gbit/s down to 1.06 Gbit/s instead of 9.9 Gbit/s down to 2.73 Gbit/s; at the other 2 RTTs the two readings agree within 10 %.",
    ]);
  });
  it("names one RTT in the singular and a flat level with 'at'", () => {
    const [f] = throughputBufferFindings([
      parted(0.005, 5.18, 1.06),
      parted(0.006, 4.55, 1.06),
      agreed(0.1, 0.27),
    ]);
    expect(f).toMatch(
      / from 5 ms to 6 ms RTT the socket window \(window \/ RTT\) bounds throughput at 1.06 Gbit\/s instead of 5.18 Gbit\/s down to 4.55 Gbit\/s; at the other RTT the two readings agree within 10 %\.$/,
    );
  });
  it("keeps runs apart where an agreeing RTT lies between them", () => {
    const [f] = throughputBufferFindings([
      parted(0.001, 9.9, 4.5),
      agreed(0.002, 9.9),
      parted(0.01, 2.73, 1.06),
    ]);
    expect(f).toContain(" at 1 ms RTT the socket window");
    expect(f).toContain(
      "; at 10 ms RTT the socket window (window / RTT) bounds throughput at 1.06 Gbit/s instead of 2.73 Gbit/s;",
    );
  });
  it("says nothing where the readings agree, and throughputFindings then adds nothing", () => {
    const rows = [agreed(0.05, 0.5), agreed(0.1, 0.27)];
    expect(throughputBufferFindings(rows)).toEqual([]);
    expect(throughputFindings(rows)).toHaveLength(2);
    expect(throughputFindings([...rows, parted(0.01, 2.73, 1.06)]).at(-2)).toMatch(/^How vMotion sizes/);
  });
  it("gives the share of the range's ends again where an end parts", () => {
    // 0.27 / 4.5 = 6 % under expected-line-rate against 0.27 / 9.9 = 2.7 % under bdp.
    const f = throughputFindings([parted(0.001, 9.9, 4.5), agreed(0.1, 0.27)]);
    expect(f.slice(-3)).toEqual([
      "At 100 ms the path carries 2.7 % of what it carries at 1 ms.",
      expect.stringMatching(/^How vMotion sizes/),
      "Under the other buffer sizing (expected-line-rate, an assumption): at 100 ms the path carries 6 % of what it carries at 1 ms.",
    ]);
  });
});

describe("throughputAtRtt(rows)", () => {
  const path = pathOf(parseInput({ preset: "wan", rtt: "50ms" }));
  if (path === null) throw new Error("wan has a path");
  it("adds an 'Other buffer sizing' column only when some RTT parts", () => {
    const t = throughputAtRtt([
      { row: parted(0.01, 2.73, 1.06), path },
      { row: agreed(0.05, 0.5), path },
    ]);
    expect(t.header).toEqual(["RTT", "Throughput", "Bound by", "Other buffer sizing"]);
    expect(t.rows).toEqual([
      ["10 ms", "2.73 Gbit/s", "loss", "expected-line-rate: 1.06 Gbit/s (window)"],
      ["50 ms", "500 Mbit/s", "loss", "same within 10 %"],
    ]);
    expect(throughputAtRtt([{ row: agreed(0.05, 0.5), path }]).header).toEqual([
      "RTT",
      "Throughput",
      "Bound by",
    ]);
  });
});

describe("a report's throughput section", () => {
  const build = async (path: string) =>
    buildReport(
      resolveReport(
        parseReportText(
          `
title: T
sections:
  - title: WAN
    throughput:
      path: ${path}
      rtt: { from: 1ms, to: 150ms, count: 6, scale: log }
    charts: [{ kind: throughput-limits }]
    tables: [{ kind: results }]
`,
          "t.yaml",
        ),
        () => {
          throw new Error("no sweep files");
        },
      ),
    );
  it("shows the other reading in its findings, table and chart over the lossy WAN", async () => {
    const s = (await build("{ preset: wan, loss: 1e-5 }")).sections[0];
    // 1 ms: 562,540 B / 1 ms = 4.5 Gbit/s against the link's 9.9 Gbit/s.
    expect(s?.findings.at(-2)).toMatch(
      /with the other \(expected-line-rate.* from 1 ms to [\d.]+ ms RTT the socket window/,
    );
    expect(s?.tables[0]?.rows[0]).toEqual([
      "1 ms",
      "9.9 Gbit/s",
      "link",
      "expected-line-rate: 4.5 Gbit/s (window)",
    ]);
    const spec = JSON.stringify(s?.charts[0]?.spec);
    expect(spec).toContain('"title":"Buffer sizing (assumed)"');
    expect(spec).toContain('"reading":"expected-line-rate"');
  });
  it("shows nothing extra on a 1 Gbit/s link that the socket buffer covers (both readings alike)", async () => {
    const s = (await build("{ preset: wan, link: 1Gbit/s, loss: 0, streams: 1 }")).sections[0];
    expect(s?.findings.some((f) => f.startsWith("How vMotion sizes"))).toBe(false);
    expect(s?.tables[0]?.header).toEqual(["RTT", "Throughput", "Bound by"]);
    expect(JSON.stringify(s?.charts[0]?.spec)).not.toContain("Buffer sizing");
  });
});
