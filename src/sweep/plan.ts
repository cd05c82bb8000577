import { InputError, badValue, quote } from "../errors.js";
import { buildScenario } from "../input/scenario.js";
import { formatByteRate, formatBytes, formatDuration } from "../units/format.js";
import { layoutColumns } from "./columns.js";
import {
  checkDistribution,
  lognormalBounds,
  normalBounds,
  supportOf,
  type Distribution,
  type DistributionKind,
} from "./distributions.js";
import { SWEEP_FIELDS, canonicalNumber, isNumericKind, tryCanonicalNumber } from "./fields.js";
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
 * value once. Every list value, range point and distribution end is built into a scenario through
 * the shared boundary (`buildScenario`) together with the base and the first value of every other
 * axis; the field namer points at the value's place in the file, so a bad value reads
 * `axes[2].values[3]: expected a rate like 10Gbit/s or 400MiB/s (got "fast")`.
 *
 * Because axes are crossed, any value that fails next to the other axes' first values also fails
 * in the grid, so nothing valid is rejected; combinations that only fail elsewhere in the grid
 * stop the run and name the scenario.
 */
export interface PlanOptions {
  /** Overrides the file's seed (`--seed`). */
  readonly seed?: number;
}

/** Most summary groups; beyond it, trailing grid axes are folded into their group. [assumption] */
export const MAX_GROUPS = 10_000;
/** Default Monte Carlo seed when the file gives none. [assumption: any fixed value] */
export const DEFAULT_SEED = 1;
/** Scenarios validated by drawing, per random axis, besides the ends of its support. */
const DRAW_CHECKS = 64;

type Where = Map<string, string>;

/** A value's place in the file for error messages. */
function namer(base: Readonly<Record<string, unknown>>, where: Where): (key: string) => string {
  return (key) => where.get(key) ?? (key in base ? `base.${key}` : `base.${key} (missing)`);
}

function label(key: string, v: number): string {
  const kind = SWEEP_FIELDS[key]?.kind;
  if (kind === "size") return formatBytes(v);
  if (kind === "rate") return formatByteRate(v);
  if (kind === "duration") return formatDuration(v);
  return String(v);
}

interface MemberDraft {
  key: string;
  values: (RawValue | null)[]; // as written (list) or canonical (range)
  where: string[];
}

function rangeValues(key: string, r: NonNullable<RawMember["range"]>, at: string): MemberDraft {
  const from = canonicalNumber(key, r.from, `${at}.from`);
  const to = canonicalNumber(key, r.to, `${at}.to`);
  const log = r.scale === "log";
  if (log && !(from > 0 && to > 0))
    throw badValue(
      `${at}.${from > 0 ? "to" : "from"}`,
      "a value above zero for a log range",
      from > 0 ? r.to : r.from,
    );
  const integer = SWEEP_FIELDS[key]?.kind === "count";
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
  return { key, values, where };
}

function memberDraft(m: RawMember, at: string): MemberDraft {
  if (!(m.key in SWEEP_FIELDS))
    throw new InputError("unknown-field", `${at}.key`, `${m.key} is not a known field`);
  if (SWEEP_FIELDS[m.key]?.kind === "curve")
    throw new InputError("bad-value", `${at}.key`, "a dirty curve cannot be swept; put it in base");
  if (m.values !== undefined && m.range !== undefined)
    throw new InputError("conflict", `${at}.range`, "give either values or range, not both");
  if (m.range !== undefined) return rangeValues(m.key, m.range, `${at}.range`);
  if (m.values === undefined)
    throw new InputError("missing-value", `${at}.values`, "is required (or a range)");
  return { key: m.key, values: [...m.values], where: m.values.map((_, j) => `${at}.values[${j}]`) };
}

function finishMember(d: MemberDraft): GridMember {
  const info = SWEEP_FIELDS[d.key];
  const numericKind = info !== undefined && isNumericKind(info.kind);
  const canon = d.values.map((v) => (v === null ? null : numericKind ? tryCanonicalNumber(d.key, v) : null));
  const numeric = numericKind && canon.every((c, j) => c !== null || d.values[j] === null);
  const values = numeric ? canon : d.values;
  const labels = d.values.map((v) =>
    v === null ? "(base)" : typeof v === "number" && numericKind ? label(d.key, v) : String(v),
  );
  return { key: d.key, column: info?.column ?? d.key, values, labels, numeric };
}

interface AxisDraft {
  axis: GridAxis;
  drafts: MemberDraft[];
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
    drafts = keys.map((key) => ({
      key,
      values: rows.map((r) => (r[key] === undefined ? null : (r[key] as RawValue))),
      where: rows.map((_, j) => `${at}.rows[${j}].${key}`),
    }));
    rowLabels = rows.map((r, j) => (typeof r.label === "string" ? r.label : `row ${j}`));
  } else {
    if (raw.key === undefined) throw new InputError("missing-value", `${at}.key`, "is required");
    drafts = [memberDraft({ key: raw.key, values: raw.values, range: raw.range } as RawMember, at)];
  }
  for (const d of drafts)
    if (d.values.length === 0) throw new InputError("bad-value", `${at}`, "must not be empty");
  const members = drafts.map(finishMember);
  const name = raw.name ?? (rowLabels !== null ? `row${i}` : drafts.map((d) => d.key).join("+"));
  const length = drafts[0]?.values.length ?? 0;
  return { axis: { name, length, members, rowLabels }, drafts };
}

function param(d: Readonly<Record<string, unknown>>, key: string, field: string, at: string): number {
  const v = d[key];
  if (v === undefined)
    throw new InputError("missing-value", `${at}.${key}`, `is required for ${quote(d.kind)}`);
  return canonicalNumber(field, v, `${at}.${key}`);
}

function optParam(
  d: Readonly<Record<string, unknown>>,
  key: string,
  field: string,
  at: string,
): number | undefined {
  return d[key] === undefined ? undefined : canonicalNumber(field, d[key], `${at}.${key}`);
}

function distribution(field: string, d: Readonly<Record<string, unknown>>, at: string): Distribution {
  const kind = d.kind as DistributionKind;
  const info = SWEEP_FIELDS[field];
  if (info === undefined || !isNumericKind(info.kind))
    throw new InputError("bad-value", `${at}`, `${field} takes words: it cannot have a distribution`);
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
      dist = { kind, values: values.map((v, j) => canonicalNumber(field, v, `${at}.values[${j}]`)) };
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

/** Build one probe scenario; errors carry the file location of each key. */
function probe(
  base: Readonly<Record<string, unknown>>,
  firsts: Record<string, unknown>,
  firstWhere: Where,
  overrides: Readonly<Record<string, unknown>>,
  overrideWhere: Where,
): void {
  const input: Record<string, unknown> = { ...base, ...firsts };
  for (const [k, v] of Object.entries(overrides)) input[k] = v === null ? base[k] : v;
  const where = new Map([...firstWhere, ...overrideWhere]);
  buildScenario(input, namer(base, where));
}

/** Validate a schema-checked sweep file and plan its scenarios. */
export function planSweep(file: SweepFile, opts: PlanOptions = {}): SweepPlan {
  const base = file.base;
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
      const info = SWEEP_FIELDS[raw.key];
      const dist = distribution(raw.key, raw.distribution, at);
      random.push({
        axis: {
          name: raw.name ?? raw.key,
          key: raw.key,
          column: info?.column ?? raw.key,
          distribution: dist,
        },
        at,
      });
      return;
    }
    const g = gridAxis(raw, i);
    for (const d of g.drafts) claim(d.key, `axes[${i}]`);
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
  for (const g of grid)
    for (const d of g.drafts) {
      firsts[d.key] = d.values[0] === null ? base[d.key] : d.values[0];
      firstWhere.set(d.key, d.where[0] ?? d.key);
    }
  for (const { axis, at } of random) {
    firsts[axis.key] = supportOf(axis.distribution)[0];
    firstWhere.set(axis.key, at);
  }
  probe(base, firsts, firstWhere, {}, new Map());
  for (const g of grid)
    for (let j = 0; j < g.axis.length; j++) {
      const over: Record<string, unknown> = {};
      const where: Where = new Map();
      for (const d of g.drafts) {
        over[d.key] = d.values[j];
        where.set(d.key, d.where[j] ?? d.key);
      }
      probe(base, firsts, firstWhere, over, where);
    }
  for (const { axis, at } of random) {
    const [lo, hi] = supportOf(axis.distribution);
    probe(base, firsts, firstWhere, { [axis.key]: lo }, new Map([[axis.key, `${at} (lowest value ${lo})`]]));
    probe(base, firsts, firstWhere, { [axis.key]: hi }, new Map([[axis.key, `${at} (highest value ${hi})`]]));
  }

  const gridAxes = grid.map((g) => g.axis);
  const randomAxes = random.map((r) => r.axis);
  const gridCount = gridAxes.reduce((n, a) => n * a.length, 1);
  let groupAxisCount = 0;
  let groupCount = 1;
  for (const a of gridAxes) {
    if (groupCount * a.length > MAX_GROUPS) break;
    groupCount *= a.length;
    groupAxisCount++;
  }
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
    groupAxisCount,
    groupCount,
    groupStride: gridCount / groupCount,
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
      probe(base, firsts, firstWhere, drawn, where);
    }
  }
  return plan;
}
