import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import {
  FIELDS,
  fieldOf,
  isNumericField,
  type CanonicalInput,
  type FieldDef,
} from "../../src/input/fields.js";
import { checkNumber, parseField, parseInput, toNumber } from "../../src/input/parse.js";
import { buildScenario, scenarioFromInput } from "../../src/input/scenario.js";

function inputError(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("no InputError");
}

const field = (key: string): FieldDef => fieldOf(key) as FieldDef;

describe("parseInput(raw, name)", () => {
  it("returns every given field in canonical units (bytes, bytes/s, seconds, km, words)", () => {
    expect(
      parseInput({
        memory: "64GiB",
        dirtyRate: "400MiB/s",
        rtt: "5ms",
        distance: "80km",
        preset: "wan",
        streams: "auto",
        maxBandwidth: "unlimited",
        autoConverge: "true",
        vcpus: undefined,
      }),
    ).toEqual({
      memory: 64 * 2 ** 30,
      dirtyRate: 400 * 2 ** 20,
      rtt: 0.005,
      distance: 80,
      preset: "wan",
      streams: "auto",
      maxBandwidth: 0,
      autoConverge: true,
    });
  });

  it("rejects an unknown key, naming it", () => {
    const e = inputError(() => parseInput({ memroy: "64GiB" }));
    expect([e.code, e.field]).toEqual(["unknown-field", "--memroy"]);
  });

  it("names the field with the namer: base.memory in a sweep file", () => {
    const e = inputError(() => parseInput({ memory: "64 apples" }, (k) => `base.${k}`));
    expect([e.code, e.field]).toEqual(["bad-value", "base.memory"]);
  });

  // The bug: --rtt 0s was accepted alone (input/scenario.ts) but rejected with --hops 1 or
  // --preset wan (network/input.ts): two parsers, two rules. One row now says: above zero.
  it("--rtt 0s is rejected the same way with or without a path (one rule for rtt)", () => {
    const vm = { memory: "8GiB", dirtyRate: "100MiB/s" };
    for (const extra of [{ bandwidth: "10Gbit/s" }, { hops: "1" }, { preset: "wan" }]) {
      const e = inputError(() => scenarioFromInput({ ...vm, ...extra, rtt: "0s" }));
      expect([e.code, e.field]).toEqual(["bad-value", "--rtt"]);
      expect(e.message).toContain("above zero");
    }
    for (const extra of [{ bandwidth: "10Gbit/s" }, { hops: "1" }, { preset: "wan" }])
      expect(scenarioFromInput({ ...vm, ...extra, rtt: "1ms" }).transport.rttSec).toBe(0.001);
  });
});

describe("parseField(f, raw, where)", () => {
  it("is idempotent on canonical values: parsing a parsed value returns it (every row)", () => {
    const samples: Record<string, unknown> = {
      memory: "64GiB",
      vcpus: "8",
      zeroPages: "20%",
      checkpoint: "0B",
      dirtyRate: "400MiB/s",
      wss: "8GiB",
      coldRate: "1MiB/s",
      dirtyModel: "constant",
      pattern: "hot-cold",
      hotShare: "0.8",
      dirtyCurve: [{ interval: "1s", dirtied: "1GiB" }],
      bandwidth: "10Gbit/s",
      rtt: "0.3ms",
      policy: "qemu",
      switchoverGoal: "1s",
      sdps: "off",
      downtimeLimit: "300ms",
      maxBandwidth: "128MiB/s",
      autoConverge: true,
      maxRounds: "30",
      traceSetup: "2ms",
      zeroScanRate: "5GiB/s",
      fixedSwitchover: "20ms",
      preset: "metro",
      link: "25Gbit/s",
      hops: "2",
      hopDelay: "50us",
      mtu: "9000",
      pathMtu: "1500",
      loss: "1e-5",
      distance: "80km",
      streams: "4",
      socketBuffer: "1MiB",
      expectedLineRate: "1250MB/s",
      bufferMode: "expected-line-rate",
      congestionControl: "cubic",
      segments: "link=10Gbit/s,mtu=9000;label=dci,link=10Gbit/s,distance=80km,flowCap=2Gbit/s,clampsMss=true",
      concurrent: "2",
      config: "vmotion-stack-routed",
      site: "metro",
      vsphere: "7.0U3",
      stack: "default",
      destStack: "vmotion",
      routing: "static-route",
      vmknicIp: "10.20.30.11/24",
      destVmknicIp: " 10.20.31.12/24",
      gateway: "none",
      vmknicGateway: "10.20.30.1",
      staticRoute: "10.20.31.5/24 10.20.30.1, 10.20.40.0/24 via 10.20.30.1",
      vmknics: "2",
      vmotionNics: "1",
      uplink: "25Gbit/s",
      uplinkShare: "50%",
      uplinkBackground: "1Gbit/s",
      uplinkSharedWith: "vsan, nfs",
      destMtu: "1500",
      mgmtIp: "10.20.0.11/24",
      mgmtUplink: "1Gbit/s",
      mgmtMtu: "1500",
      mgmtFlowCap: "2Gbit/s",
      mgmtBackground: "100Mbit/s",
    };
    for (const f of FIELDS) {
      expect(samples[f.key], `a sample for ${f.key}`).toBeDefined();
      const once = parseField(f, samples[f.key], f.key);
      expect(parseField(f, once, f.key), f.key).toEqual(once);
    }
  });

  it("checkNumber(f, v) accepts exactly what parseField(f, v) accepts (property, numeric rows)", () => {
    const numeric = FIELDS.filter((f: FieldDef) => isNumericField(f));
    fc.assert(
      fc.property(
        fc.constantFrom(...numeric),
        fc.oneof(fc.double({ min: -10, max: 1e6 }), fc.integer({ min: -2, max: 100_000 }), fc.constant(0)),
        (f, v) => {
          const ok = (g: () => unknown): boolean => {
            try {
              g();
              return true;
            } catch (e) {
              if (e instanceof InputError) return false;
              throw e;
            }
          };
          expect(ok(() => checkNumber(f, v, "x"))).toBe(ok(() => parseField(f, v, "x")));
        },
      ),
      { numRuns: 2000, seed: 12 },
    );
  });

  it("toNumber(f, raw) converts units without the field's limits (a distribution's stdev)", () => {
    expect(toNumber(field("memory"), "1KiB", "x")).toBe(1024);
    expect(() => parseField(field("memory"), "1KiB", "x")).toThrow(InputError);
    expect(() => toNumber(field("preset"), "wan", "x")).toThrow(InputError);
  });
});

describe("buildScenario(canonical)", () => {
  it("of parseInput(raw) equals scenarioFromInput(raw), the convenience for unit strings", () => {
    const s = buildScenario(parseInput({ memory: "8GiB", dirtyRate: "100MiB/s", bandwidth: "10Gbit/s" }));
    expect(s.vm.memoryBytes).toBe(8 * 2 ** 30);
    expect(scenarioFromInput({ memory: "8GiB", dirtyRate: "100MiB/s", bandwidth: "10Gbit/s" })).toEqual(s);
  });

  it("checks combinations: a working set above memory names --wss", () => {
    const e = inputError(() =>
      buildScenario(parseInput({ memory: "8GiB", wss: "16GiB", dirtyRate: "1MiB/s", bandwidth: "1Gbit/s" })),
    );
    expect([e.code, e.field]).toEqual(["bad-value", "--wss"]);
    // The memory in the product's units, as the value beside it (it read "(8589934592 bytes)").
    expect(e.message).toBe('--wss: expected a working set no larger than memory (8 GiB) (got "16 GiB")');
  });

  it("checks a library caller's numbers as parsed values are: one InputError naming the field", () => {
    const base = { memory: 8 * 2 ** 30, dirtyRate: 2 ** 20, bandwidth: 1.25e9 };
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ memory: -5 }, "--memory", /got -5/],
      [{ memory: NaN }, "--memory", /got NaN/],
      [{ bandwidth: Infinity }, "--bandwidth", /got Infinity/],
      [{ memory: "64GiB" }, "--memory", /a number in bytes .*scenarioFromInput/],
      [{ vcpus: 2.5 }, "--vcpus", /2\.5/],
      [{ policy: "hyperv" }, "--policy", /hyperv/],
      [{ autoConverge: "yes please" }, "--auto-converge", /true or false/],
      [{ dirtyRat: 1 }, "--dirty-rat", /not a known field/],
    ];
    for (const [over, field, detail] of cases) {
      const e = inputError(() => buildScenario({ ...base, ...over } as CanonicalInput));
      expect(e.field).toBe(field);
      expect(e.detail).toMatch(detail);
    }
  });

  it("takes canonical input back unchanged, aliases and structured fields included", () => {
    const raw = {
      memory: "64GiB",
      dirtyRate: "400MiB/s",
      segments: "link=10Gbit/s,mtu=9000;label=dci,link=10Gbit/s,distance=80km",
      streams: "auto",
      policy: "qemu",
      maxBandwidth: "unlimited",
      autoConverge: true,
      dirtyCurve: undefined,
    };
    const canonical = parseInput(raw);
    expect(buildScenario(canonical)).toEqual(scenarioFromInput(raw));
  });
});
