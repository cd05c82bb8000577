import { describe, expect, it } from "vitest";
import { FIELDS, isNumericField } from "../../src/input/fields.js";
import { axisValueOf } from "../../src/sweep/axis-values.js";

describe("axisValueOf(key)", () => {
  it("knows how every numeric field of the table reads what ran (a new field must say)", () => {
    for (const f of FIELDS) if (isNumericField(f)) expect(() => axisValueOf(f.key), f.key).not.toThrow();
  });

  it("reads path fields from the path plan and the rest from the scenario", () => {
    expect(axisValueOf("hops").readsPlan).toBe(true);
    expect(axisValueOf("memory")).toMatchObject({ part: "vm", readsPlan: false });
    expect(axisValueOf("rtt")).toMatchObject({ part: "transport", readsPlan: false });
  });
});
