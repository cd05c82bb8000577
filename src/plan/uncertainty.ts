import { quantileSorted } from "simple-statistics";
import { InputError } from "../errors.js";
import {
  cliFlagName,
  fieldOf,
  type CanonicalInput,
  type FieldDef,
  type FieldNamer,
} from "../input/fields.js";
import { checkNumber } from "../input/parse.js";
import { buildScenario } from "../input/scenario.js";
import { formatFieldValue, type SampleOptions, type UncertainInput } from "../input/uncertain.js";
import { OUTCOMES, SWITCHED_OVER_CODES, type Outcome } from "../model/types.js";
import { layoutColumns } from "../sweep/columns.js";
import { runSweep } from "../sweep/run.js";
import { drawInputs } from "../sweep/scenario-at.js";
import type { RandomAxis, SweepPlan } from "../sweep/types.js";
import { formatCount } from "../units/format.js";

/**
 * Uncertainty as an answer (issue 16 item 5): when inputs are ranges or distributions
 * (`src/input/uncertain.ts`), the migration is run for `samples` Monte Carlo draws on the sweep
 * engine (a plan with one Monte Carlo axis per uncertain input and no grid: the engine's seeded,
 * counter-based draws, `src/sweep/rng.ts`, so draw s is the same on any worker count and in any
 * batch), and the draws are summarised as:
 *
 * - p10, median, p90 of total time and of guest-seen stun, over the draws that switched over
 *   (every outcome but the failures: the VM of a failed draw stays on the source, so it has no
 *   stun; how many failed is reported next to it);
 * - p10, median, p90 of the peak guest slowdown over the draws that were throttled;
 * - the share of draws by outcome: converged without throttling, converged only throttled,
 *   forced (round or data cap), failed.
 *
 * Quantiles: linear interpolation between order statistics (Hyndman & Fan 1996 type 7, as
 * simple-statistics' `quantileSorted` computes it), which is monotone in p. Sampling error: the
 * rank of the sample p-quantile is Binomial(N, p), so it estimates a true quantile within
 * p +- 1.96 sqrt(p (1 - p) / N) at 95 % (N = 1,000: p10 is the true p8.1..p11.9, the median
 * p46.9..p53.1), and a share q within +- 1.96 sqrt(q (1 - q) / N) (at most +-3.1 points at
 * N = 1,000). [derivation: normal approximation to the binomial]
 */
export interface Quantiles {
  readonly p10: number;
  readonly median: number;
  readonly p90: number;
}

/** The outcome classes every sentence and the JSON use. */
export interface OutcomeShares {
  /** Converged without throttling. */
  readonly converged: number;
  /** Converged only because SDPS or auto-converge slowed the guest. */
  readonly throttled: number;
  /** Switched over at the round limit or data cap. */
  readonly forced: number;
  /** Did not switch over (not-converging, switchover-timeout, no route, ...). */
  readonly failed: number;
}

export interface UncertaintySummary {
  readonly samples: number;
  readonly seed: number;
  readonly inputs: readonly {
    readonly key: string;
    readonly flag: string;
    readonly text: string;
    readonly words: string;
    readonly median: number;
  }[];
  /** Draws by outcome, every outcome listed. */
  readonly outcomes: Readonly<Record<Outcome, number>>;
  /** Shares of the draws by class. */
  readonly shares: OutcomeShares;
  /** Draws that switched over: the population of the time quantiles. */
  readonly switchedOver: number;
  readonly totalTimeSec: Quantiles | null;
  readonly downtimeSec: Quantiles | null;
  /** Peak guest slowdown over the throttled draws (null when none was throttled). */
  readonly guestSlowdown: (Quantiles & { readonly over: number }) | null;
  /** 95 % sampling half-widths at this N (see the module comment). */
  readonly samplingError: {
    /** Of a share, at its worst (q = 0.5), in fraction points. */
    readonly shareHalfWidth: number;
    /** Of the p10 and p90 estimates, in quantile levels (0.019 at N = 1,000). */
    readonly p10RankHalfWidth: number;
  };
  readonly method: string;
}

const METHOD =
  "Monte Carlo on the sweep engine: independent seeded draws (counter-based, worker-count independent); p10/median/p90 by linear interpolation of order statistics (type 7)";

/**
 * The sweep plan of an uncertain input: no grid axes, one Monte Carlo axis per uncertain field,
 * `samples` draws from `seed`. Each draw is checked before anything runs: every drawn value
 * against its field's limits, and the lowest and highest draw of each field through
 * `buildScenario` with the others at their medians (combinations: a working set above memory);
 * `check.scenarios: false` skips the scenarios (`solve`, whose unknown is not in the input yet,
 * checks each draw's input itself).
 */
export function uncertaintyPlan(
  u: UncertainInput,
  opts: SampleOptions,
  name: FieldNamer = cliFlagName,
  check: { scenarios?: boolean } = {},
): SweepPlan {
  const random: RandomAxis[] = u.uncertain.map((f) => ({
    name: f.key,
    key: f.key,
    column: (fieldOf(f.key) as FieldDef).column,
    distribution: f.distribution,
  }));
  const layout = layoutColumns([], random);
  const plan: SweepPlan = {
    name: "uncertainty",
    base: u.input,
    grid: [],
    random,
    samples: opts.samples,
    seed: opts.seed,
    gridCount: 1,
    total: opts.samples,
    groupAxes: [],
    groupAxesChosen: false,
    groupCount: 1,
    columns: layout.columns,
  };
  // Missing or conflicting inputs fail here, at the medians, before any draw is looked at.
  const scenarios = check.scenarios ?? true;
  if (scenarios) buildScenario(u.input, name, { freeze: false, warnings: false });
  const lowest = new Map<string, { v: number; s: number }>();
  const highest = new Map<string, { v: number; s: number }>();
  for (let s = 0; s < opts.samples; s++) {
    const d = drawInputs(plan, s);
    for (const f of u.uncertain) {
      const v = d[f.key] as number;
      const def = fieldOf(f.key) as FieldDef;
      try {
        checkNumber(def, v, f.flag);
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        throw new InputError(
          "bad-value",
          f.flag,
          `draw ${formatCount(s + 1)} of ${formatCount(opts.samples)} from ${JSON.stringify(f.text)} is ${formatFieldValue(def, v)}, which the field does not accept (${err.detail.replace(/ \(got .*\)$/, "")}): narrow the distribution or give a range LO..HI`,
          f.text,
        );
      }
      const lo = lowest.get(f.key);
      if (lo === undefined || v < lo.v) lowest.set(f.key, { v, s });
      const hi = highest.get(f.key);
      if (hi === undefined || v > hi.v) highest.set(f.key, { v, s });
    }
  }
  for (const f of scenarios ? u.uncertain : []) {
    const def = fieldOf(f.key) as FieldDef;
    for (const [end, m] of [
      ["lowest", lowest],
      ["highest", highest],
    ] as const) {
      const at = m.get(f.key);
      if (at === undefined) continue;
      try {
        buildScenario({ ...u.input, [f.key]: at.v } as CanonicalInput, name, {
          freeze: false,
          warnings: false,
        });
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        throw new InputError(
          err.code,
          err.field,
          `${err.detail} (at the ${end} draw of ${f.flag}, ${formatFieldValue(def, at.v)})`,
          err.value,
        );
      }
    }
  }
  return plan;
}

/** Every draw's outcome code, total time, stun and peak guest slowdown, index = draw. */
export interface Draws {
  readonly outcome: Float64Array;
  readonly totalTimeSec: Float64Array;
  readonly downtimeSec: Float64Array;
  readonly guestSlowdown: Float64Array;
}

/**
 * Run the draws of `plan` on the sweep engine (`workers` 0: in this thread, the default; the
 * numbers are the same for any count). An input error in a draw names the field via `name`.
 */
export async function runDraws(
  plan: SweepPlan,
  opts: { workers?: number; name?: FieldNamer } = {},
): Promise<Draws> {
  const n = plan.total;
  const out: Draws = {
    outcome: new Float64Array(n),
    totalTimeSec: new Float64Array(n),
    downtimeSec: new Float64Array(n),
    guestSlowdown: new Float64Array(n),
  };
  const col = (c: string): number => plan.columns.findIndex((x) => x.name === c);
  const cols = [col("outcome"), col("totalTimeSec"), col("downtimeSec"), col("guestSlowdown")];
  const into = [out.outcome, out.totalTimeSec, out.downtimeSec, out.guestSlowdown];
  const name = opts.name ?? cliFlagName;
  try {
    await runSweep(plan, {
      workers: opts.workers ?? 0,
      batchSize: Math.min(n, 4096),
      onBatch: (b) => {
        cols.forEach((c, i) => (into[i] as Float64Array).set(b.columns[c] as Float64Array, b.start));
      },
    });
  } catch (err) {
    // The engine names a field by its key: say it as the user wrote it.
    if (err instanceof InputError && fieldOf(err.field) !== undefined)
      throw new InputError(err.code, name(err.field), err.detail, err.value);
    throw err;
  }
  return out;
}

function quantiles(sorted: Float64Array): Quantiles | null {
  if (sorted.length === 0) return null;
  const x = sorted as unknown as number[];
  return { p10: quantileSorted(x, 0.1), median: quantileSorted(x, 0.5), p90: quantileSorted(x, 0.9) };
}

const CONVERGED = OUTCOMES.indexOf("converged");
const THROTTLED = OUTCOMES.indexOf("converged-throttled");

/** Summarise the draws (see the module comment). */
export function summarizeDraws(u: UncertainInput, opts: SampleOptions, d: Draws): UncertaintySummary {
  const n = d.outcome.length;
  const counts = new Float64Array(OUTCOMES.length);
  let switched = 0;
  let throttledN = 0;
  for (let i = 0; i < n; i++) {
    const o = d.outcome[i] as number;
    counts[o] = (counts[o] as number) + 1;
    if (SWITCHED_OVER_CODES[o] === 1) switched++;
    if (o === THROTTLED) throttledN++;
  }
  const total = new Float64Array(switched);
  const stun = new Float64Array(switched);
  const slow = new Float64Array(throttledN);
  let k = 0;
  let t = 0;
  for (let i = 0; i < n; i++) {
    const o = d.outcome[i] as number;
    if (SWITCHED_OVER_CODES[o] === 1) {
      total[k] = d.totalTimeSec[i] as number;
      stun[k] = d.downtimeSec[i] as number;
      k++;
    }
    if (o === THROTTLED) slow[t++] = d.guestSlowdown[i] as number;
  }
  total.sort();
  stun.sort();
  slow.sort();
  const outcomes = Object.fromEntries(OUTCOMES.map((o, i) => [o, counts[i] as number])) as Record<
    Outcome,
    number
  >;
  const converged = (counts[CONVERGED] as number) / n;
  const throttled = throttledN / n;
  const failed = (n - switched) / n;
  const slowQ = quantiles(slow);
  return {
    samples: opts.samples,
    seed: opts.seed,
    inputs: u.uncertain.map((f) => ({
      key: f.key,
      flag: f.flag,
      text: f.text,
      words: f.words,
      median: f.median,
    })),
    outcomes,
    shares: {
      converged,
      throttled,
      forced: (switched - (counts[CONVERGED] as number) - throttledN) / n,
      failed,
    },
    switchedOver: switched,
    totalTimeSec: quantiles(total),
    downtimeSec: quantiles(stun),
    guestSlowdown: slowQ === null ? null : { ...slowQ, over: throttledN },
    samplingError: {
      shareHalfWidth: 1.96 * Math.sqrt(0.25 / n),
      p10RankHalfWidth: 1.96 * Math.sqrt(0.09 / n),
    },
    method: METHOD,
  };
}

/** Plan, run and summarise: the uncertain answer of one input. */
export async function estimateUncertainty(
  u: UncertainInput,
  opts: SampleOptions,
  run: { workers?: number; name?: FieldNamer } = {},
): Promise<UncertaintySummary> {
  const plan = uncertaintyPlan(u, opts, run.name);
  return summarizeDraws(u, opts, await runDraws(plan, run));
}
