import { describe, expect, it } from "vitest";
import { describePlanChange } from "../../src/network/diff.js";
import { PRESETS } from "../../src/network/presets.js";

describe("describePlanChange", () => {
  it("names a stream count in the singular when it is one (not '1 streams')", () => {
    const base = { ...PRESETS.wan, streams: 4 };
    expect(describePlanChange(base, { ...PRESETS.wan, streams: 1 })).toContain("1 stream");
    expect(describePlanChange(base, { ...PRESETS.wan, streams: 2 })).toContain("2 streams");
  });
});
