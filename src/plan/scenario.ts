import { buildScenario, cliFlagName, type FieldNamer, type ScenarioInput } from "../input/scenario.js";
import type { Scenario } from "../model/types.js";
import { hasPathInput, pathResultFromInput } from "../network/index.js";
import type { PathResult } from "../network/index.js";

/** A scenario and, when path keys were given, the computed network path behind its transport. */
export interface PlannedScenario {
  readonly scenario: Scenario;
  readonly path: PathResult | null;
}

/**
 * Build a scenario from user input exactly as `estimate` does (`buildScenario`), keeping the
 * computed path: the planners need it (the link rate behind a throughput, the shared bottleneck
 * of an evacuation). `path` is null when no path key other than `--rtt` is given.
 */
export function planScenario(input: ScenarioInput, name: FieldNamer = cliFlagName): PlannedScenario {
  return { scenario: buildScenario(input, name), path: pathResultFromInput(input, name) };
}

/** True when the input asks for the network path model (any path key but `--rtt`). */
export function hasPathKeys(input: ScenarioInput): boolean {
  return hasPathInput(input);
}
