import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { fieldOf } from "../../src/input/fields.js";
import { parseField } from "../../src/input/parse.js";
import { parseCount, parseDuration, parseFraction, parseRate, parseSize } from "../../src/units/parse.js";

/** Expected values are the unit definitions: 10^3 steps for KB..TB, 2^10 for KiB..TiB, 4 KiB pages. */
describe("parseSize(text, field)", () => {
  it.each([
    ["64GiB", 64 * 2 ** 30],
    ["64 GiB", 64 * 2 ** 30],
    ["1.5TiB", 1.5 * 2 ** 40],
    ["8GB", 8e9],
    ["512 KiB", 512 * 1024],
    ["100B", 100],
    ["1000 pages", 4096000],
    ["2e3MB", 2e9],
    ["1PB", 1e15],
    ["1 PiB", 2 ** 50],
    ["3 bytes", 3],
    ["1kB", 1000],
    ["0", 0],
  ])("parseSize(%j) returns %d", (text, bytes) => {
    expect(parseSize(text, "--memory", { allowZero: true })).toBe(bytes);
  });

  it.each([
    "64 apples",
    "64",
    "",
    "GiB",
    "-1GiB",
    "NaNGiB",
    "InfinityGiB",
    "1e400GiB",
    "0GiB",
    "0",
    "9e15TiB",
    "64Gb",
    "64gb",
    "1Mbit",
    "1 GiB/s",
  ])("parseSize(%j) throws an InputError naming --memory", (text) => {
    expect(() => parseSize(text, "--memory")).toThrow(InputError);
    try {
      parseSize(text, "--memory");
    } catch (e) {
      expect((e as InputError).field).toBe("--memory");
      expect((e as InputError).message).toContain("--memory: expected a size like 64GiB");
      expect((e as InputError).message).toContain(JSON.stringify(text));
    }
  });

  it('parseSize("64Gb") says a size is in bytes (b is a bit)', () => {
    expect(() => parseSize("64Gb", "--memory")).toThrow(
      '--memory: expected a size like 64GiB, in bytes: B is a byte, b a bit (got "64Gb")',
    );
  });

  it('parseSize("0") without allowZero asks for a value above zero', () => {
    expect(() => parseSize("0", "--memory")).toThrow(
      '--memory: expected a size like 64GiB, above zero (got "0")',
    );
  });

  it("accepts canonical numbers from files and rejects non-finite ones", () => {
    expect(parseSize(1024, "x")).toBe(1024);
    expect(() => parseSize(Number.NaN, "x")).toThrow(InputError);
    expect(() => parseSize(Number.POSITIVE_INFINITY, "x")).toThrow(InputError);
    expect(() => parseSize(true, "x")).toThrow(InputError);
  });
});

describe("parseRate(text, field)", () => {
  it.each([
    ["10Gbit/s", 1.25e9],
    ["10Gbps", 1.25e9],
    ["1 Gbit/s", 1.25e8],
    ["250Mbps", 31.25e6],
    ["400MiB/s", 400 * 2 ** 20],
    ["1.5GB/s", 1.5e9],
    ["25000 pages/s", 25000 * 4096],
    ["0MiB/s", 0],
    ["0", 0],
    // b is a bit and B a byte, whatever the prefix's case (IEEE 1541): the 10Gb/s was read
    // as 10 gigabytes per second.
    ["10Gb/s", 1.25e9],
    ["1000Mb/s", 1.25e8],
    ["1000mbps", 1.25e8],
    ["1000mb/s", 1.25e8],
    ["1Tb/s", 1.25e11],
    ["1Tbps", 1.25e11],
    ["1TB/s", 1e12],
    ["1TiB/s", 2 ** 40],
    ["2GBps", 2e9],
    ["1 Gibit/s", 2 ** 30 / 8],
    ["8 bit/s", 1],
    ["8 bits/s", 1],
    ["100 B/s", 100],
    ["100 bytes/s", 100],
    ["10 MB/sec", 1e7],
    ["80 kb/s", 1e4],
    ["25000 page/s", 25000 * 4096],
  ])("parseRate(%j) returns %d bytes/s", (text, v) => {
    expect(parseRate(text, "--bandwidth")).toBeCloseTo(v, 6);
  });

  it.each(["fast", "10", "10Gbit", "10GB", "-1Mbps", "10 furlongs/s", "10Mbps/s", "10 kpages/s", "1 ib/s"])(
    "parseRate(%j) throws",
    (text) => {
      expect(() => parseRate(text, "--bandwidth")).toThrow(/--bandwidth: expected a rate like 10Gbit\/s/);
    },
  );
});

describe("parseDuration(text, field)", () => {
  it.each([
    ["500ms", 0.5],
    ["0.3ms", 0.0003],
    ["250us", 0.00025],
    ["2min", 120],
    ["1.5s", 1.5],
    ["0", 0],
    ["20 µs", 2e-5],
    ["1h", 3600],
    ["2 minutes", 120],
  ])("parseDuration(%j) returns %d s", (text, v) => {
    expect(parseDuration(text, "--rtt")).toBeCloseTo(v, 12);
  });
  it.each(["5", "5 parsecs", "-1ms", "ms", "1e-400x"])("parseDuration(%j) throws", (text) => {
    expect(() => parseDuration(text, "--rtt")).toThrow(/--rtt: expected a duration like 500ms/);
  });
});

describe("parseFraction and parseCount", () => {
  it("parseFraction accepts 0.2 and 20%", () => {
    expect(parseFraction("0.2", "--zero-pages")).toBe(0.2);
    expect(parseFraction("20%", "--zero-pages")).toBeCloseTo(0.2, 15);
  });
  it("parseFraction rejects out-of-range and exclusive bounds", () => {
    expect(() => parseFraction("1.5", "--zero-pages")).toThrow(InputError);
    expect(() => parseFraction("1", "--zero-pages", { maxExclusive: true })).toThrow(InputError);
  });
  it("parseCount accepts whole numbers in range only", () => {
    expect(parseCount("4", "--vcpus", { min: 1 })).toBe(4);
    expect(() => parseCount("4.5", "--vcpus")).toThrow(InputError);
    expect(() => parseCount("0", "--vcpus", { min: 1 })).toThrow(InputError);
  });
});

describe("the largest value, in words", () => {
  const message = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      if (e instanceof InputError) return e.message;
    }
    return "no InputError";
  };

  it("parseSize, parseRate and parseDuration name the canonical limit (was 'within range')", () => {
    // 2^53 bytes (beyond it integers stop being exact) is 8 PiB; durations stop at 1e9 s.
    expect(message(() => parseSize("1e30B", "--checkpoint"))).toBe(
      '--checkpoint: expected a size like 64GiB, at most 8 PiB (got "1e30B")',
    );
    expect(message(() => parseRate("1e30B/s", "--dirty-rate"))).toContain("at most 8 PiB/s");
    expect(message(() => parseDuration("1e12s", "--trace-setup"))).toContain("at most 277,778 h");
  });

  it("parseField words a field's own limit for a value past the canonical one too", () => {
    const memory = fieldOf("memory");
    if (memory === undefined) throw new Error("no memory field");
    expect(message(() => parseField(memory, "1e30B", "--memory"))).toBe(
      '--memory: expected a size from 4KiB to 64TiB (got "1e30B")',
    );
  });
});
