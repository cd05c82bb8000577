import { describe, expect, it } from "vitest";
import {
  convergenceStatus,
  distributionChart,
  convergenceChart,
  feasibilityChart,
  migrationTimeChart,
  sensitivityChart,
  throughputLimitsChart,
  timelineChart,
} from "../../src/charts/index.js";
import { guestSlowdownChart } from "../../src/charts/slowdown.js";
import { allSpecs, feasibilityRows, migrationRows, MiB, throughputRows } from "./fixtures.js";

/** Every `values` array inlined anywhere in a spec, by the path it sits at. */
function inlineData(node: unknown, path = "$"): { path: string; values: Record<string, unknown>[] }[] {
  if (Array.isArray(node)) return node.flatMap((v, i) => inlineData(v, `${path}[${i}]`));
  if (node === null || typeof node !== "object") return [];
  const out: { path: string; values: Record<string, unknown>[] }[] = [];
  for (const [k, v] of Object.entries(node)) {
    if (k === "values" && Array.isArray(v) && path.endsWith(".data")) {
      out.push({ path, values: v as Record<string, unknown>[] });
    } else {
      out.push(...inlineData(v, `${path}.${k}`));
    }
  }
  return out;
}

/** Every axis/legend title string in a spec. */
function titles(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(titles);
  if (node === null || typeof node !== "object") return [];
  return Object.entries(node).flatMap(([k, v]) => (k === "title" && typeof v === "string" ? [v] : titles(v)));
}

describe("all builders", () => {
  it("inline only finite numbers (no Infinity/NaN that JSON would turn into null)", () => {
    for (const [name, spec] of Object.entries(allSpecs())) {
      for (const d of inlineData(spec)) {
        for (const row of d.values) {
          for (const [k, v] of Object.entries(row)) {
            if (typeof v === "number") expect(Number.isFinite(v), `${name} ${d.path}.${k}`).toBe(true);
          }
        }
      }
    }
  });
  it("name a unit in every quantitative axis title", () => {
    const units = /\((ms|s|min|h|MiB\/s|MiB|Gbit\/s|%)(, log scale)?\)/;
    const quantity = /time|rate|throughput|bytes|bandwidth/i;
    for (const [name, spec] of Object.entries(allSpecs())) {
      for (const t of titles(spec).filter(
        (t) =>
          quantity.test(t) &&
          !/^(Migration|Where|Bytes remaining per|Sensitivity|Throughput limits|Distribution|Bandwidth x)/.test(
            t,
          ),
      )) {
        expect(t, `${name}: ${t}`).toMatch(units);
      }
    }
  });
  it("use the DejaVu Sans font in the config (what the PNG renderer loads)", () => {
    for (const spec of Object.values(allSpecs())) expect(spec.config?.font).toBe("DejaVu Sans");
  });
});

describe("migrationTimeChart", () => {
  it("convergenceStatus maps outcomes to the strip: plain converged gets no mark", () => {
    expect(convergenceStatus("converged", 10)).toBeUndefined();
    expect(convergenceStatus("converged-throttled", 10)).toBe("throttled");
    expect(convergenceStatus("max-rounds", 10)).toBe("forced");
    expect(convergenceStatus("data-cap", 10)).toBe("forced");
    expect(convergenceStatus("not-converging", Infinity)).toBe("failed");
    expect(convergenceStatus("converged", NaN)).toBe("failed");
  });
  it("leaves failed rows out of the lines and merges touching strip cells of one path", () => {
    const [lines, strip] = inlineData(migrationTimeChart(migrationRows));
    // 12 rows, 3 failed (routed-lan 1200, wan 400 and 800) -> 9 plotted.
    expect(lines?.values).toHaveLength(9);
    // wan: 100 max-rounds (forced, 75..250 MiB/s), 400 and 800 failed, merged into 250..800.
    const wan = strip?.values.filter((c) => c.path === "wan");
    expect(wan).toEqual([
      { path: "wan", x0: 75, x1: 250, status: "forced switchover (round or data limit)" },
      { path: "wan", x0: 250, x1: 800, status: "does not converge" },
    ]);
  });
  it("switches the time axis to a log scale when times span more than 20x", () => {
    const spec = JSON.stringify(migrationTimeChart(migrationRows));
    expect(spec).toContain("Total migration time (min, log scale)");
    const narrow = migrationTimeChart(migrationRows.filter((r) => r.path === "same-l2"));
    expect(JSON.stringify(narrow)).toContain('"title":"Total migration time (s)"');
  });
});

describe("migrationTimeChart over odd sweeps", () => {
  type Spec = {
    title: { subtitle?: string[] };
    vconcat: { encoding: { x: { title: string | null; scale: object }; y: { scale: object } } }[];
  };
  const row = (mibps: number, totalTimeSec: number, outcome = "converged") => ({
    path: "same-l2",
    dirtyRateBytesPerSec: mibps * MiB,
    totalTimeSec,
    outcome,
  });
  it("migrationTimeChart(one rate) draws the axis from 0 to twice it, and no empty strip", () => {
    // One swept rate gave a zero-width domain (ticks "400.000000") and a strip panel with nothing
    // in it under a legend with no entries.
    const spec = migrationTimeChart([row(400, 64.9)]) as unknown as Spec;
    expect(spec.vconcat).toHaveLength(1);
    expect(spec.vconcat[0]?.encoding.x).toMatchObject({
      title: "Guest dirty rate (MiB/s)",
      scale: { domain: [0, 800], nice: false },
    });
  });
  it("migrationTimeChart(rates over more than 100x) puts the dirty rate on a log axis", () => {
    // 1 KiB/s to 100 GiB/s on a linear axis stacked every rate below 1 GiB/s at its left edge.
    const wide = migrationTimeChart([row(0.001, 3600), row(1, 3601), row(100, 3700)]) as unknown as Spec;
    expect(wide.vconcat[0]?.encoding.x).toMatchObject({
      title: "Guest dirty rate (MiB/s, log scale)",
      scale: { type: "log" },
    });
    // 100x exactly stays linear (the example report's 50 MiB/s to 2 GiB/s is 41x).
    const narrow = migrationTimeChart([row(10, 60), row(1000, 70)]) as unknown as Spec;
    expect(narrow.vconcat[0]?.encoding.x.scale).toEqual({ nice: false });
  });
  it("migrationTimeChart(only failed rows) says there is no time to draw, with a 0-1 time axis", () => {
    // The empty time axis had one tick, "0.000000".
    const spec = migrationTimeChart([
      row(500, 20_000, "not-converging"),
      row(1000, 20_000, "not-converging"),
    ]) as unknown as Spec;
    expect(spec.title.subtitle).toEqual([
      "no migration switches over at any dirty rate swept: no time to draw",
    ]);
    expect(spec.vconcat[0]?.encoding.y.scale).toEqual({ domain: [0, 1] });
    // The strip still marks both rates as failing, and carries the axis title.
    expect(spec.vconcat).toHaveLength(2);
    expect(spec.vconcat[0]?.encoding.x.title).toBeNull();
  });
});

describe("feasibilityChart", () => {
  it("marks failed cells with time null and draws the 150 ms limit on an RTT axis", () => {
    const spec = feasibilityChart(feasibilityRows);
    const [cells, limit] = inlineData(spec);
    const failed = cells?.values.filter((c) => c.time === null) ?? [];
    // fixture rule: rtt (s) x dirty (MiB/s) > 20 fails: 0.05 x 800, 0.2 x 400, 0.2 x 800.
    expect(failed.map((c) => [c.x, c.y])).toEqual([
      [50, 800],
      [200, 400],
      [200, 800],
    ]);
    expect(
      limit?.values.every((v) => v.limitMs === 150 && v.line === "150 ms RTT (vMotion support limit)"),
    ).toBe(true);
  });
  it("draws the 150 ms rule around the cells' numbers, never over them", () => {
    // The example report's s2: the rule ran through the numbers of the column at 150 ms. Every
    // row's number sits at its yMid; no rule segment may reach it, and the segments still join
    // each row's bottom to its top edge.
    const spec = feasibilityChart(feasibilityRows);
    const [cells, limit] = inlineData(spec);
    const rows = [...new Map((cells?.values ?? []).map((c) => [c.y0, c])).values()];
    const segments = (limit?.values ?? []) as { ya: number; yb: number }[];
    expect(segments.length).toBe(2 * rows.length);
    for (const r of rows) {
      const mid = r.yMid as number;
      for (const g of segments) expect(mid > Math.min(g.ya, g.yb) && mid < Math.max(g.ya, g.yb)).toBe(false);
      expect(segments.some((g) => g.ya === r.y0)).toBe(true);
      expect(segments.some((g) => g.yb === r.y1)).toBe(true);
    }
  });
  it("has no RTT limit on a bandwidth axis", () => {
    const rows = [
      { bandwidthBytesPerSec: 1.25e8, dirtyRateBytesPerSec: MiB, totalTimeSec: 5, outcome: "converged" },
    ];
    const spec = JSON.stringify(feasibilityChart(rows, { axis: "bandwidth" }));
    expect(spec).toContain("Bandwidth (Gbit/s)");
    expect(spec).not.toContain("support limit");
  });

  /** The colour channel of the cell layer: domain (labels) and range. */
  const categories = (spec: ReturnType<typeof feasibilityChart>) =>
    (spec as { layer: { encoding?: { color?: { scale: { domain: string[]; range: string[] } } } }[] })
      .layer[0]?.encoding?.color?.scale ?? { domain: [], range: [] };

  it("draws converged, converged-throttled and failed as distinct categories, a legend entry only for those present", () => {
    const rows = [
      { rttSec: 0.001, dirtyRateBytesPerSec: MiB, totalTimeSec: 10, outcome: "converged" },
      { rttSec: 0.002, dirtyRateBytesPerSec: MiB, totalTimeSec: 20, outcome: "converged-throttled" },
    ];
    // Every cell switches over (the s2): no grey "does not converge" entry.
    expect(categories(feasibilityChart(rows)).domain).toEqual([
      "converges on its own",
      "converges only with SDPS throttling",
    ]);
    const withFailure = [
      ...rows,
      { rttSec: 0.004, dirtyRateBytesPerSec: MiB, totalTimeSec: Infinity, outcome: "not-converging" },
    ];
    const scale = categories(feasibilityChart(withFailure));
    expect(scale.domain).toEqual([
      "converges on its own",
      "converges only with SDPS throttling",
      "fails (no switchover)",
    ]);
    expect(new Set(scale.range).size).toBe(3);
  });

  it("prints each switched-over cell's time in it on a small grid, and says so", () => {
    const spec = feasibilityChart(feasibilityRows);
    const text = (spec as { layer: { mark: { type: string } }[] }).layer.find((l) => l.mark.type === "text");
    expect(text).toBeDefined();
    expect(JSON.stringify(spec.title)).toContain("Numbers in cells: total time (s)");
  });

  it("ends the x axis at the last cell and draws the 150 ms rule only inside it", () => {
    // RTT up to 100 ms: the rule would stretch the axis past the data (the empty strip).
    const rows = [0.001, 0.01, 0.1].map((rttSec) => ({
      rttSec,
      dirtyRateBytesPerSec: MiB,
      totalTimeSec: 10,
      outcome: "converged",
    }));
    const spec = feasibilityChart(rows);
    expect(JSON.stringify(spec)).not.toContain("support limit");
    const x = (spec as { layer: { encoding: { x: { scale: { domain: number[] } } } }[] }).layer[0]?.encoding
      .x;
    // Log cells: 100 ms's cell ends at 100 x sqrt(100 / 10) = 316 ms (mirrored half-gap).
    expect(x?.scale.domain).toEqual([0.316228, 316.228]);
  });
});

describe("throughputLimitsChart", () => {
  it("names a bound hidden under an equal one and draws it first, under that one", () => {
    // The example's s3: buffers sized to the bandwidth-delay product make window / RTT the link
    // rate at every RTT; the window line lay over the link line and the link's legend entry had
    // no line to be seen.
    const rows = [0.001, 0.01, 0.1].map((rttSec) => ({
      rttSec,
      linkBytesPerSec: 1.2375e9,
      windowBytesPerSec: 1.2375e9,
      lossBytesPerSec: 1e7 / rttSec,
      achievedBytesPerSec: Math.min(1.2375e9, 1e7 / rttSec),
      binding: rttSec < 0.01 ? "link" : "loss",
    }));
    const spec = throughputLimitsChart(rows);
    const [bounds] = inlineData(spec);
    expect([...new Set(bounds?.values.map((b) => b.bound))]).toEqual([
      "socket window / RTT",
      "link rate x protocol efficiency",
      "packet loss (Mathis)",
    ]);
    expect((spec.title as { subtitle?: string[] }).subtitle).toEqual([
      "the socket window / RTT line lies under the link rate x protocol efficiency line (within 0.1 %)",
    ]);
  });
  it("drops bounds that do not apply and labels achieved points with their binding bound", () => {
    const [bounds, achieved] = inlineData(throughputLimitsChart(throughputRows));
    expect(bounds?.values.some((b) => b.bound === "configured cap")).toBe(false);
    // 0.1 ms: link 1.176e9 B/s binds (window 5.62e9, loss 5.586e9) -> 9.408 Gbit/s.
    expect(achieved?.values[0]).toEqual({
      rttMs: 0.1,
      gbps: 9.408,
      bound: "link rate x protocol efficiency",
      line: "achieved",
    });
    // 100 ms: loss 5.586e6 B/s binds (window 5.62e6) -> 0.044688 Gbit/s.
    expect(achieved?.values[3]).toMatchObject({ gbps: 0.044688, bound: "packet loss (Mathis)" });
  });
});

describe("distributionChart", () => {
  it("marks p50, p95 and p99 in each panel with units in the labels", () => {
    const samples = Array.from({ length: 100 }, (_, i) => ({
      totalTimeSec: i + 1,
      downtimeSec: (i + 1) / 1000,
    }));
    const data = inlineData(distributionChart(samples));
    const labels = data.flatMap((d) => d.values.map((v) => v.label)).filter((l) => l !== undefined);
    // 1..100 s: p50 50.5, p95 95.05, p99 99.01 (see markedQuantiles), shown to 3 significant
    // digits (95.05 is stored as 95.0499..., so it prints 95); 1..100 ms likewise.
    expect(labels).toEqual(["p50 50.5 s", "p95 95 s", "p99 99 s", "p50 50.5 ms", "p95 95 ms", "p99 99 ms"]);
  });
  it("starts each rule below the labels that could extend over it", () => {
    // The example's stun panel: p95 541 ms and p99 556 ms, 9 px apart, both labelled left of their
    // rule; the p95 rule ran through "p99 556 ms".
    const samples = Array.from({ length: 200 }, (_, i) => ({
      totalTimeSec: 50 + i / 4,
      downtimeSec: 0.08 + (i < 190 ? i * 0.0025 : 0.55 + (i - 190) * 0.001),
    }));
    for (const d of inlineData(distributionChart(samples))) {
      const marks = d.values.filter((v) => v.label !== undefined) as {
        value: number;
        side: string;
        yPx: number;
        ruleTopPx: number;
      }[];
      // Every rule starts below every label row: whichever way a label extends, no rule crosses it.
      for (const m of marks) for (const r of marks) expect(r.ruleTopPx).toBeGreaterThan(m.yPx + 5);
      expect(new Set(marks.map((m) => m.yPx)).size).toBe(marks.length);
    }
  });
});

describe("distributionChart with draws that never switch over", () => {
  // A failed draw's row keeps a finite time (how long pre-copy tried) and a 0 stun: the chart
  // drew both as measurements (an all-failing sweep showed "p50 333 min" and "p50 0 ms").
  const done = Array.from({ length: 8 }, (_, i) => ({
    totalTimeSec: 60 + i,
    downtimeSec: 0.3,
    outcome: "converged",
  }));
  const failed = [
    { totalTimeSec: 20_000, downtimeSec: 0, outcome: "not-converging" },
    { totalTimeSec: 19_000, downtimeSec: 0, outcome: "switchover-timeout" },
  ];
  const panelTitles = (spec: unknown): string[] =>
    (spec as { hconcat: { title: { text: string } }[] }).hconcat.map((p) => p.title.text);
  it("distributionChart(8 converged + 2 failed) bins only the 8 and says so in each panel's title", () => {
    const spec = distributionChart([...done, ...failed]);
    const bins = inlineData(spec).filter((d) => d.values.some((v) => v.count !== undefined));
    // Two panels, each binning exactly the 8 draws that switched over (60-67 s, 0.3 s stun).
    expect(bins.map((d) => d.values.reduce((n, v) => n + (v.count as number), 0))).toEqual([8, 8]);
    for (const d of bins) for (const v of d.values) expect(v.x1 as number).toBeLessThan(1000);
    expect(panelTitles(spec)).toEqual([
      "Total migration time, 8 of 10 runs (2 never switch over)",
      "Stun time (guest-seen), 8 of 10 runs (2 never switch over)",
    ]);
  });
  it("distributionChart(only failed draws) draws no histogram and no quantile, and says why", () => {
    const spec = distributionChart(failed);
    const data = inlineData(spec);
    expect(data.some((d) => d.values.some((v) => v.count !== undefined || v.label !== undefined))).toBe(
      false,
    );
    expect(data.map((d) => d.values[0]?.note)).toEqual([
      "none of the 2 runs\nswitches over: nothing to show",
      "none of the 2 runs\nswitches over: nothing to show",
    ]);
  });
});

describe("sensitivityChart", () => {
  it("orders inputs by swing and draws failures to the edge labelled 'fails'", () => {
    const spec = sensitivityChart(
      [
        { input: "small", lowTotalTimeSec: 9, highTotalTimeSec: 11 },
        { input: "big", lowTotalTimeSec: 5, highTotalTimeSec: 20 },
        { input: "fails", lowTotalTimeSec: 10, highTotalTimeSec: Infinity },
      ],
      { baselineTotalTimeSec: 10, deltaFraction: 0.1 },
    );
    const [bars] = inlineData(spec);
    // swings: big 15, fails min(inf, 22) - 10 = 12, small 2.
    expect([...new Set(bars?.values.map((b) => b.input))]).toEqual(["big", "fails", "small"]);
    expect(bars?.values.find((b) => b.note === "fails")).toMatchObject({ to: 22, changePct: null });
  });
  it("labels an input whose bars are too short to see, instead of leaving its row empty", () => {
    // distance: 64.9 -> 64.91 s (0.015 %): no visible bar; the example's RTT, distance and
    // switchover goal rows were blank.
    const spec = sensitivityChart(
      [
        { input: "memory", lowTotalTimeSec: 52, highTotalTimeSec: 78 },
        { input: "distance", lowTotalTimeSec: 64.9, highTotalTimeSec: 64.91 },
      ],
      { baselineTotalTimeSec: 64.9, deltaFraction: 0.2 },
    );
    const notes = inlineData(spec).flatMap((d) =>
      d.values.filter((v) => v.note === "less than 0.5 % either way"),
    );
    expect(notes.map((n) => n.input)).toEqual(["distance"]);
  });
});

describe("sensitivityChart with a baseline that never switches over", () => {
  it("sensitivityChart(baseline Infinity) inlines only finite numbers and says the baseline fails", () => {
    // The baseline was drawn at Infinity (null in JSON) and titled "Black line: baseline, Infinity s".
    const spec = sensitivityChart(
      [
        { input: "dirty rate", lowTotalTimeSec: 500, highTotalTimeSec: Infinity },
        { input: "memory", lowTotalTimeSec: Infinity, highTotalTimeSec: Infinity },
      ],
      { baselineTotalTimeSec: Infinity, deltaFraction: 0.5 },
    );
    const values = inlineData(spec).flatMap((d) => d.values);
    for (const v of values)
      for (const [k, x] of Object.entries(v))
        if (typeof x === "number") expect(Number.isFinite(x), k).toBe(true);
    // The edge is 1.1 x the largest finite time (500 s): 550 s (in s: under 10 min), where the
    // baseline and the failed ends sit.
    expect(values.filter((v) => v.direction !== undefined).map((v) => [v.from, v.to, v.changePct])).toEqual([
      [550, 500, null],
      [550, 550, null],
      [550, 550, null],
      [550, 550, null],
    ]);
    const text = JSON.stringify(spec);
    expect(text).toContain("Black line: the baseline, which never switches over (drawn at the right edge)");
    expect(text).not.toContain("Infinity");
  });
});

describe("timelineChart", () => {
  it("sorts rows by start and uses minutes for a plan longer than 10 minutes", () => {
    const spec = timelineChart([
      { name: "b", startSec: 600, endSec: 1200, outcome: "converged" },
      { name: "a", startSec: 0, endSec: 600, outcome: "converged" },
    ]);
    const s = JSON.stringify(spec);
    expect(s).toContain('"sort":["a","b"]');
    expect(s).toContain("Time since plan start (min)");
    expect(inlineData(spec)[0]?.values[0]).toMatchObject({ start: 10, end: 20 });
  });
});

describe("throughputLimitsChart with the other buffer-sizing reading", () => {
  // Both readings are assumptions (model.md section 4); before, the chart drew bdp alone.
  const row = (rttSec: number, other?: number) => ({
    rttSec,
    linkBytesPerSec: 1.2375e9,
    windowBytesPerSec: 1.2375e9,
    achievedBytesPerSec: 1.2375e9,
    binding: "link",
    ...(other === undefined
      ? {}
      : {
          otherAchievedBytesPerSec: other,
          otherBinding: "window",
          usedMode: "bdp",
          otherMode: "expected-line-rate",
        }),
  });
  type Layer = { data?: { values: Record<string, unknown>[] }; layer?: { mark: { type: string } }[] };
  it("adds diamonds joined by rules, only at the RTTs where the readings part", () => {
    const spec = throughputLimitsChart([row(0.001, 5.6e8), row(0.01)]) as unknown as { layer: Layer[] };
    expect(spec.layer).toHaveLength(3);
    const other = spec.layer[2];
    expect(other?.data?.values).toEqual([
      { rttMs: 1, gbps: 4.48, usedGbps: 9.9, bound: "socket window / RTT", reading: "expected-line-rate" },
    ]);
    expect(other?.layer?.map((l) => l.mark.type)).toEqual(["rule", "point"]);
    expect(JSON.stringify(spec)).toContain(
      '"domain":["bdp (used)","expected-line-rate"],"range":["circle","diamond"]',
    );
  });
  it("has no other-reading layer and no buffer legend where they agree", () => {
    const spec = throughputLimitsChart([row(0.001), row(0.01)]) as unknown as { layer: Layer[] };
    expect(spec.layer).toHaveLength(2);
    expect(JSON.stringify(spec)).not.toContain("Buffer sizing");
  });
});

/** A chart row's other-reading fields: a throttled migration taking `other` s under expected-line-rate. */
function otherReading(other: number | undefined) {
  return other === undefined
    ? {}
    : {
        otherTotalTimeSec: other,
        otherOutcome: "converged-throttled",
        usedMode: "bdp",
        otherMode: "expected-line-rate",
      };
}

describe("migrationTimeChart with other-reading lines that coincide", () => {
  it("migrationTimeChart names a dashed line hidden under another and draws it first", () => {
    // Two paths both bound by the expected-line-rate window: one dashed line lay under the other
    // with nothing said ("LAN and WAN" and "dup" at 10.1 min each).
    const row = (path: string, mibps: number, totalTimeSec: number, other: number) => ({
      path,
      dirtyRateBytesPerSec: mibps * MiB,
      totalTimeSec,
      outcome: "converged",
      otherTotalTimeSec: other,
      otherOutcome: "converged-throttled",
      usedMode: "bdp",
      otherMode: "expected-line-rate",
    });
    const spec = migrationTimeChart([
      row("lan", 100, 60, 600),
      row("lan", 400, 65, 606),
      row("dup", 100, 90, 600),
      row("dup", 400, 100, 606),
    ]) as unknown as { title: { subtitle?: string[] } };
    expect(spec.title.subtitle).toEqual([
      "the dup, expected-line-rate line lies under the lan, expected-line-rate line (within 0.1 %)",
    ]);
    const other = inlineData(spec).find((d) => d.values.some((v) => v.reading === "expected-line-rate"));
    expect(other?.values.map((v) => v.path)).toEqual(["dup", "dup", "lan", "lan"]);
  });
});

describe("migrationTimeChart with the other buffer-sizing reading", () => {
  // Both readings are assumptions (model.md section 4); before, the chart drew bdp alone.
  const row = (path: string, mibps: number, totalTimeSec: number, other?: number) => ({
    path,
    dirtyRateBytesPerSec: mibps * MiB,
    totalTimeSec,
    outcome: "converged",
    ...otherReading(other),
  });
  type Panel = { layer: { data?: { values: Record<string, unknown>[] }; mark: { type: string } }[] };
  it("adds the other reading's diamonds and a strip row for it, only for the path that parts", () => {
    const spec = migrationTimeChart([row("lan", 100, 60), row("metro", 100, 61, 600)]) as unknown as {
      vconcat: [Panel, { data: { values: { path: string }[] }; encoding: { y: { sort: string[] } } }];
    };
    const top = spec.vconcat[0].layer;
    expect(top.map((l) => l.mark.type)).toEqual(["line", "point", "line", "point"]);
    expect(top[3]?.data?.values).toEqual([
      {
        path: "metro",
        dirtyMiBps: 100,
        time: 600,
        outcome: "converged-throttled",
        reading: "expected-line-rate",
      },
    ]);
    expect(spec.vconcat[1].encoding.y.sort).toEqual(["metro", "metro, expected-line-rate", "lan"]);
    expect(spec.vconcat[1].data.values.map((c) => c.path)).toEqual(["metro, expected-line-rate"]);
  });
  it("has no diamonds, strip row or buffer legend where no path parts", () => {
    const spec = migrationTimeChart([row("lan", 100, 60), row("metro", 100, 61)]);
    expect(JSON.stringify(spec)).not.toContain("Buffer sizing");
    expect(JSON.stringify(spec)).not.toContain("diamond");
  });
});

describe("feasibilityChart with the other buffer-sizing reading", () => {
  // Both readings are assumptions (model.md section 4); before, the map showed bdp alone.
  const cell = (rttSec: number, mibps: number, totalTimeSec: number, other?: number) => ({
    rttSec,
    dirtyRateBytesPerSec: mibps * MiB,
    totalTimeSec,
    outcome: "converged",
    ...otherReading(other),
  });
  type Map = { title: { text: string }; data: { values: { timeText: string; category: string }[] } };
  it("adds a second map for the other reading, blank where the two agree", () => {
    const spec = feasibilityChart([cell(0.001, 10, 60), cell(0.01, 10, 60, 180)]) as unknown as {
      vconcat: [Map, Map];
      resolve: unknown;
    };
    expect(spec.vconcat.map((m) => m.title.text)).toEqual([
      "Buffer sizing (assumed): bdp (used)",
      "Buffer sizing (assumed): expected-line-rate; blank cells are within 10 % of the map above",
    ]);
    expect(spec.vconcat[0].data.values.map((c) => c.timeText)).toEqual(["60", "60"]);
    expect(spec.vconcat[1].data.values.map((c) => [c.category, c.timeText])).toEqual([
      ["within 10 % of the reading used", ""],
      ["converges only with SDPS throttling", "180"],
    ]);
  });
  it("stays one map, with no blank category, where the readings agree", () => {
    const spec = feasibilityChart([cell(0.001, 10, 60), cell(0.01, 10, 60)]);
    expect("vconcat" in spec).toBe(false);
    expect(JSON.stringify(spec)).not.toContain("within 10 % of the reading used");
  });
});

describe("convergenceChart with the other buffer-sizing reading", () => {
  // Both readings are assumptions (model.md section 4); before, the chart traced bdp alone.
  const trace = (scenario: string, bytes: number[], other = false) =>
    bytes.map((remainingBytes, iteration) => ({
      scenario,
      iteration,
      remainingBytes,
      ...(other ? { usedMode: "bdp", otherMode: "expected-line-rate" } : {}),
    }));
  it("adds the other trace's diamonds on a dashed line and its goal as a dotted rule", () => {
    const spec = convergenceChart(
      [
        ...trace("metro", [64 * 1024 * MiB, 8 * 1024 * MiB]),
        ...trace("metro", [64 * 1024 * MiB, 512 * MiB], true),
      ],
      [{ scenario: "metro", goalBytes: 590 * MiB, otherGoalBytes: 63 * MiB }],
    );
    const text = JSON.stringify(spec);
    expect(text).toContain('"reading":"expected-line-rate"');
    expect(text).toContain('"range":["circle","diamond"]');
    expect(text).toContain('{"scenario":"metro","goalMiB":63}');
    expect(text).toContain("dotted: the switchover goal under expected-line-rate (at its throughput)");
  });
  it("has none of it where no scenario parts", () => {
    const text = JSON.stringify(
      convergenceChart(trace("lan", [64 * 1024 * MiB, 8 * 1024 * MiB]), [
        { scenario: "lan", goalBytes: 590 * MiB },
      ]),
    );
    expect(text).not.toContain("Buffer sizing");
    expect(text).not.toContain("dotted");
  });
});

describe("guestSlowdownChart with the other buffer-sizing reading", () => {
  // Both readings are assumptions (model.md section 4); before, the chart drew bdp alone (metro,
  // 64 GiB at 101 MiB/s: 0 % under bdp, 6.1 % under expected-line-rate).
  const row = (series: string, guestSlowdown: number, other?: number) => ({
    series,
    dirtyRateBytesPerSec: 101 * MiB,
    guestSlowdown,
    ...(other === undefined
      ? {}
      : { otherGuestSlowdown: other, usedMode: "bdp", otherMode: "expected-line-rate" }),
  });
  it("adds diamonds on a dashed line for the series that parts", () => {
    const spec = guestSlowdownChart([row("routed-lan", 0), row("metro", 0, 0.061)]) as unknown as {
      layer: { data?: { values: unknown[] }; mark: { type: string } }[];
    };
    expect(spec.layer.map((l) => l.mark.type)).toEqual(["line", "point", "line", "point"]);
    expect(spec.layer[3]?.data?.values).toEqual([
      { path: "metro", dirtyMiBps: 101, slowdownPct: 6.1, reading: "expected-line-rate" },
    ]);
  });
  it("has no other-reading marks where none parts", () => {
    expect(JSON.stringify(guestSlowdownChart([row("metro", 0)]))).not.toContain("Buffer sizing");
  });
});

describe("guestSlowdownChart with a path drawn under another", () => {
  const row = (series: string, dirtyMiB: number, guestSlowdown: number) => ({
    series,
    dirtyRateBytesPerSec: dirtyMiB * MiB,
    guestSlowdown,
  });
  it("names the hidden path in the subtitle and draws it first, under the one that covers it", () => {
    // routed-lan equals metro at every dirty rate (0 % and 40 %); wan parts at 800 MiB/s.
    const rows = [
      row("metro", 400, 0),
      row("metro", 800, 0.4),
      row("routed-lan", 400, 0),
      row("routed-lan", 800, 0.4),
      row("wan", 400, 0),
      row("wan", 800, 0.9),
    ];
    const spec = guestSlowdownChart(rows) as unknown as {
      title: { subtitle?: string[] };
      data: { values: { path: string }[] };
    };
    expect(spec.title.subtitle).toEqual(["the routed-lan line lies under the metro line (within 0.1 %)"]);
    expect(spec.data.values.map((v) => v.path)).toEqual([
      "routed-lan",
      "routed-lan",
      "metro",
      "metro",
      "wan",
      "wan",
    ]);
  });
  it("says nothing when every path is visible", () => {
    const spec = guestSlowdownChart([row("metro", 400, 0), row("wan", 400, 0.2)]) as unknown as {
      title: { subtitle?: string[] };
    };
    expect(spec.title.subtitle).toBeUndefined();
  });
});
