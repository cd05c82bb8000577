import { describeDirtyModel } from "../model/dirty/defaults.js";
import { InputError } from "../errors.js";
import { cliFlagName, fieldOf, type CanonicalInput, type FieldNamer } from "../input/fields.js";
import { hasPath } from "../input/path.js";
import { simulateSummary, Summary } from "../model/simulate.js";
import type { Outcome, Scenario } from "../model/types.js";
import { OUTCOMES } from "../model/types.js";
import { formatByteRate, formatBytes, formatDuration, formatRate } from "../units/format.js";
import { planScenario, type PlannedScenario } from "./scenario.js";
import { bracketSearch, type SearchResult, type SearchScale } from "./search.js";
import { streamLossWords } from "./stream-loss.js";

/**
 * Inverse questions (issue 8): for a VM and a path, the smallest throughput, link rate or number
 * of streams, or the largest dirty rate, memory, RTT or loss, at which the migration still
 * converges *without throttling* (vMotion with SDPS off, QEMU with auto-converge off; Xen never
 * throttles) and within the optional targets on total time and stun time.
 *
 * "Works" means: outcome `converged` (not forced by a round or data cap, not a switchover
 * timeout), total time <= maxTotalSec and guest-seen stun <= maxStunSec when given.
 *
 * Each unknown is found by {@link bracketSearch}: the model is monotone in each of them (more
 * throughput, fewer dirty bytes, less memory, shorter RTT, less loss, more streams never make a
 * migration slower), so the edge of the region that works is bracketed on a grid and bisected on
 * a log scale (the ranges span decades) to `toleranceRel` = 1e-4 (streams: exact). The answer is
 * the end of the final bracket that works; the other end, which does not, is reported too.
 */
export const SOLVE_FOR = ["bandwidth", "dirty-rate", "memory", "rtt", "loss", "streams"] as const;
export type SolveFor = (typeof SOLVE_FOR)[number];

export type SolveUnit = "bytes/s" | "bytes" | "seconds" | "fraction" | "count";

/** Relative tolerance of every continuous answer. */
export const SOLVE_TOLERANCE_REL = 1e-4;

/**
 * The ranges searched, canonical units. Throughput and link: 1 Mbit/s to 400 Gbit/s (the fastest
 * Ethernet standard, IEEE 802.3bs). Dirty rate: 1 KiB/s to 1 TiB/s (above any server's memory
 * bandwidth). Memory: 4 KiB (or the working set) to 64 TiB (the boundary's limits). RTT: 1 us to
 * 10 s (the boundary's limit). Loss: 1e-9 to 0.5. Streams: 1 to 112
 * (`Migrate.VMotionMaxStreamHelpers`).
 */
export const SOLVE_RANGES = {
  bandwidth: [1e6 / 8, 400e9 / 8],
  "dirty-rate": [1024, 2 ** 40],
  memory: [4096, 64 * 2 ** 40],
  rtt: [1e-6, 10],
  loss: [1e-9, 0.5],
  streams: [1, 112],
} as const satisfies Record<SolveFor, readonly [number, number]>;

export interface SolveTargets {
  /** Largest acceptable total migration time, seconds; null for no target. */
  readonly maxTotalSec: number | null;
  /** Largest acceptable guest-seen stun, seconds; null for no target. */
  readonly maxStunSec: number | null;
}

/** The migration at one value of the unknown. */
export interface SolvePoint {
  readonly value: number;
  readonly outcome: Outcome;
  readonly totalTimeSec: number;
  readonly downtimeSec: number;
  readonly iterations: number;
  readonly throughputBytesPerSec: number;
  /** The link rate at this point when the unknown is a path's link rate; null otherwise. */
  readonly linkBytesPerSec: number | null;
}

export interface SolveAnswer {
  readonly for: SolveFor;
  /** The answer in canonical units; null when no value in the range works. */
  readonly value: number | null;
  readonly unit: SolveUnit;
  readonly feasible: boolean;
  /** "min": the smallest value that works; "max": the largest. */
  readonly direction: "min" | "max";
  readonly toleranceRel: number;
  readonly range: readonly [number, number];
  /** True when every value in the range works, so `value` is the range end, not an edge. */
  readonly atRangeEdge: boolean;
  /** For `bandwidth` on a path: the link rate that gives `value`; null otherwise or when infeasible. */
  readonly linkBytesPerSec: number | null;
  /** How throttling was turned off for the search. */
  readonly throttling: "SDPS off" | "auto-converge off" | "none (Xen never throttles)";
  /** The give-up rule the answer rests on, in words (an assumption for vMotion without SDPS). */
  readonly rule: string;
  /** The dirty model of the searched scenarios, in words (`describeDirtyModel`). */
  readonly dirtyModel: string;
  readonly targets: SolveTargets;
  /** The migration at the answer, and just past it (within tolerance) where it stops working. */
  readonly atValue: SolvePoint | null;
  readonly beyond: SolvePoint | null;
  readonly evaluations: number;
  readonly message: string;
  /**
   * `for: streams` only: that loss applies per stream, in numbers (`streamLossWords`, at one
   * stream and at the answer, or at the range's end when none works); null otherwise.
   */
  readonly perStream: string | null;
}

const UNIT: Record<SolveFor, SolveUnit> = {
  bandwidth: "bytes/s",
  "dirty-rate": "bytes/s",
  memory: "bytes",
  rtt: "seconds",
  loss: "fraction",
  streams: "count",
};

const DIRECTION: Record<SolveFor, "min" | "max"> = {
  bandwidth: "min",
  "dirty-rate": "max",
  memory: "max",
  rtt: "max",
  loss: "max",
  streams: "min",
};

const O_CONVERGED = OUTCOMES.indexOf("converged");

/** Does the migration converge without throttling within the targets? */
export function meetsTargets(sum: Summary, targets: SolveTargets): boolean {
  return (
    sum.outcome === O_CONVERGED &&
    (targets.maxTotalSec === null || sum.totalTimeSec <= targets.maxTotalSec) &&
    (targets.maxStunSec === null || sum.downtimeSec <= targets.maxStunSec)
  );
}

function conflict(name: FieldNamer, key: string, why: string): InputError {
  return new InputError("conflict", name(key), why);
}

/**
 * The rule that decides "does not converge" once throttling is off. vMotion without SDPS: an
 * iteration whose transmit-to-dirty ratio is below `Migrate.PreCopyMinProgressPerc` (130 %) ends
 * pre-copy; no VMware text says so for 5.0+, it is an ASSUMPTION modelled on vSphere 4.1, which
 * aborted when "precopy fails to make forward progress" (vSphere 5 vMotion paper). QEMU without
 * auto-converge: an iteration that dirties at least what it sent stalls the migration (the model's
 * rule; QEMU itself would iterate until cancelled). Xen: its own forced stop-and-copy rules.
 */
export function giveUpRule(throttling: SolveAnswer["throttling"], s: Scenario): string {
  if (throttling === "SDPS off") {
    const p = s.policy;
    const pct = p.kind === "vmotion" ? Math.round(p.minProgressRatio * 100) : 130;
    return `gives up when an iteration's transmit-to-dirty ratio falls below ${pct} % (Migrate.PreCopyMinProgressPerc; an assumption, as vSphere 4.1 did without SDPS)`;
  }
  if (throttling === "auto-converge off")
    return "gives up when an iteration dirties at least as much as it sent (the model's stall rule; QEMU itself iterates until cancelled)";
  return "Xen forces stop-and-copy at its round and data caps";
}

/** The input with throttling turned off, and the words for it. */
function withoutThrottling(input: CanonicalInput): {
  input: CanonicalInput;
  throttling: SolveAnswer["throttling"];
} {
  const policy = input.policy ?? "vmotion";
  if (policy === "qemu") return { input: { ...input, autoConverge: false }, throttling: "auto-converge off" };
  if (policy === "vmotion") return { input: { ...input, sdps: "off" }, throttling: "SDPS off" };
  return { input, throttling: "none (Xen never throttles)" };
}

/** The input keys an unknown can be carried by: all numbers in canonical input. */
type UnknownKey = "bandwidth" | "link" | "dirtyRate" | "memory" | "rtt" | "loss" | "streams";

/** Which input key carries the unknown, after checking the input does not already fix it. */
function unknownKey(what: SolveFor, input: CanonicalInput, name: FieldNamer): UnknownKey {
  const given = (k: keyof CanonicalInput): boolean => input[k] !== undefined;
  const refuse = (k: keyof CanonicalInput): void => {
    if (given(k)) throw conflict(name, k, `is what solve --for ${what} finds: leave it out`);
  };
  switch (what) {
    case "bandwidth":
      refuse("bandwidth");
      if (hasPath(input)) {
        refuse("link");
        return "link";
      }
      return "bandwidth";
    case "dirty-rate":
      refuse("dirtyRate");
      if (given("dirtyCurve"))
        throw conflict(
          name,
          "dirtyCurve",
          "cannot be combined with solve --for dirty-rate (give --wss instead)",
        );
      return "dirtyRate";
    case "memory":
      refuse("memory");
      return "memory";
    case "rtt":
      refuse("rtt");
      return "rtt";
    case "loss":
    case "streams":
      refuse(what);
      if (given("bandwidth"))
        throw conflict(
          name,
          "bandwidth",
          `sets the throughput directly, so the path's ${what} would not matter: give path flags instead`,
        );
      return what;
  }
}

/**
 * Solve one inverse question. `input` holds the VM, policy and path keys as for `estimate`
 * (parsed by `parseInput`) without the unknown; errors name keys via `name`. The unknown is
 * varied numerically on the canonical input: nothing is parsed again.
 */
export function solve(
  what: SolveFor,
  rawInput: CanonicalInput,
  targets: SolveTargets,
  name: FieldNamer = cliFlagName,
): SolveAnswer {
  const key = unknownKey(what, rawInput, name);
  const { input, throttling } = withoutThrottling(rawInput);
  const direction = DIRECTION[what];
  const hi = SOLVE_RANGES[what][1];
  let lo: number = SOLVE_RANGES[what][0];
  if (what === "memory" && input.wss !== undefined) {
    // Memory can be no smaller than the working set; the boundary checks the rest.
    const probe = planScenario({ ...input, memory: hi }, name).scenario;
    if (probe.dirty.kind === "working-set") lo = Math.max(lo, probe.dirty.wssBytes);
  }
  // Validate everything but the unknown once, at a value inside the range: bad input fails here.
  const at = (x: number): PlannedScenario =>
    planScenario({ ...input, [key]: what === "streams" ? Math.round(x) : x } as CanonicalInput, name);
  at(hi);

  const sum = new Summary();
  const ok = (x: number): boolean => meetsTargets(simulateSummary(at(x).scenario, sum), targets);
  const point = (x: number): SolvePoint => {
    const p = at(x);
    simulateSummary(p.scenario, sum);
    return {
      value: what === "bandwidth" && key === "link" ? p.scenario.transport.throughputBytesPerSec : x,
      outcome: OUTCOMES[sum.outcome] as Outcome,
      totalTimeSec: sum.totalTimeSec,
      downtimeSec: sum.downtimeSec,
      iterations: sum.iterations,
      throughputBytesPerSec: sum.throughputBytesPerSec,
      linkBytesPerSec: key === "link" ? x : null,
    };
  };

  // Dirty rate and loss may be zero: if even zero fails, nothing does; if zero is the only value
  // that works, it is the answer.
  const zeroAllowed = what === "dirty-rate" || what === "loss";
  let extra = 0;
  let res: SearchResult;
  if (zeroAllowed && !ok(0)) res = { state: "none", evaluations: 1 };
  else {
    if (zeroAllowed) extra = 1;
    const scale: SearchScale = what === "streams" ? "integer" : "log";
    res = bracketSearch(ok, { lo, hi, goal: direction, scale, toleranceRel: SOLVE_TOLERANCE_REL });
    if (zeroAllowed && res.state === "none")
      res = { state: "found", value: 0, other: lo, evaluations: res.evaluations };
  }

  const described = res.state !== "none" ? res.value : zeroAllowed ? 0 : direction === "min" ? hi : lo;
  const base = {
    toleranceRel: what === "streams" ? 0 : SOLVE_TOLERANCE_REL,
    unit: UNIT[what],
    direction,
    range: [lo, hi] as const,
    throttling,
    rule: giveUpRule(throttling, at(hi).scenario),
    // At the value the answer speaks of (the dirty rate or memory found, or the end that fails),
    // not at the top of the searched range: "uniform writes at 1 TiB/s" beside "does not converge
    // even with a dirty rate of 0" was the range's end, not the answer's.
    dirtyModel: describeDirtyModel(at(described).scenario.dirty, at(described).scenario.vm.memoryBytes),
    targets,
    evaluations: res.evaluations + extra,
  };
  const ctx = context(what, at(hi).scenario, throttling, targets);
  const one = what === "streams" ? at(1).path : null;
  const atN = what === "streams" ? at(res.state === "none" ? hi : res.value).path : null;
  const perStream = one !== null && atN !== null ? streamLossWords(one, atN) : null;
  if (res.state === "none") {
    return {
      for: what,
      value: null,
      feasible: false,
      ...base,
      atRangeEdge: false,
      linkBytesPerSec: null,
      atValue: null,
      beyond: point(direction === "min" ? hi : lo),
      message: noneMessage(what, key, lo, hi, ctx),
      perStream,
    };
  }
  const atValue = point(res.value);
  const beyond = res.state === "found" ? point(res.other) : null;
  return {
    for: what,
    value: atValue.value,
    feasible: true,
    ...base,
    atRangeEdge: res.state === "all",
    linkBytesPerSec: atValue.linkBytesPerSec,
    atValue,
    beyond,
    message: foundMessage(what, key, res.state === "all", atValue, ctx),
    perStream,
  };
}

/** The unknown's value in words: `4.29 Gbit/s`, `512 MiB/s`, `3 streams`. */
export function formatValue(what: SolveFor, v: number): string {
  switch (what) {
    case "bandwidth":
      return formatRate(v);
    case "dirty-rate":
      return formatByteRate(v);
    case "memory":
      return formatBytes(v);
    case "rtt":
      return formatDuration(v);
    case "loss":
      return v === 0 ? "0 (no loss)" : v.toExponential(3);
    case "streams":
      return `${v} stream${v === 1 ? "" : "s"}`;
  }
}

/** "without SDPS at 150 ms RTT within 10 min total and 1 s stun". */
function context(
  what: SolveFor,
  s: Scenario,
  throttling: SolveAnswer["throttling"],
  t: SolveTargets,
): string {
  const parts: string[] = [];
  if (throttling === "SDPS off") parts.push("without SDPS");
  else if (throttling === "auto-converge off") parts.push("without auto-converge");
  if (what !== "rtt") parts.push(`at ${formatDuration(s.transport.rttSec)} RTT`);
  const lim: string[] = [];
  if (t.maxTotalSec !== null) lim.push(`${formatDuration(t.maxTotalSec)} total`);
  if (t.maxStunSec !== null) lim.push(`${formatDuration(t.maxStunSec)} stun`);
  if (lim.length > 0) parts.push(`within ${lim.join(" and ")}`);
  return parts.join(" ");
}

/** The unknown in words, from the field table. */
function nounOf(key: UnknownKey): string {
  return fieldOf(key)?.noun ?? key;
}

function noneMessage(what: SolveFor, key: UnknownKey, lo: number, hi: number, ctx: string): string {
  const noun = nounOf(key);
  const bound = (v: number): string => formatValue(what === "bandwidth" ? "bandwidth" : what, v);
  if (DIRECTION[what] === "min") return `no ${noun} up to ${bound(hi)} converges this VM ${ctx}`;
  if (what === "dirty-rate" || what === "loss")
    return `this VM does not converge ${ctx} even with a ${noun} of 0`;
  return `no ${noun} down to ${bound(lo)} converges this VM ${ctx}`;
}

function foundMessage(what: SolveFor, key: UnknownKey, all: boolean, p: SolvePoint, ctx: string): string {
  const noun = nounOf(key);
  const v = formatValue(what, p.value);
  const run = `converges in ${p.iterations} iteration${p.iterations === 1 ? "" : "s"}, ${formatDuration(p.totalTimeSec)}, stun ${formatDuration(p.downtimeSec)}`;
  const link = p.linkBytesPerSec !== null ? ` (a link of ${formatRate(p.linkBytesPerSec)} on this path)` : "";
  if (all) {
    const edge = DIRECTION[what] === "min" ? "down to" : "up to";
    return `every ${noun} ${edge} ${v}${link} converges this VM ${ctx}; at that end it ${run}`;
  }
  const label =
    what === "bandwidth"
      ? "minimum throughput"
      : what === "streams"
        ? "minimum number of streams"
        : `largest ${nounOf(key)}`;
  return `${label}: ${v}${link} ${ctx}; it ${run}`;
}
