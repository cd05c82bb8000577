import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The built CLI, the package's `bin` (`npm test` builds before vitest runs). */
export const CLI = fileURLToPath(new URL("../../dist/src/cli/main.cjs", import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the built CLI with arguments; no shell, no TTY. */
export function runCli(args: readonly string[], opts: { cwd?: string; input?: string } = {}): CliRun {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first`);
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: "utf8",
    cwd: opts.cwd,
    input: opts.input,
    env: { ...process.env, NO_COLOR: "1", CI: "true" },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Assert the shape of a bad-input failure: exit 2, one line on stderr, no stack trace. */
export function expectBadInput(r: CliRun): string {
  if (r.code !== 2)
    throw new Error(`expected exit 2, got ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  const lines = r.stderr.trim().split("\n");
  if (lines.length !== 1) throw new Error(`expected one line on stderr, got:\n${r.stderr}`);
  if (/\bat .*\(.*:\d+:\d+\)/.test(r.stderr)) throw new Error(`stack trace on stderr:\n${r.stderr}`);
  if (r.stdout !== "") throw new Error(`expected nothing on stdout, got:\n${r.stdout}`);
  return lines[0] as string;
}
