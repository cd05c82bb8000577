import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { parseCurveCsv } from "../../src/input/curve-csv.js";

describe("parseCurveCsv(text, field)", () => {
  it("parses units per cell", () => {
    const c = parseCurveCsv("interval,dirtied\n500ms,1000 pages\n2s,1GiB\n", "--dirty-curve");
    expect(c.intervalsSec).toEqual([0.5, 2]);
    expect(c.dirtiedBytes).toEqual([4096000, 2 ** 30]);
  });
  it.each([
    ["t,u\n1s,1GiB", /header/],
    ["interval,dirtied\n", /at least one point/],
    ["interval,dirtied\n2s,1GiB\n1s,2GiB", /strictly increase/],
    ["interval,dirtied\n1s,2GiB\n2s,1GiB", /never decrease/],
    ["interval,dirtied\n1s,lots", /line 2 dirtied: expected a size/],
  ])("rejects %j", (text, msg) => {
    expect(() => parseCurveCsv(text, "--dirty-curve")).toThrow(InputError);
    expect(() => parseCurveCsv(text, "--dirty-curve")).toThrow(msg);
  });
});
