import { describe, expect, it } from "vitest";
import { classifyLine } from "../../src/calibrate/vmotion-lines.js";

// Lines as published in Broadcom KBs 436882, 441977, 432796, 435078, 308477, 1010045 and community copies.
describe("classifyLine", () => {
  it("classifyLine(Stopping pre-copy, sexilog 2015) reads pages, goal, bandwidth and t2d", () => {
    const e = classifyLine(
      "2015-02-20T11:05:06.449Z esx.vmware.com vmkernel: cpu3:427570)VMotion: 3878: 1424430291970314 S: Stopping pre-copy: only 3491 pages left to send, which can be sent within the switchover time goal of 0.500 seconds (network bandwidth ~931.354 MB/s, 1049920% t2d)",
    );
    expect(e).toEqual({
      kind: "stop-precopy",
      id: "1424430291970314",
      pagesLeft: 3491,
      switchoverGoalSec: 0.5,
      bandwidthMBPerSec: 931.354,
      t2dPercent: 1049920,
    });
  });
  it("reads a truncated Sent all modified pages line (KB 436882) without its bandwidth", () => {
    expect(
      classifyLine(
        "2026-04-14T15:38:20.213Z cpu1:151421)VMotionSend: 4156: 1446046703473901 S: Sent all modified pages to destination (network bandwidth ~",
      ),
    ).toEqual({ kind: "sent-all", id: "1446046703473901", bandwidthMBPerSec: null });
  });
  it("reads the 5.x-7.x and the 8.x start line shapes", () => {
    const old = classifyLine(
      "2015-12-25T16:39:25.565Z cpu4:2758489)Migrate: vm 2758492: 3284: Setting VMOTION info: Source ts = 1451061663105920, src ip = <192.168.1.176> dest ip = <192.168.1.177> Dest wid = 1830931 using SHARED swap",
    );
    expect(old).toMatchObject({
      kind: "start",
      id: "1451061663105920",
      side: "S",
      sourceIp: "192.168.1.176",
      destinationIp: "192.168.1.177",
      encrypted: false,
    });
    const v8 = classifyLine(
      "2024-01-01T00:00:00.000Z In() vmkernel: cpu9 )Migrate: 314: vmotion: Dest vmmLeaderID = 2109446, ts =7182955985622810397, srcIP = <10.0.0.1> dstIP = <10.0.0.2> Dest wid = 0 using SHARED swap, encrypted",
    );
    expect(v8).toMatchObject({ kind: "start", id: "7182955985622810397", side: "D", encrypted: true });
  });
  it("reads hostd precopyStunTime and vpxa downtime as microseconds with their ids", () => {
    expect(
      classifyLine(
        "<166>2014-12-10T18:33:19.874Z esx.vmware.com Hostd: [6A623B90 verbose 'VMotionSrc (1418236393436303)'] Set source task result precopyStunTime to 68427",
      ),
    ).toEqual({ kind: "precopy-stun", id: "1418236393436303", microseconds: 68427 });
    expect(
      classifyLine(
        "<166>2014-12-10T18:28:11.769Z esx.vmware.com Vpxa: [FFF69B90 verbose 'Default' opID=task-internal-1] [MIGRATE] (1418236087721814) vmotion result has downtime value 284157",
      ),
    ).toEqual({ kind: "downtime", id: "1418236087721814", microseconds: 284157 });
  });
  it("reads vmware.log's hex mid as the decimal id", () => {
    const e = classifyLine(
      "2023-04-15T08:52:34.879Z In(05) vmx - MigrateVMXdrToSpec: type: 1 srcIp=<192.168.1.22> dstIp=<192.168.1.23> mid=7958ea7f2d34d435 uuid=920c4d56 priority=yes",
    );
    expect(e).toEqual({
      kind: "mention",
      id: "8743996508480001077",
      sourceIp: "192.168.1.22",
      destinationIp: "192.168.1.23",
    });
  });
  it("classifies failures by kind", () => {
    expect(
      classifyLine(
        "vmkernel: 114:03:25:51.489 cpu0:4100)WARNING: FSR: 690: 1313159068180024 S: Maximum switchover time (100 seconds) reached. Failing migration; VM should resume on source.",
      ),
    ).toMatchObject({ kind: "failure", id: "1313159068180024", failure: "max-switchover-exceeded" });
    expect(
      classifyLine(
        "2018-10-21T03:12:42.047Z cpu13:857334255)WARNING: Migrate: 5454: 5422550532447652106 S: Migration considered a failure by the VMX. It is most likely a timeout",
      ),
    ).toMatchObject({ kind: "failure", failure: "timeout" });
    expect(
      classifyLine(
        "vmx| [vob.vmotion.chkpt.toobig] vMotion migration [XXXXXXXX:xxxxxxxxxxxxxxxx] failed. The checkpoint data length (xxxxx bytes) exceeds the maximum checkpoint data length (xxxxxxxx byte).",
      ),
    ).toMatchObject({ kind: "failure", id: null, failure: "checkpoint-too-big" });
  });
  it("reads Checkpoint_Unstun without an id", () => {
    expect(
      classifyLine("YYYY-MM-DDThh:mm:ss.536Z In(05) vcpu-0 - Checkpoint_Unstun: vm stopped for 18500 us"),
    ).toEqual({ kind: "vm-stopped", id: null, microseconds: 18500 });
  });
  it("returns null for unrelated lines", () => {
    expect(
      classifyLine("2015-12-25T16:39:25.567Z cpu4:2758489)Tcpip_Vmk: 1288: Affinitizing 1.2.3.4"),
    ).toBeNull();
    expect(classifyLine("\u0000\u0001\uFFFD")).toBeNull();
  });
});
