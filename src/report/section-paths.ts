import { parseInput } from "../input/parse.js";
import { checkSweepData } from "../sweep/load.js";
import { planSweep } from "../sweep/plan.js";
import type { SweepPlan } from "../sweep/types.js";
import { durationRange, namerAt } from "./inputs.js";
import { sweepPaths, type SimulatedPath } from "./tables/paths.js";
import type { ResolvedSection } from "./types.js";

/**
 * The column a sweep section's tables are labelled by, chosen by the user where they chose one:
 * a chart's `series`, else the sweep's rows axis (its labels are the user's), else `preset`.
 */
export function tableSeries(sec: ResolvedSection, plan: SweepPlan): string {
  const fromChart = (sec.charts ?? []).find((c) => c.series !== undefined)?.series;
  if (fromChart !== undefined) return fromChart;
  return plan.grid.find((a) => a.rowLabels !== null)?.name ?? "preset";
}

/** The plan of a sweep section (its file already checked when the section was built). */
export function sectionPlan(sec: ResolvedSection): SweepPlan | null {
  if (sec.sweep === undefined) return null;
  return planSweep(sec.sweepFrom === "inline" ? checkSweepData(sec.sweep) : sec.sweep);
}

/** A sweep's series fallback: the base preset, as `toPoints` labels rows without the column. */
export function basePresetOf(sec: ResolvedSection): string {
  const p = sec.sweep?.base.preset;
  return typeof p === "string" ? p : "scenario";
}

/**
 * Every network path section `sec` simulates, labelled by the user where the user labelled it
 * (rows axis labels, a chart's series), else by preset: sweep paths per series, each scenario's,
 * the throughput path at both RTT ends, the sensitivity baseline and each solve question's base
 * when the unknown is not a path input. The configurations section's paths follow from host
 * configurations and are listed in its own table.
 */
export function sectionPaths(sec: ResolvedSection, id: string): SimulatedPath[] {
  const preset = (input: { preset?: string }): string => input.preset ?? "same-l2";
  const one = (raw: Readonly<Record<string, unknown>>, at: string): SimulatedPath => {
    const input = parseInput(raw, namerAt(at));
    return { label: preset(input), userLabel: false, input, variants: [], usedIn: [id] };
  };
  switch (sec.source) {
    case "sweep": {
      const plan = sectionPlan(sec);
      if (plan === null) return [];
      return sweepPaths(plan, tableSeries(sec, plan), basePresetOf(sec)).map((p) => ({ ...p, usedIn: [id] }));
    }
    case "scenarios":
      return (sec.scenarios ?? []).map((s, k) => one(s.input, `${sec.where}.scenarios[${k}].input`));
    case "throughput": {
      const t = sec.throughput;
      if (t === undefined) return [];
      const at = `${sec.where}.throughput`;
      const input = parseInput({ preset: "same-l2", ...t.path }, namerAt(`${at}.path`));
      const rtts = durationRange(t.rtt, `${at}.rtt`);
      const ends = [rtts[0], rtts[rtts.length - 1]].filter((x): x is number => x !== undefined && x > 0);
      return [
        {
          label: preset(input),
          userLabel: false,
          input,
          variants: ends.map((rtt) => ({ ...input, rtt })),
          checks: rtts.filter((rtt) => rtt > 0).map((rtt) => ({ ...input, rtt })),
          usedIn: [id],
        },
      ];
    }
    case "sensitivity":
      return sec.sensitivity === undefined
        ? []
        : [one(sec.sensitivity.base, `${sec.where}.sensitivity.base`)];
    case "solve":
      return (sec.solve ?? []).flatMap((q, k) =>
        q.for === "memory" || q.for === "dirty-rate" ? [one(q.base, `${sec.where}.solve[${k}].base`)] : [],
      );
    case "configs":
      return [];
  }
}
