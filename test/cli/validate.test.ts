import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Runs the built CLI: `npm run build` first (npm test does).
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ["dist/src/cli/main.js", ...args], { cwd: ROOT, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("vmotion-sim validate", () => {
  it("validate prints predicted vs measured and the defaults, exit 0", () => {
    const r = cli("validate");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/kubevirt-vep291-default\s+working-set\s+A\s+totalTimeSec\s+112\.4 s/);
    expect(r.stdout).toMatch(/Defaults for every case/);
    expect(r.stdout).toMatch(/assumed: RTT 0\.3 ms/);
  });
  it("validate --json gives the report object", () => {
    const r = cli("validate", "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { cases: { id: string }[]; defaults: string[] };
    expect(j.cases.map((c) => c.id)).toContain("kubevirt-vep291-ramp");
    expect(j.defaults.length).toBeGreaterThan(0);
  });
  it("a cases file that is not JSON exits 2 with one line", () => {
    const dir = mkdtempSync(join(tmpdir(), "vmsim-"));
    const bad = join(dir, "cases.json");
    writeFileSync(bad, "not json");
    const r = cli("validate", "--cases", bad);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^vmotion-sim: --cases:/);
  });
  it("a cases file without cases exits 2", () => {
    const dir = mkdtempSync(join(tmpdir(), "vmsim-"));
    const bad = join(dir, "cases.json");
    writeFileSync(bad, "{}");
    expect(cli("validate", "--cases", bad).code).toBe(2);
  });
});
