import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Runs the built CLI: `npm run build` first (npm test does).
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const F = "test/fixtures/logs/";
function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ["dist/src/cli/main.js", ...args], { cwd: ROOT, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("vmotion-sim logs", () => {
  it("logs FILE... prints one row per migration, reading gzip, and exits 0", () => {
    const r = cli("logs", `${F}esxi80-vmkernel.log.gz`, `${F}esxi80-hostd.log`, `${F}esxi80-vpxa.log`);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/6491869593320104773 .* 198\.51\.100\.21 .* yes .* 5210/);
  });
  it("logs --json --calibrate gives migrations, calibrations and host pairs", () => {
    const r = cli("logs", "--json", "--calibrate", `${F}esxi67-vmkernel.log`, `${F}esxi67-hostd.log`);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as {
      migrations: unknown[];
      calibrations: { command: string | null }[];
      hostPairs: unknown[];
    };
    expect(j.migrations).toHaveLength(2);
    expect(j.calibrations[0]?.command).toMatch(
      // 184.676 MB/s = 176.1 MiB/s, three significant digits as the table prints it.
      /^vmotion-sim estimate --memory <VM memory> --dirty-rate 176MiB\/s --bandwidth 9.04Gbit\/s/,
    );
    expect(j.hostPairs).toHaveLength(1);
  });
  it("logs --qemu --calibrate prints the stats and a reproducing command", () => {
    const r = cli("logs", "--qemu", "--calibrate", `${F}qemu-completed.json`);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/iterations \(dirty-sync-count\) 69/);
    expect(r.stdout).toMatch(/calibrate: vmotion-sim estimate --memory/);
  });
  it("a missing file exits 2 with one line", () => {
    const r = cli("logs", "no-such-file.log");
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/no such file/);
  });
  it("--qemu on a non-JSON file exits 2 with one line", () => {
    const r = cli("logs", "--qemu", `${F}esxi67-hostd.log`);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^vmotion-sim: query-migrate:/);
  });
  it("a bad --memory exits 2 naming the flag", () => {
    const r = cli("logs", "--calibrate", "--memory", "64 apples", `${F}esxi67-vpxa.log`);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--memory/);
  });
  it("no files exits 2", () => {
    expect(cli("logs").code).toBe(2);
  });
});
