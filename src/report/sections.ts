import { extent } from "simple-statistics";
import type { TopLevelSpec } from "vega-lite";
import {
  convergenceChart,
  distributionChart,
  feasibilityChart,
  migrationTimeChart,
  sensitivityChart,
  throughputLimitsChart,
  type ChartText,
  type ThroughputLimitsRow,
} from "../charts/index.js";
import { fieldOf, isFieldKey, type CanonicalInput } from "../input/fields.js";
import { parseField, parseInput } from "../input/parse.js";
import { pathOf } from "../input/path.js";
import { buildScenario, scenarioFromInput } from "../input/scenario.js";
import { simulate, simulateSummary } from "../model/simulate.js";
import { OUTCOMES } from "../model/types.js";
import { PRESETS, computePath, describePlanChange, planToSpec, type PresetName } from "../network/index.js";
import { planScenario } from "../plan/scenario.js";
import { SOLVE_FOR, solve, type SolveFor } from "../plan/solve.js";
import { checkSweepData } from "../sweep/load.js";
import { runSweepInMemory, type SweepRow } from "../sweep/memory.js";
import { planSweep } from "../sweep/plan.js";
import { formatBytes, formatDuration, formatRate } from "../units/format.js";
import { parseChoice, parseDuration, parseFraction, parseRate } from "../units/parse.js";
import { InputError, badValue } from "../errors.js";
import {
  convergenceFindings,
  convergenceLimitFindings,
  distributionFindings,
  feasibilityFindings,
  routingFindings,
  sensitivityFindings,
  slowdownFindings,
  solveFinding,
  throughputFindings,
  toPoints,
  bandwidthOf,
  type ConvergenceTrace,
  type SensitivityFindingRow,
  type SweepPoint,
} from "./findings/index.js";
import { completed, pct, rate, time } from "./findings/words.js";
import {
  baselineValue,
  defaultDirtyNote,
  describeInput,
  describeSweep,
  durationRange,
  namerAt,
} from "./inputs.js";
import { prefixError } from "./load.js";
import { guestSlowdownChart } from "../charts/slowdown.js";
import type { BuiltChart, BuiltSection, BuiltTable, ChartRequest, ResolvedSection } from "./types.js";

/**
 * Build one section: run its data source, draw the requested charts, and write findings and tables
 * from the numbers. Pure apart from CPU: no files, no clocks (sweeps run in-process).
 */
export interface SectionOptions {
  /** Sweep worker threads; 0 (default) runs in-process. */
  readonly workers?: number;
}

interface Parts {
  findings: string[];
  charts: BuiltChart[];
  tables: BuiltTable[];
  assumptions: string[];
}

function text(c: ChartRequest): ChartText {
  return {
    ...(c.title !== undefined ? { title: c.title } : {}),
    ...(c.subtitle !== undefined ? { subtitle: c.subtitle } : {}),
  };
}

function chartName(id: string, c: ChartRequest, j: number, all: readonly ChartRequest[]): string {
  const dup = all.filter((x) => x.kind === c.kind).length > 1;
  return `${id}-${c.kind}${dup ? `-${j + 1}` : ""}`;
}

function specTitle(spec: TopLevelSpec): string {
  const t = (spec as { title?: string | { text?: string } }).title;
  return typeof t === "string" ? t : (t?.text ?? "");
}

export async function buildSection(
  sec: ResolvedSection,
  index: number,
  opts: SectionOptions = {},
): Promise<BuiltSection> {
  const id = `s${index + 1}`;
  const parts: Parts = { findings: [], charts: [], tables: [], assumptions: [] };
  const charts = sec.charts ?? [];
  const add = (c: ChartRequest, j: number, spec: TopLevelSpec): void => {
    parts.charts.push({ name: chartName(id, c, j, charts), caption: specTitle(spec), spec });
  };
  switch (sec.source) {
    case "sweep":
      await sweepSection(sec, parts, add, opts);
      break;
    case "scenarios":
      scenariosSection(sec, parts, add);
      break;
    case "throughput":
      throughputSection(sec, parts, add);
      break;
    case "sensitivity":
      sensitivitySection(sec, parts, add);
      break;
    case "solve":
      solveSection(sec, parts);
      break;
  }
  return {
    id,
    title: sec.title,
    ...(sec.text !== undefined ? { text: sec.text } : {}),
    findings: parts.findings,
    charts: parts.charts,
    tables: parts.tables,
    assumptions: parts.assumptions,
  };
}

// ---------------------------------------------------------------------------------------------
// Sweeps

function matches(row: SweepRow, where: ChartRequest["where"]): boolean {
  if (where === undefined) return true;
  return Object.entries(where).every(([k, v]) => {
    const got = row.inputs[k];
    return typeof got === "number" && typeof v === "number" ? got === v : String(got) === String(v);
  });
}

async function sweepSection(
  sec: ResolvedSection,
  parts: Parts,
  add: (c: ChartRequest, j: number, spec: TopLevelSpec) => void,
  opts: SectionOptions,
): Promise<void> {
  const sweep = sec.sweep;
  if (sweep === undefined) return;
  const at =
    sec.sweepFrom === "inline" || sec.sweepFrom === undefined
      ? `${sec.where}.sweep`
      : `${sec.where}.sweep (${sec.sweepFrom}):`;
  let rows: readonly SweepRow[];
  try {
    // Inline sweeps get the sweep schema's own check (the report schema embeds it; this names
    // fields the same way), on the data as loaded: not written out and parsed again.
    const file = sec.sweepFrom === "inline" ? checkSweepData(sweep) : sweep;
    rows = (await runSweepInMemory(planSweep(file), { workers: opts.workers ?? 0, maxRows: 200_000 })).rows;
  } catch (err) {
    throw at.endsWith(":") && err instanceof InputError
      ? new InputError(err.code, `${at} ${err.field}`, err.message.slice(err.field.length + 2), err.value)
      : prefixError(err, at);
  }
  parts.assumptions.push(...describeSweep(sweep, sec.sweepFrom ?? "inline"));
  const basePreset = typeof sweep.base.preset === "string" ? sweep.base.preset : "scenario";
  const rates = rows
    .map((r) => r.inputs.dirtyRateBytesPerSec)
    .filter((v): v is number => typeof v === "number");
  // The geometric middle of the swept rates (extent by a loop: a spread of 160,000 rates
  // overflowed the call stack).
  const [loRate, hiRate] = rates.length === 0 ? [NaN, NaN] : extent(rates);
  const atRate = sec.at !== undefined ? parseRate(sec.at, `${sec.where}.at`) : Math.sqrt(loRate * hiRate);
  const allPoints = (series: string): SweepPoint[] => toPoints(rows, series, basePreset);
  const charts = sec.charts ?? [];
  charts.forEach((c, j) => {
    const field = `${sec.where}.charts[${j}]`;
    const kept = rows.filter((r) => matches(r, c.where));
    if (kept.length === 0)
      throw new InputError("bad-value", `${field}.where`, "keeps no rows of the sweep", c.where);
    const series = c.series ?? "preset";
    if (c.series !== undefined && !(c.series in (rows[0]?.inputs ?? {})))
      throw badValue(
        `${field}.series`,
        `an input column of the sweep (${Object.keys(rows[0]?.inputs ?? {}).join(", ")})`,
        c.series,
      );
    const points = toPoints(kept, series, basePreset);
    switch (c.kind) {
      case "migration-time": {
        add(
          c,
          j,
          migrationTimeChart(
            points.map((p) => ({
              path: p.series,
              dirtyRateBytesPerSec: p.dirtyRateBytesPerSec,
              totalTimeSec: p.totalTimeSec,
              outcome: p.outcome,
            })),
            text(c),
          ),
        );
        parts.findings.push(
          ...routingFindings(points, { atBytesPerSec: atRate, changes: planChanges(points) }),
        );
        parts.findings.push(...convergenceLimitFindings(points));
        break;
      }
      case "feasibility": {
        const axis = c.axis ?? "rtt";
        add(
          c,
          j,
          feasibilityChart(
            points.map((p) => ({
              rttSec: p.rttSec,
              bandwidthBytesPerSec: bandwidthOf(p),
              dirtyRateBytesPerSec: p.dirtyRateBytesPerSec,
              totalTimeSec: p.totalTimeSec,
              outcome: p.outcome,
            })),
            { ...text(c), axis },
          ),
        );
        parts.findings.push(...feasibilityFindings(points, axis));
        break;
      }
      case "guest-slowdown":
        add(c, j, guestSlowdownChart(points, text(c)));
        parts.findings.push(...slowdownFindings(points));
        break;
      case "distribution":
        add(c, j, distributionChart(points, text(c)));
        parts.findings.push(...distributionFindings(points));
        break;
      default:
        break;
    }
  });
  for (const t of sec.tables ?? []) {
    if (t.kind === "results") parts.tables.push(resultsAtRate(allPoints("preset"), atRate));
    if (t.kind === "paths") parts.tables.push(...pathsTableOf(allPoints("preset")));
  }
}

/** What each preset series changes against the first one (`+2 hops`, `MTU 1500`). */
function planChanges(points: readonly SweepPoint[]): Record<string, string[]> {
  const names = [...new Set(points.map((p) => p.series))].filter((n): n is PresetName => n in PRESETS);
  const first = names[0];
  if (first === undefined) return {};
  return Object.fromEntries(names.map((n) => [n, describePlanChange(PRESETS[first], PRESETS[n])]));
}

function resultsAtRate(points: readonly SweepPoint[], atRate: number): BuiltTable {
  const series = [...new Set(points.map((p) => p.series))];
  const rows = series.flatMap((s) => {
    const pts = points.filter((p) => p.series === s);
    let best: SweepPoint | undefined;
    for (const p of pts)
      if (
        best === undefined ||
        Math.abs(Math.log(p.dirtyRateBytesPerSec / atRate)) <
          Math.abs(Math.log(best.dirtyRateBytesPerSec / atRate))
      )
        best = p;
    if (best === undefined) return [];
    const ok = completed(best.outcome, best.totalTimeSec);
    return [
      [
        s,
        rate(best.dirtyRateBytesPerSec),
        formatRate(best.throughputBytesPerSec),
        String(best.iterations),
        ok ? time(best.totalTimeSec) : "-",
        ok ? time(best.downtimeSec) : "-",
        best.guestSlowdown > 0 ? pct(best.guestSlowdown) : "0",
        best.outcome,
      ],
    ];
  });
  return {
    caption: `Results at ${rate(atRate)} dirty rate (nearest grid value)`,
    header: [
      "Path",
      "Dirty rate",
      "Throughput",
      "Iterations",
      "Total time",
      "Stun (guest-seen)",
      "Guest slowdown",
      "Outcome",
    ],
    rows,
    numeric: [false, true, true, true, true, true, true, false],
  };
}

function pathsTableOf(points: readonly SweepPoint[]): BuiltTable[] {
  const names = [...new Set(points.map((p) => p.series))].filter((n): n is PresetName => n in PRESETS);
  return names.length === 0 ? [] : [presetTable(names)];
}

/** The preset paths as a table: what each assumes and what the path model makes of it. */
export function presetTable(names: readonly PresetName[]): BuiltTable {
  const rows = [...new Set(names)].map((n) => {
    const plan = PRESETS[n];
    const r = computePath(planToSpec(plan));
    return [
      n,
      formatRate(plan.linkBytesPerSec),
      String(plan.hops),
      String(r.pathMtuBytes),
      `${plan.distanceKm} km`,
      plan.lossFraction === 0 ? "0" : plan.lossFraction.toExponential(0),
      formatDuration(r.rttSec),
      formatRate(r.throughputBytesPerSec),
      r.binding,
    ];
  });
  return {
    caption: "Network paths (presets) and what the path model computes for them",
    header: [
      "Path",
      "Link",
      "Router hops",
      "Path MTU (bytes)",
      "Fibre",
      "Packet loss",
      "RTT",
      "Throughput",
      "Bound by",
    ],
    rows,
    numeric: [false, true, true, true, true, true, true, true, false],
  };
}

// ---------------------------------------------------------------------------------------------
// Named scenarios: per-iteration traces

function scenariosSection(
  sec: ResolvedSection,
  parts: Parts,
  add: (c: ChartRequest, j: number, spec: TopLevelSpec) => void,
): void {
  const traces: ConvergenceTrace[] = (sec.scenarios ?? []).map((sc, k) => {
    const s = scenarioFromInput(sc.input, namerAt(`${sec.where}.scenarios[${k}].input`));
    const r = simulate(s);
    const goalSec =
      s.policy.kind === "vmotion"
        ? s.policy.switchoverGoalSec
        : s.policy.kind === "qemu"
          ? s.policy.downtimeLimitSec
          : 0;
    parts.assumptions.push(`${sc.name}: ${describeInput(sc.input)}`);
    const note = defaultDirtyNote(Object.keys(sc.input));
    if (note !== null && !parts.assumptions.includes(note)) parts.assumptions.push(note);
    return {
      name: sc.name,
      iterationBytes: r.iterations.map((it) => it.bytes),
      switchoverBytes: r.switchoverBytes,
      goalBytes: goalSec * r.throughputBytesPerSec,
      outcome: r.outcome,
      totalTimeSec: completed(r.outcome, r.totalTimeSec) ? r.totalTimeSec : NaN,
      downtimeSec: r.downtimeSec,
    };
  });
  (sec.charts ?? []).forEach((c, j) => {
    const rows = traces.flatMap((t) => [
      ...t.iterationBytes.map((b, i) => ({ scenario: t.name, iteration: i, remainingBytes: b })),
      { scenario: t.name, iteration: t.iterationBytes.length, remainingBytes: t.switchoverBytes },
    ]);
    const subtitle = text(c).subtitle ?? "Last point: bytes left for the stun when pre-copy stops";
    add(
      c,
      j,
      convergenceChart(
        rows,
        traces.map((t) => ({ scenario: t.name, goalBytes: t.goalBytes })),
        { ...text(c), subtitle },
      ),
    );
  });
  parts.findings.push(...convergenceFindings(traces));
  if ((sec.tables ?? []).some((t) => t.kind === "results"))
    parts.tables.push({
      caption: "Scenarios",
      header: ["Scenario", "Iterations", "Left for the stun", "Total time", "Stun (guest-seen)", "Outcome"],
      rows: traces.map((t) => [
        t.name,
        String(t.iterationBytes.length),
        formatBytes(t.switchoverBytes),
        Number.isFinite(t.totalTimeSec) ? time(t.totalTimeSec) : "-",
        time(t.downtimeSec),
        t.outcome,
      ]),
      numeric: [false, true, true, true, true, false],
    });
}

// ---------------------------------------------------------------------------------------------
// Throughput limits over an RTT range

function throughputSection(
  sec: ResolvedSection,
  parts: Parts,
  add: (c: ChartRequest, j: number, spec: TopLevelSpec) => void,
): void {
  const src = sec.throughput;
  if (src === undefined) return;
  const where = `${sec.where}.throughput`;
  const rtts = durationRange(src.rtt, `${where}.rtt`);
  const name = namerAt(`${where}.path`);
  const input = parseInput({ preset: "same-l2", ...src.path }, name);
  const rtt = fieldOf("rtt");
  const rows: ThroughputLimitsRow[] = rtts.map((v, k) => {
    // Each RTT of the range within the field's limits (a linear range may start at 0).
    const rttSec =
      rtt === undefined ? v : (parseField(rtt, v, `${where}.rtt (value ${k + 1}: ${v})`) as number);
    const r = pathOf({ ...input, rtt: rttSec });
    if (r === null)
      throw new InputError("missing-value", `${where}.path`, "needs a path: a preset or path keys");
    const b = r.bounds;
    return {
      rttSec,
      linkBytesPerSec: b.linkBytesPerSec,
      windowBytesPerSec: b.windowBytesPerSec,
      ...(b.lossBytesPerSec !== null ? { lossBytesPerSec: b.lossBytesPerSec } : {}),
      ...(b.cpuBytesPerSec !== null ? { cpuBytesPerSec: b.cpuBytesPerSec } : {}),
      ...(b.capBytesPerSec !== null ? { capBytesPerSec: b.capBytesPerSec } : {}),
      achievedBytesPerSec: r.throughputBytesPerSec,
      binding: r.binding,
    };
  });
  parts.assumptions.push(
    `Path: ${describeInput(src.path)}; RTT ${src.rtt.count} values from ${String(src.rtt.from)} to ${String(src.rtt.to)}${src.rtt.scale === "log" ? " (log spaced)" : ""}`,
  );
  (sec.charts ?? []).forEach((c, j) => add(c, j, throughputLimitsChart(rows, text(c))));
  parts.findings.push(...throughputFindings(rows));
}

// ---------------------------------------------------------------------------------------------
// Sensitivity: each input moved by +-delta

function sensitivitySection(
  sec: ResolvedSection,
  parts: Parts,
  add: (c: ChartRequest, j: number, spec: TopLevelSpec) => void,
): void {
  const src = sec.sensitivity;
  if (src === undefined) return;
  const where = `${sec.where}.sensitivity`;
  const name = namerAt(`${where}.base`);
  const delta = parseFraction(src.delta, `${where}.delta`, { min: 0.001, max: 0.9 });
  const baseInput = parseInput(src.base, name);
  const base = planScenario(baseInput, name);
  // Inputs are moved numerically on the parsed base; the base's path is reused for inputs that
  // are not path fields (computed once).
  const run = (input: CanonicalInput, samePath: boolean): { t: number; binding: string } => {
    const s = buildScenario(input, name, samePath ? { path: base.path } : {});
    const sum = simulateSummary(s);
    const outcome = OUTCOMES[sum.outcome] ?? "";
    return {
      t: completed(outcome, sum.totalTimeSec) ? sum.totalTimeSec : Infinity,
      binding: sum.bindingCap ? "cap" : s.transport.binding,
    };
  };
  const baseline = run(baseInput, true);
  const baselineTotalTimeSec = baseline.t;
  const rows: SensitivityFindingRow[] = src.inputs.map((key, k) => {
    const at = `${where}.inputs[${k}]`;
    const v = baselineValue(key, base.scenario, base.path, baseInput, at);
    const f = isFieldKey(key) ? fieldOf(key) : undefined;
    const moved = (x: number): CanonicalInput =>
      ({ ...baseInput, [key]: f === undefined ? x : parseField(f, x, `${at} (${x})`) }) as CanonicalInput;
    const samePath = f?.part !== "transport";
    const lo = run(moved(v * (1 - delta)), samePath);
    const hi = run(moved(v * (1 + delta)), samePath);
    return {
      input: f?.noun ?? key,
      lowTotalTimeSec: lo.t,
      highTotalTimeSec: hi.t,
      lowBinding: lo.binding,
      highBinding: hi.binding,
    };
  });
  parts.assumptions.push(
    `Baseline: ${describeInput(src.base)}; each of ${src.inputs.join(", ")} moved by ${pct(delta)} down and up, the rest at baseline`,
  );
  (sec.charts ?? []).forEach((c, j) =>
    add(c, j, sensitivityChart(rows, { ...text(c), baselineTotalTimeSec, deltaFraction: delta })),
  );
  parts.findings.push(...sensitivityFindings(rows, baselineTotalTimeSec, delta, baseline.binding));
}

// ---------------------------------------------------------------------------------------------
// Inverse questions

function solveSection(sec: ResolvedSection, parts: Parts): void {
  const rows: string[][] = [];
  (sec.solve ?? []).forEach((q, k) => {
    const where = `${sec.where}.solve[${k}]`;
    const what = parseChoice(q.for, `${where}.for`, SOLVE_FOR) as SolveFor;
    const targets = {
      maxTotalSec:
        q.maxTotal === undefined
          ? null
          : parseDuration(q.maxTotal, `${where}.maxTotal`, { allowZero: false }),
      maxStunSec:
        q.maxStun === undefined ? null : parseDuration(q.maxStun, `${where}.maxStun`, { allowZero: false }),
    };
    const name = namerAt(`${where}.base`);
    const input = parseInput(q.base, name);
    const answer = solve(what, input, targets, name);
    const setting = settingWords(input, what);
    parts.findings.push(solveFinding(answer, setting));
    parts.assumptions.push(
      `Question ${k + 1}: ${what} for ${describeInput(q.base)}${targets.maxTotalSec !== null ? `; total time at most ${formatDuration(targets.maxTotalSec)}` : ""}${targets.maxStunSec !== null ? `; stun at most ${formatDuration(targets.maxStunSec)}` : ""}; ${answer.throttling}`,
    );
    const at = answer.atValue;
    rows.push([
      `${what}, ${setting}`,
      answer.value === null ? "none" : valueWords(what, answer.value),
      at === null ? "-" : time(at.totalTimeSec),
      at === null ? "-" : time(at.downtimeSec),
      answer.beyond === null
        ? "-"
        : completed(answer.beyond.outcome, answer.beyond.totalTimeSec)
          ? `${answer.beyond.outcome}, ${time(answer.beyond.totalTimeSec)}`
          : answer.beyond.outcome,
    ]);
  });
  if ((sec.tables ?? []).some((t) => t.kind === "results"))
    parts.tables.push({
      caption: "Answers (search tolerance 0.01 %)",
      header: [
        "Question",
        "Answer",
        "Total time at the answer",
        "Stun at the answer",
        "Just past the answer",
      ],
      rows,
      numeric: [false, true, true, true, false],
    });
}

function valueWords(what: SolveFor, v: number): string {
  switch (what) {
    case "memory":
      return formatBytes(v);
    case "dirty-rate":
      return rate(v);
    case "bandwidth":
      return formatRate(v);
    case "rtt":
      return formatDuration(v);
    case "loss":
      return v.toExponential(1);
    case "streams":
      return String(v);
  }
}

/** The fixed inputs of a question in words: "over a 1 Gbit/s, 50 ms path (wan) while dirtying 100 MiB/s". */
function settingWords(input: CanonicalInput, what: SolveFor): string {
  const words: string[] = [];
  const path: string[] = [];
  if (input.link !== undefined) path.push(formatRate(input.link));
  if (input.bandwidth !== undefined) path.push(formatRate(input.bandwidth));
  if (input.rtt !== undefined) path.push(`${formatDuration(input.rtt)} RTT`);
  const preset =
    input.preset !== undefined
      ? ` (${input.preset} path${input.loss !== undefined ? `, loss ${String(input.loss)}` : ""})`
      : "";
  if (path.length > 0 || preset !== "")
    words.push(`over a ${path.length > 0 ? path.join(", ") : "network"} link${preset}`);
  if (input.dirtyRate !== undefined && what !== "dirty-rate")
    words.push(`while dirtying ${rate(input.dirtyRate)}`);
  if (input.memory !== undefined && what !== "memory") words.push(`for a ${formatBytes(input.memory)} VM`);
  return words.join(" ");
}
