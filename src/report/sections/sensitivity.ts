import { sensitivityChart } from "../../charts/index.js";
import { fieldOf, isFieldKey, type CanonicalInput } from "../../input/fields.js";
import { parseField, parseInput } from "../../input/parse.js";
import { buildScenario } from "../../input/scenario.js";
import { simulate, simulateSummary } from "../../model/simulate.js";
import { OUTCOMES } from "../../model/types.js";
import { bufferModeSpread } from "../../plan/buffer-modes.js";
import { planScenario } from "../../plan/scenario.js";
import { parseFraction } from "../../units/parse.js";
import { bufferFindings } from "../findings/buffers.js";
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
    addChart(
      parts,
      c,
      j,
      sensitivityChart(rows, { ...chartText(c), baselineTotalTimeSec, deltaFraction: delta }),
    ),
  );
  parts.findings.push(...sensitivityFindings(rows, baselineTotalTimeSec, delta, baseline.binding));
  // Above 4 ms RTT the baseline rests on one buffer-sizing reading: say what the other gives.
  const spread = bufferModeSpread(baseInput, { path: base.path, result: simulate(base.scenario) }, name);
  if (spread !== null)
    parts.findings.push(...bufferFindings([{ label: "the baseline migration", spread }], 1, NaN));
  return parts;
}
