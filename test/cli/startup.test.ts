import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { commandsFor } from "../../src/cli/commands/index.js";
import { entrySource } from "../../src/cli/bundle.js";
import { CLI } from "./run-cli.js";

/**
 * Start-up loads only what the command uses (no time is asserted; `cli/startup` in bench/ times
 * it). A probe preloaded with `--require` lists every CommonJS file the process loaded.
 */
function loadedFiles(args: readonly string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), "vms-startup-"));
  const probe = join(dir, "probe.cjs");
  const list = join(dir, "loaded.json");
  writeFileSync(
    probe,
    `process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(list)}, JSON.stringify(Object.keys(require.cache))));\n`,
  );
  const r = spawnSync(process.execPath, ["--require", probe, CLI, ...args], { encoding: "utf8" });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return JSON.parse(readFileSync(list, "utf8")) as string[];
}

describe("vmotion-sim start-up", () => {
  it("estimate runs from its bundle and loads neither yaml nor ajv", () => {
    const files = loadedFiles([
      "estimate",
      "--memory",
      "8GiB",
      "--dirty-rate",
      "100MiB/s",
      "--bandwidth",
      "10Gbit/s",
    ]);
    expect(files.some((f) => f.endsWith(join("dist", "src", "bin", "estimate.cjs")))).toBe(true);
    expect(files.filter((f) => /node_modules[\\/](yaml|ajv)[\\/]/.test(f))).toEqual([]);
  });

  it("a sweep file check uses the precompiled validator without loading ajv's compiler", () => {
    const dir = mkdtempSync(join(tmpdir(), "vms-startup-sweep-"));
    const file = join(dir, "s.yaml");
    writeFileSync(file, "base: { memory: 8GiB, dirtyRate: 100MiB/s, bandwidth: 10Gbit/s }\naxes: []\n");
    const files = loadedFiles(["sweep", file, "--out", join(dir, "out"), "--workers", "0", "--quiet"]);
    expect(files.some((f) => f.endsWith(join("dist", "validators", "sweep.cjs")))).toBe(true);
    expect(files.filter((f) => /node_modules[\\/]ajv[\\/]dist[\\/](2020|core|compile)/.test(f))).toEqual([]);
  });

  it("the bundles hold no copy of ajv's compiler, and estimate's none of yaml", () => {
    const bin = join(dirname(CLI), "..", "bin");
    // The build writes each bundle's esbuild metafile inputs beside it.
    const inputs = (name: string): string[] =>
      JSON.parse(readFileSync(join(bin, `${name}.inputs.json`), "utf8")) as string[];
    expect(inputs("sweep").filter((f) => /node_modules\/ajv\/dist\/compile/.test(f))).toEqual([]);
    expect(inputs("estimate").filter((f) => /node_modules\/(yaml|ajv)\//.test(f))).toEqual([]);
    expect(inputs("sweep").some((f) => /node_modules\/yaml\//.test(f))).toBe(true);
  });
});

describe("commandsFor", () => {
  it("commandsFor(['estimate', ...]) is just estimate; help NAME is NAME", () => {
    expect(commandsFor(["estimate", "--memory", "8GiB"])).toEqual(["estimate"]);
    expect(commandsFor(["help", "sweep"])).toEqual(["sweep"]);
  });

  it("commandsFor of top-level help, --version or an unknown name is every command", () => {
    for (const argv of [[], ["--help"], ["--version"], ["estimat"], ["help"]]) {
      expect(commandsFor(argv)).toContain("estimate");
      expect(commandsFor(argv)).toContain("report");
    }
  });
});

describe("entrySource", () => {
  it("entrySource('estimate', 'estimateCommand') imports that command only", () => {
    const src = entrySource("estimate", "estimateCommand");
    expect(src).toContain(`from "./commands/estimate.js"`);
    expect(src.match(/commands\//g)).toHaveLength(1);
  });
});
