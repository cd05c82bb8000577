import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Metafile, type Plugin } from "esbuild";

/**
 * Build step (`npm run build` runs it after tsc): one CommonJS bundle per command,
 * `dist/src/bin/NAME.cjs`, that `main.ts` runs when that command is asked for. A bundle holds the
 * command, commander and the core in one file: loading it costs a fraction of resolving and
 * linking the ~50 ES modules and commander's 11 CommonJS files one by one, which was most of a
 * one-shot `estimate`'s CPU time (measured by `cli/startup` in bench/).
 *
 * Why esbuild (already a dependency, for the explorer page): it bundles ESM into CommonJS in ~0.1 s
 * a command. Bundles sit at the same depth as the compiled sources (`dist/src/bin/` beside
 * `dist/src/cli/`), and `import.meta.url` is the bundle's own URL, so paths the code finds relative
 * to its module (precompiled validators, the worker, packaged data) resolve the same.
 *
 * Not bundled: packages that find files relative to themselves or load native code (piscina's
 * worker, resvg), and the ESM-only chart stack (vega), which the bundle imports at run time.
 * `report` is not bundled: it loads vega anyway and runs for seconds.
 */
export const BUNDLED_COMMANDS: Readonly<Record<string, string>> = {
  estimate: "estimateCommand",
  compare: "compareCommand",
  logs: "logsCommand",
  validate: "validateCommand",
  solve: "solveCommand",
  sweep: "sweepCommand",
  summarize: "summarizeCommand",
  evacuate: "evacuateCommand",
};

/**
 * The bundle `help.cjs` runs what has no bundle of its own but `report` and `explore` (which run
 * as ES modules, `main.cts`): top-level help, `help NAME`, `--version`, no or an unknown command.
 * It holds every command, each evaluated only when the run needs it (`commands/index.ts` imports
 * them dynamically, which esbuild turns into lazy initialisers), as the ES modules run them.
 */
export const HELP_BUNDLE = "help";

/**
 * The command line each bundle's code cache is made from (`code-cache.ts`): a typical run of the
 * command, so the functions it compiles are the ones a user's run needs. Paths are relative to the
 * package root; `tmp` is a scratch folder for commands that write (summarize reads the sweep's).
 */
export function trainingLines(tmp: string): Record<string, readonly string[]> {
  const vm = ["--memory", "64GiB", "--dirty-rate", "400MiB/s"];
  const sweep = join(tmp, "sweep");
  return {
    estimate: ["estimate", ...vm, "--bandwidth", "10Gbit/s"],
    compare: ["compare", ...vm],
    logs: ["logs", "test/fixtures/logs/esxi67-vmkernel.log"],
    validate: ["validate"],
    solve: ["solve", "--for", "bandwidth", ...vm],
    sweep: [
      "sweep",
      "reports/sweeps/wan-rtt.yaml",
      "--out",
      sweep,
      // CSV is the default format; Parquet is what summarize reads.
      "--format",
      "csv,parquet",
      "--workers",
      "0",
      "--quiet",
    ],
    summarize: ["summarize", sweep],
    evacuate: ["evacuate", "--inventory", "reports/inventories/host-esx01.csv", "--bandwidth", "10Gbit/s"],
    [HELP_BUNDLE]: ["--help"],
  };
}

const EXTERNAL = ["piscina", "@resvg/resvg-js", "vega", "vega-lite", "vega-embed", "@duckdb/node-api"];

/**
 * `child_process`, required by commander at load for executable subcommands (vmotion-sim has none),
 * is required in the bundles on first use instead: loading it (with `net` and `dgram`) costs ~3 ms
 * of CPU, 2-3 % of a one-shot `estimate` (bench `cli/startup`). The stand-in forwards every property
 * to the real module, so a use anywhere behaves the same. (An ES `import` of it would enumerate the
 * module's names at load and so load it: correct, only not lazy.)
 */
export const lazyChildProcess: Plugin = {
  name: "lazy-child-process",
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.namespace === "lazy"
        ? { path: "node:child_process", external: true }
        : { path: "child_process", namespace: "lazy" },
    );
    b.onLoad({ filter: /.*/, namespace: "lazy" }, () => ({
      loader: "js",
      contents: [
        `let real;`,
        `const load = () => (real ??= require("node:child_process"));`,
        `module.exports = new Proxy({}, {`,
        `  get: (_, key) => load()[key],`,
        `  has: (_, key) => key in load(),`,
        `  ownKeys: () => Reflect.ownKeys(load()),`,
        `  getOwnPropertyDescriptor: (_, key) => {`,
        `    const d = Reflect.getOwnPropertyDescriptor(load(), key);`,
        `    return d === undefined ? undefined : { ...d, configurable: true };`,
        `  },`,
        `});`,
      ].join("\n"),
    }));
  },
};

/**
 * A bundle's run-time `import("PACKAGE")` of an external ES module (vega) rewritten to
 * `__import("PACKAGE")` (the banner's; the launcher's import when it compiled the bundle, see
 * `main.cts`), and whether the result may get a code cache: not when a dynamic import is left
 * (a V8-cached vm script cannot run one under Node 20).
 */
export function runTimeImports(code: string, metafile: Metafile): { code: string; cacheable: boolean } {
  const packages = new Set(
    Object.values(metafile.outputs)
      .flatMap((o) => o.imports)
      .filter((i) => i.kind === "dynamic-import" && i.external)
      .map((i) => i.path),
  );
  let out = code;
  for (const p of packages)
    out = out.split(`import(${JSON.stringify(p)})`).join(`__import(${JSON.stringify(p)})`);
  // The banner's own fallback is the one import() a cached bundle may hold (never run there).
  const left = out.split(/(?<![\w$.])import\(/).length - 1;
  return { code: out, cacheable: left === 1 };
}

/** The entry module of one command's bundle (resolved from `dist/src/cli/`); the help bundle's for {@link HELP_BUNDLE}. */
export function entrySource(name: string, exportName: string): string {
  if (name === HELP_BUNDLE)
    return [
      `import { runUnbundled } from "./unbundled.js";`,
      `void runUnbundled(process.argv.slice(2));`,
    ].join("\n");
  return [
    `import { quietOnClosedPipe, runProgram } from "./run.js";`,
    `import { ${exportName} } from "./commands/${name}.js";`,
    `quietOnClosedPipe();`,
    `runProgram(process.argv.slice(2), [${exportName}()]).then((code) => { process.exitCode = code; });`,
  ].join("\n");
}

async function main(): Promise<void> {
  // dist/src/cli/bundle.js -> dist/src/bin/
  const cliDir = dirname(fileURLToPath(import.meta.url));
  const outDir = join(cliDir, "..", "bin");
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const cached: string[] = [];
  await Promise.all(
    [...Object.entries(BUNDLED_COMMANDS), [HELP_BUNDLE, ""] as const].map(async ([name, exportName]) => {
      const path = join(outDir, `${name}.cjs`);
      const result = await build({
        stdin: {
          contents: entrySource(name, exportName),
          resolveDir: cliDir,
          sourcefile: `${name}-entry.js`,
        },
        bundle: true,
        format: "cjs",
        platform: "node",
        target: "node20",
        external: EXTERNAL,
        plugins: [lazyChildProcess],
        define: { "import.meta.url": "__bundleUrl" },
        banner: {
          js: [
            `const __bundleUrl = require("node:url").pathToFileURL(__filename).href;`,
            // main.cts passes its own import() (see runTimeImports); a plain require has none.
            `const __import = typeof __vmsImport === "function" ? __vmsImport : (s) => import(s);`,
          ].join("\n"),
        },
        write: false,
        outfile: path,
        // Whitespace and syntax only: 40 % smaller, ~10 ms less CPU at start-up (estimate 1.51x ->
        // 1.39x `node -e 0`, bench cli/startup); names are kept, so an internal error's frame reads.
        minifyWhitespace: true,
        minifySyntax: true,
        metafile: true,
        logLevel: "error",
      });
      const { code, cacheable } = runTimeImports(result.outputFiles[0]?.text ?? "", result.metafile);
      writeFileSync(`${path}.tmp`, code);
      renameSync(`${path}.tmp`, path);
      if (cacheable) cached.push(name);
      // What each bundle holds, for test/cli/startup.test.ts (minified code has no path comments).
      writeFileSync(
        join(outDir, `${name}.inputs.json`),
        `${JSON.stringify(Object.keys(result.metafile.inputs).sort(), null, 1)}\n`,
      );
    }),
  );
  writeFileSync(join(outDir, "README"), "Generated by `npm run build` (src/cli/bundle.ts); do not edit.\n");
  writeCodeCaches(cliDir, outDir, cached);
}

/**
 * The V8 code cache of bundles `names` (`NAME.code-cache`, read by the launcher `main.cts`),
 * made by `code-cache.ts` from one run of each one's training line, one at a time in the order of
 * {@link BUNDLED_COMMANDS} (summarize reads the sweep's output). A training run that fails fails
 * the build.
 */
function writeCodeCaches(cliDir: string, outDir: string, names: readonly string[]): void {
  const root = join(cliDir, "..", "..", "..");
  const tmp = mkdtempSync(join(tmpdir(), "vms-code-cache-"));
  try {
    const lines = trainingLines(tmp);
    for (const name of [...Object.keys(BUNDLED_COMMANDS), HELP_BUNDLE].filter((n) => names.includes(n))) {
      const line = lines[name] ?? [name, "--help"];
      const r = spawnSync(
        process.execPath,
        [join(cliDir, "code-cache.js"), join(outDir, `${name}.cjs`), ...line],
        {
          cwd: root,
          stdio: ["ignore", "ignore", "pipe"],
          encoding: "utf8",
        },
      );
      if (r.status !== 0)
        throw new Error(`code cache for ${name}: ${line.join(" ")} exited ${r.status}: ${r.stderr}`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
