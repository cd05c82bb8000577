import { describe, expect, it } from "vitest";
import { hexMidToDecimal, normalizeDecimalId } from "../../src/calibrate/migration-id.js";

describe("hexMidToDecimal", () => {
  it("hexMidToDecimal('7958ea7f2d34d435') is the decimal mid of the same migration", () => {
    // haewon83.tistory.com/m/108 (vSphere 8 vmware.log): mid=7958ea7f2d34d435 and mid=8743996508480001077 in one vmware.log.
    expect(hexMidToDecimal("7958ea7f2d34d435")).toBe("8743996508480001077");
  });
  it("keeps all 64 bits (beyond Number's 2^53)", () => {
    expect(hexMidToDecimal("ffffffffffffffff")).toBe("18446744073709551615");
    expect(hexMidToDecimal("0x1F")).toBe("31");
  });
  it("rejects non-hex and values over 64 bits", () => {
    expect(hexMidToDecimal("xyz")).toBeNull();
    expect(hexMidToDecimal("1ffffffffffffffff")).toBeNull();
    expect(hexMidToDecimal("")).toBeNull();
  });
});

describe("normalizeDecimalId", () => {
  it("strips leading zeros and rejects ids over 64 bits", () => {
    expect(normalizeDecimalId("0001424430291970314")).toBe("1424430291970314");
    expect(normalizeDecimalId("18446744073709551616")).toBeNull();
    expect(normalizeDecimalId("12a")).toBeNull();
  });
});
