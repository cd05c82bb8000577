import type { DirtyModel, Scenario } from "../types.js";
import { dirtiedBytes } from "./dirtied.js";

const K_CONSTANT = 0;
const K_UNIFORM = 1;
const K_SEQUENTIAL = 2;
const K_OTHER = 3;

/**
 * U(t) of one scenario's dirty model, capped at memory: the same number as
 * {@link dirtiedBytes}`(model, memoryBytes, t)` (the same operations in the same order, so the
 * same double; test/model/evaluator.test.ts), for the kernel's hot loop.
 *
 * `dirtiedBytes` dispatches on the model's kind and the working set's pattern by string on every
 * call, and `workingSetDirtied` is too large for V8 to inline, so each call boxes its double
 * argument and result (a heap allocation each). Here the dispatch is decided once per scenario
 * ({@link reset}) and the constant, uniform and sequential formulas are small enough to be inlined
 * into the kernel's loop; hot-cold, Zipf and curves call `dirtiedBytes`.
 *
 * Example: after `reset({ kind: "constant", rateBytesPerSec: 1e8 }, 2 ** 30)`, `at(2)` = 2e8.
 */
export class DirtyEvaluator {
  // Number fields that hold fractions start as -0, a double: a field that first holds the small
  // integer 0 is widened to a double field when the first fraction is stored, which changes the
  // object's map and deoptimises every optimised function that relied on the old one (in one
  // process of ~40 the vMotion kernel then stayed in on-stack-replacement code, 3.4x slower).
  // See PrecopyRules (rules.ts); `reset` writes them before `at` reads them.
  // Read (never written) by the summary loops of `iterate.ts`, which keep them in locals.
  kind = K_OTHER;
  rateBytesPerSec = -0;
  wssBytes = -0;
  coldRateBytesPerSec = -0;
  coldBytes = -0;
  memoryBytes = -0;
  model: DirtyModel | null = null;
  /**
   * A bound on the rate U grows at (B/s): U(t + h) - U(t) <= bound x h for every t and h >= 0,
   * as the formulas compute it to within 1e-9 relative (below). The write rate for the constant
   * model, the hot rate plus the cold rate for uniform and sequential working sets (1 - e^-x <= x,
   * min(x, W) grows at most as x, the cold part at most at its rate, the memory cap never faster);
   * Infinity for the others. SDPS uses it to skip polls that cannot raise the throttle (rules.ts).
   * A field set by `reset`, not a getter: a getter the optimiser leaves a call returns a boxed
   * double (seen in some processes).
   *
   * Rounding: U is computed to a few ulps relative (the products, `expm1` within 1 ulp, whose
   * condition number x e^-x / (1 - e^-x) is below 1 for these arguments), so a difference
   * of U at two times t < t + h errs by at most ~10 ulps of U(t + h) <= bound x (t + h): relative to
   * bound x h, ~2.2e-15 x (t + h) / h, below 1e-11 for the SDPS polls (t + h at most 1,000 poll
   * intervals h).
   */
  rateBoundBytesPerSec = Infinity;

  reset(model: DirtyModel, memoryBytes: number): this {
    this.memoryBytes = memoryBytes;
    return this.resetModel(model);
  }

  /**
   * `reset(s.dirty, s.vm.memoryBytes)`, the same fields. No double crosses the call: a double
   * argument to a call that is not inlined is boxed: with `reset(s.dirty, s.vm.memoryBytes)`,
   * `PrecopyRules.reset` (inlined into runKernel) was left calling `reset` with the memory size
   * boxed, 16 bytes a scenario on the bench's vMotion working sets.
   */
  resetFor(s: Scenario): this {
    this.memoryBytes = s.vm.memoryBytes;
    return this.resetModel(s.dirty);
  }

  /** `reset(model, this.memoryBytes)`. */
  private resetModel(model: DirtyModel): this {
    const memoryBytes = this.memoryBytes;
    this.model = model;
    if (model.kind === "constant") {
      this.kind = K_CONSTANT;
      this.rateBytesPerSec = model.rateBytesPerSec;
      this.rateBoundBytesPerSec = model.rateBytesPerSec;
    } else if (
      model.kind === "working-set" &&
      (model.pattern === "uniform" || model.pattern === "sequential")
    ) {
      this.kind = model.pattern === "uniform" ? K_UNIFORM : K_SEQUENTIAL;
      this.rateBytesPerSec = model.rateBytesPerSec;
      this.wssBytes = model.wssBytes;
      this.coldRateBytesPerSec = model.coldRateBytesPerSec;
      // As workingSetDirtied computes it.
      this.coldBytes = memoryBytes - model.wssBytes > 0 ? memoryBytes - model.wssBytes : 0;
      this.rateBoundBytesPerSec = model.rateBytesPerSec + model.coldRateBytesPerSec;
    } else {
      this.kind = K_OTHER;
      this.rateBoundBytesPerSec = Infinity;
    }
    return this;
  }

  /**
   * True when U is concave in t for this model (constant, uniform, sequential: each a concave
   * function of t plus a capped linear cold part, capped at memory), so the dirty rate seen over
   * successive equal intervals never grows. SDPS uses it to stop polling (rules.ts).
   */
  get concave(): boolean {
    return this.kind !== K_OTHER;
  }

  /** Distinct bytes dirtied in `guestSec` seconds of guest time, capped at memory. */
  at(guestSec: number): number {
    return dirtiedAt(
      this.kind,
      this.rateBytesPerSec,
      this.wssBytes,
      this.coldRateBytesPerSec,
      this.coldBytes,
      this.memoryBytes,
      this.model,
      guestSec,
    );
  }
}

/**
 * {@link DirtyEvaluator.at} from the evaluator's fields passed as numbers: a loop that holds them
 * in locals (registers) calls this, and the optimiser inlines it. `model` is only read for the
 * kinds without an inline formula (hot-cold, Zipf, curves).
 */
export function dirtiedAt(
  kind: number,
  rateBytesPerSec: number,
  wssBytes: number,
  coldRateBytesPerSec: number,
  coldBytes: number,
  memoryBytes: number,
  model: DirtyModel | null,
  guestSec: number,
): number {
  let u: number;
  if (kind === K_UNIFORM || kind === K_SEQUENTIAL) {
    const writes = rateBytesPerSec * guestSec;
    // uniformHotBytes and sequentialHotBytes (working-set.ts), their operations written out: a
    // call to an imported function, even inlined, loads its binding from the module cell and
    // checks it at every iteration of the loops this is inlined into (~10 instructions a round).
    const hot =
      kind === K_UNIFORM ? wssBytes * -Math.expm1(-writes / wssBytes) : writes < wssBytes ? writes : wssBytes;
    const linear = coldRateBytesPerSec * guestSec;
    u = hot + (linear < coldBytes ? linear : coldBytes);
  } else if (kind === K_CONSTANT) u = rateBytesPerSec * guestSec;
  else return dirtiedBytes(model as DirtyModel, memoryBytes, guestSec);
  return u < memoryBytes ? u : memoryBytes;
}
