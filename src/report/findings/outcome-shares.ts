import { formatCount, plural } from "../../units/format.js";
import { list, shares } from "./words.js";

/** One kind of ending counted over a set of migrations, and how a sentence says it. */
export interface OutcomeShare {
  readonly count: number;
  /** After a count in a list whose first entry carries the verb: `"only with SDPS throttling"`. */
  readonly short: string;
  /** With a plural subject: `"converge only with SDPS throttling"`. */
  readonly every: string;
  /** With a singular subject: `"converges only with SDPS throttling"`. */
  readonly one: string;
}

/**
 * How a set of migrations ended, in one sentence computed from the counts: each non-zero share as
 * a count and a percentage ({@link shares}: they add up to 100 %), the first with its verb; a
 * share of none is left out ("0 (0 %) converge on their own" said nothing), one share of all is
 * "All N ...", and a set of one is "The one ...".
 *
 * Examples (noun "combination"): counts 180 and 45 of 225 give "Of the 225 combinations, 180
 * (80 %) converge on their own and 45 (20 %) only with SDPS throttling."; 0 and 5 of 5 (the
 * failing share's `every` "fail: none switches over") give "All 5 combinations fail: none
 * switches over."; counts 0, 3 and 2 give "Of the 5 combinations, 3 (60 %) converge only with
 * SDPS throttling and 2 (40 %) not at all."
 */
export function outcomeSharesSentence(
  noun: string,
  n: number,
  parts: readonly OutcomeShare[],
  opts: { readonly the?: boolean } = {},
): string {
  const counted = shares(
    parts.map((p) => p.count),
    n,
  );
  const kept = parts.map((p, i) => ({ p, words: counted[i] as string })).filter(({ p }) => p.count > 0);
  const only = kept.length === 1 ? kept[0] : undefined;
  if (only !== undefined)
    return n === 1 ? `The one ${noun} ${only.p.one}.` : `All ${plural(n, noun)} ${only.p.every}.`;
  const items = kept.map(({ p, words }, i) => `${words} ${i === 0 ? p.every : p.short}`);
  return `Of ${opts.the === true ? "the " : ""}${formatCount(n)} ${n === 1 ? noun : `${noun}s`}, ${list(items)}.`;
}

/** Converged without throttling. */
export const OWN = {
  short: "on their own",
  every: "converge on their own",
  one: "converges on its own",
} as const;
/** Converged only because SDPS (or auto-converge) slowed the guest. */
export const THROTTLED = {
  short: "only with SDPS throttling",
  every: "converge only with SDPS throttling",
  one: "converges only with SDPS throttling",
} as const;
/** Switched over because a round or data limit forced it. */
export const FORCED = {
  short: "by a forced switchover",
  every: "end in a forced switchover",
  one: "ends in a forced switchover",
} as const;
