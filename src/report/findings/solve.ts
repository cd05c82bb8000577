import type { SolveAnswer } from "../../plan/solve.js";
import { formatBytes, formatDuration, formatRate } from "../../units/format.js";
import { outcomeWords, rate, time } from "./words.js";

const WHAT: Readonly<Record<string, { noun: string; fmt: (v: number) => string }>> = {
  bandwidth: { noun: "the smallest throughput", fmt: (v) => formatRate(v) },
  "dirty-rate": { noun: "the highest dirty rate", fmt: (v) => rate(v) },
  memory: { noun: "the largest VM", fmt: (v) => formatBytes(v) },
  rtt: { noun: "the longest RTT", fmt: (v) => formatDuration(v) },
  loss: { noun: "the highest packet loss", fmt: (v) => v.toExponential(1) },
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
  const cond = `${w.noun} that converges without ${answer.throttling === "SDPS off" ? "SDPS" : "throttling"} ${setting}${targets.length > 0 ? `, ${targets.join(" and ")},` : ""}`;
  const Cond = cond.charAt(0).toUpperCase() + cond.slice(1);
  if (!answer.feasible || answer.value === null || answer.atValue === null) {
    const b = answer.beyond;
    return `No value works: even at the end of the search range ${b === null ? "it fails" : outcomeWords(b.outcome)}. (${Cond}: none.)`;
  }
  const at = answer.atValue;
  const head = answer.atRangeEdge
    ? `${Cond} is beyond the search range: even ${w.fmt(answer.value)} works`
    : `${Cond} is ${w.fmt(answer.value)}`;
  const detail = `it takes ${time(at.totalTimeSec)} with a ${time(at.downtimeSec)} stun after ${at.iterations} iterations`;
  const b = answer.beyond;
  let past = "";
  if (b !== null && !answer.atRangeEdge) {
    if (b.outcome !== "converged") past = `; just past it, ${outcomeWords(b.outcome)}`;
    else if (answer.targets.maxTotalSec !== null && b.totalTimeSec > answer.targets.maxTotalSec)
      past = `; just past it, the total time exceeds the ${time(answer.targets.maxTotalSec)} target`;
    else if (answer.targets.maxStunSec !== null && b.downtimeSec > answer.targets.maxStunSec)
      past = `; just past it, the stun exceeds the ${time(answer.targets.maxStunSec)} target`;
  }
  return `${head}: ${detail}${past}.`;
}
