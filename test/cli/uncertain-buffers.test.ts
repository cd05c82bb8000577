import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

// metro (4.7 ms RTT) is above the latency-aware threshold, where the two buffer-sizing readings
// (bdp, expected-line-rate) disagree by 9x on a 64 GiB VM: the range must not rest on one alone.
const ARGS = ["estimate", "--memory", "64GiB", "--preset", "metro", "--dirty-rate", "200MiB/s..600MiB/s"];

describe("vmotion-sim estimate with uncertain inputs where the buffer readings disagree", () => {
  it("gives the range under the other reading too, on the line after the sampling line", () => {
    const r = runCli([...ARGS, "--samples", "100"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    const at = lines.findIndex((l) => l.startsWith("  buffers    "));
    expect(lines[at - 1]).toMatch(/^ {2}sampling {3}/);
    expect(lines[at]).toMatch(
      /^ {2}buffers {4}the range above uses bdp buffers \(an assumption\); with expected-line-rate buffers: total [\d.]+-[\d.]+ min \(p10-p90, median [\d.]+ min\); /,
    );
  });

  it("--json carries both ranges, each with its mode", () => {
    const r = runCli([...ARGS, "--samples", "100", "--json"]);
    const j = JSON.parse(r.stdout) as {
      uncertainty: { totalTimeSec: { median: number } };
      uncertaintyOtherBufferMode: { mode: string; totalTimeSec: { median: number } };
    };
    expect(j.uncertaintyOtherBufferMode.mode).toBe("expected-line-rate");
    expect(j.uncertaintyOtherBufferMode.totalTimeSec.median).toBeGreaterThan(
      5 * j.uncertainty.totalTimeSec.median,
    );
  });

  it("adds no such line on a path below the threshold, where there is one reading", () => {
    const r = runCli([
      "estimate",
      "--memory",
      "64GiB",
      "--preset",
      "routed-lan",
      "--dirty-rate",
      "200MiB/s..600MiB/s",
      "--samples",
      "100",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain("  buffers    ");
  });
});
