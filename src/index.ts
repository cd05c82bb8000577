/** The library's public API: the pre-copy core, its types, and the input boundary. */
export { simulate, simulateSummary, runKernel, Summary, describeStop, STOP } from "./model/simulate.js";
export type * from "./model/types.js";
export { OUTCOMES } from "./model/types.js";
export {
  VMOTION_DEFAULTS,
  QEMU_DEFAULTS,
  XEN_DEFAULTS,
  XEN_V2_DEFAULTS,
  defaultPolicy,
} from "./model/policies/index.js";
export { defaultCosts, defaultCheckpointBytes, traceSetupSec } from "./model/costs.js";
export { makeCurve } from "./model/dirty/curve.js";
export { dirtiedBytes } from "./model/dirty/dirtied.js";
export {
  FIELDS,
  FIELD_KEYS,
  cliFlagName,
  type CanonicalInput,
  type CurvePoints,
  type Dimension,
  type FieldDef,
  type FieldKey,
  type FieldNamer,
} from "./input/fields.js";
export { parseInput, parseField, type RawInput } from "./input/parse.js";
export { buildScenario, scenarioFromInput, type BuildScenarioOptions } from "./input/scenario.js";
export { planOf, pathOf, hasPath } from "./input/path.js";
export { InputError, type ErrorCode } from "./errors.js";
export * from "./units/parse.js";
export * from "./units/format.js";
export { PrecopyStepper } from "./model/stepper.js";
export * from "./network/index.js";
export * from "./plan/index.js";
export * from "./sweep/index.js";
export * from "./charts/index.js";
export { renderSvg, renderPng, writeChart } from "./render/index.js";
export * from "./calibrate/index.js";
