import { describe, expect, it } from "vitest";
import { expectBadInput, runCli } from "./run-cli.js";

const VM = ["--memory", "64GiB", "--dirty-rate", "300MiB/s"];

describe("vmotion-sim solve", () => {
  it("--for bandwidth --json gives value in bytes/s, feasible, toleranceRel and both sides", () => {
    const r = runCli(["solve", "--for", "bandwidth", ...VM, "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as Record<string, unknown> & {
      atValue: { outcome: string };
      beyond: { outcome: string; value: number };
    };
    expect(j).toMatchObject({ for: "bandwidth", feasible: true, unit: "bytes/s", toleranceRel: 1e-4 });
    expect(typeof j.value).toBe("number");
    expect(j.atValue.outcome).toBe("converged");
    expect(j.beyond.outcome).toBe("not-converging");
    expect(j.beyond.value).toBeLessThan(j.value as number);
  });

  it("solve --policy xen: just past the answer Xen forces a switchover, which is not called a failure", () => {
    // 64 GiB over 10 Gbit/s: Xen converges (< 50 dirty pages) up to ~850 MiB/s; just past it the
    // round cap forces stop-and-copy with the same 53.8 ms stun (estimate --policy xen at 851 MiB/s).
    const r = runCli([
      "solve",
      "--for",
      "dirty-rate",
      "--memory",
      "64GiB",
      "--bandwidth",
      "10Gbit/s",
      "--policy",
      "xen",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^ {2}just past it {2}forced stop-and-copy \(max-rounds\) after 30 iterations, 71\.9 s, stun 53\.8 ms$/m,
    );
    expect(r.stdout).not.toMatch(/fails \(max-rounds\)/);
  });

  it("says in one line when no link in range works", () => {
    const r = runCli([
      "solve",
      "--for",
      "bandwidth",
      ...VM,
      "--preset",
      "wan",
      "--rtt",
      "150ms",
      "--buffer-mode",
      "expected-line-rate",
      "--streams",
      "1",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe(
      "no link rate up to 400 Gbit/s converges this VM without SDPS at 150 ms RTT",
    );
  });

  it("--for streams on a path answers with a count", () => {
    const r = runCli([
      "solve",
      "--for",
      "streams",
      ...VM,
      "--preset",
      "wan",
      "--link",
      "40Gbit/s",
      "--loss",
      "1e-5",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { value: number; unit: string };
    expect(j.unit).toBe("count");
    expect(Number.isInteger(j.value)).toBe(true);
  });

  it("--for streams on a lossy path says loss applies per stream, in numbers", () => {
    const r = runCli([
      "solve",
      "--for",
      "streams",
      "--memory",
      "64GiB",
      "--dirty-rate",
      "400MiB/s",
      "--preset",
      "wan",
      "--loss",
      "1e-5",
    ]);
    expect(r.code).toBe(0);
    // 4 streams: 4 x the 1.09 Gbit/s one New Reno stream carries at 1e-5 and 25.3 ms.
    expect(r.stdout).toContain(
      "  per stream    loss applies per stream: at loss 1e-5 and RTT 25.3 ms one stream's congestion control carries 1.09 Gbit/s, so 4 streams carry 4.36 Gbit/s: on this lossy path more streams help (loss still binds at 4 streams)",
    );
    expect(
      runCli(["solve", "--for", "memory", ...VM, "--preset", "wan", "--loss", "1e-5"]).stdout,
    ).not.toContain("per stream");
  });

  it("rejects an unknown --for and a flag that fixes the unknown (exit 2, one line)", () => {
    expect(expectBadInput(runCli(["solve", "--for", "speed", ...VM]))).toContain("--for");
    expect(expectBadInput(runCli(["solve", "--for", "memory", ...VM, "--bandwidth", "10Gbit/s"]))).toContain(
      "--memory",
    );
    expect(
      expectBadInput(
        runCli(["solve", "--for", "rtt", ...VM, "--bandwidth", "1Gbit/s", "--max-total", "soon"]),
      ),
    ).toContain("--max-total");
  });

  it("counts one simulation in the singular and describes the dirty rate of 0 it speaks of", () => {
    const r = runCli(["solve", "--for", "dirty-rate", "--memory", "64GiB", "--bandwidth", "1B/s"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("even with a dirty rate of 0\n");
    expect(r.stdout).toContain(", 1 simulation\n");
    expect(r.stdout).toMatch(/ {2}dirty model {3}.* at 0 B\/s\n/);
  });
});
