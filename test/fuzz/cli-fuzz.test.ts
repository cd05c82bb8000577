import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { makeCase, rng } from "./cases.js";
import { CLI } from "../cli/run-cli.js";

/**
 * A seeded, time-bounded fuzzer of the file and flag boundary (issue 13). It throws mutated
 * flags, sweep / report / inventory files, logs, dirty curves and QEMU query-migrate JSON at
 * every command and checks, for every case:
 *
 * - the exit code is 0 or 2 (1 is an internal error, anything else a crash);
 * - on exit 2, stderr is one line starting `vmotion-sim:`; on exit 0 every stderr line does;
 * - no stack frame anywhere, no `NaN` or `Infinity` in stdout;
 * - no file outside the case's output folder is created, changed or removed, and no temporary
 *   sibling is left beside it.
 *
 * `npm test` runs it for about 25 s (FUZZ_SECONDS) from seed 13 (FUZZ_SEED); the long mode is
 * `FUZZ_SECONDS=900 FUZZ_CASES=5000 npx vitest run test/fuzz`, which prints its counts. A failing
 * case prints its seed, command line and input files, so it can be replayed.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 13);
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 25);
const MAX_CASES = Number(process.env.FUZZ_CASES ?? 400);
/** Cases run at once (the machine has 2 cores). */
const PARALLEL = 2;
/** A case still running after this is killed and counted as slow (not as a failure). */
const CASE_TIMEOUT_MS = 20_000;

const root = mkdtempSync(join(tmpdir(), "vmotion-fuzz-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Every file under `dir` (relative path -> size and mtime), skipping the output folder. */
function snapshot(dir: string, skip: string): Map<string, string> {
  const m = new Map<string, string>();
  const walk = (d: string, rel: string): void => {
    for (const n of readdirSync(d)) {
      const r = rel === "" ? n : `${rel}/${n}`;
      if (r === skip) continue;
      const st = statSync(join(d, n));
      if (st.isDirectory()) walk(join(d, n), r);
      else m.set(r, `${st.size}:${st.mtimeMs}`);
    }
  };
  walk(dir, "");
  return m;
}

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

function run(args: string[], cwd: string): Promise<Outcome> {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: "1", CI: "true" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, CASE_TIMEOUT_MS);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolveRun({ code, stdout, stderr, timedOut });
    });
  });
}

/** What is wrong with one case's outcome, or null. */
function problem(
  o: Outcome,
  before: Map<string, string>,
  after: Map<string, string>,
  cwd: string,
  typed: string,
): string | null {
  if (o.code !== 0 && o.code !== 2) return `exit code ${o.code}`;
  const lines = o.stderr.split("\n").filter((l) => l !== "");
  if (o.code === 2 && lines.length !== 1) return `exit 2 with ${lines.length} stderr lines`;
  const stray = lines.find((l) => !l.startsWith("vmotion-sim:"));
  if (stray !== undefined) return `stderr line without the prefix: ${stray.slice(0, 200)}`;
  if (/\n\s+at .+:\d+:\d+|internal error/.test(o.stderr)) return "a stack frame or internal error on stderr";
  // NaN or Infinity the user typed may be echoed back (a log line quoted as not understood).
  for (const word of ["NaN", "Infinity"])
    if (new RegExp(`\\b${word}\\b`).test(o.stdout) && !typed.includes(word)) return `${word} in stdout`;
  for (const [k, v] of before) if (after.get(k) !== v) return `input file ${k} changed or removed`;
  for (const k of after.keys()) if (!before.has(k)) return `file ${k} created outside the output folder`;
  const left = readdirSync(cwd).filter((n) => n.startsWith(".out."));
  if (left.length > 0) return `temporary sibling left: ${left.join(", ")}`;
  return null;
}

describe("fuzz: mutated flags and files at every command", () => {
  it(
    `exit 0 or 2, one prefixed line, no stack, no NaN, nothing outside --out touched (seed ${SEED}, ~${SECONDS} s)`,
    async () => {
      const r = rng(SEED);
      const deadline = performance.now() + SECONDS * 1000;
      const counts = { cases: 0, ok: 0, badInput: 0, slow: 0 };
      const byCommand = new Map<string, number>();
      const failures: string[] = [];
      let next = 0;
      const worker = async (): Promise<void> => {
        while (performance.now() < deadline && next < MAX_CASES && failures.length === 0) {
          const id = next++;
          const c = makeCase(r);
          const cwd = join(root, `case-${id}`);
          mkdirSync(cwd);
          for (const [name, data] of Object.entries(c.files)) writeFileSync(join(cwd, name), data);
          const before = snapshot(cwd, "out");
          const o = await run(c.args, cwd);
          counts.cases++;
          byCommand.set(c.args[0] as string, (byCommand.get(c.args[0] as string) ?? 0) + 1);
          if (o.timedOut) {
            counts.slow++;
          } else {
            const typed = [
              ...c.args,
              ...Object.values(c.files).map((v) => (typeof v === "string" ? v : gunzipSync(v).toString())),
            ].join("\n");
            const p = problem(o, before, snapshot(cwd, "out"), cwd, typed);
            if (p !== null)
              failures.push(
                `case ${id} (seed ${SEED}): ${p}\n  vmotion-sim ${c.args.map((a) => JSON.stringify(a)).join(" ")}\n  stderr: ${o.stderr.slice(0, 600)}\n  files: ${JSON.stringify(Object.fromEntries(Object.entries(c.files).map(([k, v]) => [k, typeof v === "string" ? v.slice(0, 600) : "(gzip)"])))}`,
              );
            else if (o.code === 0) counts.ok++;
            else counts.badInput++;
          }
          rmSync(cwd, { recursive: true, force: true });
        }
      };
      await Promise.all(Array.from({ length: PARALLEL }, worker));
      console.log(
        `fuzz seed ${SEED}: ${counts.cases} cases (${counts.ok} exit 0, ${counts.badInput} exit 2, ${counts.slow} slow) by command ${JSON.stringify(Object.fromEntries(byCommand))}`,
      );
      expect(failures).toEqual([]);
      expect(counts.cases).toBeGreaterThan(10);
    },
    (SECONDS + 60) * 1000,
  );
});
