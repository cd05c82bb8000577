import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { csvCell } from "../../src/files/csv-cell.js";
import { expectBadInput, runCli } from "./run-cli.js";

/** Hostile or odd input files (issue 13, defects 4-6): each answered in one line, exit 2. */
const root = mkdtempSync(join(tmpdir(), "vmotion-in-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const file = (name: string, text: string | Uint8Array): string => {
  const p = join(root, name);
  writeFileSync(p, text);
  return p;
};
const out = (name: string): string => join(root, `out-${name}`);
const fifo = join(root, "pipe");
execFileSync("mkfifo", [fifo]);

/** Nine levels of nine aliases: 9^9 (387 million) strings when expanded. */
function billionLaughs(prefix = ""): string {
  let t = `${prefix}l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n`;
  for (let i = 1; i < 10; i++)
    t += `l${i}: &l${i} [${Array(9)
      .fill(`*l${i - 1}`)
      .join(", ")}]\n`;
  return t;
}

describe("input files: regular files only, size-capped", () => {
  it.each([
    ["a sweep file", (p: string) => ["sweep", p, "--out", out("dev")]],
    ["an inventory", (p: string) => ["evacuate", "--inventory", p, "--bandwidth", "10Gbit/s"]],
    ["a log", (p: string) => ["logs", p]],
    [
      "a dirty curve",
      (p: string) => ["estimate", "--memory", "8GiB", "--bandwidth", "10Gbit/s", "--dirty-curve", p],
    ],
    ["a report file", (p: string) => ["report", p, "--out", out("rep")]],
  ])("refuses /dev/zero, a FIFO and a folder as %s, naming what it is", (_what, args) => {
    expect(expectBadInput(runCli(args("/dev/zero")))).toMatch(
      /"\/dev\/zero" is a character device: expected a regular file/,
    );
    expect(expectBadInput(runCli(args(fifo)))).toMatch(/is a FIFO \(named pipe\): expected a regular file/);
    expect(expectBadInput(runCli(args(root)))).toMatch(/is a folder: expected a regular file/);
  });

  it("refuses a gzip log that inflates above the cap (611 KB -> 600 MB), in one line", () => {
    const bomb = file("bomb.log.gz", gzipSync(Buffer.alloc(300 << 20, 0x61), { level: 9 }));
    const line = expectBadInput(runCli(["logs", bomb]));
    expect(line).toMatch(/inflates to more than the limit of 256 MiB/);
  });
});

describe("YAML limits", () => {
  it("answers a billion-laughs sweep file and report file in one line", () => {
    const sweep = file("laughs.yaml", billionLaughs("base: { memory: 8GiB }\naxes: []\n"));
    expect(expectBadInput(runCli(["sweep", sweep, "--out", out("laughs")]))).toMatch(
      /expands YAML aliases \(\*name\) more than 1000 times/,
    );
    const report = file("laughs-report.yaml", billionLaughs("title: x\nsections: []\n"));
    expect(expectBadInput(runCli(["report", report, "--out", out("laughs-r")]))).toMatch(
      /expands YAML aliases/,
    );
  });

  it("answers 100,000 nested brackets in one line (the parser would run out of memory)", () => {
    const deep = file("deep.yaml", `base: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`);
    expect(expectBadInput(runCli(["sweep", deep, "--out", out("deep")]))).toMatch(
      /nests deeper than 64 levels/,
    );
  });
});

describe("report files: paths stay inside the report's folder, nothing is echoed", () => {
  const sectionWith = (sweep: string): string =>
    `title: t\nsections:\n  - title: s\n    sweep: ${JSON.stringify(sweep)}\n    charts: [{ kind: migration-time }]\n`;

  it.each(["../../../../etc/passwd", "/etc/passwd", "/proc/self/environ"])("refuses sweep: %s", (path) => {
    const dir = join(root, "reports", "a");
    mkdirSync(dir, { recursive: true });
    const report = join(dir, "r.yaml");
    writeFileSync(report, sectionWith(path));
    const r = runCli(["report", report, "--out", out("passwd")], { cwd: dir });
    const line = expectBadInput(r);
    expect(line).toMatch(/sections\[0\]\.sweep: must name a file inside the report file's folder/);
    expect(r.stderr).not.toMatch(/root:|PATH=/);
  });

  it("with --allow-outside-paths reads it, but quotes at most the offending line (200 characters)", () => {
    const report = file("r-passwd.yaml", sectionWith("/etc/passwd"));
    const r = runCli(["report", report, "--out", out("passwd2"), "--allow-outside-paths"]);
    const line = expectBadInput(r);
    const passwd = readFileSync("/etc/passwd", "utf8").split("\n");
    // Only the first line may appear, cut to 200 characters.
    expect(line.length).toBeLessThan(400);
    for (const l of passwd.slice(1)) if (l.length > 0) expect(r.stderr).not.toContain(l);
  });

  it("quotes at most ~200 characters of a long bad value", () => {
    const sweep = file("long.yaml", `base: { memory: ${"9".repeat(5000)}GiB }\naxes: []\n`);
    const line = expectBadInput(runCli(["sweep", sweep, "--out", out("long")]));
    expect(line.length).toBeLessThan(400);
  });
});

describe("limits before work", () => {
  it("refuses a range of 100,000,001 values at once, before allocating it", () => {
    const sweep = file(
      "huge-range.yaml",
      "base: { memory: 8GiB, bandwidth: 10Gbit/s }\naxes:\n  - { key: dirtyRate, range: { from: 1MiB/s, to: 1GiB/s, count: 100000001 } }\n",
    );
    const t0 = performance.now();
    const line = expectBadInput(runCli(["sweep", sweep, "--out", out("huge"), "--force"]));
    expect(line).toMatch(/axes\[0\]\.range\.count: 100000001 values would take about 4\.5 GB to plan/);
    // Seconds, not minutes: planning would take minutes (not a timing assertion on the code's speed).
    expect(performance.now() - t0).toBeLessThan(20_000);
  });

  it("starts one worker for a one-scenario sweep whatever --workers asks, and refuses above 64", () => {
    const sweep = file(
      "one.yaml",
      "base: { memory: 8GiB, bandwidth: 10Gbit/s, dirtyRate: 1MiB/s }\naxes: []\n",
    );
    const r = runCli(["sweep", sweep, "--out", out("one"), "--workers", "64"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toMatch(/1 scenario .*, 1 worker -> /);
    expect(expectBadInput(runCli(["sweep", sweep, "--out", out("one"), "--workers", "256"]))).toMatch(
      /--workers/,
    );
  });
});

describe("csvCell(text): spreadsheet formulas neutralised (OWASP)", () => {
  it.each([
    ["=HYPERLINK(1)", `"'=HYPERLINK(1)"`],
    ["+1", `"'+1"`],
    ["-cmd", `"'-cmd"`],
    ["@SUM(A1)", `"'@SUM(A1)"`],
    ["db,01", `"db,01"`],
    ['say "hi"', `"say ""hi"""`],
    ["web-01", "web-01"],
  ])("csvCell(%j) is %s", (text, cell) => expect(csvCell(text)).toBe(cell));

  it("evacuate --out writes a VM named =cmd as a neutralised cell", () => {
    const inv = file("inv.csv", "name,memory,dirtyRate\n=cmd|' /C calc'!A0,8GiB,10MiB/s\n");
    const dir = out("evac-csv");
    expect(runCli(["evacuate", "--inventory", inv, "--bandwidth", "10Gbit/s", "--out", dir]).code).toBe(0);
    const csv = readFileSync(join(dir, "evacuation.csv"), "utf8");
    expect(csv).toContain(`"'=cmd|' /C calc'!A0"`);
    expect(csv.split("\n").some((l) => /,=/.test(l))).toBe(false);
  });
});
