import { FAILED_OUTCOMES } from "../model/types.js";
/** Options every builder accepts: the chart title and an optional subtitle (one line per entry). */
export interface ChartText {
  readonly title?: string;
  readonly subtitle?: string | readonly string[];
}

/** A subtitle option as a list of lines. */
export function subtitleLines(subtitle: string | readonly string[] | undefined): string[] {
  return subtitle === undefined ? [] : typeof subtitle === "string" ? [subtitle] : [...subtitle];
}

/** A Vega-Lite title object from builder options and a default title. */
export function titleOf(
  text: ChartText | undefined,
  fallback: string,
): { text: string; subtitle?: string[] } {
  const lines = subtitleLines(text?.subtitle);
  return lines.length > 0
    ? { text: text?.title ?? fallback, subtitle: lines }
    : { text: text?.title ?? fallback };
}

/** Outcomes where the VM never switched over: the model's list (src/model/types.ts). */
export { FAILED_OUTCOMES };

/** True when a row did not end with the VM running on the destination (or has no finite time). */
export function isFailed(outcome: string, totalTimeSec: number): boolean {
  return (FAILED_OUTCOMES as readonly string[]).includes(outcome) || !Number.isFinite(totalTimeSec);
}

/** A tooltip entry: a data field and its title. */
export interface TooltipField {
  readonly field: string;
  readonly title: string;
}

/**
 * The layers of a series chart: a 2 px line through filled points, the points carrying
 * `tooltip` when given.
 */
export function lineWithPoints(tooltip?: readonly TooltipField[]) {
  return [
    { mark: { type: "line" as const, strokeWidth: 2 } },
    {
      mark: { type: "point" as const, filled: true, size: 30, opacity: 1 },
      ...(tooltip === undefined ? {} : { encoding: { tooltip: [...tooltip] } }),
    },
  ];
}
