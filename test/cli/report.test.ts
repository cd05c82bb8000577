import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { expectBadInput, runCli } from "./run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "vmotion-report-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const SMALL = `
title: "Small <report>"
intro: Two paths.
sections:
  - title: Paths
    sweep: sweeps/small.yaml
    charts: [{ kind: migration-time }]
    tables: [{ kind: results }]
`;
const SWEEP = `
base: { memory: 4GiB }
axes:
  - { key: preset, values: [same-l2, routed-lan] }
  - { key: dirtyRate, values: [100MiB/s, 400MiB/s] }
`;

describe("vmotion-sim report FILE --out DIR", () => {
  it("writes index.md, index.html and the chart files, reading sweeps relative to the report", () => {
    const sub = join(dir, "sweeps");
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, "small.yaml"), SWEEP);
    const out = join(dir, "out");
    const r = runCli(["report", file("small.yaml", SMALL), "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      "index.html",
      "index.md",
      "manifest.json",
      "s1-migration-time.png",
      "s1-migration-time.svg",
      "s1-migration-time.vl.json",
    ]);
    const md = readFileSync(join(out, "index.md"), "utf8");
    expect(md.split("\n")[0]).toBe("# Small &lt;report&gt;");
    expect(md).toContain("![Migration time vs dirty rate](s1-migration-time.png)");
    // Nothing left next to the output but the output itself.
    expect(readdirSync(dir).filter((n) => n.includes("out"))).toEqual(["out"]);
  });

  it("a bad chart kind exits 2 naming its location, and leaves no directory", () => {
    const out = join(dir, "bad-out");
    const bad = file("bad.yaml", SMALL.replace("kind: migration-time", "kind: pie"));
    const line = expectBadInput(runCli(["report", bad, "--out", out]));
    expect(line).toMatch(
      /^vmotion-sim: sections\[0\]\.charts\[0\]\.kind: expected one of migration-time, .* \(got "pie"\)$/,
    );
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((n) => n.includes("bad-out"))).toEqual([]);
  });

  it("a bad value inside a referenced sweep file names the section and the file", () => {
    writeFileSync(join(dir, "sweeps", "bad.yaml"), SWEEP.replace("4GiB", "4 apples"));
    const out = join(dir, "bad-sweep-out");
    const bad = file("bad-sweep.yaml", SMALL.replace("sweeps/small.yaml", "sweeps/bad.yaml"));
    const line = expectBadInput(runCli(["report", bad, "--out", out]));
    expect(line).toMatch(/^vmotion-sim: sections\[0\]\.sweep \(sweeps\/bad\.yaml\): base\.memory: /);
    expect(existsSync(out)).toBe(false);
  });

  it("a report sweep above 200,000 scenarios is refused as input before any work (was an internal error)", () => {
    const big = file(
      "big.yaml",
      "title: Big\nsections:\n  - title: Too many\n    sweep:\n      base: { memory: 8GiB, bandwidth: 10Gbit/s }\n      axes:\n        - { key: dirtyRate, range: { from: 1MiB/s, to: 1GiB/s, count: 2000 } }\n        - { key: rtt, range: { from: 1ms, to: 100ms, count: 2000 } }\n",
    );
    const line = expectBadInput(runCli(["report", big, "--out", join(dir, "big-out")]));
    expect(line).toBe(
      "vmotion-sim: sections[0].sweep.axes: expected at most 200,000 scenarios in a report sweep; run larger sweeps with vmotion-sim sweep (got 4,000,000)",
    );
    expect(existsSync(join(dir, "big-out"))).toBe(false);
  });

  it("a missing report file exits 2; an existing DIR survives a failed run", () => {
    const out = join(dir, "out");
    expectBadInput(runCli(["report", join(dir, "nope.yaml"), "--out", out]));
    const bad = file("bad2.yaml", SMALL.replace("kind: migration-time", "kind: pie"));
    expectBadInput(runCli(["report", bad, "--out", out]));
    expect(existsSync(join(out, "index.md"))).toBe(true);
  });
});
