import { InputError } from "../errors.js";
import { formatCount } from "../units/format.js";
import type { RawAxis, SweepFile } from "./types.js";

/**
 * Limits checked on the sweep file before anything is materialised: how many values each axis
 * will have and how many scenarios the plan holds are known from the file alone (list lengths,
 * `range.count`, `samples`), so a `range` with `count: 100000001` is refused at once instead of
 * after allocating gigabytes.
 */

/** Most values one axis may have. Each is probed through the input boundary while planning. [assumption] */
export const MAX_AXIS_VALUES = 1_000_000;
/** Planning cost per axis value (its number, label and place in the file, measured ~45 B). */
export const PLAN_BYTES_PER_VALUE = 45;

/** The number of values a grid axis will have (1 for a distribution, which varies by sample). */
export function axisLength(raw: RawAxis): number {
  if (raw.distribution !== undefined) return 1;
  if (raw.rows !== undefined) return raw.rows.length;
  if (raw.zip !== undefined)
    return raw.zip.reduce((n, m) => Math.max(n, m.range?.count ?? m.values?.length ?? 0), 0);
  return raw.range?.count ?? raw.values?.length ?? 0;
}

/** Scenarios the file plans: the product of the axis lengths times the sample count. */
export function plannedScenarios(file: SweepFile): number {
  return file.axes.reduce((n, a) => n * axisLength(a), 1) * (file.samples ?? 1);
}

const gb = (bytes: number): string => `${(bytes / 1e9).toPrecision(2)} GB`;

/**
 * Refuse a file whose axes or scenario count are above the limits, naming the axis:
 * `axes[0].range.count: 100000001 values would take about 4.5 GB to plan; at most 1000000 values an axis`.
 */
export function checkPlanLimits(file: SweepFile, maxScenarios = Number.MAX_SAFE_INTEGER): void {
  file.axes.forEach((a, i) => {
    const n = axisLength(a);
    if (n > MAX_AXIS_VALUES) {
      const where =
        a.range !== undefined
          ? `axes[${i}].range.count`
          : a.zip !== undefined
            ? `axes[${i}].zip`
            : `axes[${i}]`;
      throw new InputError(
        "bad-value",
        where,
        `${n} values would take about ${gb(n * PLAN_BYTES_PER_VALUE)} to plan; at most ${MAX_AXIS_VALUES} values an axis`,
        n,
      );
    }
  });
  const total = plannedScenarios(file);
  const cap = Math.min(maxScenarios, Number.MAX_SAFE_INTEGER);
  if (total > cap)
    throw new InputError(
      "bad-value",
      "axes",
      `plans ${total > 1e15 ? total.toPrecision(3) : formatCount(total)} scenarios, above the limit of ${formatCount(cap)}${cap < Number.MAX_SAFE_INTEGER ? ": add --force to run it" : ""}`,
      total,
    );
}
