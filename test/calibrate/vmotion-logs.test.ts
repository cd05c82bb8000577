import { readFileSync, readdirSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseVmotionLogs, type Migration } from "../../src/calibrate/vmotion-logs.js";

const DIR = new URL("../fixtures/logs/", import.meta.url);
const read = (name: string) => ({ name, text: readFileSync(new URL(name, DIR), "latin1") });
const logs = readdirSync(DIR).filter((f) => f.endsWith(".log"));

function byId(ms: readonly Migration[], id: string): Migration {
  const m = ms.find((x) => x.id === id);
  if (!m) throw new Error(`no migration ${id}`);
  return m;
}

describe("parseVmotionLogs", () => {
  const all = parseVmotionLogs(logs.map(read));

  it("parseVmotionLogs(fixtures) finds the six migrations, ordered by start time", () => {
    expect(all.migrations.map((m) => m.id)).toEqual([
      "1313159068180024", // uptime clock: cannot be compared, keeps input order
      "1418237421145920",
      "6409361262688852225",
      "1583308800123456",
      "1583308805654321",
      "6491869593320104773",
    ]);
  });

  it("joins vmkernel, hostd and vpxa of a 6.7 migration by its decimal id", () => {
    const m = byId(all.migrations, "1583308800123456");
    expect(m).toMatchObject({
      startTime: "2020-03-04T08:00:00.950Z",
      sourceIp: "192.0.2.11",
      destinationIp: "192.0.2.12",
      encrypted: false,
      pagesLeftAtStop: 20480,
      switchoverGoalSec: 0.5,
      bandwidthBytesPerSec: 1130.22e6, // ~1130.220 MB/s, MB = 10^6 B
      t2dRatio: 6.12, // 612% t2d
      finalSendSec: 0.084, // 43.601 - 43.517
      precopyStunTimeSec: 0.212345, // 212345 us
      downtimeSec: 0.268901, // 268901 us
      failures: [],
    });
    expect(m.files).toEqual(["esxi67-hostd.log", "esxi67-vmkernel.log", "esxi67-vpxa.log"]);
  });

  it("keeps an interleaved failed migration apart and joins its vmware.log by decimal mid", () => {
    const m = byId(all.migrations, "1583308805654321");
    expect(m.destinationIp).toBe("192.0.2.13");
    expect(m.pagesLeftAtStop).toBeNull();
    expect(m.vmStoppedSec).toBeCloseTo(100.21, 9);
    expect(m.failures.map((f) => f.kind).sort()).toEqual(
      ["failed", "failed", "failed", "max-switchover-exceeded", "timeout"].sort(),
    );
    const max = m.failures.find((f) => f.kind === "max-switchover-exceeded");
    expect(max?.message).toMatch(/^\[msg\.checkpoint\.migration\.maxSwitchoverTimeExceeded\]/);
    expect(max?.file).toBe("esxi67-vmware-vm2.log");
  });

  it("joins an 8.x encrypted migration across five files, vmware.log by hex mid", () => {
    const m = byId(all.migrations, "6491869593320104773");
    // 0x5a17c0ffee012345 = 6491869593320104773
    expect(m.files).toContain("esxi80-vmware.log");
    expect(m).toMatchObject({
      encrypted: true,
      pagesLeftAtStop: 5210,
      bandwidthBytesPerSec: 2351.87e6,
      t2dRatio: 28.74,
      finalSendSec: 0.021,
      precopyStunTimeSec: 0.03612,
      vmStoppedSec: 0.03876,
      downtimeSec: 0.05231,
    });
  });

  it("splits run-together syslog lines and still measures the final send", () => {
    const m = byId(all.migrations, "1418237421145920");
    expect(m.finalSendSec).toBe(0.057); // 27.101 - 27.044
    expect(m.bandwidthBytesPerSec).toBe(460.523e6);
  });

  it("reads ESX 4.x uptime stamps and FSR failures", () => {
    const m = byId(all.migrations, "1313159068180024");
    expect(m.startTime).toBe("114:03:24:10.002");
    expect(m.failures.every((f) => f.kind === "max-switchover-exceeded")).toBe(true);
  });

  it("joins the checkpoint-too-big vob by the hex id inside its brackets", () => {
    const m = byId(all.migrations, "6409361262688852225");
    expect(m.failures.map((f) => f.kind)).toEqual(["failed", "checkpoint-too-big"]);
    expect(m.sourceIp).toBe("192.0.2.40");
  });

  it("counts every non-blank line exactly once: joined + unparsed + unjoined = total", () => {
    const joined = all.migrations.reduce((s, m) => s + m.lineCount, 0);
    expect(joined + all.unparsedLines + all.unjoinedLines).toBe(all.totalLines);
    // Unparsed in the fixtures: 1 NMP + 1 Tcpip, 1 hostd VmCollector, 2 vmx (Vigor, left the
    // building), 1 Vol3, 1 vpxa TaskInfoChannel, 1 truncated id, 4 garbage lines.
    expect(all.unparsedLines).toBe(12);
    expect(all.unknownLinesSample.length).toBe(5);
  });

  it("counts a Checkpoint_Unstun line before any id as unjoined, not dropped", () => {
    const r = parseVmotionLogs([
      { name: "vmware.log", text: "x In(05) vcpu-0 - Checkpoint_Unstun: vm stopped for 1 us\n" },
    ]);
    expect(r).toMatchObject({ migrations: [], unjoinedLines: 1, unparsedLines: 0, totalLines: 1 });
  });

  it("never throws on arbitrary text and conserves the line count (property)", () => {
    const chunk = fc.oneof(
      fc.string({ unit: "binary", maxLength: 60 }),
      fc.constantFrom(
        "2020-03-04T08:00:43.517Z cpu7:1)VMotion: 1: 1583308800123456 S: Stopping pre-copy: only ",
        " 12 pages left to send",
        "\n",
        "Checkpoint_Unstun: vm stopped for 5 us",
        "[MIGRATE] (123) vmotion result has downtime value ",
        "mid=ffffffffffffffff",
        " 2020-03-04T08:00:43.601Z cpu9",
      ),
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.array(chunk, { maxLength: 12 }).map((c) => c.join("")),
          { maxLength: 4 },
        ),
        (texts) => {
          const r = parseVmotionLogs(texts.map((text, i) => ({ name: `f${i}`, text })));
          const joined = r.migrations.reduce((s, m) => s + m.lineCount, 0);
          return joined + r.unparsedLines + r.unjoinedLines === r.totalLines;
        },
      ),
      { numRuns: 300 },
    );
  });
});
