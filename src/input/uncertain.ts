import { InputError, badValue, quote } from "../errors.js";
import { lognormalBounds, type Distribution } from "../sweep/distributions.js";
import {
  formatByteRate,
  formatBytes,
  formatCount,
  formatDuration,
  formatPercent,
  formatRate,
} from "../units/format.js";
import {
  cliFlagName,
  fieldOf,
  isNumericField,
  type CanonicalInput,
  type FieldDef,
  type FieldKey,
  type FieldNamer,
} from "./fields.js";
import { parseField, parseInput, toNumber, type RawInput } from "./parse.js";

/**
 * Uncertain inputs (issue 16 item 5): any numeric scalar field of `estimate`, `compare` and
 * `solve` may be given as a range or a distribution instead of one value. The grammar, parsed
 * here once, at the input boundary, by the field's own parser for every quantity in it:
 *
 * - `LO..HI`: uniform from LO to HI (`200MiB/s..600MiB/s`, `0.1..0.3`). LO == HI is a point (every
 *   draw is that value). Both ends are checked against the field's limits, like a single value.
 *   For a whole-number field (`--vcpus 2..8`) every whole number from LO to HI is equally likely.
 * - `uniform:LO,HI`: the same as `LO..HI`.
 * - `lognormal:MEDIAN,SIGMA`: ln x is normal with mean ln MEDIAN and standard deviation SIGMA (a
 *   plain number above zero): `lognormal:400MiB/s,0.5` puts the central 80 % between 0.53x and
 *   1.9x the median (e^(+-1.2816 SIGMA)).
 * - `normal:MEAN,SD`: normal with SD in the field's unit (`normal:400MiB/s,50MiB/s`).
 * - `triangular:LO,MODE,HI`: triangular from LO to HI, most likely at MODE.
 *
 * A value with neither `..` nor `NAME:` is a plain scalar, parsed by {@link parseInput} as always.
 * The unbounded distributions are clipped at 8 standard deviations (`src/sweep/distributions.ts`);
 * each draw is checked against the field's limits before anything runs (`src/plan/uncertainty.ts`),
 * so a normal whose tail goes negative is an error naming the draw, never a silent clip.
 *
 * Errors are one line naming the flag, the value and what is accepted.
 */

/** The distributions the grammar names, as typed before the colon. */
export const UNCERTAIN_KINDS = ["uniform", "lognormal", "normal", "triangular"] as const;

/** The grammar in words, for errors and help. */
export const UNCERTAIN_GRAMMAR =
  "LO..HI (uniform), lognormal:MEDIAN,SIGMA, normal:MEAN,SD or triangular:LO,MODE,HI";

/** Most values of a whole-number range (`--max-rounds 1..100000` is still fine). [assumption] */
const MAX_COUNT_VALUES = 100_000;

/** One field given as a range or distribution. */
export interface UncertainField {
  readonly key: FieldKey;
  /** The field as the user named it (`--dirty-rate`). */
  readonly flag: string;
  /** As typed (`200MiB/s..600MiB/s`). */
  readonly text: string;
  readonly distribution: Distribution;
  /** The distribution's median: the value the point result (iteration table) is shown at. */
  readonly median: number;
  /** In words: `uniform from 200 MiB/s to 600 MiB/s`. */
  readonly words: string;
}

export interface UncertainInput {
  /** Every field, the uncertain ones at their median. */
  readonly input: CanonicalInput;
  /** The uncertain fields, in the order given; empty when every input is a scalar. */
  readonly uncertain: readonly UncertainField[];
}

/** Whether a raw value uses the range/distribution grammar (only numeric fields can). */
export function looksUncertain(raw: unknown): raw is string {
  return typeof raw === "string" && (raw.includes("..") || /^\s*[a-z][a-z-]*\s*:/i.test(raw));
}

/** A canonical value of a numeric field in words: `400 MiB/s`, `20 %`, `80 km`, `4`. */
export function formatFieldValue(f: FieldDef, v: number): string {
  switch (f.dimension) {
    case "size":
      return formatBytes(v);
    case "rate":
      // Network rates read in bits, as the user writes them (`10Gbit/s..25Gbit/s`); memory rates and
      // the byte-denominated settings (`Migrate.NetExpectedLineRateMBps`) in bytes.
      return f.part === "transport" && f.key !== "expectedLineRate" ? formatRate(v) : formatByteRate(v);
    case "duration":
      return formatDuration(v);
    case "fraction":
      return v !== 0 && v < 1e-3 ? v.toExponential(2) : formatPercent(v);
    case "distance":
      return `${formatCount(v)} km`;
    default:
      return formatCount(v);
  }
}

function fail(where: string, text: string, why: string): InputError {
  return new InputError("bad-value", where, `${why} (got ${quote(text)})`, text);
}

/** One quantity inside the grammar, by the field's parser; `part` names it in the error. */
function quantity(
  f: FieldDef,
  s: string,
  where: string,
  text: string,
  part: string,
  limits: boolean,
): number {
  try {
    return limits ? (parseField(f, s.trim(), where) as number) : toNumber(f, s.trim(), where);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    // The field's own message says what one value may be: "expected a rate like 400MiB/s".
    throw fail(
      where,
      text,
      `the ${part} ${quote(s.trim())} is not accepted: ${err.detail.replace(/ \(got .*\)$/, "")}`,
    );
  }
}

/** The median of a distribution this grammar makes (inverse CDF at 1/2). */
function medianOf(d: Distribution): number {
  switch (d.kind) {
    case "uniform":
      return (d.min + d.max) / 2;
    case "normal":
      return d.mean;
    case "lognormal":
      return d.median;
    case "triangular": {
      // F(mode) = (c - a) / (b - a): the median lies on the side of the mode holding half the mass.
      const { min: a, mode: c, max: b } = d;
      return (c - a) / (b - a) >= 0.5
        ? a + Math.sqrt(((b - a) * (c - a)) / 2)
        : b - Math.sqrt(((b - a) * (b - c)) / 2);
    }
    case "empirical":
      return d.values[Math.floor((d.values.length - 1) / 2)] as number;
  }
}

/**
 * Parse one field's range or distribution. Example: `parseUncertain(fieldOf("dirtyRate"),
 * "200MiB/s..600MiB/s", "--dirty-rate")` gives a uniform distribution from 209715200 to 629145600.
 */
export function parseUncertain(f: FieldDef, text: string, where: string): UncertainField {
  if (!isNumericField(f))
    throw fail(
      where,
      text,
      `${where} takes one value: ranges and distributions apply to numeric fields only`,
    );
  const fmt = (v: number): string => formatFieldValue(f, v);
  const key = f.key as FieldKey;
  const made = (distribution: Distribution, words: string): UncertainField => ({
    key,
    flag: where,
    text,
    distribution,
    median: medianOf(distribution),
    words,
  });
  const range = (lo: string, hi: string): UncertainField => {
    const a = quantity(f, lo, where, text, "low end", true);
    const b = quantity(f, hi, where, text, "high end", true);
    if (a > b) throw fail(where, text, `the low end ${fmt(a)} is above the high end ${fmt(b)}: write LO..HI`);
    if (f.dimension === "count") {
      if (b - a + 1 > MAX_COUNT_VALUES)
        throw fail(where, text, `a whole-number range holds at most ${formatCount(MAX_COUNT_VALUES)} values`);
      const values = Array.from({ length: b - a + 1 }, (_, i) => a + i);
      return made({ kind: "empirical", values }, `each whole number from ${fmt(a)} to ${fmt(b)}`);
    }
    return made(
      { kind: "uniform", min: a, max: b },
      a === b ? `${fmt(a)} (a point)` : `uniform from ${fmt(a)} to ${fmt(b)}`,
    );
  };

  const dots = text.split("..");
  if (dots.length === 2 && !/^\s*[a-z][a-z-]*\s*:/i.test(text)) return range(dots[0] ?? "", dots[1] ?? "");
  if (dots.length > 2) throw fail(where, text, `expected ${UNCERTAIN_GRAMMAR}: one ".." per range`);

  const m = /^\s*([a-z][a-z-]*)\s*:(.*)$/i.exec(text);
  if (m === null) throw fail(where, text, `expected ${UNCERTAIN_GRAMMAR}`);
  const kind = (m[1] ?? "").toLowerCase();
  const params = (m[2] ?? "").split(",");
  const need = (n: number, names: string): void => {
    if (params.length !== n || params.some((p) => p.trim() === ""))
      throw fail(where, text, `${kind} takes ${n} values, ${names}`);
  };
  if (!(UNCERTAIN_KINDS as readonly string[]).includes(kind))
    throw fail(where, text, `unknown distribution ${quote(kind)}: expected ${UNCERTAIN_GRAMMAR}`);
  if (f.dimension === "count" && kind !== "uniform")
    throw fail(
      where,
      text,
      `${where} takes whole numbers: give a range LO..HI (each whole number equally likely)`,
    );
  switch (kind) {
    case "uniform":
      need(2, "LO,HI");
      return range(params[0] ?? "", params[1] ?? "");
    case "lognormal": {
      need(2, "MEDIAN,SIGMA (SIGMA: the standard deviation of ln x, a plain number above zero)");
      const median = quantity(f, params[0] ?? "", where, text, "median", true);
      const s = (params[1] ?? "").trim();
      const sigma = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s) ? Number(s) : NaN;
      if (!(sigma > 0) || !Number.isFinite(sigma))
        throw fail(
          where,
          text,
          `sigma ${quote(s)} must be a plain number above zero (the standard deviation of ln x)`,
        );
      if (!(median > 0)) throw fail(where, text, "the median of a lognormal must be above zero");
      const [min, max] = lognormalBounds(median, sigma);
      return made({ kind, median, sigma, min, max }, `lognormal with median ${fmt(median)}, sigma ${sigma}`);
    }
    case "normal": {
      need(2, "MEAN,SD");
      const mean = quantity(f, params[0] ?? "", where, text, "mean", true);
      const sd = quantity(f, params[1] ?? "", where, text, "standard deviation", false);
      if (!(sd > 0)) throw fail(where, text, "the standard deviation must be above zero");
      // Clipped at 8 SD on both sides (not at zero as a sweep's normal is): a draw below the
      // field's limits is then an error naming it, never a silent pile-up at zero.
      const [min, max] = [mean - 8 * sd, mean + 8 * sd];
      return made({ kind, mean, stdev: sd, min, max }, `normal with mean ${fmt(mean)}, SD ${fmt(sd)}`);
    }
    default: {
      need(3, "LO,MODE,HI");
      const a = quantity(f, params[0] ?? "", where, text, "low end", true);
      const c = quantity(f, params[1] ?? "", where, text, "mode", true);
      const b = quantity(f, params[2] ?? "", where, text, "high end", true);
      if (!(a < b)) throw fail(where, text, `the low end ${fmt(a)} must be below the high end ${fmt(b)}`);
      if (c < a || c > b) throw fail(where, text, `the mode ${fmt(c)} must lie from ${fmt(a)} to ${fmt(b)}`);
      return made(
        { kind: "triangular", min: a, mode: c, max: b },
        `triangular from ${fmt(a)} to ${fmt(b)}, most likely ${fmt(c)}`,
      );
    }
  }
}

/**
 * Parse input where numeric fields may be uncertain: the scalar fields through {@link parseInput}
 * (the one scalar parser), the others through {@link parseUncertain}; the canonical input holds
 * each uncertain field at its median, so everything downstream reads numbers as always.
 */
export function parseUncertainInput(raw: RawInput, name: FieldNamer = cliFlagName): UncertainInput {
  const scalars: Record<string, unknown> = {};
  const uncertain: UncertainField[] = [];
  for (const [key, v] of Object.entries(raw)) {
    const f = fieldOf(key);
    if (
      f !== undefined &&
      isNumericField(f) &&
      looksUncertain(v) &&
      !(f.aliases !== undefined && Object.hasOwn(f.aliases, v.trim()))
    )
      uncertain.push(parseUncertain(f, v, name(key)));
    else scalars[key] = v;
  }
  const input: Record<string, unknown> = { ...parseInput(scalars, name) };
  for (const u of uncertain) input[u.key] = u.median;
  return { input: input as CanonicalInput, uncertain };
}

/** Default Monte Carlo draws of an uncertain answer. See docs/model.md for its sampling error. */
export const DEFAULT_SAMPLES = 1000;
/**
 * Most draws accepted. [assumption: 10^6 draws take 5 to 20 s in one thread; 100,000 took 0.7 s
 * with a given bandwidth and 2 s with a WAN path whose RTT is drawn]
 */
export const MAX_SAMPLES = 1_000_000;
/** Default seed: fixed, so the same command prints the same answer. [assumption: any fixed value] */
export const DEFAULT_UNCERTAIN_SEED = 1;

export interface SampleOptions {
  readonly samples: number;
  readonly seed: number;
}

/**
 * `--samples` and `--seed`: whole numbers (samples 1 to 1,000,000; seed 0 to 2^53 - 1); given
 * without an uncertain input they are an error (they would change nothing).
 */
export function parseSampleOptions(
  samples: unknown,
  seed: unknown,
  uncertain: boolean,
  max = MAX_SAMPLES,
): SampleOptions {
  const parse = (raw: unknown, flag: string, lo: number, hi: number, dflt: number): number => {
    if (raw === undefined) return dflt;
    if (!uncertain)
      throw new InputError(
        "conflict",
        flag,
        `applies only when an input is a range or distribution (${UNCERTAIN_GRAMMAR})`,
        raw,
      );
    const s = typeof raw === "string" ? raw.trim().replace(/_/g, "") : raw;
    const v = typeof s === "number" ? s : typeof s === "string" && /^\d+$/.test(s) ? Number(s) : NaN;
    if (!Number.isSafeInteger(v) || v < lo || v > hi)
      throw badValue(flag, `a whole number from ${formatCount(lo)} to ${formatCount(hi)}`, raw);
    return v;
  };
  return {
    samples: parse(samples, "--samples", 1, max, DEFAULT_SAMPLES),
    seed: parse(seed, "--seed", 0, Number.MAX_SAFE_INTEGER, DEFAULT_UNCERTAIN_SEED),
  };
}
