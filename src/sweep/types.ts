import type { CanonicalInput } from "../input/fields.js";
import type { Distribution } from "./distributions.js";

/** A scalar as written in a sweep file: `64GiB`, `0.2`, `true`. */
export type RawValue = string | number | boolean;

/** A sweep file after the schema check (structure only; values are still user text). */
export interface SweepFile {
  readonly name?: string;
  readonly description?: string;
  readonly base: Readonly<Record<string, unknown>>;
  readonly axes: readonly RawAxis[];
  readonly samples?: number;
  readonly seed?: number;
  /** How `summary.json` and the console table group the scenarios: `by` names grid axes. */
  readonly summary?: { readonly by?: readonly string[] };
}

export interface RawRange {
  readonly from: RawValue;
  readonly to: RawValue;
  readonly count: number;
  readonly scale?: "linear" | "log";
}

export interface RawMember {
  readonly key: string;
  readonly values?: readonly RawValue[];
  readonly range?: RawRange;
}

export interface RawAxis {
  readonly name?: string;
  readonly key?: string;
  readonly values?: readonly RawValue[];
  readonly range?: RawRange;
  readonly distribution?: Readonly<Record<string, unknown>>;
  readonly zip?: readonly RawMember[];
  readonly rows?: readonly Readonly<Record<string, unknown>>[];
}

/** How a column is stored: every batch column is a Float64Array; enums hold label indices. */
export type ColumnType = "f64" | "int" | "enum";

export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  /** Labels of an enum column (the stored number is the index; NaN is null). */
  readonly labels?: readonly string[];
}

/** One field varied by a grid axis; values are canonical (parsed by the field table). */
export interface GridMember {
  readonly key: string;
  readonly column: string;
  /** null: this row leaves the field at its base value. */
  readonly values: readonly (number | string | boolean | null)[];
  /** How each value reads in group labels and in enum columns. */
  readonly labels: readonly string[];
  readonly numeric: boolean;
}

/** A crossed axis: one list, range, zip or rows; its members vary together. */
export interface GridAxis {
  readonly name: string;
  readonly length: number;
  readonly members: readonly GridMember[];
  /** Row labels of a `rows` axis (its own output column, named like the axis). */
  readonly rowLabels: readonly string[] | null;
}

/** A Monte Carlo axis: drawn per sample, independently of the other random axes. */
export interface RandomAxis {
  readonly name: string;
  readonly key: string;
  readonly column: string;
  readonly distribution: Distribution;
}

/**
 * A validated sweep: plain data (structured-cloneable), enough for any thread to rebuild scenario k.
 * Scenario k is grid point `floor(k / samples)` (mixed radix over `grid`, last axis fastest) and
 * Monte Carlo sample `k % samples`.
 */
export interface SweepPlan {
  readonly name: string;
  /** The file's base, parsed. */
  readonly base: CanonicalInput;
  readonly grid: readonly GridAxis[];
  readonly random: readonly RandomAxis[];
  readonly samples: number;
  readonly seed: number;
  readonly gridCount: number;
  /** Scenarios this plan runs: the whole sweep, or one shard of it (`shard.ts`). */
  readonly total: number;
  /**
   * Summary groups: the grid axes (indices into `grid`, in the order the user named them in
   * `summary.by`; by default the leading axes while there are at most MAX_GROUPS groups). The
   * other grid axes and every Monte Carlo axis are pooled within each group.
   */
  readonly groupAxes: readonly number[];
  /** Whether `summary.by` chose the groups (false: the default). */
  readonly groupAxesChosen: boolean;
  /**
   * A shard's plan runs scenarios `firstScenario + k` of the whole sweep, k in [0, total), and
   * records `sweepTotal`, the whole sweep's count; absent (0, total) for a whole sweep.
   */
  readonly firstScenario?: number;
  readonly sweepTotal?: number;
  readonly groupCount: number;
  readonly columns: readonly ColumnSpec[];
}
