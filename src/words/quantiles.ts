/**
 * p10 / median / p90 of a set of draws in words. Shared by the CLI's uncertain answers
 * (`estimate`, `compare`) and the report's Monte Carlo results table, so it lives outside `cli/`
 * and imports only the formatters.
 */
import type { Quantiles } from "../plan/uncertainty.js";
import { formatDuration, formatNumber, formatPercent, sharedUnit } from "../units/format.js";

/** `1.8-4.2 min (p10-p90, median 2.6 min)`, or `2.6 min (p10 = p90)` when p10 and p90 agree. */
export function durationRange(q: Quantiles): string {
  const unit = sharedUnit("duration", [q.p10, q.median, q.p90]);
  const lo = formatDuration(q.p10, unit);
  const hi = formatDuration(q.p90, unit);
  if (lo === hi) return `${formatDuration(q.median, unit)} (p10 = p90)`;
  const loNum = q.p10 === 0 ? "0" : formatNumber(q.p10 / unit.scale);
  return `${loNum}-${hi} (p10-p90, median ${formatDuration(q.median, unit)})`;
}

/** `12-40 %` (p10-p90) of a slowdown, or `12 %` when they agree. */
export function percentRange(q: Quantiles): string {
  const lo = formatPercent(q.p10);
  const hi = formatPercent(q.p90);
  return lo === hi ? lo : `${lo.replace(/ %$/, "")}-${hi}`;
}
