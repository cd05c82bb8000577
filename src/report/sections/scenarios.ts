import { convergenceChart } from "../../charts/index.js";
import { scenarioFromInput } from "../../input/scenario.js";
import { simulate } from "../../model/simulate.js";
import { formatBytes } from "../../units/format.js";
import { convergenceFindings, type ConvergenceTrace } from "../findings/index.js";
import { completed, time } from "../findings/words.js";
import { defaultDirtyNote, describeInput, namerAt } from "../inputs.js";
import type { ResolvedSection } from "../types.js";
import { addChart, chartText, emptyParts, type SectionParts } from "./parts.js";

/** A named-scenarios section: each scenario simulated, its per-iteration trace charted. */
export function scenariosSection(sec: ResolvedSection): SectionParts {
  const parts = emptyParts();
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
    const subtitle = chartText(c).subtitle ?? "Last point: bytes left for the stun when pre-copy stops";
    addChart(
      parts,
      c,
      j,
      convergenceChart(
        rows,
        traces.map((t) => ({ scenario: t.name, goalBytes: t.goalBytes })),
        { ...chartText(c), subtitle },
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
  return parts;
}
