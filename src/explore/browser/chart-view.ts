/// <reference lib="dom" />
import embed, { type Result as EmbedResult } from "vega-embed";
import type { Spec as VgSpec } from "vega";
import type { TopLevelSpec } from "vega-lite";
import { splitData } from "../chart-data.js";

/**
 * One live chart per element, drawn with vega-embed (tooltips on). A new spec with the shape on
 * screen only swaps the view's data (see `splitData`); any other spec is embedded afresh.
 */
interface Live {
  readonly key: string;
  readonly result: EmbedResult;
}

const live = new WeakMap<HTMLElement, Live>();

/** Vega's log levels: 1 is errors only (empty layers warn about infinite extents). */
const ERRORS_ONLY = 1;

export function clearChart(el: HTMLElement): void {
  live.get(el)?.result.finalize();
  live.delete(el);
  el.replaceChildren();
}

/**
 * Several legends below a plot, one under the other rather than side by side: Vega's legend
 * layout, which Vega-Lite does not expose, set on the compiled spec.
 */
function stackLegends(vg: VgSpec): VgSpec {
  return {
    ...vg,
    config: {
      ...vg.config,
      legend: { ...vg.config?.legend, layout: { bottom: { direction: "vertical", anchor: "start" } } },
    },
  };
}

/**
 * Draw `spec` into `el`, or show `none` (a note) when there is no spec. `narrow`: legends stacked
 * below the plot.
 */
export async function drawChart(
  el: HTMLElement,
  spec: TopLevelSpec | null,
  none: string,
  narrow = false,
): Promise<void> {
  if (spec === null) {
    clearChart(el);
    const p = document.createElement("p");
    p.className = "note";
    p.textContent = none;
    el.append(p);
    return;
  }
  const split = splitData(spec);
  const { shape, datasets } = split;
  const key = `${narrow}:${split.key}`;
  let current = live.get(el);
  if (current === undefined || current.key !== key) {
    clearChart(el);
    // vega-embed makes its element an inline-block as wide as the chart: give it one inside the
    // chart box, which scrolls sideways on a narrow screen instead of widening the page.
    const target = document.createElement("div");
    el.append(target);
    const result = await embed(target, shape, {
      actions: false,
      renderer: "svg",
      logLevel: ERRORS_ONLY,
      tooltip: { theme: "light" },
      ...(narrow ? { patch: stackLegends } : {}),
    });
    current = { key, result };
    live.set(el, current);
  }
  const view = current.result.view;
  for (const [name, values] of Object.entries(datasets)) view.data(name, values as object[]);
  // New data can widen the axis labels: redo the autosize layout (vega: View#resize).
  await view.resize().runAsync();
}
