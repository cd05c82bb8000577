import type { SolveAnswer } from "../../plan/solve.js";
import { formatBytes, formatDuration, formatRate, plural } from "../../units/format.js";
import { lossWords, outcomeWords, rate, time } from "./words.js";

const WHAT: Readonly<Record<string, { noun: string; fmt: (v: number) => string }>> = {
  bandwidth: { noun: "the smallest throughput", fmt: (v) => formatRate(v) },
  "dirty-rate": { noun: "the highest dirty rate", fmt: (v) => rate(v) },
  memory: { noun: "the largest VM", fmt: (v) => formatBytes(v) },
  rtt: { noun: "the longest RTT", fmt: (v) => formatDuration(v) },
  loss: { noun: "the highest packet loss", fmt: (v) => lossWords(v) },
  streams: { noun: "the fewest streams", fmt: (v) => String(v) },
};

/**
 * One solved inverse question in a sentence: the answer, the migration at the answer, and what
 * happens just past it. `setting` describes the fixed inputs ("over a 1 Gbit/s, 50 ms link while
 * dirtying 100 MiB/s").
 *
 * Example: "The largest VM that converges without SDPS over ..., within 1 h, is 240.3 GiB: it
 * takes 59.9 min with a 0.62 s stun; just past it, the total time exceeds the 1 h target."
 */
export function solveFinding(answer: SolveAnswer, setting: string): string {
  const w = WHAT[answer.for] ?? { noun: answer.for, fmt: (v: number) => String(v) };
  const targets: string[] = [];
  if (answer.targets.maxTotalSec !== null)
    targets.push(`within ${time(answer.targets.maxTotalSec)} in total`);
  if (answer.targets.maxStunSec !== null)
    targets.push(`with a stun under ${time(answer.targets.maxStunSec)}`);
  const question = `${w.noun} that converges without ${answer.throttling === "SDPS off" ? "SDPS" : "throttling"} ${setting}${targets.length > 0 ? `, ${targets.join(" and ")}` : ""}`;
  const Question = question.charAt(0).toUpperCase() + question.slice(1);
  if (!answer.feasible || answer.value === null || answer.atValue === null) {
    // The easiest end of the range, where the search found nothing either: named with its value
    // ("No value works: ... (The highest dirty rate ..., with a stun under 1 ms,: none.)" named
    // neither and ended in ",:").
    const edge = answer.direction === "min" ? answer.range[1] : answer.range[0];
    return `${Question}: none; even at ${w.fmt(edge)}, the ${answer.direction === "min" ? "highest" : "lowest"} value searched, ${pastWords(answer) ?? "it fails"}.`;
  }
  const Cond = targets.length > 0 ? `${Question},` : Question;
  const at = answer.atValue;
  const head = answer.atRangeEdge
    ? `${Cond} is beyond the search range: even ${w.fmt(answer.value)} works`
    : `${Cond} is ${w.fmt(answer.value)}`;
  const detail = `it takes ${time(at.totalTimeSec)} with a ${time(at.downtimeSec)} stun after ${plural(at.iterations, "iteration")}`;
  const past = answer.atRangeEdge ? null : pastWords(answer);
  return `${head}: ${detail}${past === null ? "" : `; just past it, ${past}`}.`;
}

/**
 * What happens just past a solve answer, from the numbers there: the outcome when the migration
 * does not converge on its own, else the target it misses and by how much (just past the answer
 * the total time prints as the target, "60 min", so the excess is what tells them apart); null
 * when there is nothing past it.
 *
 * Example: `"the total time exceeds the 60 min target by 360 ms"`.
 */
export function pastWords(answer: SolveAnswer): string | null {
  const b = answer.beyond;
  if (b === null) return null;
  if (b.outcome !== "converged") return outcomeWords(b.outcome);
  const t = answer.targets;
  if (t.maxTotalSec !== null && b.totalTimeSec > t.maxTotalSec)
    return `the total time exceeds the ${time(t.maxTotalSec)} target by ${time(b.totalTimeSec - t.maxTotalSec)}`;
  if (t.maxStunSec !== null && b.downtimeSec > t.maxStunSec)
    return `the stun exceeds the ${time(t.maxStunSec)} target by ${time(b.downtimeSec - t.maxStunSec)}`;
  return null;
}

/**
 * The solve table's "just past the answer" cell: the outcome when it fails, else the target
 * missed and by how much (`"converged in 60 min, 360 ms over the 60 min target"`), `"-"` when
 * nothing is past the answer.
 */
export function pastCell(answer: SolveAnswer): string {
  const b = answer.beyond;
  if (b === null || answer.atRangeEdge) return "-";
  if (b.outcome !== "converged") return b.outcome;
  const t = answer.targets;
  if (t.maxTotalSec !== null && b.totalTimeSec > t.maxTotalSec)
    return `converged in ${time(b.totalTimeSec)}, ${time(b.totalTimeSec - t.maxTotalSec)} over the ${time(t.maxTotalSec)} target`;
  if (t.maxStunSec !== null && b.downtimeSec > t.maxStunSec)
    return `converged with a ${time(b.downtimeSec)} stun, ${time(b.downtimeSec - t.maxStunSec)} over the ${time(t.maxStunSec)} target`;
  return "converged";
}
