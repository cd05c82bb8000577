import { InputError, badValue } from "../errors.js";
import { parseDuration, parseSize } from "../units/parse.js";
import { readCsv } from "./csv.js";

/**
 * A measured dirty curve as CSV: a header naming the two columns `interval` and `dirtied`, then
 * one row per point, with units (`1s,460MiB`, `60s,5.8GiB`, `500ms,12000 pages`). Plain numbers
 * are seconds and bytes. Intervals must strictly increase and dirtied bytes must not decrease
 * (a distinct-pages curve is monotone by definition). A first row `0s,0` (the origin, which the
 * curve passes through anyway) is accepted and skipped.
 */
export function parseCurveCsv(
  text: string,
  field: string,
): { intervalsSec: number[]; dirtiedBytes: number[] } {
  const [head, ...rows] = readCsv(text, field);
  const header = head?.cells.join(",");
  if (head === undefined || head.cells.length !== 2 || !/^interval,dirtied$/i.test(header ?? "")) {
    throw new InputError(
      "bad-file",
      field,
      `expected a CSV header "interval,dirtied" (got ${JSON.stringify(header ?? "")})`,
    );
  }
  for (const r of rows)
    if (r.cells.length !== 2)
      throw badValue(`${field} line ${r.line}`, "two cells: interval,dirtied", r.cells.join(","));
  const lineOf = rows.map((r) => r.line);
  return validateCurve(
    rows.map((r) => r.cells[0]),
    rows.map((r) => r.cells[1]),
    (k, col) => `${field} line ${lineOf[k] ?? k + 2} ${col}`,
  );
}

/** Validate curve points given as unit strings or canonical numbers. */
export function validateCurve(
  intervals: readonly unknown[],
  dirtied: readonly unknown[],
  at: (k: number, column: "interval" | "dirtied") => string,
): { intervalsSec: number[]; dirtiedBytes: number[] } {
  if (intervals.length === 0)
    throw new InputError(
      "missing-value",
      at(0, "interval").replace(/ line.*/, ""),
      "expected at least one point",
    );
  const intervalsSec: number[] = [];
  const dirtiedBytes: number[] = [];
  for (let k = 0; k < intervals.length; k++) {
    // The first point may be the origin (0, 0), which the curve passes through anyway (measuring
    // tools and spreadsheets often write it): it is skipped. Nothing is dirtied in no time, so a
    // first point (0, u > 0) is refused, as is an interval 0 anywhere else.
    const t = parseDuration(intervals[k], at(k, "interval"), { allowZero: k === 0 });
    const u = parseSize(dirtied[k], at(k, "dirtied"), { allowZero: true });
    if (t === 0) {
      if (u !== 0)
        throw badValue(at(k, "dirtied"), "0 at interval 0 (the curve starts at the origin)", dirtied[k]);
      continue;
    }
    const prevT = intervalsSec.at(-1);
    const prevU = dirtiedBytes.at(-1);
    if (prevT !== undefined && t <= prevT)
      throw badValue(at(k, "interval"), "intervals that strictly increase", intervals[k]);
    if (prevU !== undefined && u < prevU)
      throw badValue(at(k, "dirtied"), "dirtied bytes that never decrease", dirtied[k]);
    intervalsSec.push(t);
    dirtiedBytes.push(u);
  }
  if (intervalsSec.length === 0)
    throw new InputError(
      "missing-value",
      at(0, "interval").replace(/ line.*/, ""),
      "expected at least one point after the origin (0, 0)",
    );
  return { intervalsSec, dirtiedBytes };
}
