import { PRESETS, computePath, planToSpec, type PresetName } from "../../network/index.js";
import { formatDuration, formatRate } from "../../units/format.js";
import type { SweepPoint } from "../findings/index.js";
import type { BuiltTable } from "../types.js";

/** The presets table for the preset series among `points` (none when no series is a preset). */
export function pathsTableOf(points: readonly SweepPoint[]): BuiltTable[] {
  const names = [...new Set(points.map((p) => p.series))].filter((n): n is PresetName => n in PRESETS);
  return names.length === 0 ? [] : [presetTable(names)];
}

/** The preset paths as a table: what each assumes and what the path model makes of it. */
export function presetTable(names: readonly PresetName[]): BuiltTable {
  const rows = [...new Set(names)].map((n) => {
    const plan = PRESETS[n];
    const r = computePath(planToSpec(plan));
    return [
      n,
      formatRate(plan.linkBytesPerSec),
      String(plan.hops),
      String(r.pathMtuBytes),
      `${plan.distanceKm} km`,
      plan.lossFraction === 0 ? "0" : plan.lossFraction.toExponential(0),
      formatDuration(r.rttSec),
      formatRate(r.throughputBytesPerSec),
      r.binding,
    ];
  });
  return {
    caption: "Network paths (presets) and what the path model computes for them",
    header: [
      "Path",
      "Link",
      "Router hops",
      "Path MTU (bytes)",
      "Fibre",
      "Packet loss",
      "RTT",
      "Throughput",
      "Bound by",
    ],
    rows,
    numeric: [false, true, true, true, true, true, true, true, false],
  };
}
