export {
  migrationTimeChart,
  convergenceStatus,
  type MigrationTimeRow,
  type ConvergenceStatus,
} from "./migration-time.js";
export { convergenceChart, type ConvergenceRow, type SwitchoverGoal } from "./convergence.js";
export {
  feasibilityChart,
  VMOTION_RTT_LIMIT_SEC,
  type FeasibilityRow,
  type FeasibilityOptions,
} from "./feasibility.js";
export {
  throughputLimitsChart,
  type ThroughputLimitsRow,
  type ThroughputBound,
} from "./throughput-limits.js";
export {
  distributionChart,
  markedQuantiles,
  MARKED_QUANTILES,
  type DistributionSample,
} from "./distributions.js";
export { sensitivityChart, type SensitivityRow, type SensitivityOptions } from "./sensitivity.js";
export { timelineChart, type TimelineRow } from "./timeline.js";
export { histogram, niceStep, type Bin } from "./histogram.js";
export { cellEdges, spansDecades } from "./edges.js";
export {
  titleOf,
  isFailed,
  lineWithPoints,
  FAILED_OUTCOMES,
  type ChartText,
  type TooltipField,
} from "./common.js";
export {
  CHART_FONT,
  OKABE_ITO,
  FAILED_GREY,
  PATH_ORDER,
  OUTCOME_COLOURS,
  VEGA_LITE_SCHEMA,
  chartConfig,
  pathColourEncoding,
  pathColourScale,
  seriesColourScale,
  outcomeColourScale,
  type ChartConfig,
} from "./theme.js";
export {
  BYTES_PER_MIB,
  toMiBPerSec,
  toGbitPerSec,
  timeUnitFor,
  roundSig,
  finiteMax,
  type TimeUnit,
} from "./units.js";
export { guestSlowdownChart, type SlowdownRow } from "./slowdown.js";
export { unifySeriesColours } from "./palette.js";
