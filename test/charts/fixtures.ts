import { configTimesChart } from "../../src/charts/config-times.js";
/**
 * Small, fixed chart inputs for the schema, golden and render tests. Numbers are illustrative:
 * times follow the geometric pre-copy model (model.md section 2) for a 16 GiB VM with a 0.5 s
 * switchover goal, rounded; nothing here is asserted as physics.
 */
import type {
  ConvergenceRow,
  DistributionSample,
  FeasibilityRow,
  MigrationTimeRow,
  SensitivityRow,
  SwitchoverGoal,
  ThroughputLimitsRow,
  TimelineRow,
} from "../../src/charts/index.js";
import type { TopLevelSpec } from "vega-lite";
import {
  convergenceChart,
  distributionChart,
  feasibilityChart,
  migrationTimeChart,
  sensitivityChart,
  throughputLimitsChart,
  timelineChart,
} from "../../src/charts/index.js";

export const MiB = 1024 * 1024;

export const migrationRows: MigrationTimeRow[] = [
  { path: "same-l2", dirtyRateBytesPerSec: 100 * MiB, totalTimeSec: 18.9, outcome: "converged" },
  { path: "same-l2", dirtyRateBytesPerSec: 400 * MiB, totalTimeSec: 28.6, outcome: "converged" },
  { path: "same-l2", dirtyRateBytesPerSec: 800 * MiB, totalTimeSec: 44.2, outcome: "converged" },
  { path: "same-l2", dirtyRateBytesPerSec: 1200 * MiB, totalTimeSec: 150.3, outcome: "converged-throttled" },
  { path: "routed-lan", dirtyRateBytesPerSec: 100 * MiB, totalTimeSec: 19.7, outcome: "converged" },
  { path: "routed-lan", dirtyRateBytesPerSec: 400 * MiB, totalTimeSec: 30.9, outcome: "converged" },
  { path: "routed-lan", dirtyRateBytesPerSec: 800 * MiB, totalTimeSec: 52.0, outcome: "converged-throttled" },
  { path: "routed-lan", dirtyRateBytesPerSec: 1200 * MiB, totalTimeSec: Infinity, outcome: "not-converging" },
  { path: "wan", dirtyRateBytesPerSec: 50 * MiB, totalTimeSec: 301.5, outcome: "converged" },
  { path: "wan", dirtyRateBytesPerSec: 100 * MiB, totalTimeSec: 1180, outcome: "max-rounds" },
  { path: "wan", dirtyRateBytesPerSec: 400 * MiB, totalTimeSec: Infinity, outcome: "not-converging" },
  { path: "wan", dirtyRateBytesPerSec: 800 * MiB, totalTimeSec: Infinity, outcome: "not-converging" },
];

export const convergenceRows: ConvergenceRow[] = [0, 1, 2, 3].flatMap((i) => [
  { scenario: "same-l2, 400 MiB/s", iteration: i, remainingBytes: 16384 * MiB * 0.34 ** i },
  { scenario: "wan, 90 MiB/s", iteration: i, remainingBytes: 16384 * MiB * 0.8 ** i },
]);

export const switchoverGoals: SwitchoverGoal[] = [
  { scenario: "same-l2, 400 MiB/s", goalBytes: 590 * MiB },
  { scenario: "wan, 90 MiB/s", goalBytes: 56 * MiB },
];

export const feasibilityRows: FeasibilityRow[] = [0.0002, 0.01, 0.05, 0.2].flatMap((rttSec) =>
  [100, 400, 800].map((d) => {
    const fails = rttSec * d > 20;
    return {
      rttSec,
      dirtyRateBytesPerSec: d * MiB,
      totalTimeSec: fails ? Infinity : 15 + rttSec * 1000 + d / 10,
      outcome: fails ? "not-converging" : "converged",
    };
  }),
);

export const throughputRows: ThroughputLimitsRow[] = [0.0001, 0.001, 0.01, 0.1].map((rttSec) => {
  const link = 1.176e9;
  const window = 562e3 / rttSec;
  const loss = 558.6e3 / rttSec;
  const cpu = 1.875e9;
  const achieved = Math.min(link, window, loss, cpu);
  const binding = achieved === link ? "link" : achieved === window ? "window" : "loss";
  return {
    rttSec,
    linkBytesPerSec: link,
    windowBytesPerSec: window,
    lossBytesPerSec: loss,
    cpuBytesPerSec: cpu,
    capBytesPerSec: Infinity,
    achievedBytesPerSec: achieved,
    binding,
  };
});

/** 200 draws from a fixed arithmetic pattern (no random generator needed for a chart fixture). */
export const distributionSamples: DistributionSample[] = Array.from({ length: 200 }, (_, i) => ({
  totalTimeSec: 20 + ((i * 37) % 200) / 10,
  downtimeSec: 0.3 + ((i * 53) % 200) / 1000,
}));

export const sensitivityRows: SensitivityRow[] = [
  { input: "dirty rate", lowTotalTimeSec: 23.5, highTotalTimeSec: 28.4 },
  { input: "bandwidth", lowTotalTimeSec: 35.9, highTotalTimeSec: 20.4 },
  { input: "RTT", lowTotalTimeSec: 25.7, highTotalTimeSec: Infinity },
];

export const timelineRows: TimelineRow[] = [
  { name: "vm-01", startSec: 0, endSec: 120, outcome: "converged" },
  { name: "vm-02", startSec: 0, endSec: 215, outcome: "converged-throttled" },
  { name: "vm-03", startSec: 120, endSec: 410, outcome: "not-converging" },
];

/** Every builder applied to its fixture, by the file name used for goldens and renders. */
export function allSpecs(): Record<string, TopLevelSpec> {
  return {
    "migration-time": migrationTimeChart(migrationRows, { subtitle: "16 GiB VM, 0.5 s switchover goal" }),
    convergence: convergenceChart(convergenceRows, switchoverGoals),
    feasibility: feasibilityChart(feasibilityRows),
    "feasibility-bandwidth": feasibilityChart(
      [1e8, 1e9].flatMap((bw) =>
        [100, 400].map((d) => ({
          bandwidthBytesPerSec: bw,
          dirtyRateBytesPerSec: d * MiB,
          totalTimeSec: 16384 / (bw / MiB) + d / 100,
          outcome: "converged",
        })),
      ),
      { axis: "bandwidth", title: "Bandwidth x dirty rate" },
    ),
    "throughput-limits": throughputLimitsChart(throughputRows),
    distributions: distributionChart(distributionSamples),
    sensitivity: sensitivityChart(sensitivityRows, { baselineTotalTimeSec: 25.8, deltaFraction: 0.2 }),
    timeline: timelineChart(timelineRows, { title: "Plan <A & B>" }),
    "config-times": configTimesChart([
      { vm: "db", site: "local", config: "stretched-l2", totalTimeSec: 70, outcome: "converged" },
      { vm: "db", site: "wan", config: "stretched-l2", totalTimeSec: 4000, outcome: "converged-throttled" },
      { vm: "db", site: "local", config: "vmotion-stack-routed", totalTimeSec: NaN, outcome: "no-route" },
    ]),
  };
}
