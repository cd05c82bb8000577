import { SOLVE_FOR, solve, type SolveAnswer, type SolveFor } from "../../plan/solve.js";
import { parseInput } from "../../input/parse.js";
import { pathOf } from "../../input/path.js";
import { agreeingReadingCell, otherBufferMode, partsBeyondSpread } from "../../plan/buffer-modes.js";
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
  // Per question: the other buffer reading's cell (null without a path); the column shows when
  // any question's readings part.
  const otherCells: (string | null)[] = [];
  let parted = false;
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
    // The answer rests on one buffer-sizing reading wherever a path is simulated (bdp grows the
    // buffers at every RTT, model.md section 4): solved again under the other, and said (finding
    // and table column) when the answers part by more than 10 % or only one of them exists.
    const path = input.bandwidth === undefined ? pathOf(input, {}, name) : null;
    const mode = path?.bufferMode;
    let otherCell: string | null = null;
    if (mode !== undefined && mode !== null) {
      const otherMode = otherBufferMode(mode);
      const other = solve(what, { ...input, bufferMode: otherMode }, targets, name);
      const apart =
        answer.value === null || other.value === null
          ? (answer.value === null) !== (other.value === null)
          : partsBeyondSpread(answer.value, other.value);
      if (apart) {
        const theirs = answerWords(what, other, true);
        parts.findings.push(
          `${bufferLead("this answer uses", mode, otherMode)} the answer to "${what}, ${setting}" is ${theirs} instead of ${answerWords(what, answer, false)}.`,
        );
        otherCell = `${otherMode}: ${theirs}`;
        parted = true;
      } else otherCell = agreeingReadingCell(path);
    }
    otherCells.push(otherCell);
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
  if (parted) rows.forEach((row, k) => row.push(otherCells[k] ?? "-"));
  if ((sec.tables ?? []).some((t) => t.kind === "results"))
    parts.tables.push({
      caption: "Answers (search tolerance 0.01 %)",
      header: [
        "Question",
        "Answer",
        "Total time at the answer",
        "Stun at the answer",
        "Just past the answer",
        ...(parted ? ["Other buffer sizing"] : []),
      ],
      rows,
      numeric: [false, true, true, true, false, ...(parted ? [false] : [])],
    });
  return parts;
}

/**
 * A solve answer in words: `none`, the value, and with `detail` the migration there
 * (`120 GiB (it takes 59.9 min with a 612 ms stun)`), so the other reading's answer is told with
 * its time and stun as the used one is in its own finding.
 */
function answerWords(what: SolveFor, a: SolveAnswer, detail: boolean): string {
  if (a.value === null) return "none";
  const v = valueWords(what, a.value);
  const at = a.atValue;
  if (!detail || at === null) return v;
  return `${v} (it takes ${time(at.totalTimeSec)} with a ${time(at.downtimeSec)} stun)`;
}
