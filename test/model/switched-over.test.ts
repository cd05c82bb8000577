import { describe, expect, it } from "vitest";
import { OUTCOMES, SWITCHED_OVER_CODES, switchedOver } from "../../src/model/types.js";

describe("switchedOver(outcome)", () => {
  it("is true for converged, converged-throttled, max-rounds, data-cap; false for every FAILED_OUTCOMES entry", () => {
    expect(OUTCOMES.filter(switchedOver)).toEqual([
      "converged",
      "converged-throttled",
      "max-rounds",
      "data-cap",
    ]);
  });

  it("SWITCHED_OVER_CODES[code] agrees with switchedOver(OUTCOMES[code])", () => {
    expect(Array.from(SWITCHED_OVER_CODES)).toEqual(OUTCOMES.map((o) => (switchedOver(o) ? 1 : 0)));
  });
});
