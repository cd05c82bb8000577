import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * `npm run bench -- --quick` must keep working: every task runs and reports finite figures.
 * No speed is asserted (performance is measured in bench/, never in tests).
 */
describe("bench --quick", () => {
  it("runs every task and writes finite figures to latest.json", () => {
    const out = mkdtempSync(join(tmpdir(), "vms-bench-"));
    const script = fileURLToPath(new URL("../../dist/bench/run.js", import.meta.url));
    const r = spawnSync(process.execPath, [script, "--quick", "--out", out], {
      encoding: "utf8",
      env: { ...process.env, CI: "true" },
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const records = JSON.parse(readFileSync(join(out, "latest.json"), "utf8")) as {
      name: string;
      meanMs: number;
      samples: number;
      scenariosPerSec: number | null;
      ratio?: number;
    }[];
    const names = records.map((x) => x.name);
    for (const required of [
      "core/summary/constant/vmotion",
      "core/summary-objects/constant/vmotion",
      "core/traces/constant/qemu",
      "core/summary/working-set/vmotion",
      "core/summary/curve/xen",
      "path",
      "sweep/rows",
      "sweep/1w",
      "sweep/2w",
      "sweep/2w/batch-1000",
      "sweep/summary",
      "sweep/memory/1M",
      "sweep/memory/10M",
      "sweep/memory/10M/1w",
      "cli/startup/node-e-0",
      "cli/startup/estimate",
    ]) {
      expect(names).toContain(required);
    }
    for (const rec of records) {
      expect(Number.isFinite(rec.meanMs) && rec.meanMs > 0, rec.name).toBe(true);
      expect(rec.samples, rec.name).toBeGreaterThan(0);
      if (rec.name.startsWith("core/")) expect(Number.isFinite(rec.scenariosPerSec), rec.name).toBe(true);
      if (rec.name.startsWith("cli/startup/")) expect(Number.isFinite(rec.ratio), rec.name).toBe(true);
    }
    expect(readFileSync(join(out, "latest.md"), "utf8")).toContain("| task | size | scenarios/s |");
    // ~20 s of CPU, in ~20 child processes: on a busy shared machine the wall time is several
    // times that (78 s at a load average of 16 on 2 CPUs), so the limit is generous.
  }, 240_000);
});
