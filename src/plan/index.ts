/** Planning (issue 8): inverse questions (`solve`) and host/site evacuation (`evacuate`). */
export { bracketSearch, searchGrid, type SearchResult, type SearchScale, type SearchSpec } from "./search.js";
export {
  meetsTargets,
  solve,
  SOLVE_FOR,
  SOLVE_RANGES,
  SOLVE_TOLERANCE_REL,
  type SolveAnswer,
  type SolveFor,
  type SolvePoint,
  type SolveTargets,
  type SolveUnit,
} from "./solve.js";
export { planScenario, type PlannedScenario } from "./scenario.js";
export {
  fairShares,
  simulateEvacuation,
  type EvacuationOptions,
  type EvacuationResult,
  type EvacuationVm,
  type VmTimeline,
} from "./evacuate.js";
export { evacuationSetup, type EvacuationSetup } from "./evacuation-setup.js";
export { INVENTORY_VM_KEYS, inventoryFieldNamer, parseInventory, type InventoryRow } from "./inventory.js";
export {
  maxConcurrentVmotions,
  ONE_GBE_BYTES_PER_SEC,
  vcenterCostLimits,
  type CostLimit,
} from "./concurrency.js";
export {
  betterEvacuation,
  bestFoundOrder,
  mulberry32,
  runStrategies,
  strategyOrder,
  STRATEGIES,
  type BestFound,
  type HeuristicStrategy,
  type Strategy,
  type StrategyRun,
} from "./strategies.js";
