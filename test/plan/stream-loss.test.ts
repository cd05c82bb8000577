import { describe, expect, it } from "vitest";
import { computePath, planToSpec, PRESETS, type PathResult } from "../../src/network/index.js";
import { streamLossWords } from "../../src/plan/stream-loss.js";
import { formatRate } from "../../src/units/format.js";

const wan = (streams: number, lossFraction: number): PathResult =>
  computePath(planToSpec({ ...PRESETS.wan, streams, lossFraction }));

describe("streamLossWords(one, atN)", () => {
  it("on a lossy wan (1e-5) says loss applies per stream, with one stream's bound and n times it", () => {
    const one = wan(1, 1e-5);
    const four = wan(4, 1e-5);
    const perStream = one.bounds.lossBytesPerSec as number;
    // The loss bound is per stream: 4 streams carry exactly 4 x one stream's bound.
    expect(four.bounds.lossBytesPerSec).toBeCloseTo(4 * perStream, 6);
    expect(streamLossWords(one, four)).toBe(
      `loss applies per stream: at loss 1e-5 and RTT 25.3 ms one stream's congestion control carries ${formatRate(perStream)}, ` +
        `so 4 streams carry ${formatRate(4 * perStream)}: on this lossy path more streams help (loss still binds at 4 streams)`,
    );
  });

  it("names the term that binds instead once the streams lift the loss bound above it", () => {
    const words = streamLossWords(wan(1, 1e-5), wan(112, 1e-5));
    expect(words).toMatch(
      /so 112 streams carry .*: on this lossy path more streams help \(at 112 streams the link binds instead\)$/,
    );
  });

  it("with one stream as the answer, and on a loss-free path, says so in words", () => {
    expect(streamLossWords(wan(1, 1e-5), wan(1, 1e-5))).toMatch(
      /carries .*, and each more stream would add as much: on a lossy path more streams help$/,
    );
    // The wan preset's own loss (7.2e-8): one stream's bound is above the 10 GbE circuit.
    const light = wan(1, 7.2e-8);
    expect(light.binding).toBe("link");
    expect(streamLossWords(light, light)).toBe(
      `loss applies per stream: at loss 7.2e-8 and RTT 25.3 ms one stream's congestion control carries ${formatRate(light.bounds.lossBytesPerSec as number)}, ` +
        "but at 1 stream the link binds, not loss: more streams would not help here",
    );
    const clean = computePath(planToSpec({ ...PRESETS["same-l2"], streams: 1 }));
    expect(streamLossWords(clean, clean)).toBe(
      "loss applies per stream, but this path loses no packets: streams help here only through the window (each stream's window / RTT) and the per-stream CPU",
    );
  });
});
