import { describe, expect, test } from "vitest";
import { effectiveWindowBytes, windowBoundBytesPerSec } from "../../src/network/index.js";

const LATENCY_AWARE = {
  thresholdRttSec: 0.004,
  maxBufferBytes: 16 * 2 ** 20,
  expectedLineRateBytesPerSec: 133e6,
};

// The Metro vMotion example (model.md section 4): 0.5 MB at 10 ms RTT gives ~50 MB/s, resized to
// 1.25 MB gives the full 125 MB/s of 1 GbE. Exact arithmetic: W / RTT; tolerance 1e-6 relative.
describe("window", () => {
  test("windowBoundBytesPerSec(0.5 MB, 10 ms) returns 50 MB/s", () => {
    expect(windowBoundBytesPerSec(0.5e6, 0.01)).toBeCloseTo(50e6, 0);
  });

  test("windowBoundBytesPerSec(1.25 MB, 10 ms) returns 125 MB/s", () => {
    expect(windowBoundBytesPerSec(1.25e6, 0.01)).toBeCloseTo(125e6, 0);
  });

  test("effectiveWindowBytes keeps the socket buffer at or below the 4 ms threshold", () => {
    expect(effectiveWindowBytes(562_540, 0.004, LATENCY_AWARE)).toBe(562_540);
    expect(effectiveWindowBytes(562_540, 0.05, null)).toBe(562_540);
  });

  test("effectiveWindowBytes sizes for the expected line rate above it (133 MB/s x 10 ms = 1.33 MB)", () => {
    // Migrate.NetExpectedLineRateMBps = 133: close to the Metro example's 1.25 MB at 10 ms.
    expect(effectiveWindowBytes(0.5e6, 0.01, LATENCY_AWARE)).toBeCloseTo(1.33e6, 3);
  });

  test("effectiveWindowBytes stops at the 16 MiB limit and never shrinks the buffer", () => {
    expect(effectiveWindowBytes(562_540, 1, LATENCY_AWARE)).toBe(16 * 2 ** 20);
    expect(effectiveWindowBytes(562_540, 0.0041, LATENCY_AWARE)).toBe(562_540);
  });
});
