import { describe, expect, it } from "vitest";
import { parseInput } from "../../src/input/parse.js";
import { simulate } from "../../src/model/simulate.js";
import { bufferModeSpread, type BufferModeSpread } from "../../src/plan/buffer-modes.js";
import { planScenario } from "../../src/plan/scenario.js";
import { bufferFindings, otherReadingFindings } from "../../src/report/findings/buffers.js";
import { buildReport, parseReportText, resolveReport } from "../../src/report/index.js";
import { formatDuration } from "../../src/units/format.js";

/**
 * Above 4 ms RTT a report section's numbers rest on one buffer-sizing reading (model.md section 4,
 * an assumption): where the other moves a quoted migration by more than 10 %, a finding says what
 * the other gives. Before, the example report's WAN sections printed the bdp times alone (the
 * 64 GiB VM at 400 MiB/s over metro: 65 s, where expected-line-rate gives 10.1 min).
 */
function spreadOf(raw: Record<string, unknown>): BufferModeSpread | null {
  const input = parseInput(raw);
  const planned = planScenario(input);
  return bufferModeSpread(input, { path: planned.path, result: simulate(planned.scenario) });
}

const VM = { memory: "64GiB", vcpus: 8, dirtyRate: "400MiB/s" };

/** A report built from YAML text that names no sweep files. */
function reportOf(text: string): ReturnType<typeof buildReport> {
  return buildReport(
    resolveReport(parseReportText(text, "b.yaml"), () => {
      throw new Error("no sweep files");
    }),
  );
}

describe("bufferFindings(readings, quoted, atBytesPerSec)", () => {
  const metro = spreadOf({ ...VM, preset: "metro" });
  it("quotes each migration's time under both readings, naming both as assumptions", () => {
    if (metro === null) throw new Error("metro's readings should part");
    const [f] = bufferFindings([{ label: "metro at 400 MiB/s", spread: metro }], 1, 400 * 2 ** 20);
    expect(f).toContain("(bdp: buffers grown to the path's bandwidth-delay product, an assumption)");
    expect(f).toContain(
      "(expected-line-rate: buffers sized for Migrate.NetExpectedLineRateMBps, also an assumption)",
    );
    expect(f).toContain(
      `metro at 400 MiB/s takes ${formatDuration(metro.other.result.totalTimeSec)} instead of ${formatDuration(metro.used.result.totalTimeSec)}`,
    );
  });
  it("gives the range's two ends, out of the migrations looked at, when more than three part", () => {
    const rtts = ["10ms", "30ms", "60ms", "100ms"];
    const readings = rtts.map((rtt) => ({
      label: `wan (rtt ${rtt})`,
      spread: spreadOf({ ...VM, preset: "wan", rtt, loss: 0 }) as BufferModeSpread,
    }));
    expect(readings.every((r) => r.spread !== null)).toBe(true);
    const [f] = bufferFindings(readings, 6, 400 * 2 ** 20);
    expect(f).toMatch(/ 4 of the section's 6 migrations at the dirty rate nearest 400 MiB\/s \(one per path/);
    expect(f).toMatch(/take from [\d.]+x as long to [\d.]+x as long: wan \(rtt \d+ms\) /);
  });
  it("says nothing when no reading parts", () => {
    expect(spreadOf({ ...VM, preset: "routed-lan" })).toBeNull();
    expect(bufferFindings([], 3, 1)).toEqual([]);
  });
});

describe("a report's sweep section", () => {
  it("carries the finding over metro, and not within one data centre", async () => {
    const text = `
title: Buffers
sections:
  - title: Metro
    sweep:
      base: { memory: 64GiB, vcpus: 8, policy: vmotion }
      axes:
        - { key: preset, values: [routed-lan, metro] }
        - { key: dirtyRate, values: [100MiB/s, 400MiB/s] }
`;
    const r = await reportOf(text);
    const findings = r.sections[0]?.findings ?? [];
    const f = findings.filter((x) => x.startsWith("How vMotion sizes its socket buffers"));
    expect(f).toHaveLength(1);
    expect(f[0]).toContain("with the other (expected-line-rate");
    expect(f[0]).toMatch(/ metro at [\d.]+ MiB\/s takes [\d.]+ min instead of [\d.]+ s /);
    expect(f[0]).not.toContain("routed-lan");
  }, 60_000);
});

describe("otherReadingFindings(used, other, otherMode)", () => {
  it("names the findings that read otherwise under the other reading, an assumption, and no others", () => {
    expect(
      otherReadingFindings(
        ["Of 4 combinations, 4 (100 %) converge on their own.", "A is fast."],
        ["Of 4 combinations, 3 (75 %) converge on their own.", "A is fast."],
        "expected-line-rate",
      ),
    ).toEqual([
      "Under the other buffer sizing (expected-line-rate, an assumption): of 4 combinations, 3 (75 %) converge on their own.",
    ]);
    expect(otherReadingFindings(["A is fast."], ["A is fast."], "bdp")).toEqual([]);
  });
});

describe("a report's migration-time findings under the other reading", () => {
  it("says where metro stops converging on its own under expected-line-rate, and not for the LAN", async () => {
    // Checked with `estimate --memory 64GiB --vcpus 8 --preset metro --buffer-mode
    // expected-line-rate --dirty-rate 89.3MiB/s|100MiB/s`: converges in 13 iterations; converges
    // with the guest throttled. Under bdp metro converges on its own at both rates.
    const r = await reportOf(`
title: Buffers
sections:
  - title: Metro
    sweep:
      base: { memory: 64GiB, vcpus: 8, policy: vmotion }
      axes:
        - { key: preset, values: [routed-lan, metro] }
        - { key: dirtyRate, values: [89.3MiB/s, 100MiB/s] }
    charts: [{ kind: migration-time }]
`);
    const f = (r.sections[0]?.findings ?? []).filter((x) => x.startsWith("Under the other buffer sizing"));
    expect(f).toContain(
      "Under the other buffer sizing (expected-line-rate, an assumption): metro converges on its own up to 89.3 MiB/s; at 100 MiB/s pre-copy converges only because SDPS slows the guest.",
    );
    expect(f.some((x) => x.includes("routed-lan converge"))).toBe(false);
  }, 60_000);
});

describe("a report's configurations findings under the other reading", () => {
  it("says what the management gateway costs across the WAN under expected-line-rate", async () => {
    // The example's database VM: the gateway takes 12.4 min wherever (1 GbE management uplink);
    // the vMotion stack over the WAN 6.07 min under bdp (2x), 11 min under expected-line-rate
    // (1.1x; the configurations table's "Other buffer sizing" cell). Before, only the bdp ratio.
    const r = await reportOf(`
title: Buffers
sections:
  - title: Configs
    configs:
      configs: [pre6-default-stack-via-mgmt, vmotion-stack-routed]
      vms:
        - { name: database VM, input: { memory: 64GiB, vcpus: 8, wss: 16GiB, dirtyRate: 400MiB/s } }
      sites:
        - { name: one data centre, input: { site: local } }
        - { name: WAN, input: { site: wan, mtu: 1500 } }
`);
    const f = r.sections[0]?.findings ?? [];
    const used = f.findIndex((x) => x.startsWith("The management gateway makes"));
    expect(f[used]).toMatch(/ 11x as long within one data centre but only 2x as long across the WAN/);
    expect(f.slice(used + 1)).toContain(
      "Under the other buffer sizing (expected-line-rate, an assumption): the management gateway makes the database VM's migration 11x as long within one data centre but only 1.1x as long across the WAN.",
    );
    expect(f.filter((x) => x.includes("within one data centre, the"))).toHaveLength(0);
  }, 60_000);
});

describe("a report's sweep section below 4 ms", () => {
  it("quotes both readings where the socket buffer does not cover the path (2 ms over 10 GbE)", async () => {
    // bdp grows the buffers at every RTT, expected-line-rate only above 4 ms: at 2 ms the latter
    // keeps the 562,540 B socket buffer, 2.25 Gbit/s against 9.9 Gbit/s. Checked with
    // `estimate --memory 16GiB --vcpus 4 --preset wan --loss 1e-5 --rtt 2ms --dirty-rate 28MiB/s
    // --buffer-mode bdp|expected-line-rate`: 14.3 s and 65.9 s. Before, the section skipped every
    // migration at or below 4 ms and said nothing.
    const text = `
title: Buffers
sections:
  - title: WAN
    sweep:
      base: { memory: 16GiB, vcpus: 4, policy: vmotion, preset: wan, loss: 1e-5 }
      axes:
        - { key: rtt, values: [2ms] }
        - { key: dirtyRate, values: [28MiB/s] }
`;
    const r = await reportOf(text);
    const f = (r.sections[0]?.findings ?? []).filter((x) => x.startsWith("How vMotion sizes"));
    expect(f).toHaveLength(1);
    expect(f[0]).toContain("takes 65.9 s instead of 14.3 s (2.25 Gbit/s instead of 9.9 Gbit/s)");
  }, 60_000);
});

describe("a report's scenarios section", () => {
  it("quotes a named scenario under both readings, in a finding and a table column", async () => {
    // Checked with `estimate --memory 64GiB --vcpus 8 --preset metro --dirty-rate 1.1GiB/s
    // --buffer-mode bdp|expected-line-rate`: 78 s and 10.5 min. Before, the section printed 78 s
    // alone.
    const r = await reportOf(`
title: Buffers
sections:
  - title: Traces
    scenarios:
      - { name: lan, input: { memory: 64GiB, vcpus: 8, dirtyRate: 400MiB/s, preset: same-l2 } }
      - { name: metro, input: { memory: 64GiB, vcpus: 8, dirtyRate: 1.1GiB/s, preset: metro } }
    charts: [{ kind: convergence }]
    tables: [{ kind: results }]
`);
    const s = r.sections[0];
    const f = (s?.findings ?? []).filter((x) => x.startsWith("How vMotion sizes"));
    expect(f).toEqual([
      expect.stringMatching(
        / metro takes 10\.5 min instead of 78 s \(1\.06 Gbit\/s instead of 9\.9 Gbit\/s\)\.$/,
      ),
    ]);
    const t = s?.tables[0];
    expect(t?.header.at(-1)).toBe("Other buffer sizing");
    expect(t?.rows.map((x) => x.at(-1))).toEqual([
      "same within 10 %",
      "expected-line-rate: 1.06 Gbit/s, 10.5 min",
    ]);
    expect(JSON.stringify(s?.charts[0]?.spec)).toContain('"reading":"expected-line-rate"');
  }, 60_000);
});

describe("a report's sensitivity and solve sections", () => {
  const text = `
title: Buffers
sections:
  - title: Sensitivity over metro
    sensitivity:
      base: { memory: 64GiB, vcpus: 8, dirtyRate: 400MiB/s, preset: metro }
      delta: 20%
      inputs: [dirtyRate, memory]
  - title: Largest VM over a 10 Gbit/s WAN
    solve:
      - for: memory
        base: { preset: wan, rtt: 50ms, loss: 0, dirtyRate: 20MiB/s, vcpus: 8 }
        maxTotal: 1h
  - title: Largest VM over a 1 Gbit/s WAN
    solve:
      - for: memory
        base: { preset: wan, link: 1Gbit/s, rtt: 50ms, loss: 0, dirtyRate: 20MiB/s, vcpus: 8 }
        maxTotal: 1h
`;
  it("quote the other buffer reading where it parts, and stay silent where it agrees", async () => {
    const r = await reportOf(text);
    const buf = (i: number): string[] =>
      (r.sections[i]?.findings ?? []).filter((x) => x.startsWith("How vMotion sizes its socket buffers"));
    expect(buf(0)).toHaveLength(1);
    expect(buf(0)[0]).toMatch(/ the baseline migration takes [\d.]+ min instead of [\d.]+ s /);
    // 10 Gbit/s at 50 ms: expected-line-rate pins the stream near 1.06 Gbit/s, bdp fills the link.
    expect(buf(1)).toHaveLength(1);
    expect(buf(1)[0]).toMatch(
      /this answer uses one reading of it \(bdp: .*\) the answer to "memory, .*" is [\d.]+ GiB \(it takes [\d.]+ min with a [\d.]+ (ms|s) stun\) instead of [\d.]+ (GiB|TiB)\.$/,
    );
    // 1 Gbit/s at 50 ms: both readings carry the link's 990 Mbit/s.
    expect(buf(2)).toHaveLength(0);
  }, 60_000);
  it("give the other reading's answer with its time and stun in the answers table where the readings part", async () => {
    // Before, only a finding named the other answer (no time, no stun) and the table had bdp's alone.
    const r = await reportOf(`
title: Buffers
sections:
  - title: Largest VM
    solve:
      - for: memory
        base: { preset: wan, rtt: 50ms, loss: 0, dirtyRate: 20MiB/s, vcpus: 8 }
        maxTotal: 1h
      - for: memory
        base: { preset: wan, link: 1Gbit/s, rtt: 50ms, loss: 0, dirtyRate: 20MiB/s, vcpus: 8 }
        maxTotal: 1h
    tables: [{ kind: results }]
`);
    const t = r.sections[0]?.tables[0];
    expect(t?.header.at(-1)).toBe("Other buffer sizing");
    expect(t?.numeric).toHaveLength(t?.header.length ?? 0);
    const cells = (t?.rows ?? []).map((row) => row.at(-1));
    expect(cells[0]).toMatch(
      /^expected-line-rate: [\d.]+ GiB \(it takes [\d.]+ min with a [\d.]+ (ms|s) stun\)$/,
    );
    // 1 Gbit/s at 50 ms: both readings carry the link.
    expect(cells[1]).toBe("same within 10 %");
    // The cell's answer is the one the finding quotes.
    const finding = (r.sections[0]?.findings ?? []).find((f) => f.startsWith("How vMotion sizes"));
    expect(finding).toContain(` is ${(cells[0] ?? "").replace("expected-line-rate: ", "")} instead of `);
  }, 60_000);
  it("leave the answers table without the column where every question's readings agree", async () => {
    const r = await reportOf(`
title: Buffers
sections:
  - title: Largest VM over 1 Gbit/s
    solve:
      - for: memory
        base: { preset: wan, link: 1Gbit/s, rtt: 50ms, loss: 0, dirtyRate: 20MiB/s, vcpus: 8 }
        maxTotal: 1h
    tables: [{ kind: results }]
`);
    expect(r.sections[0]?.tables[0]?.header).not.toContain("Other buffer sizing");
  }, 60_000);
  it("draws the other reading's tornado below and says which input moves it most", async () => {
    // Under expected-line-rate the metro baseline takes 10.1 min (estimate --buffer-mode
    // expected-line-rate); memory -20 % / +20 % gives 8.14 / 12.1 min. Before, the chart and the
    // ranking were bdp's alone.
    const r = await reportOf(`
title: Buffers
sections:
  - title: Sensitivity over metro
    sensitivity:
      base: { memory: 64GiB, vcpus: 8, dirtyRate: 400MiB/s, preset: metro }
      delta: 20%
      inputs: [dirtyRate, memory]
    charts: [{ kind: sensitivity }]
  - title: Sensitivity within one data centre
    sensitivity:
      base: { memory: 64GiB, vcpus: 8, dirtyRate: 400MiB/s, preset: routed-lan }
      delta: 20%
      inputs: [dirtyRate, memory]
    charts: [{ kind: sensitivity }]
`);
    const metro = r.sections[0];
    expect(metro?.findings.at(-1)).toBe(
      "Under the other buffer sizing (expected-line-rate, an assumption): moving each input by \u00b120 %, memory moves total time most: 8.14 min at \u221220 % and 12.1 min at +20 % (baseline 10.1 min).",
    );
    const spec = metro?.charts[0]?.spec as unknown as { vconcat: { title: { text: string } }[] };
    expect(spec.vconcat.map((v) => v.title.text)).toEqual([
      "Buffer sizing (assumed): bdp (used)",
      "Buffer sizing (assumed): expected-line-rate (black line: baseline, 10.1 min)",
    ]);
    const lan = r.sections[1];
    expect(lan?.findings.some((f) => f.startsWith("Under the other buffer sizing"))).toBe(false);
    expect("vconcat" in ((lan?.charts[0]?.spec ?? {}) as object)).toBe(false);
  }, 60_000);
});

describe("a reading that does not switch over", () => {
  it("is named by its outcome, never as a time taken", () => {
    const s = spreadOf({ ...VM, preset: "metro" }) as BufferModeSpread;
    const failed = {
      ...s,
      other: { ...s.other, result: { ...s.other.result, outcome: "not-converging" as const } },
    };
    const [f] = bufferFindings([{ label: "metro", spread: failed }], 1, NaN);
    expect(f).toContain(
      `metro fails (not-converging) instead of taking ${formatDuration(s.used.result.totalTimeSec)} (`,
    );
    expect(f).not.toContain("takes fails");
  });
});
