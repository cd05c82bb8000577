import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { parseCurveCsv } from "../../src/input/curve-csv.js";

describe("parseCurveCsv(text, field)", () => {
  it("parses units per cell", () => {
    const c = parseCurveCsv("interval,dirtied\n500ms,1000 pages\n2s,1GiB\n", "--dirty-curve");
    expect(c.intervalsSec).toEqual([0.5, 2]);
    expect(c.dirtiedBytes).toEqual([4096000, 2 ** 30]);
  });
  // The bug: a hand-written split(",") reader: an Excel export (byte-order mark, CRLF, quoted
  // cells) was rejected at its header.
  it("reads a byte-order mark, CRLF line ends, quoted cells and comments (csv-parse)", () => {
    const c = parseCurveCsv(
      '\uFEFFinterval,dirtied\r\n# measured\r\n"1s","460MiB"\r\n60s, 5.8GiB\r\n',
      "--dirty-curve",
    );
    expect(c.intervalsSec).toEqual([1, 60]);
    expect(c.dirtiedBytes).toEqual([460 * 2 ** 20, 5.8 * 2 ** 30]);
  });

  // The bug: a curve written with its origin row (0s,0), as measuring tools and spreadsheets
  // often do, was refused ("expected a duration like 500ms, above zero").
  it("accepts a first row at the origin (0s,0) and skips it (the curve passes through it anyway)", () => {
    const c = parseCurveCsv("interval,dirtied\n0s,0\n1s,460MiB\n60s,5.8GiB\n", "--dirty-curve");
    expect(c.intervalsSec).toEqual([1, 60]);
    expect(c.dirtiedBytes).toEqual([460 * 2 ** 20, 5.8 * 2 ** 30]);
  });

  it("names the line of a bad cell after a comment line", () => {
    expect(() => parseCurveCsv("interval,dirtied\n# x\n1s,lots\n", "f.csv")).toThrow(/f.csv line 3 dirtied/);
  });

  it.each([
    ["t,u\n1s,1GiB", /header/],
    ["interval,dirtied\n", /at least one point/],
    ["interval,dirtied\n2s,1GiB\n1s,2GiB", /strictly increase/],
    ["interval,dirtied\n1s,2GiB\n2s,1GiB", /never decrease/],
    ["interval,dirtied\n1s,lots", /line 2 dirtied: expected a size/],
    ["interval,dirtied\n0s,1MiB\n1s,2GiB", /line 2 dirtied: expected 0 at interval 0/],
    ["interval,dirtied\n0s,0", /at least one point after the origin/],
    ["interval,dirtied\n1s,1GiB\n0s,1GiB", /line 3 interval: expected a duration like 500ms, above zero/],
  ])("rejects %j", (text, msg) => {
    expect(() => parseCurveCsv(text, "--dirty-curve")).toThrow(InputError);
    expect(() => parseCurveCsv(text, "--dirty-curve")).toThrow(msg);
  });
});
