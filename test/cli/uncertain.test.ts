import { describe, expect, it } from "vitest";
import { expectBadInput, runCli } from "./run-cli.js";

const VM = ["--memory", "64GiB", "--preset", "routed-lan"];

describe("vmotion-sim estimate with uncertain inputs", () => {
  it("leads with the range over the draws, then the migration at the medians", () => {
    const r = runCli(["estimate", ...VM, "--dirty-rate", "lognormal:800MiB/s,0.6", "--samples", "300"]);
    expect(r.code).toBe(0);
    const [first, second] = r.stdout.split("\n");
    expect(first).toMatch(
      /^Total [\d.]+-[\d.]+ s \(p10-p90, median [\d.]+ s\) over 300 draws \(seed 1\); stun [\d.]+-[\d.]+ ms \(p10-p90, median [\d.]+ ms\)\.$/,
    );
    expect(second).toMatch(
      /^Converges unthrottled in \d+ % of draws, throttled in \d+ % \(peak guest slowdown /,
    );
    expect(r.stdout).toContain("  uncertain  --dirty-rate lognormal with median 800 MiB/s, sigma 0.6");
    expect(r.stdout).toContain("At the median (--dirty-rate 800 MiB/s):\nconverges");
    expect(r.stdout).toContain("dirtied meanwhile");
  });

  it("prints the same output for the same seed, and another for another seed", () => {
    const args = ["estimate", ...VM, "--dirty-rate", "200MiB/s..2GiB/s", "--samples", "200"];
    const a = runCli([...args, "--seed", "9"]);
    const b = runCli([...args, "--seed", "9"]);
    const c = runCli([...args, "--seed", "10"]);
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(c.stdout.split("\n")[0]).not.toBe(a.stdout.split("\n")[0]);
    expect(c.stdout).toContain("(seed 10)");
  });

  it("--json adds the uncertainty object next to the result at the medians", () => {
    const r = runCli(["estimate", ...VM, "--dirty-rate", "200MiB/s..600MiB/s", "--samples", "100", "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as {
      outcome: string;
      uncertainty: {
        samples: number;
        seed: number;
        shares: Record<string, number>;
        totalTimeSec: { p10: number; median: number; p90: number };
        inputs: { flag: string; median: number }[];
      };
    };
    expect(j.outcome).toBe("converged");
    expect(j.uncertainty.samples).toBe(100);
    expect(j.uncertainty.seed).toBe(1);
    expect(j.uncertainty.shares).toEqual({ converged: 1, throttled: 0, forced: 0, failed: 0 });
    expect(j.uncertainty.inputs[0]).toMatchObject({ flag: "--dirty-rate", median: 400 * 2 ** 20 });
    const q = j.uncertainty.totalTimeSec;
    expect(q.p10).toBeLessThan(q.p90);
  });

  it("a point range prints the scalar answer's numbers", () => {
    const point = runCli([
      "estimate",
      ...VM,
      "--dirty-rate",
      "300MiB/s..300MiB/s",
      "--samples",
      "20",
      "--json",
    ]);
    const scalar = runCli(["estimate", ...VM, "--dirty-rate", "300MiB/s", "--json"]);
    const p = JSON.parse(point.stdout) as {
      totalTimeSec: number;
      uncertainty: { totalTimeSec: { median: number } };
    };
    const s = JSON.parse(scalar.stdout) as { totalTimeSec: number };
    expect(p.uncertainty.totalTimeSec.median).toBe(s.totalTimeSec);
    expect(p.totalTimeSec).toBe(s.totalTimeSec);
  });

  it.each([
    [
      ["--dirty-rate", "600MiB/s..200MiB/s"],
      /^vmotion-sim: --dirty-rate: the low end 600 MiB\/s is above the high end/,
    ],
    [
      ["--dirty-rate", "lognormal:400MiB/s,0"],
      /^vmotion-sim: --dirty-rate: sigma "0" must be a plain number above zero/,
    ],
    [["--dirty-rate", "weibull:1,2"], /^vmotion-sim: --dirty-rate: unknown distribution "weibull"/],
    [
      ["--dirty-rate", "200MiB/s..6GiB"],
      /^vmotion-sim: --dirty-rate: the high end "6GiB" is not accepted: expected a rate/,
    ],
    [
      ["--dirty-rate", "-1MiB/s..6MiB/s"],
      /^vmotion-sim: --dirty-rate: the low end "-1MiB\/s" is not accepted/,
    ],
    [
      ["--dirty-rate", "400MiB/s", "--samples", "50"],
      /^vmotion-sim: --samples: applies only when an input is a range/,
    ],
    [["--dirty-rate", "1..2MiB/s"], /^vmotion-sim: --dirty-rate: the low end "1" is not accepted/],
    [
      ["--dirty-rate", "1MiB/s..2MiB/s", "--samples", "0"],
      /^vmotion-sim: --samples: expected a whole number from 1/,
    ],
    [
      ["--dirty-rate", "1MiB/s..2MiB/s", "--seed", "x"],
      /^vmotion-sim: --seed: expected a whole number from 0/,
    ],
    [
      ["--dirty-rate", "400MiB/s", "--zero-pages", "normal:0.1,0.2"],
      /^vmotion-sim: --zero-pages: draw \d+ of 1,000 from "normal:0.1,0.2" is/,
    ],
  ])("%j is bad input: one line, exit 2", (args, why) => {
    expect(expectBadInput(runCli(["estimate", ...VM, ...args]))).toMatch(why);
  });
});

describe("vmotion-sim compare with uncertain inputs", () => {
  it("leads with each column's range and adds range rows to the table", () => {
    const r = runCli([
      "compare",
      "--memory",
      "64GiB",
      "--dirty-rate",
      "lognormal:600MiB/s,0.5",
      "--presets",
      "same-l2,wan",
      "--samples",
      "200",
    ]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("Over 200 draws (seed 1):");
    expect(lines[1]).toMatch(
      /^ {2}same-l2: total [\d.]+-[\d.]+ s \(p10-p90, median [\d.]+ s\); converges unthrottled in /,
    );
    expect(lines[2]).toMatch(/^ {2}wan: total /);
    for (const row of ["total p10-p90", "total median", "stun p10-p90", "unthrottled"])
      expect(r.stdout).toMatch(new RegExp(`^${row} `, "m"));
    const j = JSON.parse(
      runCli([
        "compare",
        "--memory",
        "64GiB",
        "--dirty-rate",
        "200MiB/s..600MiB/s",
        "--presets",
        "wan",
        "--samples",
        "50",
        "--json",
      ]).stdout,
    ) as { uncertainty: { samples: number } }[];
    expect(j[0]?.uncertainty.samples).toBe(50);
  });

  it("every column sees the same draws (common random numbers): two identical columns agree exactly", () => {
    const r = runCli([
      "compare",
      "--memory",
      "64GiB",
      "--dirty-rate",
      "lognormal:600MiB/s,0.5",
      "--presets",
      "same-l2,same-l2",
      "--samples",
      "50",
      "--json",
    ]);
    const [a, b] = JSON.parse(r.stdout) as { uncertainty: unknown }[];
    expect(a?.uncertainty).toBeDefined();
    expect(b?.uncertainty).toEqual(a?.uncertainty);
  });

  it("compare --configs with a range runs the same draws under every configuration", () => {
    const r = runCli([
      "compare",
      "--memory",
      "64GiB",
      "--wss",
      "16GiB",
      "--dirty-rate",
      "lognormal:400MiB/s,0.5",
      "--configs",
      "vmotion-stack-routed,default-stack-static-routes,pre6-default-stack-via-mgmt",
      "--samples",
      "60",
    ]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("Over 60 draws (seed 1):");
    expect(lines[1]).toMatch(/^ {2}vmotion-stack-routed: total [\d.]+-[\d.]+ s \(p10-p90, median [\d.]+ s\)/);
    expect(lines[3]).toMatch(/^ {2}pre6-default-stack-via-mgmt: total [\d.]+-[\d.]+ min/);
    expect(r.stdout).toContain("  uncertain  --dirty-rate lognormal with median 400 MiB/s, sigma 0.5");
    expect(r.stdout).toMatch(/\ntotal p10-p90 +\S/);
    // Static routes and the vMotion stack take the same path: the same draws give the same range.
    const j = JSON.parse(
      runCli([
        "compare",
        "--memory",
        "64GiB",
        "--dirty-rate",
        "200MiB/s..600MiB/s",
        "--configs",
        "vmotion-stack-routed,default-stack-static-routes",
        "--samples",
        "40",
        "--json",
      ]).stdout,
    ) as { config: string; uncertainty: { samples: number; totalTimeSec: unknown } }[];
    expect(j[0]?.uncertainty.samples).toBe(40);
    expect(j[1]?.uncertainty.totalTimeSec).toEqual(j[0]?.uncertainty.totalTimeSec);
  });

  it("--samples with --configs and no uncertain input is bad input, as with paths", () => {
    const r = runCli(["compare", "--memory", "64GiB", "--configs", "stretched-l2", "--samples", "10"]);
    expect(expectBadInput(r)).toMatch(/^vmotion-sim: --samples: /);
  });
});

describe("vmotion-sim solve with uncertain inputs", () => {
  it("answers at the stated probability and says which rule the answer rests on", () => {
    const args = [
      "solve",
      "--for",
      "bandwidth",
      "--memory",
      "64GiB",
      "--dirty-rate",
      "lognormal:400MiB/s,0.5",
      "--samples",
      "100",
    ];
    const r = runCli(args);
    expect(r.code).toBe(0);
    const first = r.stdout.split("\n")[0] as string;
    expect(first).toMatch(
      /^smallest throughput with P\(works\) >= 90 %: [\d.]+ Gbit\/s over 100 draws \(seed 1\); 90 of 100 draws work at it$/,
    );
    expect(r.stdout).toContain("  rule          the smallest value at which at least 90 % of the draws work");
    expect(r.stdout).toContain("At the median (--dirty-rate 400 MiB/s):\nminimum throughput: ");
    // A higher probability needs at least as much throughput.
    const j = (p: string): number =>
      (
        JSON.parse(runCli([...args, "--probability", p, "--json"]).stdout) as {
          uncertainty: { value: number };
        }
      ).uncertainty.value;
    expect(j("99%")).toBeGreaterThanOrEqual(j("0.9"));
    expect(j("0.9")).toBeGreaterThanOrEqual(j("0.5"));
  });

  it.each([
    [["--probability", "0"], /^vmotion-sim: --probability: expected a probability above 0 up to 1/],
    [["--probability", "1.5"], /^vmotion-sim: --probability: expected a number from 0 to 1/],
    [["--samples", "200000"], /^vmotion-sim: --samples: expected a whole number from 1 to 100,000/],
  ])("%j is bad input: one line, exit 2", (args, why) => {
    expect(
      expectBadInput(
        runCli([
          "solve",
          "--for",
          "bandwidth",
          "--memory",
          "64GiB",
          "--dirty-rate",
          "1MiB/s..9MiB/s",
          ...args,
        ]),
      ),
    ).toMatch(why);
  });

  it("says so when too few draws have an answer", () => {
    const r = runCli([
      "solve",
      "--for",
      "bandwidth",
      "--memory",
      "64GiB",
      "--dirty-rate",
      "100MiB/s..400MiB/s",
      "--max-stun",
      "2ms",
      "--samples",
      "10",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe(
      "no throughput works in at least 90 % of 10 draws (seed 1): no draw has an answer in the searched range",
    );
  });

  it("the unknown itself cannot be uncertain", () => {
    expect(
      expectBadInput(
        runCli([
          "solve",
          "--for",
          "dirty-rate",
          "--memory",
          "64GiB",
          "--bandwidth",
          "10Gbit/s",
          "--dirty-rate",
          "1MiB/s..2MiB/s",
        ]),
      ),
    ).toMatch(/^vmotion-sim: --dirty-rate: is what solve --for dirty-rate finds: leave it out/);
  });
});

describe("vmotion-sim compare with uncertain inputs and --path columns", () => {
  it("a column whose --path fixes the uncertain input is a point, and says so", () => {
    const r = runCli([
      "compare",
      "--memory",
      "64GiB",
      "--dirty-rate",
      "400MiB/s",
      "--rtt",
      "1ms..5ms",
      "--path",
      "same-l2",
      "--path",
      "wan:rtt=30ms",
      "--samples",
      "50",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("  wan:rtt=30ms: its --path fixes every uncertain input: see the table");
    expect(r.stdout).toMatch(/^total p10-p90 +\S.* +\(point\)$/m);
  });
});
