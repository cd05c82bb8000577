import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  computePath,
  planToSpec,
  PRESETS,
  toTransport,
  toTransportWithThroughput,
  type PathSegment,
  type PathSpec,
  type RouterHop,
} from "../../src/network/index.js";

const GBE = 1e9 / 8;
const LATENCY_AWARE = {
  thresholdRttSec: 0.004,
  maxBufferBytes: 16 * 2 ** 20,
  expectedLineRateBytesPerSec: 133e6,
};

function segment(over: Partial<PathSegment> = {}): PathSegment {
  return { linkBytesPerSec: 10 * GBE, mtuBytes: 1500, distanceKm: 0, lossFraction: 0, ...over };
}

function spec(over: Partial<PathSpec> = {}): PathSpec {
  return {
    segments: [segment()],
    hops: [],
    hostMtuBytes: 1500,
    hostStackSec: 180e-6,
    rttOverrideSec: null,
    streams: 1,
    socketBufferBytes: 562_540,
    latencyAware: LATENCY_AWARE,
    streamCpuCapBytesPerSec: 15 * GBE,
    capBytesPerSec: null,
    concurrent: 1,
    initialWindowSegments: 10,
    ...over,
  };
}

describe("computePath", () => {
  test("computePath(1 GbE, 0.5 MB buffer, 10 ms, latency-aware off) is window-bound at 50 MB/s", () => {
    const r = computePath(
      spec({
        segments: [segment({ linkBytesPerSec: GBE })],
        socketBufferBytes: 0.5e6,
        rttOverrideSec: 0.01,
        latencyAware: null,
      }),
    );
    expect(r.binding).toBe("window");
    expect(r.throughputBytesPerSec).toBeCloseTo(50e6, 0);
  });

  test("computePath(1 GbE, 10 ms, latency-aware on) sizes the window for 133 MB/s: 1.33 MB, link binds", () => {
    // The Metro vMotion example: 0.5 MB at 10 ms is resized (VMware: to 1.25 MB); the model sizes it
    // for Migrate.NetExpectedLineRateMBps x RTT = 133 MB/s x 10 ms = 1.33 MB.
    const r = computePath(
      spec({ segments: [segment({ linkBytesPerSec: GBE })], socketBufferBytes: 0.5e6, rttOverrideSec: 0.01 }),
    );
    expect(r.latencyAware).toBe(true);
    expect(r.windowBytes).toBeCloseTo(1.33e6, 3);
    expect(r.bounds.windowBytesPerSec).toBeCloseTo(133e6, 0);
    // 1 GbE x 1448 / 1538.
    expect(r.binding).toBe("link");
    expect(r.throughputBytesPerSec).toBeCloseTo((GBE * 1448) / 1538, 3);
  });

  test("computePath sums RTT = 2 x (propagation + hop delays + serialization) + host time", () => {
    // Two 10 GbE segments of 50 km, one 50 us hop, MTU 1500, 180 us host time:
    // one way = 100 km x 5 us + 50 us + 2 x 1538 B / 1.25e9 B/s = 552.4608 us; RTT = 1284.9216 us.
    const r = computePath(
      spec({
        segments: [segment({ distanceKm: 50 }), segment({ distanceKm: 50 })],
        hops: [{ delaySec: 50e-6, lossFraction: 0 }],
      }),
    );
    expect(r.rttSec).toBeCloseTo(1284.9216e-6, 12);
  });

  test("computePath takes the smallest MTU and link and combines loss as 1 - prod(1 - p)", () => {
    const r = computePath(
      spec({
        hostMtuBytes: 9000,
        segments: [
          segment({ mtuBytes: 9000, lossFraction: 1e-4 }),
          segment({ mtuBytes: 1500, linkBytesPerSec: GBE }),
          segment({ mtuBytes: 9000, lossFraction: 2e-4 }),
        ],
        hops: [
          { delaySec: 0, lossFraction: 1e-3 },
          { delaySec: 0, lossFraction: 0 },
        ],
      }),
    );
    expect(r.pathMtuBytes).toBe(1500);
    expect(r.mssBytes).toBe(1448);
    expect(r.bottleneckBytesPerSec).toBe(GBE);
    expect(r.lossFraction).toBeCloseTo(1 - (1 - 1e-4) * (1 - 2e-4) * (1 - 1e-3), 15);
    expect(r.warnings.some((w) => w.includes("MTU 9000") && w.includes("path MTU is 1500"))).toBe(true);
  });

  test("computePath on a lossy path is bound by Mathis x streams", () => {
    // MSS 1448, RTT 20 ms, p 1e-4, 3 streams: 3 x 1448 / 0.02 x 1.22 / 0.01 = 26.4984 MB/s.
    const r = computePath(
      spec({ segments: [segment({ lossFraction: 1e-4 })], rttOverrideSec: 0.02, streams: 3 }),
    );
    expect(r.binding).toBe("loss");
    expect(r.throughputBytesPerSec).toBeCloseTo(26_498_400, 0);
  });

  test("computePath on 40 GbE with one stream is bound by the 15 Gbit/s stream helper (cpu)", () => {
    const r = computePath(spec({ segments: [segment({ linkBytesPerSec: 40 * GBE })], streams: 1 }));
    expect(r.binding).toBe("cpu");
    expect(r.throughputBytesPerSec).toBe(15 * GBE);
    const auto = computePath(spec({ segments: [segment({ linkBytesPerSec: 40 * GBE })], streams: "auto" }));
    expect(auto.streams).toBe(3);
    expect(auto.binding).toBe("link");
  });

  test("computePath reports a configured cap as the binding term when it is the smallest", () => {
    const r = computePath(spec({ capBytesPerSec: 100e6 }));
    expect(r.binding).toBe("cap");
    expect(r.throughputBytesPerSec).toBe(100e6);
  });

  test("computePath shares only the link among concurrent migrations", () => {
    const one = computePath(spec());
    const four = computePath(spec({ concurrent: 4 }));
    expect(four.bounds.linkBytesPerSec).toBeCloseTo(one.bounds.linkBytesPerSec / 4, 6);
    expect(four.bounds.windowBytesPerSec).toBe(one.bounds.windowBytesPerSec);
    expect(four.throughputBytesPerSec).toBeCloseTo(one.throughputBytesPerSec / 4, 6);
  });

  test("computePath warns above 150 ms RTT, below 250 Mbit/s per vMotion and below 1 Gbit/s links", () => {
    const far = computePath(spec({ rttOverrideSec: 0.2 }));
    expect(far.warnings.some((w) => w.includes("150 ms"))).toBe(true);
    const crowded = computePath(spec({ segments: [segment({ linkBytesPerSec: GBE })], concurrent: 5 }));
    expect(crowded.warnings.some((w) => w.includes("per concurrent vMotion"))).toBe(true);
    const slow = computePath(spec({ segments: [segment({ linkBytesPerSec: 0.1 * GBE })] }));
    expect(slow.warnings.some((w) => w.includes("1 Gbit/s minimum"))).toBe(true);
    expect(computePath(spec()).warnings).toEqual([]);
  });

  test("computePath charges slow start of RTT x log2(per-stream BDP / (10 x MSS))", () => {
    const r = computePath(spec({ rttOverrideSec: 0.1 }));
    const bdp = r.throughputBytesPerSec * 0.1;
    expect(r.slowStartSec).toBeCloseTo(0.1 * Math.log2(bdp / (10 * 1448)), 12);
  });

  test("toTransportWithThroughput(result, 1 Gbit/s) keeps the RTT, marks it given, redoes slow start", () => {
    const r = computePath(planToSpec(PRESETS.wan));
    const t = toTransportWithThroughput(r, 125e6);
    expect(t.binding).toBe("given");
    expect(t.rttSec).toBe(r.rttSec);
    expect(t.throughputBytesPerSec).toBe(125e6);
    // One stream: RTT x log2(125e6 x RTT / (10 x 1448)).
    expect(t.slowStartSec).toBeCloseTo(r.rttSec * Math.log2((125e6 * r.rttSec) / 14_480), 12);
  });

  test("toTransport(result) carries throughput, RTT, slow start and binding", () => {
    const r = computePath(planToSpec(PRESETS.wan));
    expect(toTransport(r)).toEqual({
      throughputBytesPerSec: r.throughputBytesPerSec,
      rttSec: r.rttSec,
      slowStartSec: r.slowStartSec,
      binding: "loss",
    });
  });
});

// ---- properties -------------------------------------------------------------------------------

const segmentArb: fc.Arbitrary<PathSegment> = fc.record({
  linkBytesPerSec: fc.double({ min: 1e7, max: 1.25e10, noNaN: true }),
  mtuBytes: fc.integer({ min: 576, max: 9216 }),
  distanceKm: fc.double({ min: 0, max: 5000, noNaN: true }),
  lossFraction: fc.oneof(fc.constant(0), fc.double({ min: 1e-9, max: 1e-2, noNaN: true })),
});
const hopArb: fc.Arbitrary<RouterHop> = fc.record({
  delaySec: fc.double({ min: 0, max: 1e-3, noNaN: true }),
  lossFraction: fc.oneof(fc.constant(0), fc.double({ min: 1e-9, max: 1e-3, noNaN: true })),
});
const specArb: fc.Arbitrary<PathSpec> = fc
  .record({
    segments: fc.array(segmentArb, { minLength: 1, maxLength: 5 }),
    hopPool: fc.array(hopArb, { minLength: 4, maxLength: 4 }),
    hostMtuBytes: fc.integer({ min: 576, max: 9216 }),
    hostStackSec: fc.double({ min: 0, max: 1e-3, noNaN: true }),
    rttOverrideSec: fc.constant(null),
    streams: fc.oneof(fc.constant("auto" as const), fc.integer({ min: 1, max: 16 })),
    socketBufferBytes: fc.integer({ min: 65_536, max: 16 * 2 ** 20 }),
    latencyAware: fc.oneof(fc.constant(null), fc.constant(LATENCY_AWARE)),
    streamCpuCapBytesPerSec: fc.oneof(fc.constant(null), fc.double({ min: 1e7, max: 5e9, noNaN: true })),
    capBytesPerSec: fc.oneof(fc.constant(null), fc.double({ min: 1e6, max: 1e10, noNaN: true })),
    concurrent: fc.integer({ min: 1, max: 8 }),
    initialWindowSegments: fc.constant(10),
  })
  .map(({ hopPool, ...s }) => ({ ...s, hops: hopPool.slice(0, s.segments.length - 1) }));

/** Relative tolerance for "never raises": floating-point rounding only. */
const EPS = 1e-12;

describe("computePath properties (fast-check)", () => {
  test("output is finite or null everywhere: JSON round-trips without change", () => {
    fc.assert(
      fc.property(specArb, (s) => {
        const r = computePath(s);
        expect(JSON.parse(JSON.stringify(r))).toEqual(r);
        expect(r.throughputBytesPerSec).toBeGreaterThan(0);
        expect(Number.isFinite(r.slowStartSec)).toBe(true);
      }),
    );
  });

  test("one more hop (a router and a copy of the last segment) never raises throughput", () => {
    fc.assert(
      fc.property(specArb, hopArb, (s, hop) => {
        const last = s.segments[s.segments.length - 1] as PathSegment;
        const longer = { ...s, segments: [...s.segments, last], hops: [...s.hops, hop] };
        const a = computePath(s);
        const b = computePath(longer);
        expect(b.throughputBytesPerSec).toBeLessThanOrEqual(a.throughputBytesPerSec * (1 + EPS));
      }),
    );
  });

  test("more distance on any segment never raises throughput", () => {
    fc.assert(
      fc.property(specArb, fc.nat(), fc.double({ min: 0, max: 5000, noNaN: true }), (s, i, extraKm) => {
        const k = i % s.segments.length;
        const segments = s.segments.map((g, j) =>
          j === k ? { ...g, distanceKm: g.distanceKm + extraKm } : g,
        );
        const a = computePath(s);
        const b = computePath({ ...s, segments });
        expect(b.throughputBytesPerSec).toBeLessThanOrEqual(a.throughputBytesPerSec * (1 + EPS));
      }),
    );
  });

  test("a longer RTT (host time or a measured RTT) never raises throughput", () => {
    fc.assert(
      fc.property(
        specArb,
        fc.double({ min: 1e-5, max: 0.2, noNaN: true }),
        fc.double({ min: 0, max: 0.2, noNaN: true }),
        (s, rtt, extra) => {
          const a = computePath({ ...s, rttOverrideSec: rtt });
          const b = computePath({ ...s, rttOverrideSec: rtt + extra });
          expect(b.throughputBytesPerSec).toBeLessThanOrEqual(a.throughputBytesPerSec * (1 + EPS));
          const c = computePath({ ...s, hostStackSec: s.hostStackSec + extra });
          const d = computePath(s);
          expect(c.throughputBytesPerSec).toBeLessThanOrEqual(d.throughputBytesPerSec * (1 + EPS));
        },
      ),
    );
  });

  test("more loss on any segment never raises throughput", () => {
    fc.assert(
      fc.property(specArb, fc.nat(), fc.double({ min: 0, max: 0.5, noNaN: true }), (s, i, extra) => {
        const k = i % s.segments.length;
        const segments = s.segments.map((g, j) =>
          j === k ? { ...g, lossFraction: Math.min(0.9, g.lossFraction + extra) } : g,
        );
        const a = computePath(s);
        const b = computePath({ ...s, segments });
        expect(b.throughputBytesPerSec).toBeLessThanOrEqual(a.throughputBytesPerSec * (1 + EPS));
      }),
    );
  });

  test("more streams never lower throughput", () => {
    fc.assert(
      fc.property(specArb, fc.integer({ min: 1, max: 16 }), fc.integer({ min: 1, max: 16 }), (s, n, more) => {
        const a = computePath({ ...s, streams: n });
        const b = computePath({ ...s, streams: n + more });
        expect(b.throughputBytesPerSec).toBeGreaterThanOrEqual(a.throughputBytesPerSec * (1 - EPS));
      }),
    );
  });

  test("crossing the 4 ms latency-aware threshold never raises throughput: the window bound is continuous there", () => {
    // 10 GbE, 562540 B. At 4 ms the window allows 562540 / 0.004 = 140.6 MB/s; just above, latency-aware
    // mode sizes the buffer for 133 MB/s x RTT (Migrate.NetExpectedLineRateMBps), less than 562540 B
    // until 4.23 ms, so the window stays 562540 B; from there on the bound is 133 MB/s per stream.
    const at = computePath(spec({ rttOverrideSec: 0.004 }));
    const above = computePath(spec({ rttOverrideSec: 0.0041 }));
    const far = computePath(spec({ rttOverrideSec: 0.05 }));
    expect(at.binding).toBe("window");
    expect(at.throughputBytesPerSec).toBeCloseTo(562_540 / 0.004, 3);
    expect(above.throughputBytesPerSec).toBeLessThanOrEqual(at.throughputBytesPerSec);
    expect(above.bounds.windowBytesPerSec).toBeCloseTo(562_540 / 0.0041, 3);
    expect(far.bounds.windowBytesPerSec).toBeCloseTo(133e6, 3);
  });
});
