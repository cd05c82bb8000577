import { evacuateTasks } from "./evacuate.js";
import { inputTasks } from "./input.js";
import { pathTasks } from "./path.js";
import { referenceTasks } from "./reference.js";
import { reportTasks } from "./report.js";
import { summaryTasks } from "./summary.js";
import { sweepTasks } from "./sweep.js";
import type { BenchOptions, BenchTask } from "./task.js";

/** Tasks beyond the core: the path model, sweeps, charts, reports and planning register here. */
export async function extraTasks(opts: BenchOptions): Promise<BenchTask[]> {
  return [
    ...referenceTasks(opts),
    ...inputTasks(opts),
    ...pathTasks(opts),
    ...sweepTasks(opts),
    ...summaryTasks(opts),
    ...evacuateTasks(opts),
    ...reportTasks(opts),
  ];
}
