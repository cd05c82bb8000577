import { SOLVE_FOR, solve, type SolveFor } from "../../plan/solve.js";
import { parseInput } from "../../input/parse.js";
import { pathOf } from "../../input/path.js";
import { otherBufferMode, partsBeyondSpread } from "../../plan/buffer-modes.js";
import { bufferLead } from "../findings/buffers.js";
import { formatDuration } from "../../units/format.js";
import { parseChoice, parseDuration } from "../../units/parse.js";
import { pastCell, solveFinding } from "../findings/solve.js";
import { time } from "../findings/words.js";
import { describeInput, namerAt } from "../inputs.js";
import type { ResolvedSection } from "../types.js";
import { emptyParts, type SectionParts } from "./parts.js";
import { settingWords, valueWords } from "./solve-words.js";

/** A solve section: each inverse question answered, as findings and an answers table. */
export function solveSection(sec: ResolvedSection): SectionParts {
  const parts = emptyParts();
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
    // Above 4 ms RTT the answer rests on one buffer-sizing reading: solved again under the other,
    // and said when the answers part by more than 10 % (or one of them has none).
    const mode = input.bandwidth === undefined ? pathOf(input, {}, name)?.bufferMode : undefined;
    if (mode !== undefined && mode !== null) {
      const otherMode = otherBufferMode(mode);
      const other = solve(what, { ...input, bufferMode: otherMode }, targets, name);
      const words = (a: typeof answer): string => (a.value === null ? "none" : valueWords(what, a.value));
      const apart =
        answer.value === null || other.value === null
          ? (answer.value === null) !== (other.value === null)
          : partsBeyondSpread(answer.value, other.value);
      if (apart)
        parts.findings.push(
          `${bufferLead("this answer uses", mode, otherMode)} the answer to "${what}, ${setting}" is ${words(other)} instead of ${words(answer)}.`,
        );
    }
    parts.assumptions.push(
      `Question ${k + 1}: ${what} for ${describeInput(q.base)}${targets.maxTotalSec !== null ? `; total time at most ${formatDuration(targets.maxTotalSec)}` : ""}${targets.maxStunSec !== null ? `; stun at most ${formatDuration(targets.maxStunSec)}` : ""}; ${answer.throttling}`,
    );
    const at = answer.atValue;
    rows.push([
      `${what}, ${setting}`,
      answer.value === null ? "none" : valueWords(what, answer.value),
      at === null ? "-" : time(at.totalTimeSec),
      at === null ? "-" : time(at.downtimeSec),
      pastCell(answer),
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
  return parts;
}
