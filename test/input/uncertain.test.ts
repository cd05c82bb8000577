import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { fieldOf, type FieldDef } from "../../src/input/fields.js";
import { parseInput } from "../../src/input/parse.js";
import {
  looksUncertain,
  parseSampleOptions,
  parseUncertain,
  parseUncertainInput,
} from "../../src/input/uncertain.js";

const MiB = 2 ** 20;
const f = (key: string): FieldDef => fieldOf(key) as FieldDef;

/** The InputError message of `fn`, or a failure when it does not throw one. */
function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err.message;
    throw err;
  }
  throw new Error("expected an InputError");
}

describe("parseUncertain", () => {
  it("LO..HI is uniform between the ends, in canonical units, median halfway", () => {
    const u = parseUncertain(f("dirtyRate"), "200MiB/s..600MiB/s", "--dirty-rate");
    expect(u.distribution).toEqual({ kind: "uniform", min: 200 * MiB, max: 600 * MiB });
    expect(u.median).toBe(400 * MiB);
    expect(u.words).toBe("uniform from 200 MiB/s to 600 MiB/s");
  });

  it("the ends may use different units of the same dimension", () => {
    const u = parseUncertain(f("dirtyRate"), "1Gbit/s..200MiB/s", "--dirty-rate");
    expect(u.distribution).toEqual({ kind: "uniform", min: 1.25e8, max: 200 * MiB });
  });

  it("a network rate reads back in bits whichever bit spelling was typed", () => {
    expect(parseUncertain(f("bandwidth"), "10Gb/s..25Gbps", "--bandwidth").words).toBe(
      "uniform from 10 Gbit/s to 25 Gbit/s",
    );
  });

  it("LO == HI is a point", () => {
    const u = parseUncertain(f("memory"), "64GiB..64GiB", "--memory");
    expect(u.distribution).toEqual({ kind: "uniform", min: 64 * 2 ** 30, max: 64 * 2 ** 30 });
    expect(u.words).toBe("64 GiB (a point)");
  });

  it("a whole-number range draws each whole number alike", () => {
    const u = parseUncertain(f("vcpus"), "2..5", "--vcpus");
    expect(u.distribution).toEqual({ kind: "empirical", values: [2, 3, 4, 5] });
  });

  it("lognormal, normal and triangular take their parameters in the field's units", () => {
    expect(
      parseUncertain(f("dirtyRate"), "lognormal:400MiB/s,0.5", "--dirty-rate").distribution,
    ).toMatchObject({
      kind: "lognormal",
      median: 400 * MiB,
      sigma: 0.5,
    });
    const n = parseUncertain(f("dirtyRate"), "normal:400MiB/s,50MiB/s", "--dirty-rate");
    expect(n.distribution).toMatchObject({ kind: "normal", mean: 400 * MiB, stdev: 50 * MiB });
    expect(n.median).toBe(400 * MiB);
    const t = parseUncertain(f("rtt"), "triangular:1ms,2ms,10ms", "--rtt");
    expect(t.distribution).toEqual({ kind: "triangular", min: 1e-3, mode: 2e-3, max: 1e-2 });
    // F(mode) = 1/9 < 1/2: the median is b - sqrt((b - a)(b - c) / 2) = 10 - 6 = 4 ms.
    expect(t.median).toBeCloseTo(4e-3, 12);
  });

  it.each([
    ["600MiB/s..200MiB/s", /low end 600 MiB\/s is above the high end 200 MiB\/s/],
    ["-5MiB/s..200MiB/s", /low end "-5MiB\/s" is not accepted: expected a rate/],
    ["200MiB/s..6GiB", /high end "6GiB" is not accepted: expected a rate/],
    ["200..600MiB/s", /low end "200" is not accepted/],
    ["gamma:1,2", /unknown distribution "gamma": expected LO..HI/],
    ["lognormal:400MiB/s,0", /sigma "0" must be a plain number above zero/],
    ["lognormal:400MiB/s,-1", /sigma "-1" must be a plain number above zero/],
    ["lognormal:400MiB/s", /lognormal takes 2 values/],
    ["normal:400MiB/s,0", /standard deviation must be above zero/],
    ["triangular:1MiB/s,5MiB/s,3MiB/s", /mode 5 MiB\/s must lie from 1 MiB\/s to 3 MiB\/s/],
    ["1MiB/s..2MiB/s..3MiB/s", /one ".." per range/],
  ])("%s is refused with the flag, the value and what is accepted", (text, why) => {
    const msg = errorOf(() => parseUncertain(f("dirtyRate"), text, "--dirty-rate"));
    expect(msg).toMatch(/^--dirty-rate: /);
    expect(msg).toMatch(why);
    expect(msg).toContain(`(got ${JSON.stringify(text)})`);
    expect(msg).not.toContain("\n");
  });

  it("ends outside the field's limits are refused like a single value", () => {
    expect(errorOf(() => parseUncertain(f("memory"), "1GiB..100TiB", "--memory"))).toMatch(
      /^--memory: the high end "100TiB" is not accepted: expected a size from 4KiB to 64TiB/,
    );
  });

  it("word fields and non-uniform whole-number distributions are refused", () => {
    expect(errorOf(() => parseUncertain(f("policy"), "a..b", "--policy"))).toMatch(/numeric fields only/);
    expect(errorOf(() => parseUncertain(f("vcpus"), "lognormal:4,0.5", "--vcpus"))).toMatch(
      /takes whole numbers: give a range LO..HI/,
    );
  });
});

describe("parseUncertainInput", () => {
  it("keeps scalars as parseInput does and puts each uncertain field at its median", () => {
    const u = parseUncertainInput({ memory: "64GiB", dirtyRate: "200MiB/s..600MiB/s", preset: "wan" });
    expect(u.input).toEqual({ memory: 64 * 2 ** 30, dirtyRate: 400 * MiB, preset: "wan" });
    expect(u.uncertain.map((x) => x.flag)).toEqual(["--dirty-rate"]);
    expect(parseUncertainInput({ memory: "64GiB" }).uncertain).toEqual([]);
  });

  it("only strings with .. or NAME: are uncertain", () => {
    expect(looksUncertain("400MiB/s")).toBe(false);
    expect(looksUncertain("0.1..0.3")).toBe(true);
    expect(looksUncertain("lognormal:1,2")).toBe(true);
    expect(looksUncertain(400)).toBe(false);
  });
});

describe("parseInput with range text where one value is accepted", () => {
  it("says where ranges and distributions are accepted", () => {
    expect(errorOf(() => parseInput({ dirtyRate: "100MiB/s..200MiB/s" }, (k) => `base.${k}`))).toBe(
      'base.dirtyRate: expected a rate like 10Gbit/s or 400MiB/s (got "100MiB/s..200MiB/s"); a range or distribution is accepted only as a flag of estimate, compare or solve (in a sweep file: a distribution axis)',
    );
    expect(errorOf(() => parseInput({ dirtyRate: "fast" }))).toBe(
      '--dirty-rate: expected a rate like 10Gbit/s or 400MiB/s (got "fast")',
    );
  });
});

describe("parseSampleOptions", () => {
  it("defaults to 1,000 draws from seed 1", () => {
    expect(parseSampleOptions(undefined, undefined, true)).toEqual({ samples: 1000, seed: 1 });
    expect(parseSampleOptions("200", "7", true)).toEqual({ samples: 200, seed: 7 });
  });

  it("refuses bad counts, and --samples/--seed without an uncertain input", () => {
    expect(errorOf(() => parseSampleOptions("0", undefined, true))).toMatch(
      /^--samples: expected a whole number from 1 to 1,000,000/,
    );
    expect(errorOf(() => parseSampleOptions("1.5", undefined, true))).toMatch(/^--samples: /);
    expect(errorOf(() => parseSampleOptions(undefined, "-1", true))).toMatch(
      /^--seed: expected a whole number from 0/,
    );
    expect(errorOf(() => parseSampleOptions("100", undefined, false))).toMatch(
      /^--samples: applies only when an input is a range or distribution/,
    );
  });
});
