import { stringify } from "yaml";
import { PATH_TRIGGER_KEYS } from "../input/fields.js";
import type { RawInput } from "../input/parse.js";
import { COMPARE_PRESET_NAMES } from "../network/index.js";

/**
 * A sweep file around a scenario, for `vmotion-sim sweep FILE --out DIR`: the scenario as `base`
 * (its values as typed; a pasted curve as a list of points in canonical units), and two axes:
 * the dirty rate from a quarter to four times the current one (9 steps, log), and the four
 * comparison presets when the scenario is on a path. A curve (or a zero rate) has no rate to vary:
 * it gets only the preset axis, or no axis at all (one scenario).
 */
export function sweepFile(input: RawInput, opts: { name?: string } = {}): string {
  const base: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined) continue;
    if (k === "dirtyCurve") {
      const c = v as { intervalsSec: readonly number[]; dirtiedBytes: readonly number[] };
      base[k] = c.intervalsSec.map((t, i) => ({ interval: t, dirtied: c.dirtiedBytes[i] }));
    } else base[k] = v;
  }
  const axes: Record<string, unknown>[] = [];
  const onPath = PATH_TRIGGER_KEYS.some((k) => input[k] !== undefined);
  if (onPath) {
    delete base.preset;
    axes.push({ key: "preset", values: [...COMPARE_PRESET_NAMES] });
  }
  if (typeof input.dirtyRate === "string" && scaled(input.dirtyRate, 1) !== null) {
    delete base.dirtyRate;
    axes.push({
      key: "dirtyRate",
      range: { from: scaled(input.dirtyRate, 0.25), to: scaled(input.dirtyRate, 4), count: 9, scale: "log" },
    });
  }
  const doc = {
    name: opts.name ?? "explore",
    description: "around the scenario of the explore page",
    base,
    axes,
  };
  return `# A sweep around the explore page's scenario (schema: schema/sweep.schema.json).\n# Run it with: vmotion-sim sweep sweep.yaml --out results\n${stringify(doc)}`;
}

/** `"400MiB/s"` x 0.25 -> `"100MiB/s"`: the number scaled, the unit kept as typed; null if not above 0. */
export function scaled(quantity: string, factor: number): string | null {
  const m = /^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(.*?)\s*$/.exec(quantity);
  if (m === null || !(Number(m[1]) > 0)) return null;
  const v = Number(m[1]) * factor;
  return `${Number(v.toPrecision(6))}${m[2] ?? ""}`;
}
