import { quantileSorted } from "simple-statistics";
import { cliFlagName, type CanonicalInput, type FieldNamer } from "../input/fields.js";
import type { SampleOptions, UncertainInput } from "../input/uncertain.js";
import { drawInputs } from "../sweep/scenario-at.js";
import { solve, type SolveAnswer, type SolveFor, type SolveTargets } from "./solve.js";
import { uncertaintyPlan, type Quantiles } from "./uncertainty.js";

/**
 * `solve` when inputs are uncertain (issue 16 item 5). The question becomes: the largest value
 * (for dirty rate, memory, RTT, loss) or the smallest (throughput, link, streams) for which
 * P(the migration works) >= `probability` (default 90 %), "works" as for a scalar solve:
 * converges without throttling, within the total and stun targets.
 *
 * Method: for each of the `samples` draws (the sweep engine's seeded draws, `drawInputs`, so
 * draw s is the same as in `estimate`), the scalar {@link solve} finds that draw's own answer
 * v_s. The model is monotone in the unknown for every draw (the premise of `solve`), so draw s
 * works at v exactly when v <= v_s (max) or v >= v_s (min). The share of draws that work at v is
 * then #{s: v_s >= v} / N, and the answer is the k-th largest v_s (max; the k-th smallest for
 * min) with k = ceil(probability N): exact for the sample, no second search. A draw with no
 * answer in the range counts as failing everywhere; if more than N - k draws have none, there is
 * no answer at that probability.
 */
export interface UncertainSolveAnswer {
  readonly samples: number;
  readonly seed: number;
  /** The probability the answer must reach. */
  readonly probability: number;
  /** The answer in canonical units; null when fewer than `probability` of the draws have one. */
  readonly value: number | null;
  /** Draws that work at `value` (at least ceil(probability x samples)); 0 when value is null. */
  readonly drawsMeeting: number;
  /** Share of the draws that have an answer in the searched range. */
  readonly feasibleShare: number;
  /** p10/median/p90 of the draws' own answers, over the draws that have one (streams: whole). */
  readonly perDraw: Quantiles | null;
  /** The rule the answer rests on, in words. */
  readonly rule: string;
  /** Simulations run over every draw. */
  readonly evaluations: number;
}

/** Default probability an uncertain solve answer must reach. [assumption: a common planning level] */
export const DEFAULT_SOLVE_PROBABILITY = 0.9;

/** Solve for `what` over the draws of `u`; see the module comment. */
export function solveUncertain(
  what: SolveFor,
  u: UncertainInput,
  targets: SolveTargets,
  sampling: SampleOptions,
  probability: number = DEFAULT_SOLVE_PROBABILITY,
  name: FieldNamer = cliFlagName,
): { atMedians: SolveAnswer; uncertain: UncertainSolveAnswer } {
  // The answer at the medians first: it validates the input and refuses an uncertain unknown.
  const atMedians = solve(what, u.input, targets, name);
  const plan = uncertaintyPlan(u, sampling, name, { scenarios: false });
  const n = sampling.samples;
  const values: number[] = [];
  let evaluations = 0;
  for (let s = 0; s < n; s++) {
    const input = { ...u.input, ...drawInputs(plan, s) } as CanonicalInput;
    const a = solve(what, input, targets, name);
    evaluations += a.evaluations;
    if (a.value !== null) values.push(a.value);
  }
  const max = atMedians.direction === "max";
  // Ascending for min (the k-th smallest), descending for max (the k-th largest).
  values.sort((x, y) => (max ? y - x : x - y));
  const k = Math.ceil(probability * n - 1e-9);
  const value = values.length >= k ? (values[k - 1] as number) : null;
  let meeting = 0;
  if (value !== null) for (const v of values) if (max ? v >= value : v <= value) meeting++;
  const asc = [...values].sort((x, y) => x - y);
  // Streams are whole: their quantiles are the nearest order statistic's value, not an interpolation.
  const q = (p: number): number => {
    const v = quantileSorted(asc, p);
    return what === "streams" ? (asc[Math.round((asc.length - 1) * p)] as number) : v;
  };
  const perDraw = asc.length === 0 ? null : { p10: q(0.1), median: q(0.5), p90: q(0.9) };
  const pct = `${Math.round(probability * 1000) / 10} %`;
  const rule = `the ${max ? "largest" : "smallest"} value at which at least ${pct} of the draws work: each draw's own answer is found by the scalar search, and the answer is the value ${pct} of them ${max ? "reach or exceed" : "are at or below"} (exact for the sample, as every draw is monotone in the unknown)`;
  return {
    atMedians,
    uncertain: {
      samples: n,
      seed: sampling.seed,
      probability,
      value,
      drawsMeeting: meeting,
      feasibleShare: values.length / n,
      perDraw,
      rule,
      evaluations,
    },
  };
}
