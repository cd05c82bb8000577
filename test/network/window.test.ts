import { describe, expect, test } from "vitest";
import { effectiveWindowBytes, latencyAwareFor, windowBoundBytesPerSec } from "../../src/network/index.js";

const EXPECTED = latencyAwareFor("expected-line-rate");
const BDP = latencyAwareFor("bdp");
const TEN_GBE = 1.25e9;

// The Metro vMotion example (model.md section 4): 0.5 MB at 10 ms RTT gives ~50 MB/s, resized to
// 1.25 MB gives the full 125 MB/s of 1 GbE. Exact arithmetic: W / RTT; tolerance 1e-6 relative.
describe("window", () => {
  test("windowBoundBytesPerSec(0.5 MB, 10 ms) returns 50 MB/s", () => {
    expect(windowBoundBytesPerSec(0.5e6, 0.01)).toBeCloseTo(50e6, 0);
  });

  test("windowBoundBytesPerSec(1.25 MB, 10 ms) returns 125 MB/s", () => {
    expect(windowBoundBytesPerSec(1.25e6, 0.01)).toBeCloseTo(125e6, 0);
  });

  test("effectiveWindowBytes(expected-line-rate) keeps the socket buffer at or below the 4 ms threshold", () => {
    expect(effectiveWindowBytes(562_540, 0.004, EXPECTED, TEN_GBE)).toBe(562_540);
    expect(effectiveWindowBytes(562_540, 0.05, null, TEN_GBE)).toBe(562_540);
  });

  test("effectiveWindowBytes(expected-line-rate) sizes for 133 MB/s above it (x 10 ms = 1.33 MB), whatever the link", () => {
    // Migrate.NetExpectedLineRateMBps = 133: close to the Metro example's 1.25 MB at 10 ms.
    expect(effectiveWindowBytes(0.5e6, 0.01, EXPECTED, TEN_GBE)).toBeCloseTo(1.33e6, 3);
  });

  test("effectiveWindowBytes(expected-line-rate) stops at 16 MiB and never shrinks the buffer", () => {
    expect(effectiveWindowBytes(562_540, 1, EXPECTED, TEN_GBE)).toBe(16 * 2 ** 20);
    expect(effectiveWindowBytes(562_540, 0.0041, EXPECTED, TEN_GBE)).toBe(562_540);
  });

  test("effectiveWindowBytes(bdp) grows to the stream's BDP at any RTT: 1.25e9 B/s x 10 ms = 12.5 MB", () => {
    expect(effectiveWindowBytes(0.5e6, 0.01, BDP, TEN_GBE)).toBeCloseTo(12.5e6, 3);
    // 2 ms (below the 4 ms threshold) is covered too: 2.5 MB.
    expect(effectiveWindowBytes(562_540, 0.002, BDP, TEN_GBE)).toBeCloseTo(2.5e6, 3);
    // A LAN BDP below the socket buffer keeps the buffer: 1.25e9 x 0.2 ms = 250 kB.
    expect(effectiveWindowBytes(562_540, 0.0002, BDP, TEN_GBE)).toBe(562_540);
  });

  test("effectiveWindowBytes(bdp) stops at the RFC 7323 window limit, 65535 x 2^14 B", () => {
    expect(effectiveWindowBytes(562_540, 10, BDP, 1e9)).toBe(65_535 * 2 ** 14);
  });
});
