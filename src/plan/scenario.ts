import { cliFlagName, type CanonicalInput, type FieldNamer } from "../input/fields.js";
import { pathOf } from "../input/path.js";
import { buildScenario } from "../input/scenario.js";
import type { Scenario } from "../model/types.js";
import type { PathResult } from "../network/index.js";

/** A scenario and, when path keys were given, the computed network path behind its transport. */
export interface PlannedScenario {
  readonly scenario: Scenario;
  readonly path: PathResult | null;
}

/**
 * Build a scenario from canonical input exactly as `estimate` does (`buildScenario`), keeping the
 * computed path (computed once): the planners need it (the link rate behind a throughput, the
 * shared bottleneck of an evacuation). `path` is null when no path key other than `rtt` is given.
 */
export function planScenario(input: CanonicalInput, name: FieldNamer = cliFlagName): PlannedScenario {
  const path = pathOf(input, {}, name);
  return { scenario: buildScenario(input, name, { path }), path };
}
