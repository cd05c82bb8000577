/** Findings: pure functions from simulated results to sentences with their figures. */
export { routingFindings, convergenceLimitFindings, type RoutingOptions } from "./routing.js";
export { slowdownFindings } from "./slowdown.js";
export { feasibilityFindings } from "./feasibility.js";
export { throughputFindings } from "./throughput.js";
export { distributionFindings, type DistributionPoint } from "./distribution.js";
export { convergenceFindings, type ConvergenceTrace } from "./convergence.js";
export { sensitivityFindings, type SensitivityFindingRow } from "./sensitivity.js";
export { solveFinding } from "./solve.js";
export { toPoints, bySeries, nearestRate, bandwidthOf, type SweepPoint } from "./points.js";
export { pct, rate, time, outcomeWords, completed, list } from "./words.js";
