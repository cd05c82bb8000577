import { describe, expect, it } from "vitest";
import { fieldOf, type FieldDef } from "../../src/input/fields.js";
import { parseUncertain } from "../../src/input/uncertain.js";

const f = (key: string): FieldDef => fieldOf(key) as FieldDef;

describe("parseUncertain words", () => {
  it("echo a link rate in bits, as networks are written (10Gbit/s..25Gbit/s, not 1.16-2.91 GiB/s)", () => {
    expect(parseUncertain(f("bandwidth"), "10Gbit/s..25Gbit/s", "--bandwidth").words).toBe(
      "uniform from 10 Gbit/s to 25 Gbit/s",
    );
  });
  it("keep a memory rate in bytes", () => {
    expect(parseUncertain(f("dirtyRate"), "1Gbit/s..2Gbit/s", "--dirty-rate").words).toBe(
      "uniform from 119 MiB/s to 238 MiB/s",
    );
  });
  it("keep VMware's byte-denominated expected line rate (NetExpectedLineRateMBps) in bytes", () => {
    expect(parseUncertain(f("expectedLineRate"), "133MB/s..266MB/s", "--expected-line-rate").words).toMatch(
      /MiB\/s to .*MiB\/s$/,
    );
  });
});
