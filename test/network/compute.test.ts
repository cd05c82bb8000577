import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  computePath,
  cpuBoundBytesPerSec,
  latencyAwareFor,
  planToSpec,
  PRESETS,
  toTransport,
  toTransportWithThroughput,
  type PathSegment,
  type PathSpec,
  type RouterHop,
} from "../../src/network/index.js";

const GBE = 1e9 / 8;
const LATENCY_AWARE = latencyAwareFor("expected-line-rate");
const BDP = latencyAwareFor("bdp");

function segment(over: Partial<PathSegment> = {}): PathSegment {
  return {
    linkBytesPerSec: 10 * GBE,
    mtuBytes: 1500,
    distanceKm: 0,
    delaySec: 0,
    lossFraction: 0,
    flowCapBytesPerSec: null,
    ...over,
  };
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
    congestionControl: "newreno",
    streamCpuCapBytesPerSec: 15 * GBE,
    loneStreamCpuCapBytesPerSec: null,
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
        hostMtuBytes: 1500,
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
    expect(r.bottleneckSegment).toBe(1);
    // 0.03 % loss at 0.19 ms binds before the 1 GbE segment does; loss names no segment.
    expect(r.binding).toBe("loss");
    expect(r.bindingSegment).toBeNull();
    expect(r.failure).toBeNull();
  });

  test("computePath(vmknics 9000, one 1500 segment, no clamp) is a path-mtu-blackhole naming that segment", () => {
    const r = computePath(
      spec({
        hostMtuBytes: 9000,
        segments: [
          segment({ mtuBytes: 9000, label: "uplink" }),
          segment({ mtuBytes: 1500, label: "core" }),
          segment({ mtuBytes: 9000 }),
        ],
      }),
    );
    expect(r.failure?.outcome).toBe("path-mtu-blackhole");
    expect(r.failure?.segmentIndex).toBe(1);
    expect(r.failure?.reason).toContain("segment 2 (core) carries at most 1500");
    expect(r.throughputBytesPerSec).toBe(0);
    expect(toTransport(r).failure?.outcome).toBe("path-mtu-blackhole");
  });

  test("computePath with an MSS clamp on the 1500 segment carries 1448-byte segments and warns jumbo is unused", () => {
    const r = computePath(
      spec({
        hostMtuBytes: 9000,
        segments: [segment({ mtuBytes: 9000 }), segment({ mtuBytes: 1500, clampsMss: true })],
      }),
    );
    expect(r.failure).toBeNull();
    expect(r.mssBytes).toBe(1448);
    expect(r.warnings.some((w) => w.includes("MSS clamp"))).toBe(true);
  });

  test("computePath on a lossy path is bound by the New Reno loss bound x streams", () => {
    // MSS 1448, RTT 20 ms, p 1e-4, 3 streams. Mathis alone: 3 x 1448 / 0.02 x 1.22 / 0.01 = 26.4984 MB/s;
    // the Padhye timeout term adds 1 s x 3 sqrt(3e-4 / 8) x 1e-4 x (1 + 32e-8) = 1.8371e-6 s to the
    // 0.02 x 0.01 / 1.22 = 1.63934e-4 s per packet: 3 x 1448 / 1.657711e-4 = 26.2047 MB/s.
    const r = computePath(
      spec({ segments: [segment({ lossFraction: 1e-4 })], rttOverrideSec: 0.02, streams: 3 }),
    );
    expect(r.binding).toBe("loss");
    expect(r.throughputBytesPerSec).toBeCloseTo(26_204_739, -1);
    expect(r.limit).toContain("packet loss");
  });

  test("computePath near loss 1 carries nearly nothing (delivered fraction 1 - p on the link)", () => {
    // Before: 0.9999999999999999 still carried 445 Mbit/s (Mathis at p ~ 1 is MSS / RTT x 1.22).
    const r = computePath(spec({ segments: [segment({ lossFraction: 0.9999999999999999 })] }));
    expect(r.throughputBytesPerSec).toBeLessThan(1);
    expect(r.throughputBytesPerSec).toBeGreaterThanOrEqual(0);
  });

  test("computePath with a segment's per-flow cap binds at cap x streams and names the segment", () => {
    const r = computePath(
      spec({
        streams: 2,
        segments: [segment(), segment({ label: "firewall", flowCapBytesPerSec: 100e6 })],
      }),
    );
    expect(r.binding).toBe("flow-cap");
    expect(r.throughputBytesPerSec).toBe(200e6);
    expect(r.bindingSegment).toBe(1);
    expect(r.limit).toBe("per-flow cap of segment 2 (firewall), 1.6 Gbit/s");
  });

  test("computePath on 40 GbE with one stream is bound by the 15 Gbit/s stream helper (cpu)", () => {
    const r = computePath(spec({ segments: [segment({ linkBytesPerSec: 40 * GBE })], streams: 1 }));
    expect(r.binding).toBe("cpu");
    expect(r.throughputBytesPerSec).toBe(15 * GBE);
    const auto = computePath(spec({ segments: [segment({ linkBytesPerSec: 40 * GBE })], streams: "auto" }));
    expect(auto.streams).toBe(3);
    expect(auto.binding).toBe("link");
  });

  test("computePath with the KB 323379 lone-stream peak: one stream 18 Gbit/s, two 30, three 45 (cpu)", () => {
    // cpu = max(18, 15 x n) Gbit/s on a 100 GbE segment at MTU 9000 (link 99 Gbit/s), exact.
    const at = (streams: number): ReturnType<typeof computePath> =>
      computePath(
        spec({
          segments: [segment({ linkBytesPerSec: 100 * GBE, mtuBytes: 9000 })],
          hostMtuBytes: 9000,
          streams,
          loneStreamCpuCapBytesPerSec: 18 * GBE,
        }),
      );
    expect([1, 2, 3].map((n) => at(n).throughputBytesPerSec)).toEqual([18 * GBE, 30 * GBE, 45 * GBE]);
    expect(at(1).binding).toBe("cpu");
    expect(cpuBoundBytesPerSec(spec({ loneStreamCpuCapBytesPerSec: 40 * GBE }), 2)).toBe(40 * GBE);
    expect(cpuBoundBytesPerSec(spec({ streamCpuCapBytesPerSec: null }), 2)).toBeNull();
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
    // One stream, MSS 8948: RTT x log2(125e6 x RTT / (10 x 8948)).
    expect(t.slowStartSec).toBeCloseTo(r.rttSec * Math.log2((125e6 * r.rttSec) / 89_480), 12);
  });

  test("toTransport(result) carries throughput, RTT, slow start and binding", () => {
    const r = computePath(planToSpec(PRESETS.wan));
    expect(toTransport(r)).toEqual({
      throughputBytesPerSec: r.throughputBytesPerSec,
      rttSec: r.rttSec,
      slowStartSec: r.slowStartSec,
      binding: "link",
      failure: null,
    });
  });
});

// ---- properties -------------------------------------------------------------------------------

const segmentArb: fc.Arbitrary<PathSegment> = fc.record({
  linkBytesPerSec: fc.double({ min: 1e7, max: 1.25e10, noNaN: true }),
  mtuBytes: fc.integer({ min: 576, max: 9216 }),
  distanceKm: fc.double({ min: 0, max: 5000, noNaN: true }),
  delaySec: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e-2, noNaN: true })),
  lossFraction: fc.oneof(fc.constant(0), fc.double({ min: 1e-9, max: 1e-2, noNaN: true })),
  flowCapBytesPerSec: fc.oneof(fc.constant(null), fc.double({ min: 1e6, max: 5e9, noNaN: true })),
});
const hopArb: fc.Arbitrary<RouterHop> = fc.record({
  delaySec: fc.double({ min: 0, max: 1e-3, noNaN: true }),
  lossFraction: fc.oneof(fc.constant(0), fc.double({ min: 1e-9, max: 1e-3, noNaN: true })),
});
/** Paths that carry traffic: the vmknic MTU fits every segment (black holes have their own test). */
const specArb: fc.Arbitrary<PathSpec> = fc
  .record({
    segments: fc.array(segmentArb, { minLength: 1, maxLength: 5 }),
    hopPool: fc.array(hopArb, { minLength: 4, maxLength: 4 }),
    hostMtuBytes: fc.integer({ min: 576, max: 9216 }),
    hostStackSec: fc.double({ min: 0, max: 1e-3, noNaN: true }),
    rttOverrideSec: fc.constant(null),
    streams: fc.oneof(fc.constant("auto" as const), fc.integer({ min: 1, max: 16 })),
    socketBufferBytes: fc.integer({ min: 65_536, max: 16 * 2 ** 20 }),
    latencyAware: fc.oneof(fc.constant(null), fc.constant(LATENCY_AWARE), fc.constant(BDP)),
    congestionControl: fc.constantFrom("newreno" as const, "cubic" as const),
    streamCpuCapBytesPerSec: fc.oneof(fc.constant(null), fc.double({ min: 1e7, max: 5e9, noNaN: true })),
    loneStreamCpuCapBytesPerSec: fc.oneof(fc.constant(null), fc.double({ min: 1e7, max: 5e9, noNaN: true })),
    capBytesPerSec: fc.oneof(fc.constant(null), fc.double({ min: 1e6, max: 1e10, noNaN: true })),
    concurrent: fc.integer({ min: 1, max: 8 }),
    initialWindowSegments: fc.constant(10),
  })
  .map(({ hopPool, ...s }) => ({
    ...s,
    hostMtuBytes: Math.min(s.hostMtuBytes, ...s.segments.map((g) => g.mtuBytes)),
    hops: hopPool.slice(0, s.segments.length - 1),
  }));

/** Relative tolerance for "never raises": floating-point rounding only. */
const EPS = 1e-12;

describe("computePath properties (fast-check)", () => {
  test("output is finite or null everywhere: JSON round-trips without change", () => {
    fc.assert(
      fc.property(specArb, (s) => {
        const r = computePath(s);
        expect(JSON.parse(JSON.stringify(r))).toEqual(r);
        expect(r.throughputBytesPerSec).toBeGreaterThan(0);
        expect(r.failure).toBeNull();
        expect(Number.isFinite(r.slowStartSec)).toBe(true);
      }),
    );
  });

  test("throughput never exceeds the slowest segment's line rate", () => {
    fc.assert(
      fc.property(specArb, (s) => {
        const slowest = Math.min(...s.segments.map((g) => g.linkBytesPerSec));
        expect(computePath(s).throughputBytesPerSec).toBeLessThanOrEqual(slowest);
      }),
    );
  });

  test("warnings: false leaves out only the words (warnings, limit): every number is the same", () => {
    fc.assert(
      fc.property(specArb, (s) => {
        const { warnings: _w, limit, ...numbers } = computePath(s);
        const quiet = computePath(s, { warnings: false });
        expect(quiet.warnings).toEqual([]);
        expect(quiet.limit).toBe("");
        expect(limit.length).toBeGreaterThan(0);
        const { warnings: _q, limit: _l, ...quietNumbers } = quiet;
        expect(quietNumbers).toEqual(numbers);
      }),
    );
  });

  test("every result names its limit; link and flow-cap name the segment they sit on", () => {
    fc.assert(
      fc.property(specArb, (s) => {
        const r = computePath(s);
        expect(r.limit.length).toBeGreaterThan(0);
        if (r.binding === "link" || r.binding === "flow-cap") {
          expect(r.bindingSegment).not.toBeNull();
          expect(r.limit).toContain(`segment ${(r.bindingSegment as number) + 1}`);
        } else expect(r.bindingSegment).toBeNull();
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

  test("more distance or delay on any segment never raises throughput", () => {
    fc.assert(
      fc.property(
        specArb,
        fc.nat(),
        fc.double({ min: 0, max: 5000, noNaN: true }),
        fc.double({ min: 0, max: 0.05, noNaN: true }),
        (s, i, extraKm, extraSec) => {
          const k = i % s.segments.length;
          const segments = s.segments.map((g, j) =>
            j === k ? { ...g, distanceKm: g.distanceKm + extraKm, delaySec: g.delaySec + extraSec } : g,
          );
          const a = computePath(s);
          const b = computePath({ ...s, segments });
          expect(b.throughputBytesPerSec).toBeLessThanOrEqual(a.throughputBytesPerSec * (1 + EPS));
        },
      ),
    );
  });

  test("a longer RTT (host time or a measured RTT) never raises throughput, in either buffer mode", () => {
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

  test("more loss on any segment never raises throughput, for New Reno and CUBIC", () => {
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

  test("CUBIC never carries less than New Reno on the same path", () => {
    fc.assert(
      fc.property(specArb, (s) => {
        const reno = computePath({ ...s, congestionControl: "newreno" });
        const cubic = computePath({ ...s, congestionControl: "cubic" });
        expect(cubic.throughputBytesPerSec).toBeGreaterThanOrEqual(reno.throughputBytesPerSec * (1 - EPS));
      }),
    );
  });

  test("vmknics larger than a segment's MTU without a clamp always fail as a black hole at that segment", () => {
    fc.assert(
      fc.property(specArb, fc.nat(), fc.integer({ min: 1, max: 4000 }), (s, i, over) => {
        const k = i % s.segments.length;
        const small = s.segments[k] as PathSegment;
        const hostMtuBytes = Math.min(9216, small.mtuBytes + over);
        fc.pre(hostMtuBytes > small.mtuBytes);
        const segments = s.segments.map((g, j) =>
          j < k ? { ...g, mtuBytes: Math.max(g.mtuBytes, hostMtuBytes) } : g,
        );
        const r = computePath({ ...s, hostMtuBytes, segments });
        expect(r.failure?.outcome).toBe("path-mtu-blackhole");
        expect(r.failure?.segmentIndex).toBe(k);
        expect(r.throughputBytesPerSec).toBe(0);
        const clamped = computePath({
          ...s,
          hostMtuBytes,
          segments: segments.map((g, j) => (j === k ? { ...g, clampsMss: true } : g)),
        });
        // The clamp fits segment k; a later, smaller segment may still drop packets.
        expect(clamped.failure === null || clamped.failure.segmentIndex > k).toBe(true);
      }),
    );
  });

  test("expected-line-rate mode: crossing the 4 ms threshold never raises throughput (continuous window bound)", () => {
    // 10 GbE, 562540 B. At 4 ms the window allows 562540 / 0.004 = 140.6 MB/s; just above, the
    // buffer is sized for 133 MB/s x RTT (Migrate.NetExpectedLineRateMBps), less than 562540 B
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

  test("bdp mode: 10 GbE at 100 ms RTT loss-free stays link-bound (VROOM 2015: minimal impact up to 100 ms)", () => {
    // Window = BDP = 1.25e9 x 1448 / 1538 x 0.1 s = 117.7 MB per stream, below the 1 GiB ceiling.
    const r = computePath(spec({ rttOverrideSec: 0.1, latencyAware: BDP }));
    expect(r.binding).toBe("link");
    expect(r.throughputBytesPerSec).toBeCloseTo((1.25e9 * 1448) / 1538, 3);
    expect(r.windowBytes).toBeCloseTo(((1.25e9 * 1448) / 1538) * 0.1, 0);
  });
});
