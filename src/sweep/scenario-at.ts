import { quote } from "../errors.js";
import { fieldOf, type CanonicalInput, type FieldDef } from "../input/fields.js";
import { checkNumber } from "../input/parse.js";
import { draw } from "./distributions.js";
import { uniformAt } from "./rng.js";
import type { SweepPlan } from "./types.js";

/**
 * Scenario k of a plan, rebuilt from its index alone: grid point g = floor(k / samples) in mixed
 * radix over the grid axes (last axis fastest), sample s = k mod samples. Random axis r draws from
 * uniforms (seed, s, 2r) and (seed, s, 2r + 1): the draws depend only on the seed and the sample,
 * so every grid point sees the same Monte Carlo samples (common random numbers: differences
 * between groups are not sampling noise).
 */

/** Grid index of each axis for grid point g, into `out`. */
export function gridIndices(plan: SweepPlan, g: number, out: Int32Array): void {
  let rest = g;
  for (let a = plan.grid.length - 1; a >= 0; a--) {
    const len = (plan.grid[a] as { length: number }).length;
    out[a] = rest % len;
    rest = Math.floor(rest / len);
  }
}

/** The Monte Carlo draws of sample s, by field key. */
export function drawInputs(plan: SweepPlan, s: number): Record<string, number> {
  const out: Record<string, number> = {};
  plan.random.forEach((r, i) => {
    out[r.key] = draw(r.distribution, uniformAt(plan.seed, s, 2 * i), uniformAt(plan.seed, s, 2 * i + 1));
  });
  return out;
}

/**
 * Fills one reusable canonical input with scenario k's fields (base, then axis values, then draws,
 * each draw checked against its field's limits) and records the axis indices and draws.
 * Allocates nothing per scenario.
 *
 * Two ways to use it: `at(k)` sets every field at once; `step(k)` only moves the indices (and
 * says from which axis on they moved, {@link moved}), and `sync()` then writes the fields when
 * something reads them. The batch runner steps every scenario but syncs only when a scenario part
 * is built anew: most scenarios take all their parts from the assembler's cache, and writing an
 * axis field by its key (a keyed store with a key that changes from axis to axis) cost ~70 ns.
 */
export class InputBuilder {
  readonly input: Record<string, unknown>;
  private readonly randomFields: readonly FieldDef[];
  readonly indices: Int32Array;
  readonly draws: Float64Array;
  /**
   * After `step`: the first grid axis whose index may have changed since the previous step (every
   * axis after it may have too; `grid.length` when none did). 0 after a jump or the first step.
   */
  moved = 0;
  /** Index of each axis whose values the input holds (-1 before the first write). */
  private readonly written: Int32Array;
  private readonly lengths: Int32Array;
  /** Grid point of the previous call (-2 before the first). */
  private point = -2;
  constructor(private readonly plan: SweepPlan) {
    this.input = { ...plan.base };
    this.indices = new Int32Array(plan.grid.length);
    this.written = new Int32Array(plan.grid.length).fill(-1);
    this.lengths = Int32Array.from(plan.grid, (a) => a.length);
    this.draws = new Float64Array(plan.random.length);
    this.randomFields = plan.random.map((r) => fieldOf(r.key) as FieldDef);
  }

  /** Set the input to scenario k; returns it (the same object every time). */
  at(k: number): CanonicalInput {
    this.step(k);
    return this.sync();
  }

  /**
   * Move to scenario k: its grid indices and draws (not yet checked or written to the input: see
   * `sync`), and {@link moved}.
   */
  step(k: number): void {
    const plan = this.plan;
    const g = Math.floor(k / plan.samples);
    const s = k - g * plan.samples;
    // A sweep asks for k, k + 1, ...: the next grid point is the last one plus one in mixed
    // radix (the same indices as gridIndices, without a division and a modulo per axis).
    if (g === this.point + 1) this.moved = this.nextPoint();
    else if (g !== this.point) {
      gridIndices(plan, g, this.indices);
      this.moved = 0;
    } else this.moved = plan.grid.length;
    this.point = g;
    for (let r = 0; r < plan.random.length; r++) {
      const ax = plan.random[r];
      if (ax !== undefined)
        this.draws[r] = draw(
          ax.distribution,
          uniformAt(plan.seed, s, 2 * r),
          uniformAt(plan.seed, s, 2 * r + 1),
        );
    }
  }

  /**
   * The input of the scenario last stepped to: the fields of the axes whose index changed since
   * they were last written, then the draws, each checked against its field's limits (an
   * InputError names the field). Returns the input (the same object every time).
   */
  sync(): CanonicalInput {
    const plan = this.plan;
    for (let a = 0; a < plan.grid.length; a++) {
      const axis = plan.grid[a];
      if (axis === undefined) continue;
      const j = this.indices[a] as number;
      if (j === this.written[a]) continue;
      this.written[a] = j;
      for (const m of axis.members) {
        const v = m.values[j];
        this.input[m.key] = v === null ? (plan.base as Record<string, unknown>)[m.key] : v;
      }
    }
    for (let r = 0; r < plan.random.length; r++) {
      const ax = plan.random[r];
      if (ax === undefined) continue;
      this.input[ax.key] = checkNumber(this.randomFields[r] as FieldDef, this.draws[r] as number, ax.key);
    }
    return this.input as CanonicalInput;
  }

  /**
   * `indices` to the next grid point: the last axis steps, carrying into the slower ones. Returns
   * the slowest axis that moved.
   */
  private nextPoint(): number {
    const idx = this.indices;
    for (let a = idx.length - 1; a >= 0; a--) {
      const j = (idx[a] as number) + 1;
      if (j < (this.lengths[a] as number)) {
        idx[a] = j;
        return a;
      }
      idx[a] = 0;
    }
    return 0;
  }
}

/** Scenario k in words, for error messages: `scenario 17 (dirtyRate=400 MiB/s, preset=wan)`. */
export function describeScenario(plan: SweepPlan, k: number): string {
  const g = Math.floor(k / plan.samples);
  const s = k - g * plan.samples;
  const idx = new Int32Array(plan.grid.length);
  gridIndices(plan, g, idx);
  const parts: string[] = [];
  plan.grid.forEach((axis, a) => {
    const j = idx[a] as number;
    if (axis.rowLabels !== null) parts.push(`${axis.name}=${axis.rowLabels[j]}`);
    for (const m of axis.members) parts.push(`${m.key}=${m.labels[j]}`);
  });
  if (plan.random.length > 0) {
    const d = drawInputs(plan, s);
    parts.push(`sample ${s}`);
    for (const r of plan.random) parts.push(`${r.key}=${quote(d[r.key])}`);
  }
  return `scenario ${k} (${parts.join(", ")})`;
}
