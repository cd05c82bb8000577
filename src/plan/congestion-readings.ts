import type { CanonicalInput, FieldNamer } from "../input/fields.js";
import { cliFlagName } from "../input/fields.js";
import { simulate } from "../model/simulate.js";
import type { MigrationResult } from "../model/types.js";
import { CONGESTION_CONTROLS, type CongestionControl, type PathResult } from "../network/index.js";
import { formatRate } from "../units/format.js";
import { resultsPart, spreadRange, totalWords } from "./buffer-modes.js";
import { planScenario } from "./scenario.js";

/** One migration under one congestion-control reading. */
export interface CongestionRun {
  readonly congestionControl: CongestionControl;
  readonly path: PathResult;
  readonly result: MigrationResult;
}

/**
 * The same vMotion under both congestion controls (model.md section 4): the vMotion TCP/IP stack
 * may run New Reno or CUBIC (a per-stack setting), and which is its default is not published, so
 * when the user names none both are readings, both assumptions. `used` is the default's run.
 */
export interface CongestionSpread {
  readonly used: CongestionRun;
  readonly other: CongestionRun;
}

/**
 * Simulate `input` under the other congestion control too, and return both runs when they part by
 * more than 10 % in throughput or total time, or in whether the migration completes
 * (`resultsPart`, the rule of the buffer readings); null when they agree, without a modelled path
 * or one that fails, with a given throughput (`bandwidth`), when the user named the congestion
 * control (they know their stack's setting), or for a QEMU or Xen sender (Linux's default, CUBIC,
 * is documented: model.md section 4.2). `used` is the caller's own result.
 *
 * Example: 64 GiB at 400 MiB/s over `wan` with loss 1e-5 and a 100 ms RTT: New Reno carries
 * 276 Mbit/s (39 min), CUBIC 754 Mbit/s (14.3 min): both are returned. At the preset's 25 ms the
 * two agree (CUBIC's Reno-friendly region, RFC 9438 section 4.3): null.
 */
export function congestionControlSpread(
  input: CanonicalInput,
  used: { readonly path: PathResult | null; readonly result: MigrationResult },
  name: FieldNamer = cliFlagName,
): CongestionSpread | null {
  const path = used.path;
  if (
    path === null ||
    path.failure !== null ||
    path.sender !== "vmotion" ||
    path.lossFraction === 0 ||
    input.congestionControl !== undefined ||
    input.bandwidth !== undefined
  )
    return null;
  const mine = path.congestionControl;
  const otherCc = CONGESTION_CONTROLS.find((c) => c !== mine) as CongestionControl;
  const planned = planScenario({ ...input, congestionControl: otherCc }, name);
  if (planned.path === null) return null;
  const other = { congestionControl: otherCc, path: planned.path, result: simulate(planned.scenario) };
  return resultsPart(used.result, other.result)
    ? { used: { congestionControl: mine, path, result: used.result }, other }
    : null;
}

/**
 * One sentence for `estimate` and `compare`, built from both runs: "14.3 min - 39 min depending on
 * congestion control: newreno (used) 276 Mbit/s, 39 min; cubic 754 Mbit/s, 14.3 min (the vMotion
 * stack's default is not published: both readings are assumptions; --congestion-control sets it)".
 */
export function congestionSpreadWords(s: CongestionSpread): string {
  const run = (r: CongestionRun, used: boolean): string =>
    `${r.congestionControl}${used ? " (used)" : ""} ${formatRate(r.result.throughputBytesPerSec)}, ${totalWords(r.result)}`;
  return (
    `${spreadRange(s)} depending on congestion control: ${run(s.used, true)}; ${run(s.other, false)} ` +
    "(the vMotion stack's default congestion control is not published: both readings are assumptions; " +
    "--congestion-control sets it)"
  );
}

/** The other reading's cell in `compare`: `cubic: 754 Mbit/s, 14.3 min`, or `same within 10 %`. */
export function otherCongestionCell(s: CongestionSpread | null): string {
  return s === null
    ? "same within 10 %"
    : `${s.other.congestionControl}: ${formatRate(s.other.result.throughputBytesPerSec)}, ${totalWords(s.other.result)}`;
}

/** Both runs for `--json` (`congestionControls` of estimate and of each compare column). */
export function congestionControlsJson(s: CongestionSpread): Record<string, unknown>[] {
  return [s.used, s.other].map((r) => ({
    congestionControl: r.congestionControl,
    used: r === s.used,
    outcome: r.result.outcome,
    totalTimeSec: r.result.totalTimeSec,
    downtimeSec: r.result.downtimeSec,
    throughputBytesPerSec: r.result.throughputBytesPerSec,
  }));
}
