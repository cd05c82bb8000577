import { fieldOf, type CanonicalInput, type FieldKey, type ScenarioPart } from "../input/fields.js";
import type { Scenario } from "../model/types.js";
import type { PathPlan } from "../network/plan.js";
import { SCENARIO_COLUMNS } from "./columns.js";

/**
 * A numeric axis column holds the value the scenario ran with, not the value the axis gave: a
 * `rows` row that leaves `dirtyRate` at its base writes the base rate, a path field left to the
 * preset writes the preset's value, a default working set writes its size. The axis itself
 * contributes only labels (the row label column, enum columns, group names).
 *
 * What ran is read from the scenario for every field that has a scenario column of the same name
 * (`memoryBytes`, `dirtyRateBytesPerSec`, `rttSec`, ...), and from the path plan the transport was
 * computed from for the path fields (`linkBytesPerSec`, `hops`, ...). NaN where the field does not
 * apply (a working set of a constant dirty model, the link rate of a directly given bandwidth).
 */
export interface Ran {
  readonly scenario: Scenario;
  /** The path plan behind the transport; null when the bandwidth was given without a path. */
  readonly plan: PathPlan | null;
  readonly input: CanonicalInput;
}

export interface AxisValue {
  /** The scenario part the value depends on: it is read again only when that part changed. */
  readonly part: ScenarioPart;
  readonly get: (r: Ran) => number;
  /** Whether `get` reads `plan` (the batch runner then computes the plan). */
  readonly readsPlan: boolean;
  /** Whether `get` reads `input` (the batch runner then keeps the input written every scenario). */
  readonly readsInput: boolean;
}

type PlanRead = (p: PathPlan) => number;

/** Path fields: the plan's value (a preset's default when the input leaves the field out). */
const PLAN_VALUES: Partial<Record<FieldKey, PlanRead>> = {
  link: (p) => p.linkBytesPerSec,
  hops: (p) => p.hops,
  hopDelay: (p) => p.hopDelaySec,
  mtu: (p) => p.hostMtuBytes,
  pathMtu: (p) => p.networkMtuBytes,
  loss: (p) => p.lossFraction,
  distance: (p) => p.distanceKm,
  streams: (p) => (typeof p.streams === "number" ? p.streams : NaN),
  socketBuffer: (p) => p.socketBufferBytes,
  expectedLineRate: (p) => p.latencyAware?.expectedLineRateBytesPerSec ?? NaN,
  concurrent: (p) => p.concurrent,
};

/** The value the input ran with (the base when an axis row leaves it out); NaN when absent. */
const given =
  (key: FieldKey) =>
  (r: Ran): number => {
    const v = r.input[key];
    return typeof v === "number" ? v : NaN;
  };

/** Fields with neither a scenario column nor a plan value. */
const OTHER_VALUES: Partial<Record<FieldKey, (r: Ran) => number>> = {
  // Host network configuration (src/input/host.ts): the value given; a field left to the
  // configuration's default reads NaN. [limitation: the resolved host network is not kept]
  vmknics: given("vmknics"),
  vmotionNics: given("vmotionNics"),
  uplink: given("uplink"),
  uplinkShare: given("uplinkShare"),
  uplinkBackground: given("uplinkBackground"),
  destMtu: given("destMtu"),
  mgmtUplink: given("mgmtUplink"),
  mgmtMtu: given("mgmtMtu"),
  mgmtFlowCap: given("mgmtFlowCap"),
  mgmtBackground: given("mgmtBackground"),
  // The given throughput (with a path, it replaces the path's).
  bandwidth: (r) => (r.input.bandwidth === undefined ? NaN : r.scenario.transport.throughputBytesPerSec),
  hotShare: ({ scenario: { dirty: d } }) =>
    d.kind === "working-set" && d.pattern === "hot-cold" ? d.hotShare : NaN,
};

/** How the column of a numeric field varied by an axis reads what ran. */
export function axisValueOf(key: string): AxisValue {
  const f = fieldOf(key);
  if (f === undefined) throw new RangeError(`no field ${key}`);
  const col = SCENARIO_COLUMNS.find((c) => c.name === f.column);
  if (col !== undefined)
    return { part: col.part, get: (r) => col.get(r.scenario), readsPlan: false, readsInput: false };
  const fromPlan = PLAN_VALUES[f.key as FieldKey];
  if (fromPlan !== undefined)
    return {
      part: f.part,
      get: (r) => (r.plan === null ? NaN : fromPlan(r.plan)),
      readsPlan: true,
      readsInput: false,
    };
  const ran = f.ran;
  if (ran !== undefined)
    return { part: f.part, get: (r) => ran(r.scenario, r.input), readsPlan: false, readsInput: true };
  const other = OTHER_VALUES[f.key as FieldKey];
  if (other !== undefined) return { part: f.part, get: other, readsPlan: false, readsInput: true };
  throw new RangeError(`field ${key} has no output value: add it to src/sweep/axis-values.ts`);
}
