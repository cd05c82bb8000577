import { PART_KEYS, type CanonicalInput, type FieldNamer, type ScenarioPart } from "../input/fields.js";
import { pathOf } from "../input/path.js";
import { costsOf, dirtyOf, policyOf, transportOf, vmOf } from "../input/scenario.js";
import type { CostSpec, DirtyModel, Policy, Scenario, TransportSpec, VmSpec } from "../model/types.js";
import type { InputBuilder } from "./scenario-at.js";
import type { SweepPlan } from "./types.js";

/**
 * The sweep's fast path to a scenario: the same part builders as `buildScenario` (`vmOf`,
 * `dirtyOf`, `policyOf`, `transportOf` on `pathOf`, `costsOf`), on canonical input (numbers: nothing
 * is parsed per scenario), each called only when an input it reads has a value it has not been
 * built from yet. The keys each part reads are the field table's `PART_KEYS`.
 *
 * Each part is memoised by the grid-axis indices that feed it (a mixed-radix key over those axes,
 * when there are at most {@link MAX_PART_CACHE} combinations): the scale sweep's transport, fed by
 * the RTT axis alone, is computed once per RTT value, not once per scenario. A part fed by a
 * Monte Carlo axis, or by too many combinations, is rebuilt whenever a feeding axis moved since
 * the previous scenario (grid order: last axis fastest; random axes move every sample).
 *
 * Nothing is skipped from validation: every part value was built by the boundary from exactly
 * the inputs this scenario has, so an invalid combination still throws the boundary's InputError
 * (the batch runner names the scenario). Parts are not frozen and path warnings are not formatted
 * (neither is part of the numbers). Tests check the result equals `buildScenario` field for field.
 */

const PATH_OPTIONS = { warnings: false } as const;

/** Most cached values per part. [assumption: bounds memory to a few MB per worker] */
export const MAX_PART_CACHE = 65_536;

type PartName = ScenarioPart;

interface PartPlan {
  /** Grid axes feeding the part, slowest first. */
  readonly axes: readonly number[];
  /** The fastest of them (-1 when none): the part may move when an axis from this one on moves. */
  readonly lastAxis: number;
  /** Mixed-radix weight of each feeding axis (null: not cached). */
  readonly weights: readonly number[] | null;
  readonly randomFed: boolean;
  /** Built values by mixed-radix key (an array: a lookup a row is an index, not a hash). */
  readonly cache: unknown[] | null;
}

function feeds(keys: readonly string[], part: PartName): boolean {
  const own: readonly string[] = PART_KEYS[part];
  return keys.some((k) => own.includes(k));
}

/** Builds scenarios of one plan; one per thread, inputs given in any order. */
export class ScenarioAssembler {
  private readonly parts: Record<PartName, PartPlan>;
  private first = true;
  /**
   * By `InputBuilder.moved` (0 to the number of grid axes): a bit a part (bit i for part i of
   * {@link changed}) that may have moved: an axis feeding it is at or after `moved`, or a draw
   * feeds it. One load a scenario where each part's plan was read (~8 ns a row).
   */
  private readonly movesAt: Uint8Array;
  /**
   * After each `assemble`: 1 for each part (in the order of SCENARIO_PARTS: vm, dirty, policy,
   * transport, costs) that is another object than in the previous call, or all after a reset.
   */
  readonly changed = new Uint8Array(5);
  /**
   * After each `assemble`: the cache key of each part's object (same order as {@link changed}),
   * -1 for a part that is not cached. Equal keys are equal parts, so what is read from a part can
   * be cached by its key too (the batch runner's columns, `PartRuns`).
   */
  readonly keys = new Int32Array(5).fill(-1);
  /** The scenario object, reused: valid until the next call. */
  private readonly scenario: { -readonly [K in keyof Scenario]: Scenario[K] | null };

  constructor(
    plan: SweepPlan,
    private readonly name: FieldNamer,
  ) {
    const randomKeys = plan.random.map((r) => r.key);
    const make = (part: PartName): PartPlan => {
      const axes: number[] = [];
      plan.grid.forEach((a, i) => {
        if (
          feeds(
            a.members.map((m) => m.key),
            part,
          )
        )
          axes.push(i);
      });
      const randomFed = feeds(randomKeys, part);
      let combos = 1;
      for (const i of axes) combos *= (plan.grid[i] as { length: number }).length;
      const cached = !randomFed && combos <= MAX_PART_CACHE;
      let weights: number[] | null = null;
      if (cached) {
        weights = axes.map(() => 0);
        let w = 1;
        for (let j = axes.length - 1; j >= 0; j--) {
          weights[j] = w;
          w *= (plan.grid[axes[j] as number] as { length: number }).length;
        }
      }
      return {
        axes,
        lastAxis: axes.length === 0 ? -1 : (axes[axes.length - 1] as number),
        weights,
        randomFed,
        cache: cached ? new Array<unknown>(combos).fill(undefined) : null,
      };
    };
    this.parts = {
      vm: make("vm"),
      dirty: make("dirty"),
      policy: make("policy"),
      transport: make("transport"),
      costs: make("costs"),
    };
    this.scenario = { vm: null, dirty: null, policy: null, transport: null, costs: null };
    const P = this.parts;
    const inOrder = [P.vm, P.dirty, P.policy, P.transport, P.costs];
    this.movesAt = Uint8Array.from({ length: plan.grid.length + 1 }, (_, moved) =>
      inOrder.reduce((bits, p, i) => bits | ((p.randomFed || p.lastAxis >= moved ? 1 : 0) << i), 0),
    );
  }

  /**
   * The cached part for grid indices `idx`, or undefined (also when the part is not cached); its
   * key goes to `keys[slot]` (-1 when not cached), where `store` finds it.
   */
  private cached(p: PartPlan, slot: number, idx: Int32Array): unknown {
    if (p.cache === null || p.weights === null) {
      this.keys[slot] = -1;
      return undefined;
    }
    let key = 0;
    const weights = p.weights;
    for (let j = 0; j < p.axes.length; j++)
      key += (idx[p.axes[j] as number] as number) * (weights[j] as number);
    this.keys[slot] = key;
    return p.cache[key];
  }

  private store<T>(p: PartPlan, slot: number, v: T): T {
    if (p.cache !== null) p.cache[this.keys[slot] as number] = v;
    return v;
  }

  /**
   * Values a part's cache holds at most (the combinations of its feeding axes), by part in the
   * order of {@link changed}; 0 for a part that is not cached (rebuilt whenever it may move).
   */
  cacheSizes(): number[] {
    const P = this.parts;
    return [P.vm, P.dirty, P.policy, P.transport, P.costs].map((p) => p.cache?.length ?? 0);
  }

  /**
   * The scenario `builder` was last stepped to (`InputBuilder.step`). A part is looked up again
   * only when an axis feeding it may have moved ({@link InputBuilder.moved}) or a draw feeds it,
   * first in the cache; the builder's input is synced (its fields written) only when a part is
   * built anew, so a scenario whose parts all come from the cache writes no field. Returns one
   * reused object: read it before the next call. {@link changed} then tells which parts are other
   * objects than in the previous call (a part not looked up is the same object).
   */
  assemble(builder: InputBuilder): Scenario {
    const n = this.name;
    const P = this.parts;
    const s = this.scenario;
    const first = this.first;
    const idx = builder.indices;
    const ch = this.changed;
    const moves = first ? 31 : (this.movesAt[builder.moved] as number);
    // vm first: dirty and costs read it (their keys include the vm keys, so they move with it).
    // Parts are looked up without closures: this runs once a scenario. Each part's new object is
    // compared with the previous scenario's, then stored in the scenario.
    if ((moves & 1) !== 0) {
      const v =
        (this.cached(P.vm, 0, idx) as VmSpec | undefined) ?? this.store(P.vm, 0, vmOf(builder.sync(), n));
      ch[0] = first || v !== s.vm ? 1 : 0;
      s.vm = v;
    } else ch[0] = 0;
    const vm = s.vm as VmSpec;
    if ((moves & 2) !== 0) {
      const v =
        (this.cached(P.dirty, 1, idx) as DirtyModel | undefined) ??
        this.store(P.dirty, 1, dirtyOf(builder.sync(), n, vm.memoryBytes));
      ch[1] = first || v !== s.dirty ? 1 : 0;
      s.dirty = v;
    } else ch[1] = 0;
    if ((moves & 4) !== 0) {
      const v =
        (this.cached(P.policy, 2, idx) as Policy | undefined) ??
        this.store(P.policy, 2, policyOf(builder.sync(), n));
      ch[2] = first || v !== s.policy ? 1 : 0;
      s.policy = v;
    } else ch[2] = 0;
    if ((moves & 8) !== 0) {
      const v =
        (this.cached(P.transport, 3, idx) as TransportSpec | undefined) ?? this.transportOf(builder.sync());
      ch[3] = first || v !== s.transport ? 1 : 0;
      s.transport = v;
    } else ch[3] = 0;
    if ((moves & 16) !== 0) {
      const v =
        (this.cached(P.costs, 4, idx) as CostSpec | undefined) ??
        this.store(P.costs, 4, costsOf(builder.sync(), vm));
      ch[4] = first || v !== s.costs ? 1 : 0;
      s.costs = v;
    } else ch[4] = 0;
    this.first = false;
    return s as Scenario;
  }

  private transportOf(input: CanonicalInput): TransportSpec {
    const n = this.name;
    return this.store(this.parts.transport, 3, transportOf(input, n, pathOf(input, PATH_OPTIONS, n)));
  }

  /** Forget the previous scenario (after a failure: the parts may be half updated). */
  reset(): void {
    this.first = true;
  }
}
