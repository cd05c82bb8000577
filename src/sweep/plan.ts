import { InputError, badValue, quote } from "../errors.js";
import { fieldOf, isNumericField, type CanonicalInput, type FieldDef } from "../input/fields.js";
import { checkNumber, parseField, parseInput, toNumber } from "../input/parse.js";
import { buildScenario } from "../input/scenario.js";
import { formatFieldValue } from "../input/uncertain.js";
import { errorFunction } from "simple-statistics";
import { formatBytes, formatCount, formatDuration, formatPercent } from "../units/format.js";
import { layoutColumns } from "./columns.js";
import {
  checkDistribution,
  lognormalBounds,
  normalBounds,
  supportOf,
  type Distribution,
  type DistributionKind,
} from "./distributions.js";
import { checkPlanLimits } from "./limits.js";
import { drawInputs } from "./scenario-at.js";
import type {
  GridAxis,
  GridMember,
  RandomAxis,
  RawAxis,
  RawMember,
  RawValue,
  SweepFile,
  SweepPlan,
} from "./types.js";

/**
 * Plan a sweep: turn a schema-checked {@link SweepFile} into a {@link SweepPlan}, validating every
 * value once. The base and every list value, row value and range end are parsed once by the
 * field table's parser (`parseInput`/`parseField`), into canonical numbers and words, so a bad
 * value reads `axes[2].values[3]: expected a rate like 10Gbit/s or 400MiB/s (got "fast")`. Then
 * every value and distribution end is built into a scenario (`buildScenario`, numbers only)
 * together with the base and the first value of every other axis, which checks combinations.
 *
 * Because axes are crossed, any value that fails next to the other axes' first values also fails
 * in the grid, so nothing valid is rejected; combinations that only fail elsewhere in the grid
 * stop the run and name the scenario.
 */
export interface PlanOptions {
  /** Overrides the file's seed (`--seed`). */
  readonly seed?: number;
  /** Refuse plans above this many scenarios before materialising anything (`limits.ts`). */
  readonly maxScenarios?: number;
}

/**
 * Most summary groups. By default the leading grid axes group the summary while their product stays
 * within it (the rest are pooled, and the plan line says so); a `summary.by` above it is an error.
 * [assumption: a table of 10,000 groups is about as much as anyone reads, and their statistics fit
 * the summary's 64 MiB budget]
 */
export const MAX_GROUPS = 10_000;

/** The grid axes that group the summary: `summary.by` when given, else the leading axes. */
function summaryGroups(
  file: SweepFile,
  grid: readonly GridAxis[],
  random: readonly RandomAxis[],
): { axes: number[]; chosen: boolean; count: number } {
  const by = file.summary?.by;
  if (by === undefined) {
    const axes: number[] = [];
    let count = 1;
    for (const [i, a] of grid.entries()) {
      if (count * a.length > MAX_GROUPS) break;
      count *= a.length;
      axes.push(i);
    }
    return { axes, chosen: false, count };
  }
  const names = grid.map((a) => a.name);
  const axes = by.map((name, k) => {
    const i = names.indexOf(name);
    if (i >= 0) return i;
    const drawn = random.some((a) => a.name === name);
    throw badValue(
      `summary.by[${k}]`,
      drawn
        ? `a grid axis (${name} is a Monte Carlo axis: its values are drawn, so they form no groups)`
        : `a grid axis name: ${names.length > 0 ? names.join(", ") : "this sweep has none"}`,
      name,
    );
  });
  const count = axes.reduce((n, i) => n * (grid[i] as GridAxis).length, 1);
  if (count > MAX_GROUPS)
    throw new InputError(
      "bad-value",
      "summary.by",
      `makes ${formatCount(count)} groups, above the ${formatCount(MAX_GROUPS)} a summary holds: group by fewer axes`,
      by,
    );
  return { axes, chosen: true, count };
}

/**
 * The plan line's words for the grouping: `"summary by memory x dirtyRate x preset (rtt pooled in
 * each group: the default groups by the leading axes up to 10,000 groups; set summary.by to choose)"`.
 */
export function describeGrouping(plan: SweepPlan): string {
  const by = plan.groupAxes.map((i) => (plan.grid[i] as GridAxis).name);
  const pooled = plan.grid.filter((_, i) => !plan.groupAxes.includes(i)).map((a) => a.name);
  const head = by.length > 0 ? `summary by ${by.join(" x ")}` : "summary in one group";
  if (pooled.length === 0) return head;
  const why = plan.groupAxesChosen
    ? ""
    : `: the default groups by the leading axes up to ${formatCount(MAX_GROUPS)} groups; set summary.by to choose`;
  return `${head} (${pooled.join(", ")} pooled in each group${why})`;
}
/** Default Monte Carlo seed when the file gives none. [assumption: any fixed value] */
export const DEFAULT_SEED = 1;
/** Scenarios validated by drawing, per random axis, besides the ends of its support. */
const DRAW_CHECKS = 64;

type Where = Map<string, string>;

/** A value's place in the file for error messages. */
function namer(base: Readonly<Record<string, unknown>>, where: Where): (key: string) => string {
  return (key) => where.get(key) ?? (key in base ? `base.${key}` : `base.${key} (missing)`);
}

/**
 * A canonical numeric value in the product's one number format: `0.01` s of RTT reads `10 ms`;
 * network rates in bits (`1 Gbit/s`, as a link is written), memory rates in bytes (`formatFieldValue`).
 */
export function valueLabel(f: FieldDef, v: number): string {
  if (f.dimension === "size") return formatBytes(v);
  if (f.dimension === "rate") return formatFieldValue(f, v);
  if (f.dimension === "duration") return formatDuration(v);
  return String(v);
}

type Canonical = number | string | boolean;

interface MemberDraft {
  field: FieldDef;
  /** As written (list, rows) or canonical (range): for labels. */
  raw: (RawValue | null)[];
  /** Parsed by the field's parser; null leaves the field at its base value. */
  values: (Canonical | null)[];
  where: string[];
}

function fieldAt(key: string, at: string): FieldDef {
  const f = fieldOf(key);
  if (f === undefined) throw new InputError("unknown-field", at, `${key} is not a known field`);
  if (f.dimension === "curve")
    throw new InputError("bad-value", at, "a dirty curve cannot be swept; put it in base");
  return f;
}

function parsed(f: FieldDef, raw: (RawValue | null)[], where: string[]): MemberDraft {
  const values = raw.map((v, j) => (v === null ? null : (parseField(f, v, where[j] ?? f.key) as Canonical)));
  return { field: f, raw, values, where };
}

function rangeValues(f: FieldDef, r: NonNullable<RawMember["range"]>, at: string): MemberDraft {
  // Both ends within the field's limits, so every value between them is too.
  const from = parseField(f, r.from, `${at}.from`) as number;
  const to = parseField(f, r.to, `${at}.to`) as number;
  if (typeof from !== "number" || typeof to !== "number")
    throw badValue(`${at}.from`, `numbers for a range of ${f.key}`, r.from);
  const log = r.scale === "log";
  if (log && !(from > 0 && to > 0))
    throw badValue(
      `${at}.${from > 0 ? "to" : "from"}`,
      "a value above zero for a log range",
      from > 0 ? r.to : r.from,
    );
  // One value of a range from one end to another would be its from alone, the to dropped unsaid.
  if (r.count === 1 && from !== to)
    throw badValue(
      `${at}.count`,
      "2 or more for a range whose to differs from its from (one value would be from alone: give to equal to from, or values)",
      r.count,
    );
  const integer = f.dimension === "count";
  const values: number[] = [];
  const where: string[] = [];
  for (let j = 0; j < r.count; j++) {
    const t = r.count === 1 ? 0 : j / (r.count - 1);
    // Linear: from + (to - from) t; log: from (to / from)^t. Ends are exact.
    let v = j === r.count - 1 && r.count > 1 ? to : log ? from * (to / from) ** t : from + (to - from) * t;
    if (integer) v = Math.round(v);
    values.push(v);
    where.push(`${at} (value ${j + 1} of ${r.count}: ${v})`);
  }
  return { field: f, raw: values, values, where };
}

function memberDraft(m: RawMember, at: string): MemberDraft {
  const f = fieldAt(m.key, `${at}.key`);
  if (m.values !== undefined && m.range !== undefined)
    throw new InputError("conflict", `${at}.range`, "give either values or range, not both");
  if (m.range !== undefined) return rangeValues(f, m.range, `${at}.range`);
  if (m.values === undefined)
    throw new InputError("missing-value", `${at}.values`, "is required (or a range)");
  return parsed(
    f,
    [...m.values],
    m.values.map((_, j) => `${at}.values[${j}]`),
  );
}

function finishMember(d: MemberDraft): GridMember {
  const f = d.field;
  const numeric = isNumericField(f) && d.values.every((v) => v === null || typeof v === "number");
  const labels = d.raw.map((v) =>
    v === null ? "(base)" : typeof v === "number" && isNumericField(f) ? valueLabel(f, v) : String(v),
  );
  return { key: f.key, column: f.column, values: d.values, labels, numeric };
}

interface AxisDraft {
  axis: GridAxis;
  drafts: MemberDraft[];
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Row labels name the summary's groups and every table row and chart legend entry built from
 * them: each must be unique (two rows labelled "a" were two groups no reader could tell apart)
 * and free of control characters (a line break split the summary table's row in two).
 */
function checkRowLabels(labels: readonly string[], at: string): void {
  const seen = new Map<string, number>();
  labels.forEach((label, j) => {
    if (CONTROL.test(label))
      throw badValue(`${at}[${j}].label`, "a label without control characters (line breaks, tabs)", label);
    const first = seen.get(label);
    if (first !== undefined)
      throw new InputError(
        "conflict",
        `${at}[${j}].label`,
        `duplicates ${quote(label)} (${at}[${first}].label): each row needs its own label`,
        label,
      );
    seen.set(label, j);
  });
}

/**
 * A list, range or zip axis gives each value (each tuple) once: a repeat, written twice or made
 * by a range (from = to, or whole numbers rounding together: vcpus 1..4 in 5 steps), would be a
 * second summary group with the same label, and the same scenarios run twice. Rows may repeat
 * values: their labels tell them apart.
 */
function checkDistinctValues(members: readonly GridMember[], drafts: readonly MemberDraft[]): void {
  const seen = new Map<string, number>();
  const n = members[0]?.values.length ?? 0;
  for (let j = 0; j < n; j++) {
    const key = JSON.stringify(members.map((m) => m.values[j]));
    const first = seen.get(key);
    if (first !== undefined) {
      const where = drafts[0]?.where ?? [];
      const label = members.map((m) => m.labels[j]).join(" / ");
      throw new InputError(
        "conflict",
        where[j] ?? "axes",
        `repeats ${label} (as ${where[first] ?? `value ${first + 1}`}): give each value once`,
      );
    }
    seen.set(key, j);
  }
}

function gridAxis(raw: RawAxis, i: number): AxisDraft {
  const at = `axes[${i}]`;
  let drafts: MemberDraft[];
  let rowLabels: string[] | null = null;
  if (raw.zip !== undefined) {
    drafts = raw.zip.map((m, z) => memberDraft(m, `${at}.zip[${z}]`));
    const n = drafts[0]?.values.length ?? 0;
    drafts.forEach((d, z) => {
      if (d.values.length !== n)
        throw new InputError(
          "conflict",
          `${at}.zip[${z}]`,
          `has ${d.values.length} values but ${at}.zip[0] has ${n}: zipped axes vary together and need equal lengths`,
        );
    });
  } else if (raw.rows !== undefined) {
    const rows = raw.rows;
    const keys = [...new Set(rows.flatMap((r) => Object.keys(r).filter((k) => k !== "label")))];
    if (keys.length === 0) throw new InputError("bad-value", `${at}.rows`, "no row sets any field");
    drafts = keys.map((key) =>
      parsed(
        fieldAt(key, `${at}.rows`),
        rows.map((r) => (r[key] === undefined ? null : (r[key] as RawValue))),
        rows.map((_, j) => `${at}.rows[${j}].${key}`),
      ),
    );
    rowLabels = rows.map((r, j) => (typeof r.label === "string" ? r.label : `row ${j}`));
    checkRowLabels(rowLabels, `${at}.rows`);
  } else {
    if (raw.key === undefined) throw new InputError("missing-value", `${at}.key`, "is required");
    drafts = [memberDraft({ key: raw.key, values: raw.values, range: raw.range } as RawMember, at)];
  }
  for (const d of drafts)
    if (d.values.length === 0) throw new InputError("bad-value", `${at}`, "must not be empty");
  const members = drafts.map(finishMember);
  if (rowLabels === null) checkDistinctValues(members, drafts);
  if (raw.name !== undefined && CONTROL.test(raw.name))
    throw badValue(`${at}.name`, "a name without control characters (line breaks, tabs)", raw.name);
  const name = raw.name ?? (rowLabels !== null ? `row${i}` : drafts.map((d) => d.field.key).join("+"));
  const length = drafts[0]?.values.length ?? 0;
  return { axis: { name, length, members, rowLabels }, drafts };
}

function param(d: Readonly<Record<string, unknown>>, key: string, field: FieldDef, at: string): number {
  const v = d[key];
  if (v === undefined)
    throw new InputError("missing-value", `${at}.${key}`, `is required for ${quote(d.kind)}`);
  return toNumber(field, v, `${at}.${key}`);
}

function optParam(
  d: Readonly<Record<string, unknown>>,
  key: string,
  field: FieldDef,
  at: string,
): number | undefined {
  return d[key] === undefined ? undefined : toNumber(field, d[key], `${at}.${key}`);
}

/**
 * Most share of a normal's draws that its default lower clip, zero, may take in silently: one in
 * a million. [assumption: below it the pile-up at 0 is noise next to the sampling error of any
 * sweep of up to 100,000,000 scenarios' percentiles]
 */
export const NORMAL_ZERO_CLIP_MAX_SHARE = 1e-6;

/**
 * Share of draws of normal(mean, stdev) below zero, Phi(-mean / stdev), by the error function:
 * Phi(z) = (1 + erf(z / sqrt 2)) / 2, with simple-statistics' `errorFunction` (the Chebyshev
 * fit of erfc in Press et al., Numerical Recipes in C, 2nd ed., section 6.2: fractional error
 * below 1.2e-7). Example: mean 10, stdev 100 gives 0.460.
 */
export function normalShareBelowZero(mean: number, stdev: number): number {
  return (1 + errorFunction(-mean / stdev / Math.SQRT2)) / 2;
}

/**
 * A normal without `min` is clipped at zero (`normalBounds`); when that would take more than
 * {@link NORMAL_ZERO_CLIP_MAX_SHARE} of the draws it is refused, naming the share, rather than
 * piling them up at zero unasked (as `estimate`'s `normal:` grammar refuses a negative draw).
 * `min: 0` asks for the pile-up; a lognormal never draws below zero.
 */
function checkBelowZero(mean: number, stdev: number, field: FieldDef, at: string): void {
  if (!(stdev > 0)) return; // checkDistribution names it
  const share = normalShareBelowZero(mean, stdev);
  if (share <= NORMAL_ZERO_CLIP_MAX_SHARE) return;
  const pct = share >= 0.001 ? formatPercent(share) : `${share.toPrecision(2)} of them`;
  throw new InputError(
    "bad-value",
    `${at}.stdev`,
    `normal with mean ${formatFieldValue(field, mean)} and stdev ${formatFieldValue(field, stdev)} draws below zero (${pct} of draws): give min (min: 0 keeps those draws at zero, on purpose), a smaller stdev, or a lognormal`,
    stdev,
  );
}

function distribution(key: string, d: Readonly<Record<string, unknown>>, at: string): Distribution {
  const kind = d.kind as DistributionKind;
  const field = fieldOf(key);
  if (field === undefined || !isNumericField(field))
    throw new InputError("bad-value", `${at}`, `${key} takes words: it cannot have a distribution`);
  const allowed: Record<DistributionKind, readonly string[]> = {
    uniform: ["min", "max"],
    normal: ["mean", "stdev", "min", "max"],
    lognormal: ["median", "sigma", "min", "max"],
    triangular: ["min", "mode", "max"],
    empirical: ["values"],
  };
  for (const k of Object.keys(d))
    if (k !== "kind" && !allowed[kind].includes(k))
      throw new InputError(
        "unknown-field",
        `${at}.${k}`,
        `is not a parameter of ${kind} (takes ${allowed[kind].join(", ")})`,
      );
  let dist: Distribution;
  switch (kind) {
    case "uniform":
      dist = { kind, min: param(d, "min", field, at), max: param(d, "max", field, at) };
      break;
    case "triangular":
      dist = {
        kind,
        min: param(d, "min", field, at),
        mode: param(d, "mode", field, at),
        max: param(d, "max", field, at),
      };
      break;
    case "normal": {
      const mean = param(d, "mean", field, at);
      const stdev = param(d, "stdev", field, at);
      const [lo, hi] = normalBounds(mean, stdev);
      if (d.min === undefined) checkBelowZero(mean, stdev, field, at);
      dist = {
        kind,
        mean,
        stdev,
        min: optParam(d, "min", field, at) ?? lo,
        max: optParam(d, "max", field, at) ?? hi,
      };
      break;
    }
    case "lognormal": {
      const median = param(d, "median", field, at);
      const sigma = d.sigma;
      if (typeof sigma !== "number" || !Number.isFinite(sigma))
        throw badValue(`${at}.sigma`, "a number above zero (the standard deviation of ln x)", sigma);
      const [lo, hi] = lognormalBounds(median, sigma);
      dist = {
        kind,
        median,
        sigma,
        min: optParam(d, "min", field, at) ?? lo,
        max: optParam(d, "max", field, at) ?? hi,
      };
      break;
    }
    case "empirical": {
      const values = (d.values as unknown[] | undefined) ?? [];
      dist = { kind, values: values.map((v, j) => toNumber(field, v, `${at}.values[${j}]`)) };
      break;
    }
  }
  const bad = checkDistribution(dist);
  if (bad !== null)
    throw new InputError(
      "bad-value",
      `${at}.${bad.param}`,
      `${bad.problem} (${kind} distribution)`,
      d[bad.param],
    );
  return dist;
}

/**
 * Build one probe scenario from canonical values; errors carry the file location of each key.
 * Drawn values (`drawn`: the keys of random axes) are checked against their field's limits first:
 * list and range values were checked when parsed.
 */
function probe(
  rawBase: Readonly<Record<string, unknown>>,
  base: CanonicalInput,
  firsts: Record<string, unknown>,
  firstWhere: Where,
  overrides: Readonly<Record<string, unknown>>,
  overrideWhere: Where,
  drawn: readonly string[],
): void {
  const input: Record<string, unknown> = { ...base, ...firsts };
  for (const [k, v] of Object.entries(overrides))
    input[k] = v === null ? (base as Record<string, unknown>)[k] : v;
  const where = new Map([...firstWhere, ...overrideWhere]);
  const name = namer(rawBase, where);
  for (const k of drawn) {
    const f = fieldOf(k);
    if (f !== undefined) checkNumber(f, input[k] as number, name(k));
  }
  buildScenario(input as CanonicalInput, name, { freeze: false, warnings: false });
}

/** Validate a schema-checked sweep file and plan its scenarios. */
export function planSweep(file: SweepFile, opts: PlanOptions = {}): SweepPlan {
  checkPlanLimits(file, opts.maxScenarios);
  const rawBase = file.base;
  const base = parseInput(rawBase, (k) => `base.${k}`);
  const seen = new Map<string, string>();
  const claim = (key: string, at: string): void => {
    const prior = seen.get(key);
    if (prior !== undefined) throw new InputError("conflict", at, `${key} is already varied by ${prior}`);
    seen.set(key, at);
  };
  const grid: AxisDraft[] = [];
  const random: { axis: RandomAxis; at: string }[] = [];
  file.axes.forEach((raw, i) => {
    if (raw.distribution !== undefined) {
      const at = `axes[${i}].distribution`;
      if (raw.key === undefined) throw new InputError("missing-value", `axes[${i}].key`, "is required");
      claim(raw.key, `axes[${i}]`);
      const dist = distribution(raw.key, raw.distribution, at);
      random.push({
        axis: {
          name: raw.name ?? raw.key,
          key: raw.key,
          column: fieldOf(raw.key)?.column ?? raw.key,
          distribution: dist,
        },
        at,
      });
      return;
    }
    const g = gridAxis(raw, i);
    for (const d of g.drafts) claim(d.field.key, `axes[${i}]`);
    grid.push(g);
  });

  if (random.length > 0 && file.samples === undefined)
    throw new InputError(
      "missing-value",
      "samples",
      "is required with a distribution axis: the Monte Carlo sample count",
    );
  if (random.length === 0 && file.samples !== undefined)
    throw new InputError("conflict", "samples", "applies only to sweeps with a distribution axis");
  const samples = file.samples ?? 1;
  const seed = opts.seed ?? file.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed) || seed < 0) throw badValue("--seed", "a whole number from 0", seed);

  // Validate: the base with the first value of each axis, then every value of every axis.
  const firsts: Record<string, unknown> = {};
  const firstWhere: Where = new Map();
  const baseOf = (k: string): unknown => (base as Record<string, unknown>)[k];
  for (const g of grid)
    for (const d of g.drafts) {
      const k = d.field.key;
      firsts[k] = d.values[0] === null ? baseOf(k) : d.values[0];
      firstWhere.set(k, d.where[0] ?? k);
    }
  for (const { axis, at } of random) {
    firsts[axis.key] = supportOf(axis.distribution)[0];
    firstWhere.set(axis.key, at);
  }
  const drawnKeys = random.map((r) => r.axis.key);
  const check = (overrides: Readonly<Record<string, unknown>>, where: Where): void =>
    probe(rawBase, base, firsts, firstWhere, overrides, where, drawnKeys);
  check({}, new Map());
  for (const g of grid)
    for (let j = 0; j < g.axis.length; j++) {
      const over: Record<string, unknown> = {};
      const where: Where = new Map();
      for (const d of g.drafts) {
        over[d.field.key] = d.values[j];
        where.set(d.field.key, d.where[j] ?? d.field.key);
      }
      check(over, where);
    }
  for (const { axis, at } of random) {
    const [lo, hi] = supportOf(axis.distribution);
    check({ [axis.key]: lo }, new Map([[axis.key, `${at} (lowest value ${lo})`]]));
    check({ [axis.key]: hi }, new Map([[axis.key, `${at} (highest value ${hi})`]]));
  }

  const gridAxes = grid.map((g) => g.axis);
  const randomAxes = random.map((r) => r.axis);
  const gridCount = gridAxes.reduce((n, a) => n * a.length, 1);
  const groups = summaryGroups(file, gridAxes, randomAxes);
  const layout = layoutColumns(gridAxes, randomAxes);
  const names = new Set<string>();
  for (const c of layout.columns) {
    if (names.has(c.name))
      throw new InputError("conflict", "axes", `two output columns are named ${c.name}: rename an axis`);
    names.add(c.name);
  }
  const plan: SweepPlan = {
    name: file.name ?? "sweep",
    base,
    grid: gridAxes,
    random: randomAxes,
    samples,
    seed,
    gridCount,
    total: gridCount * samples,
    groupAxes: groups.axes,
    groupAxesChosen: groups.chosen,
    groupCount: groups.count,
    columns: layout.columns,
  };

  // Draw a few Monte Carlo samples through the boundary too (catches e.g. fractional counts).
  if (randomAxes.length > 0) {
    const n = Math.min(DRAW_CHECKS, samples);
    for (let s = 0; s < n; s++) {
      const drawn = drawInputs(plan, s);
      const where: Where = new Map(
        random.map(({ axis, at }) => [axis.key, `${at} (sample ${s}: ${quote(drawn[axis.key])})`]),
      );
      check(drawn, where);
    }
  }
  return plan;
}
