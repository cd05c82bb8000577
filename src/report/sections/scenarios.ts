import { convergenceChart } from "../../charts/index.js";
import { parseInput } from "../../input/parse.js";
import { simulate } from "../../model/simulate.js";
import type { PathResult } from "../../network/index.js";
import { bufferModeSpread, otherReadingCell, type BufferModeSpread } from "../../plan/buffer-modes.js";
import { planScenario } from "../../plan/scenario.js";
import { bufferListFindings } from "../findings/buffers.js";
import { formatBytes } from "../../units/format.js";
import { convergenceFindings, type ConvergenceTrace } from "../findings/index.js";
import { completed, time } from "../findings/words.js";
import { defaultDirtyNote, describeInput, namerAt } from "../inputs.js";
import type { ResolvedSection } from "../types.js";
import { addChart, chartText, emptyParts, type SectionParts } from "./parts.js";
import { withThrottleName } from "./throttle-name.js";

/** A named-scenarios section: each scenario simulated, its per-iteration trace charted. */
export function scenariosSection(sec: ResolvedSection): SectionParts {
  const parts = emptyParts();
  const spreads: (BufferModeSpread | null)[] = [];
  const paths: (PathResult | null)[] = [];
  const goalSecs: number[] = [];
  // The default dirty model's note once, after every scenario's inputs (it sat between the first
  // scenario and the second, as if about the first alone).
  const notes: string[] = [];
  const traces: ConvergenceTrace[] = (sec.scenarios ?? []).map((sc, k) => {
    const name = namerAt(`${sec.where}.scenarios[${k}].input`);
    const input = parseInput(sc.input, name);
    const planned = planScenario(input, name);
    const s = planned.scenario;
    const r = simulate(s);
    // Both buffer-sizing readings (model.md section 4), kept where they part by more than 10 %.
    spreads.push(bufferModeSpread(input, { path: planned.path, result: r }, name));
    paths.push(planned.path);
    const goalSec =
      s.policy.kind === "vmotion"
        ? s.policy.switchoverGoalSec
        : s.policy.kind === "qemu"
          ? s.policy.downtimeLimitSec
          : 0;
    goalSecs.push(goalSec);
    parts.assumptions.push(`${sc.name}: ${describeInput(sc.input)}`);
    const note = defaultDirtyNote(Object.keys(sc.input));
    if (note !== null && !notes.includes(note)) notes.push(note);
    return {
      name: sc.name,
      iterationBytes: r.iterations.map((it) => it.bytes),
      switchoverBytes: r.switchoverBytes,
      goalBytes: goalSec * r.throughputBytesPerSec,
      outcome: r.outcome,
      // A migration that never switches over has neither a total time nor a stun (its result's
      // 0 s stun is no stun the guest saw).
      totalTimeSec: completed(r.outcome, r.totalTimeSec) ? r.totalTimeSec : NaN,
      downtimeSec: completed(r.outcome, r.totalTimeSec) ? r.downtimeSec : NaN,
    };
  });
  parts.assumptions.push(...notes);
  (sec.charts ?? []).forEach((c, j) => {
    const rows = traces.flatMap((t, k) => {
      const o = spreads[k]?.other;
      const modes = o === undefined ? {} : { usedMode: spreads[k]?.used.mode, otherMode: o.mode };
      return [
        ...t.iterationBytes.map((b, i) => ({ scenario: t.name, iteration: i, remainingBytes: b })),
        { scenario: t.name, iteration: t.iterationBytes.length, remainingBytes: t.switchoverBytes },
        ...(o === undefined
          ? []
          : [
              ...o.result.iterations.map((it, i) => ({
                scenario: t.name,
                iteration: i,
                remainingBytes: it.bytes,
                ...modes,
              })),
              {
                scenario: t.name,
                iteration: o.result.iterations.length,
                remainingBytes: o.result.switchoverBytes,
                ...modes,
              },
            ]),
      ];
    });
    const subtitle = chartText(c).subtitle ?? "Last point: bytes left for the stun when pre-copy stops";
    addChart(
      parts,
      c,
      j,
      convergenceChart(
        rows,
        traces.map((t, k) => {
          const o = spreads[k]?.other.result;
          return {
            scenario: t.name,
            goalBytes: t.goalBytes,
            ...(o === undefined ? {} : { otherGoalBytes: (goalSecs[k] ?? 0) * o.throughputBytesPerSec }),
          };
        }),
        { ...chartText(c), subtitle },
      ),
    );
  });
  parts.findings.push(...convergenceFindings(traces));
  parts.findings.push(
    ...bufferListFindings(
      traces.flatMap((t, k) => {
        const spread = spreads[k];
        return spread === null || spread === undefined ? [] : [{ label: t.name, spread }];
      }),
    ),
  );
  const parted = spreads.some((x) => x !== null);
  if ((sec.tables ?? []).some((t) => t.kind === "results"))
    parts.tables.push({
      caption: "Scenarios",
      header: [
        "Scenario",
        "Iterations",
        "Left for the stun",
        "Total time",
        "Stun (guest-seen)",
        "Outcome",
        ...(parted ? ["Other buffer sizing"] : []),
      ],
      rows: traces.map((t, k) => [
        t.name,
        String(t.iterationBytes.length),
        formatBytes(t.switchoverBytes),
        Number.isFinite(t.totalTimeSec) ? time(t.totalTimeSec) : "-",
        Number.isFinite(t.downtimeSec) ? time(t.downtimeSec) : "-",
        t.outcome,
        ...(parted ? [otherReadingCell(spreads[k] ?? null, paths[k] ?? null)] : []),
      ]),
      numeric: [false, true, true, true, true, false, ...(parted ? [false] : [])],
    });
  // The throttle by its name where every scenario is QEMU's (auto-converge, not SDPS).
  const policies = new Set((sec.scenarios ?? []).map((sc) => sc.input.policy ?? "vmotion"));
  return policies.size === 1 ? withThrottleName(parts, [...policies][0]) : parts;
}
