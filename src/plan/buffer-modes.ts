import type { CanonicalInput, FieldNamer } from "../input/fields.js";
import { cliFlagName } from "../input/fields.js";
import { simulate } from "../model/simulate.js";
import { switchedOver, type MigrationResult, type Outcome } from "../model/types.js";
import { BUFFER_MODES, type BufferMode, type PathResult } from "../network/index.js";
import { formatDuration, formatRate } from "../units/format.js";
import { planScenario } from "./scenario.js";

/** How far two results may differ before both are shown: 10 % (the project's standard). */
export const BUFFER_MODE_SPREAD_FRACTION = 0.1;

/** True when `x` and `y` differ by more than {@link BUFFER_MODE_SPREAD_FRACTION} of the larger. */
export function partsBeyondSpread(x: number, y: number): boolean {
  return Math.abs(x - y) > BUFFER_MODE_SPREAD_FRACTION * Math.max(Math.abs(x), Math.abs(y));
}

/** The reading that is not `mode`: `otherBufferMode("bdp")` returns `"expected-line-rate"`. */
export function otherBufferMode(mode: BufferMode): BufferMode {
  return BUFFER_MODES.find((m) => m !== mode) as BufferMode;
}

/** One migration under one buffer-sizing reading. */
export interface BufferModeRun {
  readonly mode: BufferMode;
  readonly path: PathResult;
  readonly result: MigrationResult;
}

/**
 * The same migration under both readings of vMotion's buffer sizing over long paths (model.md
 * section 4: `bdp` and `expected-line-rate`, both assumptions). `used` is the reading the input
 * asked for (or the default); `other` the alternative.
 */
export interface BufferModeSpread {
  readonly used: BufferModeRun;
  readonly other: BufferModeRun;
}

/**
 * Simulate `input` under the other buffer mode too, and return both runs when they disagree by
 * more than {@link BUFFER_MODE_SPREAD_FRACTION} in throughput or total time, or in whether the
 * migration completes; null when they agree, when there is no modelled path, when the throughput
 * is given directly (`bandwidth`), or when the path has no latency-aware sizing. `used` is the
 * caller's own result (not simulated again).
 *
 * Example: 64 GiB at 400 MiB/s over `metro` (4.7 ms): bdp carries 9.9 Gbit/s (65 s), the
 * expected-line-rate reading 1.06 Gbit/s (10.1 min, with SDPS): both are returned.
 */
export function bufferModeSpread(
  input: CanonicalInput,
  used: { readonly path: PathResult | null; readonly result: MigrationResult },
  name: FieldNamer = cliFlagName,
): BufferModeSpread | null {
  const path = used.path;
  if (path === null || path.bufferMode === null || input.bandwidth !== undefined) return null;
  const mode = path.bufferMode;
  const otherMode = otherBufferMode(mode);
  const planned = planScenario({ ...input, bufferMode: otherMode }, name);
  if (planned.path === null) return null;
  const other = { mode: otherMode, path: planned.path, result: simulate(planned.scenario) };
  return resultsPart(used.result, other.result) ? { used: { mode, path, result: used.result }, other } : null;
}

/** The parts of a migration's result the two readings are compared on. */
export interface ComparedResult {
  readonly outcome: Outcome;
  readonly throughputBytesPerSec: number;
  readonly totalTimeSec: number;
}

/**
 * True when two runs of one migration (one per buffer-sizing reading) part: one switches over and
 * the other does not, or throughput or (when both switch over) total time differ by more than
 * {@link BUFFER_MODE_SPREAD_FRACTION}.
 */
export function resultsPart(a: ComparedResult, b: ComparedResult): boolean {
  return (
    switchedOver(a.outcome) !== switchedOver(b.outcome) ||
    partsBeyondSpread(a.throughputBytesPerSec, b.throughputBytesPerSec) ||
    (switchedOver(a.outcome) && partsBeyondSpread(a.totalTimeSec, b.totalTimeSec))
  );
}

/** "65 s" or "does not complete (not-converging)". */
export function totalWords(r: Pick<ComparedResult, "outcome" | "totalTimeSec">): string {
  return !switchedOver(r.outcome) ? `does not complete (${r.outcome})` : formatDuration(r.totalTimeSec);
}

/**
 * The range of total times of two readings' runs: "65 s - 10.1 min"; the failing side in words
 * when one fails. Any pair of readings (buffer sizing, congestion control).
 */
export function spreadRange(s: {
  readonly used: { readonly result: ComparedResult };
  readonly other: { readonly result: ComparedResult };
}): string {
  const a = s.used.result;
  const b = s.other.result;
  if (!switchedOver(a.outcome) || !switchedOver(b.outcome)) return `${totalWords(a)} or ${totalWords(b)}`;
  const [lo, hi] = a.totalTimeSec <= b.totalTimeSec ? [a, b] : [b, a];
  return `${formatDuration(lo.totalTimeSec)} - ${formatDuration(hi.totalTimeSec)}`;
}

/**
 * One sentence for `estimate` and `compare`, built from both runs:
 * "64.9 s - 10.1 min depending on buffer sizing: bdp (used) 9.9 Gbit/s, 65 s; expected-line-rate
 * 1.06 Gbit/s, 10.1 min (both readings are assumptions, model.md section 4)".
 */
export function spreadWords(s: BufferModeSpread): string {
  const run = (r: BufferModeRun, used: boolean): string =>
    `${r.mode}${used ? " (used)" : ""} ${formatRate(r.result.throughputBytesPerSec)}, ${totalWords(r.result)}`;
  return (
    `${spreadRange(s)} depending on buffer sizing: ${run(s.used, true)}; ${run(s.other, false)} ` +
    "(how vMotion sizes its buffers on long paths is not published: both readings are assumptions)"
  );
}

/**
 * A table cell for the reading not used (`compare`'s "other buffer sizing" row, over paths or host
 * configurations, and the report's configurations table): `expected-line-rate: 1.06 Gbit/s, 11 min`;
 * `same within 10 %` when both agree (below 4 ms too: `bdp` grows buffers at every RTT, so the two
 * are two readings there as well, which agree where the socket buffer covers the path); `-`
 * without a path (a failed route).
 */
export function otherReadingCell(s: BufferModeSpread | null, path: PathResult | null): string {
  return s !== null ? otherRunCell(s.other.mode, s.other.result) : agreeingReadingCell(path);
}

/** The other reading's cell: `expected-line-rate: 1.06 Gbit/s, 11 min`. */
export function otherRunCell(mode: BufferMode, r: ComparedResult): string {
  return `${mode}: ${formatRate(r.throughputBytesPerSec)}, ${totalWords(r)}`;
}

/**
 * The other-reading cell where the readings do not part: `same within 10 %`, `-` without a path.
 * Not "one reading below 4 ms": `bdp` grows the buffers at every RTT and `expected-line-rate` keeps
 * the socket buffer up to 4 ms, so below it the two agree only where that buffer covers the path
 * (10 GbE up to ~0.45 ms) and part elsewhere (2 ms over 10 GbE: 9.9 against 2.25 Gbit/s).
 */
export function agreeingReadingCell(path: PathResult | null): string {
  return path === null ? "-" : "same within 10 %";
}

/** Both runs for `--json` (`bufferModes` of estimate and of each compare column). */
export function bufferModesJson(s: BufferModeSpread): Record<string, unknown>[] {
  return [s.used, s.other].map((r) => ({
    mode: r.mode,
    used: r === s.used,
    outcome: r.result.outcome,
    totalTimeSec: r.result.totalTimeSec,
    downtimeSec: r.result.downtimeSec,
    throughputBytesPerSec: r.result.throughputBytesPerSec,
  }));
}
