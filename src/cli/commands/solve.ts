import { Command } from "commander";
import { cliFlagName } from "../../input/fields.js";
import { solve, SOLVE_FOR, type SolveAnswer, type SolveTargets } from "../../plan/solve.js";
import { formatDuration } from "../../units/format.js";
import { parseChoice, parseDuration } from "../../units/parse.js";
import { out } from "../io.js";
import { addFieldOptions } from "../field-options.js";
import { toJson } from "../json.js";
import { badValue } from "../../errors.js";
import { formatValue } from "../../plan/solve.js";
import {
  DEFAULT_SOLVE_PROBABILITY,
  solveUncertain,
  type UncertainSolveAnswer,
} from "../../plan/solve-uncertain.js";
import { formatCount, formatNumber, formatPercent, plural } from "../../units/format.js";
import { parseFraction } from "../../units/parse.js";
import { addSampleOptions, uncertainFromOptions } from "../uncertain-options.js";
import { medianHeading } from "../uncertainty-words.js";
import { fieldValueWords } from "./estimate.js";
import type { UncertainInput } from "../../input/uncertain.js";

/** Most draws of an uncertain solve: each runs a whole search (~50 simulations). [assumption] */
const MAX_SOLVE_SAMPLES = 100_000;

/** `--probability`: a fraction above 0 up to 1 (`0.9`, `90%`). */
function parseProbability(raw: unknown, uncertain: boolean): number {
  if (raw === undefined) return DEFAULT_SOLVE_PROBABILITY;
  if (!uncertain) throw badValue("--probability", "no value unless an input is a range or distribution", raw);
  const p = parseFraction(raw, "--probability", { min: 0, max: 1 });
  if (p === 0) throw badValue("--probability", "a probability above 0 up to 1, like 0.9 or 90%", raw);
  return p;
}

const LABEL: Record<SolveAnswer["for"], string> = {
  bandwidth: "smallest throughput",
  streams: "fewest streams",
  "dirty-rate": "largest dirty rate",
  memory: "largest memory",
  rtt: "largest RTT",
  loss: "largest packet loss",
};

/** The uncertain answer in words, leading: the value, the rule, the draws' own answers. */
function uncertainText(a: SolveAnswer, x: UncertainSolveAnswer, u: UncertainInput): string {
  const pct = formatPercent(x.probability);
  const label = LABEL[a.for];
  const lines: string[] = [];
  if (x.value === null)
    lines.push(
      `no ${LABEL[a.for].replace(/^\S+ /, "")} works in at least ${pct} of ${plural(x.samples, "draw")} (seed ${x.seed}): ${x.feasibleShare === 0 ? "no draw has" : `only ${formatPercent(x.feasibleShare)} of the draws have`} an answer in the searched range`,
    );
  else
    lines.push(
      `${label} with P(works) >= ${pct}: ${formatValue(a.for, x.value)} over ${plural(x.samples, "draw")} (seed ${x.seed}); ${formatCount(x.drawsMeeting)} of ${formatCount(x.samples)} draws work at it`,
    );
  lines.push(`  rule          ${x.rule}`);
  lines.push(
    `  works         converges with ${a.throttling}${a.targets.maxTotalSec !== null || a.targets.maxStunSec !== null ? ", within the targets" : ""}; ${a.rule}`,
  );
  if (x.perDraw !== null) {
    const q = x.perDraw;
    const lo = formatValue(a.for, q.p10);
    const hi = formatValue(a.for, q.p90);
    const spread =
      lo === hi ? `${lo} in every draw` : `${lo} to ${hi} (p10-p90), median ${formatValue(a.for, q.median)}`;
    lines.push(
      `  per draw      the draws' own answers: ${spread}; ${x.feasibleShare === 1 ? "every draw has one" : `${formatPercent(x.feasibleShare)} of the draws have one`}`,
    );
  }
  for (const f of u.uncertain) lines.push(`  uncertain     ${f.flag} ${f.words}`);
  const hw = 1.96 * Math.sqrt((x.probability * (1 - x.probability)) / x.samples);
  lines.push(
    `  sampling      at ${plural(x.samples, "draw")}, the share of draws that work at the answer is within ${formatNumber(hw * 100)} points of the true probability (95 %); ${formatCount(x.evaluations)} simulations`,
  );
  return lines.join("\n");
}

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
      `tolerance ${tol}, ${plural(a.evaluations, "simulation")}`,
    `  rule          ${a.rule}`,
    `  dirty model   ${a.dirtyModel}`,
  );
  if (a.perStream !== null) lines.push(`  per stream    ${a.perStream}`);
  if (a.beyond && a.feasible && !a.atRangeEdge) {
    const b = a.beyond;
    const t = a.targets;
    const why =
      b.outcome !== "converged"
        ? b.outcome
        : t.maxTotalSec !== null && b.totalTimeSec > t.maxTotalSec
          ? `total ${precise(b.totalTimeSec)} is above ${precise(t.maxTotalSec)}`
          : `stun ${precise(b.downtimeSec)} is above ${precise(t.maxStunSec ?? 0)}`;
    const after = `after ${b.iterations} iteration${b.iterations === 1 ? "" : "s"}, ${formatDuration(b.totalTimeSec)}`;
    // Xen's round and data caps force a switchover: the migration completes, with this stun
    // (xen at 851 MiB/s: 53.8 ms, the same as at the answer), so it is not called a failure.
    const forced = b.outcome === "max-rounds" || b.outcome === "data-cap";
    lines.push(
      forced
        ? `  just past it  forced stop-and-copy (${b.outcome}) ${after}, stun ${formatDuration(b.downtimeSec)}`
        : `  just past it  fails (${why}) ${after}`,
    );
  }
  return lines.join("\n");
}

/** `vmotion-sim solve --for ...`: the inverse questions (issue 8). */
export function solveCommand(): Command {
  const cmd = new Command("solve").description(
    "find the least throughput/streams or the most dirty rate/memory/RTT/loss at which a VM still converges without throttling",
  );
  cmd.requiredOption("--for <quantity>", `what to find: ${SOLVE_FOR.join(", ")} (required)`);
  addSampleOptions(addFieldOptions(cmd), MAX_SOLVE_SAMPLES)
    .option(
      "--probability <p>",
      `with a range or distribution: the share of draws the answer must work in (default ${DEFAULT_SOLVE_PROBABILITY * 100} %)`,
    )
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
    const { u, sampling } = uncertainFromOptions(opts, MAX_SOLVE_SAMPLES);
    const probability = parseProbability(opts.probability, u.uncertain.length > 0);
    if (u.uncertain.length === 0) {
      const answer = solve(what, u.input, targets, cliFlagName);
      out(opts.json ? toJson(answer) : answerText(answer));
      return;
    }
    const { atMedians, uncertain } = solveUncertain(what, u, targets, sampling, probability, cliFlagName);
    if (opts.json) {
      out(toJson({ ...atMedians, uncertainty: uncertain }));
      return;
    }
    out(
      `${uncertainText(atMedians, uncertain, u)}\n\n${medianHeading(u.uncertain, fieldValueWords)}\n${answerText(atMedians)}`,
    );
  });
  return cmd;
}
