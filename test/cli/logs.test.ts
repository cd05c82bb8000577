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
    // query-migrate's downtime (451 ms) is QEMU's own clock: set against the model's reading of
    // that clock first, the guest-seen stun beside it.
    expect(r.stdout).toMatch(
      /predicted total 75\.8 s vs 112 s, downtime 145 ms by QEMU's clock \(182 ms guest-seen\) vs 451 ms, iterations 5 vs 69/,
    );
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
    expect(r.stderr).toMatch(/^vmotion-sim: test\/fixtures\/logs\/esxi67-hostd\.log: expected QMP JSON/);
  });
  it("logs of a one-line file counts '1 line', not '1 lines'", () => {
    const r = cli("logs", `${F}esxi67-vpxa.log`);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^1 line: 0 not understood, 0 without a migration id$/m);
  });
  it("logs of QEMU JSON without --qemu says to add --qemu", () => {
    const r = cli("logs", `${F}qemu-completed.json`);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^no migrations found$/m);
    expect(r.stdout).toMatch(
      /qemu-completed\.json looks like JSON: for QEMU query-migrate output, add --qemu/,
    );
  });
  it("logs --calibrate prints what each calibration rests on, not only in --json", () => {
    const r = cli("logs", "--calibrate", `${F}esxi67-vmkernel.log`);
    expect(r.code).toBe(0);
    // The first migration's predicted stun comes from the logged pages left (no --memory), and
    // its dirty rate from the t2d reading: both said under its command.
    expect(r.stdout).toMatch(
      /1583308800123456: vmotion-sim estimate .*\n {2}note: dirty rate = bandwidth \/ t2d.*an assumption\)\n {2}note: memory unknown: stun from the logged pages left/,
    );
    // The failed one has no command; its notes sit under its own id.
    expect(r.stdout).toMatch(/1583308805654321: no reproducing command\n {2}note: no bandwidth estimate/);
  });
  it("logs --qemu of a completed migration prints no 0 B/s dirty rate (QEMU leaves it unset)", () => {
    const r = cli("logs", "--qemu", `${F}qemu-completed.json`);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/dirty rate 0 B\/s/);
    expect(r.stdout).toMatch(/dirty rate not reported \(QEMU leaves dirty-pages-rate unset once completed\)/);
    expect(r.stdout).toMatch(/zero \(duplicate\) pages 301,522, normal pages 3,030,010/);
  });
  it("--memory or --rtt without --calibrate, and --memory with --qemu, exit 2 with one line", () => {
    for (const args of [
      ["--memory", "8GiB", `${F}esxi67-vpxa.log`],
      ["--rtt", "1ms", `${F}esxi67-vpxa.log`],
      ["--qemu", "--calibrate", "--memory", "8GiB", `${F}qemu-old.json`],
    ]) {
      const r = cli("logs", ...args);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/^vmotion-sim: --memory: applies only|^vmotion-sim: --rtt: applies only/);
    }
  });
  it("logs --qemu --calibrate --rtt puts the RTT in the reproducing command", () => {
    const r = cli("logs", "--qemu", "--calibrate", "--rtt", "2ms", `${F}qemu-old.json`);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/calibrate: vmotion-sim estimate .* --rtt 2ms/);
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
