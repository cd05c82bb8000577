#!/usr/bin/env node
/**
 * The `vmotion-sim` launcher (package.json `bin`). It is CommonJS: an ES module entry makes Node
 * set up its ES module loader first (~7 ms of CPU, 6 % of a one-shot `estimate`; bench
 * `cli/startup`), and it loads as little as it can before the command runs:
 *
 * - a command that `npm run build` bundled (`dist/src/bin/NAME.cjs`, see `bundle.ts`) runs from
 *   its bundle: one CommonJS file holding the command, commander and the core. A bundle older than
 *   this file (the sources were compiled again without bundling) is not used. When the build left
 *   a V8 code cache beside it (`NAME.code-cache`, see `code-cache.ts`), the bundle is compiled from
 *   it: V8 reads the bytecode of every function a representative run used instead of parsing and
 *   compiling ~300 KB of JavaScript (estimate 1.33x -> 1.19x `node -e 0` in CPU time). A cache
 *   V8 rejects (another Node version or V8 flags) is ignored and the source compiled as usual;
 * - top-level help, `help NAME`, `--version` and an unknown command run from the help bundle
 *   (`help.cjs`, every command, each evaluated only when needed);
 * - `report` and `explore` import the ES modules of the command (`unbundled.ts`).
 *
 * `main.js` (`node dist/src/cli/main.js`) calls {@link launch} from here.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose (see above) */
import fs = require("node:fs");
import path = require("node:path");
import vm = require("node:vm");
import Module = require("node:module");

/** The commands that run as ES modules, never from a bundle: they load vega and run for seconds. */
const ES_MODULE_COMMANDS: readonly string[] = ["report", "explore"];

/**
 * The bundle for a run whose first argument is `first`, when it exists and is not older than this
 * launcher; else null. A command's own bundle; for anything but a command (top-level help, `help
 * NAME`, `--version`, an unknown name) the help bundle (`help.cjs`, `bundle.ts`).
 */
function freshBundle(first: string | undefined): string | null {
  if (first !== undefined && ES_MODULE_COMMANDS.includes(first)) return null;
  const bin = path.join(__dirname, "..", "bin");
  const own = first !== undefined && /^[a-z]+$/.test(first) ? path.join(bin, `${first}.cjs`) : null;
  const ownStat = own === null ? undefined : fs.statSync(own, { throwIfNoEntry: false });
  const bundle = own !== null && ownStat !== undefined ? own : path.join(bin, "help.cjs");
  const stat = bundle === own ? ownStat : fs.statSync(bundle, { throwIfNoEntry: false });
  return stat !== undefined && stat.mtimeMs >= fs.statSync(__filename).mtimeMs ? bundle : null;
}

/** The code cache file of `bundle` (written by the build only, never at run time). */
function codeCacheOf(bundle: string): string {
  return bundle.replace(/\.cjs$/, ".code-cache");
}

/**
 * `import()` for a bundle compiled here: Node 20 loses a `vm` script's import callback when V8
 * compiles it from a cache ("A dynamic import callback was not specified"), so the build rewrites
 * a bundle's run-time imports (vega in `evacuate` and the help bundle) to call this function,
 * passed in as `__vmsImport`, from this normally loaded file. Specifiers are package names, which
 * resolve the same from here as from the bundle (both under `dist/src/`).
 */
const importModule = (specifier: string): Promise<unknown> => import(specifier);

/**
 * Compile `bundle` as the CommonJS loader would (its wrapper, plus `__vmsImport`; the same
 * `require`, `module`, `__filename`, in `require.cache`), from `cachedData` when V8 accepts it,
 * and return the script and a function that runs it.
 */
function compileBundle(
  bundle: string,
  cachedData: Buffer | undefined,
): { script: vm.Script; run: () => void } {
  const source = fs.readFileSync(bundle, "utf8");
  const wrapped = `(function (exports, require, module, __filename, __dirname, __vmsImport) { ${source}\n});`;
  const script = new vm.Script(wrapped, { filename: bundle, cachedData });
  const run = (): void => {
    const dir = path.dirname(bundle);
    const mod = new Module(bundle, module);
    mod.filename = bundle;
    const internals = Module as unknown as {
      _nodeModulePaths(dir: string): string[];
      _cache: Record<string, Module>;
    };
    mod.paths = internals._nodeModulePaths(dir);
    // In require.cache, as a required file is (test/cli/startup.test.ts lists what a run loaded).
    internals._cache[bundle] = mod;
    const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
    wrapper.call(mod.exports, mod.exports, Module.createRequire(bundle), mod, bundle, dir, importModule);
    mod.loaded = true;
  };
  return { script, run };
}

/** The code cache of `bundle`, when the build wrote one after it; else undefined (also the sweep worker's, workers/sweep-loader.cts). */
function readCodeCache(bundle: string): Buffer | undefined {
  const file = codeCacheOf(bundle);
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (stat === undefined || stat.mtimeMs < fs.statSync(bundle).mtimeMs) return undefined;
  return fs.readFileSync(file);
}

/** Run the command line `argv` (without node and script). */
function launch(argv: readonly string[]): void {
  const bundle = freshBundle(argv[0]);
  if (bundle === null) {
    void import("./unbundled.js").then((m) => m.runUnbundled(argv));
    return;
  }
  const cachedData = readCodeCache(bundle);
  if (cachedData === undefined) require(bundle);
  else compileBundle(bundle, cachedData).run();
}

if (require.main === module) launch(process.argv.slice(2));

export = { ES_MODULE_COMMANDS, codeCacheOf, compileBundle, launch, readCodeCache };
