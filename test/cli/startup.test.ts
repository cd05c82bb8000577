import { spawn, spawnSync } from "node:child_process";
import {
  closeSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { COMMAND_LOADERS, commandsFor } from "../../src/cli/commands/index.js";
import { BUNDLED_COMMANDS, HELP_BUNDLE, entrySource } from "../../src/cli/bundle.js";
import { CLI, runCli } from "./run-cli.js";

const BIN = join(dirname(CLI), "..", "bin");
const ESTIMATE = ["estimate", "--memory", "8GiB", "--dirty-rate", "100MiB/s", "--bandwidth", "10Gbit/s"];
type Launcher = typeof import("../../src/cli/main.cjs");
const launcher = createRequire(import.meta.url)(CLI) as Launcher;

/**
 * Start-up loads only what the command uses (no time is asserted; `cli/startup` in bench/ times
 * it). A probe preloaded with `--require` lists every CommonJS file the process loaded.
 */
function loadedFiles(args: readonly string[], opts: { stdoutToFile?: boolean } = {}): string[] {
  const dir = mkdtempSync(join(tmpdir(), "vms-startup-"));
  const probe = join(dir, "probe.cjs");
  const list = join(dir, "loaded.json");
  writeFileSync(
    probe,
    `process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(list)}, JSON.stringify([...Object.keys(require.cache), ...process.moduleLoadList])));\n`,
  );
  // stdout to a file is a plain synchronous stream; a pipe's would load `net` itself.
  const stdout = opts.stdoutToFile ? openSync(join(dir, "stdout.txt"), "w") : "pipe";
  const r = spawnSync(process.execPath, ["--require", probe, CLI, ...args], {
    encoding: "utf8",
    stdio: ["ignore", stdout, "pipe"],
  });
  if (typeof stdout === "number") closeSync(stdout);
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return JSON.parse(readFileSync(list, "utf8")) as string[];
}

/**
 * A launcher and the estimate bundle copied to a scratch folder laid out as dist/ is
 * (`src/cli/main.cjs`, `src/bin/estimate.cjs`), with `cache` as the bundle's code cache.
 */
function launcherCopy(cache: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), "vms-launcher-"));
  mkdirSync(join(dir, "src", "cli"), { recursive: true });
  mkdirSync(join(dir, "src", "bin"));
  copyFileSync(CLI, join(dir, "src", "cli", "main.cjs"));
  copyFileSync(join(BIN, "estimate.cjs"), join(dir, "src", "bin", "estimate.cjs"));
  writeFileSync(join(dir, "src", "bin", "estimate.code-cache"), cache);
  return join(dir, "src", "cli", "main.cjs");
}

describe("vmotion-sim start-up", () => {
  it("estimate runs from its bundle and loads neither yaml nor ajv", () => {
    const files = loadedFiles(ESTIMATE);
    expect(files.some((f) => f.endsWith(join("dist", "src", "bin", "estimate.cjs")))).toBe(true);
    expect(files.filter((f) => /node_modules[\\/](yaml|ajv)[\\/]/.test(f))).toEqual([]);
  });

  it("estimate loads neither child_process (commander's, lazy in the bundle) nor zlib (gzipped input only)", () => {
    const builtins = loadedFiles(ESTIMATE).filter((f) => f.startsWith("NativeModule "));
    expect(builtins).toContain("NativeModule fs");
    expect(builtins.filter((f) => / (child_process|zlib)$/.test(f))).toEqual([]);
  });

  it("estimate writing nothing on stderr (a pipe) never builds its stream (which loads net)", () => {
    const builtins = loadedFiles(ESTIMATE, { stdoutToFile: true });
    expect(builtins).toContain("NativeModule internal/fs/sync_write_stream");
    expect(builtins.filter((f) => /^NativeModule (net|tty)$/.test(f))).toEqual([]);
  });

  it("stderr built on first use still stops quietly on a closed pipe: bad input exits 2, not 1", async () => {
    const child = spawn(process.execPath, [CLI, "estimate", "--memory", "8 parsecs"], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    child.stderr.destroy();
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(2);
  });

  it("the build leaves a code cache this Node accepts beside every bundle, and no import() V8 would lose", () => {
    for (const name of [...Object.keys(BUNDLED_COMMANDS), HELP_BUNDLE]) {
      const bundle = join(BIN, `${name}.cjs`);
      const cache = launcher.codeCacheOf(bundle);
      expect(statSync(cache).mtimeMs).toBeGreaterThanOrEqual(statSync(bundle).mtimeMs);
      expect(launcher.compileBundle(bundle, readFileSync(cache)).script.cachedDataRejected, name).toBe(false);
      // Run-time imports go through __import (main.cts); the banner's fallback is the one left.
      expect(readFileSync(bundle, "utf8").split(/(?<![\w$.])import\(/).length - 1, name).toBe(1);
    }
  });

  it("evacuate's charts (vega, imported at run time) render from its code-cached bundle", () => {
    const out = join(mkdtempSync(join(tmpdir(), "vms-evacuate-")), "out");
    const args = ["evacuate", "--inventory", "reports/inventories/host-esx01.csv", "--bandwidth", "10Gbit/s"];
    expect(runCli([...args, "--out", out]).code).toBe(0);
    expect(readFileSync(join(out, "evacuation-timeline.svg"), "utf8")).toContain("<svg");
  });

  it("top-level help, help NAME, --version, no or an unknown command run from the help bundle as from the ES modules", () => {
    const unbundled = pathToFileURL(join(dirname(CLI), "unbundled.js")).href;
    const script = `(await import(${JSON.stringify(unbundled)})).runUnbundled(process.argv.slice(1))`;
    for (const args of [["--help"], ["help", "sweep"], ["help", "report"], ["--version"], ["estimat"], []]) {
      const viaModules = spawnSync(process.execPath, ["--input-type=module", "-e", script, "--", ...args], {
        encoding: "utf8",
        env: { ...process.env, NO_COLOR: "1", CI: "true" },
      });
      const expected = { code: viaModules.status, stdout: viaModules.stdout, stderr: viaModules.stderr };
      expect(runCli(args), args.join(" ")).toEqual(expected);
    }
    expect(loadedFiles(["--help"]).some((f) => f.endsWith(join("bin", "help.cjs")))).toBe(true);
  });

  it("report and explore run as ES modules, from no bundle; every other command has its own", () => {
    const files = loadedFiles(["report", "--help"]);
    expect(files.filter((f) => f.includes(join("dist", "src", "bin")))).toEqual([]);
    expect(launcher.ES_MODULE_COMMANDS).toEqual(["report", "explore"]);
    expect(Object.keys(COMMAND_LOADERS).sort()).toEqual(
      [...Object.keys(BUNDLED_COMMANDS), ...launcher.ES_MODULE_COMMANDS].sort(),
    );
  });

  it("a code cache V8 rejects (garbage, cut short, another bundle's) changes nothing in the output", () => {
    const expected = runCli(ESTIMATE);
    expect(expected.code).toBe(0);
    const real = readFileSync(join(BIN, "estimate.code-cache"));
    for (const cache of [
      Buffer.from("not a code cache"),
      real.subarray(0, real.length >> 1),
      readFileSync(join(BIN, "compare.code-cache")),
    ]) {
      const r = spawnSync(process.execPath, [launcherCopy(cache), ...ESTIMATE], { encoding: "utf8" });
      expect({ code: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual(expected);
    }
  });

  it("a bundle older than the launcher is not used (here: the ES modules it falls back to are absent)", () => {
    const copy = launcherCopy(readFileSync(join(BIN, "estimate.code-cache")));
    expect(spawnSync(process.execPath, [copy, ...ESTIMATE]).status).toBe(0);
    const bundle = join(dirname(copy), "..", "bin", "estimate.cjs");
    const old = new Date(statSync(copy).mtimeMs - 60_000);
    utimesSync(bundle, old, old);
    const r = spawnSync(process.execPath, [copy, ...ESTIMATE], { encoding: "utf8" });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("unbundled.js");
  });

  it("main.js, the ES module entry, runs the same as the launcher", () => {
    const mainJs = join(dirname(CLI), "main.js");
    for (const args of [ESTIMATE, ["estimate", "--memory", "8 parsecs"], ["--help"]]) {
      const r = spawnSync(process.execPath, [mainJs, ...args], { encoding: "utf8" });
      const expected = runCli(args);
      expect({ code: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual(expected);
    }
  });

  it("a sweep file check uses the precompiled validator without loading ajv's compiler; --workers 0 loads no piscina", () => {
    const dir = mkdtempSync(join(tmpdir(), "vms-startup-sweep-"));
    const file = join(dir, "s.yaml");
    writeFileSync(file, "base: { memory: 8GiB, dirtyRate: 100MiB/s, bandwidth: 10Gbit/s }\naxes: []\n");
    const files = loadedFiles(["sweep", file, "--out", join(dir, "out"), "--workers", "0", "--quiet"]);
    expect(files.some((f) => f.endsWith(join("dist", "validators", "sweep.cjs")))).toBe(true);
    expect(files.filter((f) => /node_modules[\\/]ajv[\\/]dist[\\/](2020|core|compile)/.test(f))).toEqual([]);
    // In this thread: no worker pool, so no piscina.
    expect(files.filter((f) => /node_modules[\\/]piscina[\\/]/.test(f))).toEqual([]);
  });

  it("the bundles hold no copy of ajv's compiler, and estimate's none of yaml", () => {
    // The build writes each bundle's esbuild metafile inputs beside it.
    const inputs = (name: string): string[] =>
      JSON.parse(readFileSync(join(BIN, `${name}.inputs.json`), "utf8")) as string[];
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
