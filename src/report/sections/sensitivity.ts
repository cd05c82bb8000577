import { sensitivityChart } from "../../charts/index.js";
import { fieldOf, isFieldKey, type CanonicalInput, type FieldNamer } from "../../input/fields.js";
import { parseField, parseInput } from "../../input/parse.js";
import { buildScenario } from "../../input/scenario.js";
import { simulate, simulateSummary } from "../../model/simulate.js";
import { OUTCOMES } from "../../model/types.js";
import { bufferModeSpread, otherBufferMode, partsBeyondSpread } from "../../plan/buffer-modes.js";
import { planScenario } from "../../plan/scenario.js";
import { parseFraction } from "../../units/parse.js";
import { bufferFindings, underOtherReading } from "../findings/buffers.js";
import { sensitivityFindings, type SensitivityFindingRow } from "../findings/index.js";
import { completed, pct } from "../findings/words.js";
import { baselineValue, describeInput, namerAt } from "../inputs.js";
import type { ResolvedSection } from "../types.js";
import { addChart, chartText, emptyParts, type SectionParts } from "./parts.js";

/** A sensitivity section: each input moved down and up by `delta`, the rest at baseline. */
export function sensitivitySection(sec: ResolvedSection): SectionParts {
  const parts = emptyParts();
  const src = sec.sensitivity;
  if (src === undefined) return parts;
  const where = `${sec.where}.sensitivity`;
  const name = namerAt(`${where}.base`);
  const delta = parseFraction(src.delta, `${where}.delta`, { min: 0.001, max: 0.9 });
  const baseInput = parseInput(src.base, name);
  const base = planScenario(baseInput, name);
  const { baselineTotalTimeSec, baselineBinding, rows } = tornadoOf(
    baseInput,
    src.inputs,
    delta,
    where,
    name,
  );
  // The same inputs moved under the other buffer-sizing reading (model.md section 4), drawn and
  // said where the two part by more than 10 % at the baseline or at a moved end.
  const spread = bufferModeSpread(baseInput, { path: base.path, result: simulate(base.scenario) }, name);
  const mode = base.path?.bufferMode ?? null;
  const otherMode = mode === null || baseInput.bandwidth !== undefined ? null : otherBufferMode(mode);
  const other =
    otherMode === null
      ? null
      : tornadoOf({ ...baseInput, bufferMode: otherMode }, src.inputs, delta, where, name);
  const ends = (t: { rows: readonly SensitivityFindingRow[]; baselineTotalTimeSec: number }): number[] => [
    t.baselineTotalTimeSec,
    ...t.rows.flatMap((r) => [r.lowTotalTimeSec, r.highTotalTimeSec]),
  ];
  const parted =
    other !== null &&
    (spread !== null ||
      ends(other).some((t, i) => {
        const u = ends({ rows, baselineTotalTimeSec })[i] ?? NaN;
        return Number.isFinite(t) !== Number.isFinite(u) || partsBeyondSpread(t, u);
      }));
  parts.assumptions.push(
    `Baseline: ${describeInput(src.base)}; each of ${src.inputs.join(", ")} moved by ${pct(delta)} down and up, the rest at baseline`,
  );
  (sec.charts ?? []).forEach((c, j) =>
    addChart(
      parts,
      c,
      j,
      sensitivityChart(rows, {
        ...chartText(c),
        baselineTotalTimeSec,
        deltaFraction: delta,
        ...(parted && other !== null && mode !== null && otherMode !== null
          ? {
              other: {
                rows: other.rows,
                baselineTotalTimeSec: other.baselineTotalTimeSec,
                usedMode: mode,
                otherMode,
              },
            }
          : {}),
      }),
    ),
  );
  parts.findings.push(...sensitivityFindings(rows, baselineTotalTimeSec, delta, baselineBinding));
  // The baseline rests on one buffer-sizing reading: say what the other gives, and which input
  // moves total time most under it.
  if (spread !== null)
    parts.findings.push(...bufferFindings([{ label: "the baseline migration", spread }], 1, NaN));
  if (parted && other !== null && otherMode !== null) {
    const [top] = sensitivityFindings(other.rows, other.baselineTotalTimeSec, delta, other.baselineBinding);
    if (top !== undefined) parts.findings.push(underOtherReading(otherMode, top));
  }
  return parts;
}

/**
 * The tornado of `baseInput`: its total time, and each input moved down and up by `delta`, the
 * rest at baseline (infinite where the migration does not complete).
 */
function tornadoOf(
  baseInput: CanonicalInput,
  inputs: readonly string[],
  delta: number,
  where: string,
  name: FieldNamer,
): { baselineTotalTimeSec: number; baselineBinding: string; rows: SensitivityFindingRow[] } {
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
  const rows: SensitivityFindingRow[] = inputs.map((key, k) => {
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
  return { baselineTotalTimeSec: baseline.t, baselineBinding: baseline.binding, rows };
}
