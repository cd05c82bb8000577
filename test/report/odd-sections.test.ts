import { describe, expect, it } from "vitest";
import { buildReport, parseReportText, resolveReport, type Report } from "../../src/report/index.js";

/** A report built from inline YAML (no sweep files). */
async function reportOf(yaml: string): Promise<Report> {
  return buildReport(
    resolveReport(parseReportText(yaml, "odd.yaml"), () => {
      throw new Error("no sweep files");
    }),
  );
}

describe("a scenarios section with a migration that never switches over", () => {
  it('buildReport shows no stun ("-") for it, where it printed 0 s', async () => {
    // 512 GiB dirtying 2 GiB/s over a 250 Mbit/s WAN with SDPS off: not-converging (estimate
    // --memory 512GiB --dirty-rate 2GiB/s --preset wan --link 250Mbit/s --sdps off). The
    // result's 0 s stun is no stun the guest saw.
    const r = await reportOf(`
title: Odd
sections:
  - title: Scenarios
    scenarios:
      - name: fails
        input: { memory: 512GiB, vcpus: 8, dirtyRate: 2GiB/s, preset: wan, link: 250Mbit/s, sdps: off }
      - name: moves
        input: { memory: 1GiB, vcpus: 1, dirtyRate: 0, preset: same-l2 }
    tables:
      - kind: results
`);
    const t = r.sections[0]?.tables[0];
    const stun = t?.header.indexOf("Stun (guest-seen)") ?? -1;
    const total = t?.header.indexOf("Total time") ?? -1;
    expect(t?.rows.map((row) => [row[0], row[total], row[stun], row.at(-1)])).toEqual([
      ["fails", "-", "-", "not-converging"],
      ["moves", expect.stringMatching(/ ms$/), expect.stringMatching(/ ms$/), "converged"],
    ]);
  });
});

describe("a configs section whose one migration fails under both buffer readings", () => {
  it("buildReport gives the failed migration's throughput, and no 'times above' when none are", async () => {
    // 1 TiB dirtying 3 GiB/s over the WAN site with SDPS off: not-converging at 2.08 Gbit/s under
    // bdp and at 1.06 Gbit/s under expected-line-rate (estimate --config vmotion-stack-routed
    // --site wan --mtu 1500 ...). The throughput cell was "-" beside the other reading's
    // "1.06 Gbit/s", and the buffer finding, the section's first, spoke of "the times above".
    const r = await reportOf(`
title: Odd
sections:
  - title: Configs
    configs:
      configs: [vmotion-stack-routed]
      vms:
        - { name: big VM, input: { memory: 1TiB, vcpus: 32, dirtyRate: 3GiB/s, sdps: off } }
      sites:
        - { name: WAN, input: { site: wan, mtu: 1500 } }
    tables:
      - kind: results
`);
    const s = r.sections[0];
    const t = s?.tables[0];
    const col = (name: string) => t?.header.indexOf(name) ?? -1;
    const row = t?.rows[0] ?? [];
    expect(row[col("Verdict")]).toBe("not-converging");
    expect(row[col("Throughput")]).toMatch(/^\d[\d.]* Gbit\/s$/);
    expect(row[col("Total time")]).toBe("-");
    const lead = s?.findings.find((f) => f.startsWith("How vMotion sizes"));
    expect(lead).toContain("these numbers use one reading");
    expect(lead).not.toContain("the times above");
  }, 60_000);
});

describe("a scenarios section's assumptions", () => {
  it("buildReport lists every scenario's inputs, then the default dirty model's note once", async () => {
    // The note sat between the first scenario and the second, as if about the first alone.
    const r = await reportOf(`
title: Odd
sections:
  - title: Scenarios
    scenarios:
      - name: one
        input: { memory: 64GiB, dirtyRate: 400MiB/s, preset: same-l2 }
      - name: two
        input: { memory: 64GiB, dirtyRate: 800MiB/s, preset: routed-lan }
`);
    const a = r.sections[0]?.assumptions ?? [];
    expect(a.map((l) => l.split(":")[0])).toEqual(["one", "two", "Dirty model"]);
  });
});

describe("a sweep section over QEMU", () => {
  it("buildReport runs it (one buffer reading: QEMU has no vMotion buffer modes)", async () => {
    // The section ran the sweep again with base.bufferMode set for the other reading, which the
    // sweep now refuses for QEMU and Xen: "base.bufferMode: applies only to base.policy vmotion".
    const r = await reportOf(`
title: Odd
sections:
  - title: QEMU
    sweep:
      base: { policy: qemu, preset: wan, memory: 16GiB }
      axes:
        - key: dirtyRate
          values: [50MiB/s, 100MiB/s]
    charts:
      - kind: migration-time
    tables:
      - kind: results
`);
    const t = r.sections[0]?.tables[0];
    expect(t?.rows).toHaveLength(1);
    expect(t?.header).not.toContain("Other buffer sizing");
  }, 60_000);
});

describe("sections over QEMU with auto-converge", () => {
  it("buildReport names QEMU's throttle auto-converge, not SDPS, in findings and charts", async () => {
    // "pre-copy converges only because SDPS slows the guest" and "What SDPS costs the guest" were
    // printed for QEMU sweeps with autoConverge.
    const r = await reportOf(`
title: Odd
sections:
  - title: QEMU sweep
    sweep:
      base: { policy: qemu, autoConverge: true, preset: routed-lan, memory: 64GiB }
      axes:
        - key: dirtyRate
          values: [200MiB/s, 2GiB/s]
    charts:
      - kind: guest-slowdown
  - title: QEMU scenarios
    scenarios:
      - name: hot
        input: { policy: qemu, autoConverge: true, preset: routed-lan, memory: 64GiB, dirtyRate: 2GiB/s }
  - title: vMotion sweep
    sweep:
      base: { preset: routed-lan, memory: 64GiB }
      axes:
        - key: dirtyRate
          values: [200MiB/s, 2GiB/s]
    charts:
      - kind: guest-slowdown
        title: "My title"
`);
    const [q, qs, v] = r.sections;
    const text = (s: typeof q) => JSON.stringify([s?.findings, s?.charts.map((c) => c.spec)]);
    expect(q?.findings.some((f) => f.includes("auto-converge starts slowing the guest"))).toBe(true);
    expect(text(q)).not.toMatch(/SDPS/);
    expect(JSON.stringify(q?.charts[0]?.spec)).toContain("What auto-converge costs the guest");
    expect(qs?.findings.some((f) => f.includes("only because auto-converge slows the guest"))).toBe(true);
    expect(text(qs)).not.toMatch(/SDPS/);
    // vMotion keeps SDPS, and a title the user wrote stays as written.
    expect(v?.findings.some((f) => f.includes("SDPS starts slowing the guest"))).toBe(true);
    expect(JSON.stringify(v?.charts[0]?.spec)).toContain('"text":"My title"');
  }, 60_000);
});

describe("a sweep charted by a numeric series", () => {
  it("buildReport labels the series in the product's units, and takes the field key as the column", async () => {
    // `series: memoryBytes` printed "68719476736 has the same throughput as 17179869184", and
    // `series: memory` (the axis' own key) was refused as no input column.
    const yaml = (series: string) => `
title: Odd
sections:
  - title: By memory
    sweep:
      base: { preset: routed-lan }
      axes:
        - key: memory
          values: [16GiB, 64GiB]
        - key: dirtyRate
          values: [100MiB/s, 400MiB/s]
    charts:
      - kind: migration-time
        series: ${series}
`;
    for (const series of ["memoryBytes", "memory"]) {
      const r = await reportOf(yaml(series));
      const f = r.sections[0]?.findings ?? [];
      expect(f[0], series).toMatch(/^64 GiB has the same throughput as 16 GiB /);
      expect(JSON.stringify(f)).not.toContain("68719476736");
    }
    // The results table's first column is headed by the field, not "Path".
    const t = (await reportOf(`${yaml("memoryBytes")}    tables:\n      - kind: results\n`)).sections[0]
      ?.tables[0];
    expect(t?.header[0]).toBe("memory");
    expect(t?.rows.map((row) => row[0])).toEqual(["16 GiB", "64 GiB"]);
  }, 60_000);
});
