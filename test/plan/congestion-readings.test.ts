import { describe, expect, it } from "vitest";
import { parseInput } from "../../src/input/parse.js";
import { simulate } from "../../src/model/simulate.js";
import {
  congestionControlSpread,
  congestionControlsJson,
  congestionSpreadWords,
  otherCongestionCell,
} from "../../src/plan/congestion-readings.js";
import { planScenario } from "../../src/plan/scenario.js";

/** The run estimate makes of `raw`, then the spread it prints. */
function spreadOf(raw: Record<string, unknown>) {
  const input = parseInput({ memory: "64GiB", dirtyRate: "400MiB/s", ...raw });
  const planned = planScenario(input);
  return congestionControlSpread(input, { path: planned.path, result: simulate(planned.scenario) });
}

describe("congestionControlSpread(input, used)", () => {
  it("returns both readings on a lossy 100 ms WAN, where New Reno carries far less than CUBIC", () => {
    const s = spreadOf({ preset: "wan", loss: "1e-5", rtt: "100ms" });
    expect(s).not.toBeNull();
    if (s === null) return;
    expect(s.used.congestionControl).toBe("newreno");
    expect(s.other.congestionControl).toBe("cubic");
    // Mathis at MSS 8948, 100 ms, 1e-5 is ~276 Mbit/s; CUBIC (RFC 9438 5.1) ~754 Mbit/s: more
    // than 10 % apart, the rule that prints both.
    expect(s.other.result.throughputBytesPerSec).toBeGreaterThan(2 * s.used.result.throughputBytesPerSec);
    expect(congestionSpreadWords(s)).toMatch(
      /^14\.3 min - 39 min depending on congestion control: newreno \(used\) 276 Mbit\/s, 39 min; cubic 754 Mbit\/s, 14\.3 min \(/,
    );
    expect(otherCongestionCell(s)).toBe("cubic: 754 Mbit/s, 14.3 min");
    expect(congestionControlsJson(s).map((r) => [r.congestionControl, r.used])).toEqual([
      ["newreno", true],
      ["cubic", false],
    ]);
  });

  it("returns null where the two agree: the wan preset's 25 ms, where CUBIC runs Reno-friendly", () => {
    expect(spreadOf({ preset: "wan", loss: "1e-5" })).toBeNull();
  });

  it("returns null when the user named the congestion control, for a QEMU sender, on a loss-free path, with a given bandwidth", () => {
    expect(spreadOf({ preset: "wan", loss: "1e-5", rtt: "100ms", congestionControl: "newreno" })).toBeNull();
    expect(spreadOf({ preset: "wan", loss: "1e-5", rtt: "100ms", policy: "qemu" })).toBeNull();
    expect(spreadOf({ preset: "same-l2" })).toBeNull();
    expect(spreadOf({ preset: "wan", loss: "1e-5", rtt: "100ms", bandwidth: "1Gbit/s" })).toBeNull();
  });
});
