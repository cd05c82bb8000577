import { HOST_KEYS } from "../../src/input/host.js";
import { describe, expect, test } from "vitest";
import { InputError } from "../../src/errors.js";
import { PATH_TRIGGER_KEYS, cliFlagName as flag } from "../../src/input/fields.js";
import { parseInput, type RawInput } from "../../src/input/parse.js";
import { hasPath, pathOf, pathSpecOf, planOf } from "../../src/input/path.js";
import { computePath, PRESETS } from "../../src/network/index.js";

/** The path of unit-string input: `parseInput` with flag names, then the pure path step. */
const pathFromInput = (input: RawInput) => pathSpecOf(parseInput(input, flag));
const planFromInput = (input: RawInput) => planOf(parseInput(input, flag));

function inputError(input: Record<string, unknown>): InputError {
  try {
    pathFromInput(input);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error(`no InputError for ${JSON.stringify(input)}`);
}

describe("pathSpecOf(parseInput(input))", () => {
  test("pathSpecOf({ memory }) returns null: no path keys, no path", () => {
    expect(pathFromInput({ memory: "64GiB" })).toBeNull();
  });

  test("hasPath is false for rtt alone (a directly given transport) and true for any other path key", () => {
    expect(hasPath(parseInput({ bandwidth: "10Gbit/s", rtt: "1ms" }))).toBe(false);
    expect(hasPath(parseInput({ preset: "wan" }))).toBe(true);
    expect(pathOf(parseInput({ rtt: "1ms" }))).toBeNull();
    expect(pathOf(parseInput({ preset: "wan", rtt: "100ms" }))?.rttSec).toBe(0.1);
  });

  test("PATH_TRIGGER_KEYS are the path fields of the table but rtt", () => {
    expect(PATH_TRIGGER_KEYS).toContain("hopDelay");
    expect(PATH_TRIGGER_KEYS).toContain("socketBuffer");
    expect(PATH_TRIGGER_KEYS).toContain("expectedLineRate");
    expect(PATH_TRIGGER_KEYS).not.toContain("rtt");
    // 15 path fields (with bufferMode, congestionControl, segments) and the host-network fields.
    expect(PATH_TRIGGER_KEYS).toContain("congestionControl");
    expect(PATH_TRIGGER_KEYS).toContain("bufferMode");
    expect(PATH_TRIGGER_KEYS).toContain("segments");
    expect(PATH_TRIGGER_KEYS).toHaveLength(15 + HOST_KEYS.length);
    for (const k of HOST_KEYS) expect(PATH_TRIGGER_KEYS).toContain(k);
  });

  test("planFromInput({ preset }) returns the preset unchanged; other keys start from same-l2", () => {
    expect(planFromInput({ preset: "metro" })).toEqual(PRESETS.metro);
    expect(planFromInput({ hops: "2" })).toEqual({ ...PRESETS["same-l2"], hops: 2 });
  });

  test("planFromInput parses every key from unit strings", () => {
    const plan = planFromInput({
      preset: "routed-lan",
      link: "25Gbit/s",
      hops: "3",
      hopDelay: "20us",
      mtu: "9000",
      pathMtu: "1500",
      loss: "1e-5",
      distance: "80km",
      streams: "4",
      socketBuffer: "1MiB",
      concurrent: "2",
      rtt: "2ms",
    });
    expect(plan).toMatchObject({
      linkBytesPerSec: 25e9 / 8,
      hops: 3,
      hostMtuBytes: 9000,
      networkMtuBytes: 1500,
      lossFraction: 1e-5,
      distanceKm: 80,
      streams: 4,
      socketBufferBytes: 2 ** 20,
      concurrent: 2,
    });
    // 20 x 1e-6 and 2 x 1e-3 in floating point: compare to 1e-15 s.
    expect(plan?.hopDelaySec).toBeCloseTo(20e-6, 15);
    expect(plan?.rttSec).toBeCloseTo(0.002, 15);
  });

  test("pathFromInput accepts canonical numbers and streams auto", () => {
    const s = pathFromInput({ link: 1.25e9, distance: 12.5, streams: "auto" });
    expect(s?.segments[0]?.linkBytesPerSec).toBe(1.25e9);
    expect(s?.streams).toBe("auto");
  });

  test("pathFromInput with --hops 3 builds four segments and three routers", () => {
    const s = pathFromInput({ preset: "routed-lan", hops: 3 });
    expect(s?.segments).toHaveLength(4);
    expect(s?.hops).toHaveLength(3);
  });

  test("--mtu 9000 --path-mtu 1500 is a path MTU black hole, not a warning (KB 419088)", () => {
    const r = computePath(pathFromInput({ mtu: "9000", pathMtu: "1500" }) ?? (null as never));
    expect(r.pathMtuBytes).toBe(1500);
    expect(r.failure?.outcome).toBe("path-mtu-blackhole");
    expect(r.failure?.reason).toContain("segment 1");
  });

  test("segments replace the uniform path; --link over them sets every segment's rate", () => {
    const s = pathFromInput({
      segments: "label=uplink,link=10Gbit/s,mtu=9000;label=dci,link=1Gbit/s,mtu=9000,distance=80km,loss=1e-6",
    });
    expect(s?.segments).toHaveLength(2);
    expect(s?.segments[1]).toMatchObject({
      label: "dci",
      linkBytesPerSec: 1.25e8,
      distanceKm: 80,
      lossFraction: 1e-6,
    });
    const r = computePath(s ?? (null as never));
    expect(r.bottleneckSegment).toBe(1);
    expect(r.limit).toContain("segment 2 (dci)");
    const relinked = pathFromInput({
      segments: [{ link: "1Gbit/s" }, { link: "2Gbit/s" }],
      link: "25Gbit/s",
    });
    expect(relinked?.segments.map((g) => g.linkBytesPerSec)).toEqual([25e9 / 8, 25e9 / 8]);
  });

  test("a segment without mtu takes the vmknic MTU: vmknics 9000 over {link} segments is no black hole", () => {
    const r = computePath(pathFromInput({ mtu: 9000, segments: [{ link: "10Gbit/s" }] }) ?? (null as never));
    expect(r.failure).toBeNull();
    expect(r.pathMtuBytes).toBe(9000);
  });

  test("routed-lan-mtu1500 with --mtu 9000 is a black hole at its 1500-byte core", () => {
    const r = computePath(pathFromInput({ preset: "routed-lan-mtu1500", mtu: 9000 }) ?? (null as never));
    expect(r.failure?.reason).toContain("segment 2 (core)");
  });

  test("congestionControl and bufferMode pick the loss model and the buffer sizing", () => {
    const s = pathFromInput({ preset: "wan", congestionControl: "cubic", bufferMode: "expected-line-rate" });
    expect(s?.congestionControl).toBe("cubic");
    expect(s?.latencyAware?.bufferMode).toBe("expected-line-rate");
    expect(s?.latencyAware?.maxBufferBytes).toBe(16 * 2 ** 20);
  });

  test("--rtt overrides the computed RTT", () => {
    const r = computePath(pathFromInput({ preset: "wan", rtt: "100ms" }) ?? (null as never));
    expect(r.rttSec).toBe(0.1);
  });

  // Every bad value: an InputError with code bad-value naming the flag (tests assert code and field).
  test.each([
    [{ preset: "lan" }, "--preset"],
    [{ preset: 3 }, "--preset"],
    [{ hops: "-1" }, "--hops"],
    [{ hops: "1.5" }, "--hops"],
    [{ hops: -1 }, "--hops"],
    [{ hopDelay: "-5us" }, "--hop-delay"],
    [{ hopDelay: "5" }, "--hop-delay"],
    [{ hopDelay: "2s" }, "--hop-delay"],
    [{ loss: "1" }, "--loss"],
    [{ loss: "-0.1" }, "--loss"],
    [{ loss: "1.5" }, "--loss"],
    [{ loss: "lots" }, "--loss"],
    [{ mtu: "575" }, "--mtu"],
    [{ mtu: "9217" }, "--mtu"],
    [{ pathMtu: "100" }, "--path-mtu"],
    [{ pathMtu: "9500" }, "--path-mtu"],
    [{ link: "10" }, "--link"],
    [{ link: "0Gbit/s" }, "--link"],
    [{ distance: "-5" }, "--distance"],
    [{ distance: "far" }, "--distance"],
    [{ streams: "0" }, "--streams"],
    [{ streams: "200" }, "--streams"],
    [{ socketBuffer: "0B" }, "--socket-buffer"],
    [{ concurrent: "0" }, "--concurrent"],
    [{ rtt: "0ms" }, "--rtt"],
    [{ rtt: "20s" }, "--rtt"],
    [{ congestionControl: "bbr" }, "--congestion-control"],
    [{ bufferMode: "huge" }, "--buffer-mode"],
    [{ segments: "" }, "--segments"],
    [{ segments: [] }, "--segments"],
    [{ segments: "mtu=9000" }, "--segments[0].link"],
    [{ segments: "link=-10Gbit/s" }, "--segments[0].link"],
    [{ segments: "link=10Gbit/s,mtu=9500" }, "--segments[0].mtu"],
    [{ segments: "link=10Gbit/s,mtu=100" }, "--segments[0].mtu"],
    [{ segments: "link=10Gbit/s;link=1Gbit/s,loss=1" }, "--segments[1].loss"],
    [{ segments: "link=10Gbit/s,colour=red" }, "--segments[0].colour"],
    [{ segments: "link=10Gbit/s,distance=-1" }, "--segments[0].distance"],
    [{ segments: "link=10Gbit/s,flowCap=0Gbit/s" }, "--segments[0].flowCap"],
    [{ segments: "link10Gbit/s" }, "--segments"],
  ])("parseInput(%j) throws InputError for %s", (input, field) => {
    const e = inputError(input);
    expect(e.code).toBe("bad-value");
    expect(e.field).toBe(field);
    expect(e.message.startsWith(`${field}: expected`)).toBe(true);
  });

  test("the --loss message says what is accepted", () => {
    expect(inputError({ loss: "1" }).message).toContain("0 to 1 (exclusive)");
  });
});
