import { describe, expect, it } from "vitest";
import { expectBadInput, runCli } from "./run-cli.js";

/** The CLI's conventions from issue 17: one line per error, exit 2 for any usage error. */
describe("vmotion-sim conventions", () => {
  it("vmotion-sim with no command prints the usage on stderr and exits 2", () => {
    const r = runCli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("Usage: vmotion-sim");
    expect(r.stderr.trim().split("\n").at(-1)).toBe(
      "vmotion-sim: no command given (the commands are listed above)",
    );
  });

  it("vmotion-sim --help and vmotion-sim help exit 0", () => {
    expect(runCli(["--help"]).code).toBe(0);
    expect(runCli(["help"]).code).toBe(0);
  });

  it("an unknown flag with a suggestion is one line", () => {
    const line = expectBadInput(runCli(["estimate", "--memry", "64GiB"]));
    expect(line).toBe("vmotion-sim: unknown option '--memry' (did you mean --memory?)");
  });

  it.each([
    [
      ["estimate", "--memory", "64", "GiB"],
      'vmotion-sim: --memory: unexpected "GiB" after "64" (write a value with its unit as one word: --memory 64GiB, or quote it)',
    ],
    [
      ["estimate", "--memory", "64GiB", "--rtt", "30", "ms"],
      'vmotion-sim: --rtt: unexpected "ms" after "30" (write a value with its unit as one word: --rtt 30ms, or quote it)',
    ],
    [["estimate", "--json", "foo"], 'vmotion-sim: --json: unexpected argument "foo" after --json'],
    [["estimate", "foo"], 'vmotion-sim: unexpected argument "foo": estimate takes no arguments'],
    [
      ["estimate", "--memory", "64GiB", "extra"],
      'vmotion-sim: --memory: unexpected argument "extra" after --memory "64GiB"',
    ],
  ])("a stray word names itself and the flag before it: %j", (args, message) => {
    expect(expectBadInput(runCli(args))).toBe(message);
  });

  it("estimate --dirty-rate 0 is an idle VM (zero needs no unit)", () => {
    const r = runCli([
      "estimate",
      "--memory",
      "1GiB",
      "--dirty-rate",
      "0",
      "--bandwidth",
      "10Gbit/s",
      "--json",
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).outcome).toBe("converged");
  });

  it("estimate --bandwidth 10Gb/s is ten gigabits per second, not gigabytes", () => {
    const run = (bw: string): number =>
      (
        JSON.parse(
          runCli(["estimate", "--memory", "1GiB", "--dirty-rate", "0", "--bandwidth", bw, "--json"]).stdout,
        ) as { throughputBytesPerSec: number }
      ).throughputBytesPerSec;
    expect(run("10Gb/s")).toBe(1.25e9);
    expect(run("10Gbps")).toBe(1.25e9);
    expect(run("1000Mb/s")).toBe(1.25e8);
    expect(run("1TB/s")).toBe(1e12);
  });
});

describe("--help texts", () => {
  it("solve --help names the --for placeholder", () => {
    expect(runCli(["solve", "--help"]).stdout).toContain("--for <quantity>");
  });
  it("estimate --help marks --memory required", () => {
    expect(runCli(["estimate", "--help"]).stdout).toMatch(
      /--memory <size>\s+VM memory, e\.g\. 64GiB \(required\)/,
    );
  });
  it("evacuate --help shows the --strategy default once", () => {
    const help = runCli(["evacuate", "--help"]).stdout.replace(/\s+/g, " ");
    expect(help.match(/default/g)?.length ?? 0).toBeGreaterThan(0);
    expect(help).not.toMatch(/\(default all\)/);
    expect(help).toContain('(default: "all")');
  });
  it("sweep --help says what --batch-size becomes with parquet", () => {
    expect(runCli(["sweep", "--help"]).stdout.replace(/\s+/g, " ")).toContain(
      "rounded up to whole row groups of 65,536 rows",
    );
  });
});
