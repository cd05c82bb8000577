import { runKernel, type Summary } from "./simulate.js";
import type { Scenario } from "./types.js";

/**
 * The summary path over a batch: `out[i]` gets what `runKernel(scenarios[i], out[i], null)` gives,
 * for every i < n, each field the same double. The entry point for callers that simulate many
 * scenarios at once (sweep workers, the packed path's iterating rows), so that the kernel may
 * overlap independent scenarios' work; today it runs them one by one.
 */
export function runKernelBatch(scenarios: readonly Scenario[], n: number, out: readonly Summary[]): void {
  if (n > scenarios.length || n > out.length)
    throw new RangeError(
      `runKernelBatch: ${n} scenarios asked, ${scenarios.length} given, ${out.length} summaries`,
    );
  for (let i = 0; i < n; i++) runKernel(scenarios[i] as Scenario, out[i] as Summary, null);
}
