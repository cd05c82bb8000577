import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectBadInput, runCli } from "./run-cli.js";

interface Report {
  best: string;
  maxConcurrent: number;
  strategies: {
    strategy: string;
    totalTimeSec: number;
    lowerBoundSec: number;
    peakConcurrency: number;
    failed: number;
    vms: {
      name: string;
      startSec: number;
      endSec: number;
      iterations: number;
      downtimeSec: number;
      outcome: string;
    }[];
  }[];
}

function inventory(text: string, name = "inv.csv"): string {
  const dir = mkdtempSync(join(tmpdir(), "evac-"));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("vmotion-sim evacuate", () => {
  it("with one VM equals estimate (total, stun, iterations, outcome; 1e-9 relative)", () => {
    const inv = inventory("name,memory,dirtyRate\ndb01,64GiB,300MiB/s\n");
    const e = runCli([
      "estimate",
      "--memory",
      "64GiB",
      "--dirty-rate",
      "300MiB/s",
      "--preset",
      "routed-lan",
      "--json",
    ]);
    const r = runCli([
      "evacuate",
      "--inventory",
      inv,
      "--preset",
      "routed-lan",
      "--strategy",
      "inventory",
      "--json",
    ]);
    expect(e.code).toBe(0);
    expect(r.code).toBe(0);
    const est = JSON.parse(e.stdout) as {
      totalTimeSec: number;
      downtimeSec: number;
      iterationCount: number;
      outcome: string;
    };
    const vm = (JSON.parse(r.stdout) as Report).strategies[0]?.vms[0];
    expect(vm?.outcome).toBe(est.outcome);
    expect(vm?.iterations).toBe(est.iterationCount);
    expect(Math.abs((vm?.endSec ?? 0) - est.totalTimeSec)).toBeLessThanOrEqual(1e-9 * est.totalTimeSec);
    expect(Math.abs((vm?.downtimeSec ?? 0) - est.downtimeSec)).toBeLessThanOrEqual(1e-9 * est.downtimeSec);
  });

  it("compares every strategy on the example inventory and writes CSV, JSON and the Gantt chart", () => {
    const dir = mkdtempSync(join(tmpdir(), "evac-out-"));
    const r = runCli([
      "evacuate",
      "--inventory",
      "reports/inventories/host-esx01.csv",
      "--preset",
      "same-l2",
      "--search-budget",
      "30",
      "--out",
      dir,
      "--json",
    ]);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout) as Report;
    expect(rep.strategies.map((s) => s.strategy)).toEqual([
      "inventory",
      "smallest-first",
      "largest-first",
      "least-dirty-first",
      "best-found",
    ]);
    expect(rep.maxConcurrent).toBe(8);
    for (const s of rep.strategies) {
      expect(s.vms).toHaveLength(12);
      expect(s.peakConcurrency).toBe(8);
      expect(s.totalTimeSec).toBeGreaterThanOrEqual(s.lowerBoundSec);
    }
    for (const f of [
      "evacuation.csv",
      "evacuation.json",
      "evacuation-timeline.vl.json",
      "evacuation-timeline.svg",
    ])
      expect(existsSync(join(dir, f)), f).toBe(true);
    const csv = readFileSync(join(dir, "evacuation.csv"), "utf8").trim().split("\n");
    expect(csv[0]).toBe(
      "strategy,name,start_s,end_s,duration_s,iterations,stun_s,outcome,guest_slowdown,transferred_bytes",
    );
    expect(csv).toHaveLength(1 + 5 * 12);
  });

  it("with no path flags uses the documented default preset, same-l2", () => {
    const inv = "reports/inventories/host-esx01.csv";
    const bare = runCli(["evacuate", "--inventory", inv, "--strategy", "inventory", "--json"]);
    expect(bare.code).toBe(0);
    const given = runCli([
      "evacuate",
      "--inventory",
      inv,
      "--strategy",
      "inventory",
      "--preset",
      "same-l2",
      "--json",
    ]);
    expect(JSON.parse(bare.stdout)).toEqual(JSON.parse(given.stdout));
  });

  it("the YAML example gives the same result as the CSV example", () => {
    const args = ["--preset", "same-l2", "--strategy", "smallest-first", "--json"];
    const a = runCli(["evacuate", "--inventory", "reports/inventories/host-esx01.csv", ...args]);
    const b = runCli(["evacuate", "--inventory", "reports/inventories/host-esx01.yaml", ...args]);
    const strip = (s: string): unknown => ({ ...(JSON.parse(s) as Report), inventory: null });
    expect(strip(a.stdout)).toEqual(strip(b.stdout));
  });

  it("an inventory error names the row and the column (exit 2, one line)", () => {
    const inv = inventory("name,memory,dirtyRate\ndb01,64GiB,300MiB/s\ndb02,64GiB,fast\n");
    const line = expectBadInput(runCli(["evacuate", "--inventory", inv, "--bandwidth", "10Gbit/s"]));
    expect(line).toContain("line 3 (db02) dirtyRate");
    expect(line).toContain('"fast"');
  });
});

describe("vmotion-sim evacuate words", () => {
  it("counts one VM in the singular, and reads an inventory cell with a quoted comma", () => {
    const one = runCli([
      "evacuate",
      "--inventory",
      inventory('name,memory,dirtyRate\n"db,01",8GiB,100MiB/s\n'),
    ]);
    expect(one.code).toBe(0);
    expect(one.stdout.split("\n")[0]).toMatch(/^1 VM over /);
    const two = runCli([
      "evacuate",
      "--inventory",
      inventory("name,memory,dirtyRate\na,8GiB,100MiB/s\nb,8GiB,100MiB/s\n"),
    ]);
    expect(two.stdout.split("\n")[0]).toMatch(/^2 VMs over /);
  });
});

describe("vmotion-sim evacuate with a VM that fails in some orders", () => {
  // hot converges alone on 10 GbE with SDPS off but not beside a 64 GiB VM (test/plan/evacuate.test.ts).
  const inv = inventory(
    "name,memory,dirtyRate,wss\nhot,16GiB,700MiB/s,16GiB\nbig1,64GiB,10MiB/s,\nbig2,64GiB,10MiB/s,\n",
  );
  const flags = ["--inventory", inv, "--sdps", "off", "--max-concurrent", "2"];

  it("marks as best the order that moves every VM, not a faster one that leaves a VM behind", () => {
    const r = runCli(["evacuate", ...flags, "--json"]);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout) as Report;
    const byName = new Map(rep.strategies.map((s) => [s.strategy, s]));
    // The premise: the inventory order is faster and fails one VM.
    expect(byName.get("inventory")?.failed).toBe(1);
    expect(byName.get("inventory")?.totalTimeSec).toBeLessThan(
      byName.get("largest-first")?.totalTimeSec ?? 0,
    );
    expect(byName.get(rep.best as never)?.failed).toBe(0);
    expect(rep.best).toBe("largest-first");
  });

  it("says which VMs stay on the host when the chosen order fails some", () => {
    const r = runCli(["evacuate", ...flags, "--strategy", "inventory"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "1 of 3 VMs does not migrate in the inventory order: hot (not-converging) stays on the host",
    );
    const all = runCli(["evacuate", ...flags]);
    expect(all.stdout).not.toContain("does not migrate");
  });
});

describe("vmotion-sim evacuate --policy qemu|xen", () => {
  const inv = "reports/inventories/host-esx01.csv";

  it("needs --max-concurrent: vCenter's vMotion limits were applied to KVM and Xen hosts", () => {
    for (const policy of ["qemu", "xen"]) {
      const line = expectBadInput(runCli(["evacuate", "--inventory", inv, "--policy", policy]));
      expect(line).toMatch(
        new RegExp(`^vmotion-sim: --max-concurrent: is required with --policy ${policy}: vCenter's limits`),
      );
    }
    const r = runCli(["evacuate", "--inventory", inv, "--policy", "qemu", "--max-concurrent", "2"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toMatch(/; --max-concurrent 2$/);
    expect(r.stdout).not.toContain("vCenter");
  });
});

describe("vmotion-sim evacuate --help", () => {
  it("does not offer --concurrent, which evacuate refuses (use --max-concurrent)", () => {
    const help = runCli(["evacuate", "--help"]).stdout;
    expect(help).toContain("--max-concurrent <n>");
    expect(help).not.toContain("--concurrent <n>");
    const line = expectBadInput(
      runCli(["evacuate", "--inventory", "reports/inventories/host-esx01.csv", "--concurrent", "2"]),
    );
    expect(line).toContain("use --max-concurrent");
  });
});
