import { Command } from "commander";
import { cliFlagName } from "../../input/fields.js";
import { solve, SOLVE_FOR, type SolveAnswer, type SolveTargets } from "../../plan/solve.js";
import { formatDuration } from "../../units/format.js";
import { parseChoice, parseDuration } from "../../units/parse.js";
import { out } from "../io.js";
import { addFieldOptions, inputFromOptions } from "../field-options.js";
import { toJson } from "../json.js";

/** Enough digits to show why a value just past the answer fails. */
function precise(sec: number): string {
  return sec < 1 ? `${(sec * 1e3).toFixed(3)} ms` : `${sec.toFixed(4)} s`;
}

/** The answer in words: the message, then how it was searched. */
function answerText(a: SolveAnswer): string {
  const lines = [a.message];
  const tol = a.for === "streams" ? "exact (integer)" : `${a.toleranceRel * 100} % relative`;
  lines.push(
    `  searched      ${a.direction === "min" ? "smallest" : "largest"} value that converges ${a.throttling.startsWith("none") ? "(Xen never throttles)" : `with ${a.throttling}`}, ` +
      `tolerance ${tol}, ${a.evaluations} simulations`,
    `  rule          ${a.rule}`,
    `  dirty model   ${a.dirtyModel}`,
  );
  if (a.beyond && a.feasible && !a.atRangeEdge) {
    const b = a.beyond;
    const t = a.targets;
    const why =
      b.outcome !== "converged"
        ? b.outcome
        : t.maxTotalSec !== null && b.totalTimeSec > t.maxTotalSec
          ? `total ${precise(b.totalTimeSec)} is above ${precise(t.maxTotalSec)}`
          : `stun ${precise(b.downtimeSec)} is above ${precise(t.maxStunSec ?? 0)}`;
    lines.push(
      `  just past it  fails (${why}) after ${b.iterations} iteration${b.iterations === 1 ? "" : "s"}, ${formatDuration(b.totalTimeSec)}`,
    );
  }
  return lines.join("\n");
}

/** `vmotion-sim solve --for ...`: the inverse questions (issue 8). */
export function solveCommand(): Command {
  const cmd = new Command("solve").description(
    "find the least throughput/streams or the most dirty rate/memory/RTT/loss at which a VM still converges without throttling",
  );
  cmd.requiredOption("--for <quantity>", `what to find: ${SOLVE_FOR.join(", ")}`);
  addFieldOptions(cmd)
    .option("--max-total <duration>", "largest acceptable total migration time, e.g. 10min")
    .option("--max-stun <duration>", "largest acceptable stun (guest-seen downtime), e.g. 1s")
    .option("--json", "print the answer as JSON (value in canonical units)");
  cmd.action((opts: Record<string, unknown>) => {
    const what = parseChoice(opts.for, "--for", SOLVE_FOR);
    const targets: SolveTargets = {
      maxTotalSec:
        opts.maxTotal === undefined
          ? null
          : parseDuration(opts.maxTotal, "--max-total", { allowZero: false }),
      maxStunSec:
        opts.maxStun === undefined ? null : parseDuration(opts.maxStun, "--max-stun", { allowZero: false }),
    };
    const input = inputFromOptions(opts);
    const answer = solve(what, input, targets, cliFlagName);
    out(opts.json ? toJson(answer) : answerText(answer));
  });
  return cmd;
}
