import { badValue } from "../errors.js";
import {
  parseChoice,
  parseCount,
  parseDuration,
  parseFraction,
  parseNumber,
  parseRate,
  parseSize,
} from "../units/parse.js";
import { MAX_MTU_BYTES, MIN_MTU_BYTES } from "./defaults.js";
import { planToSpec, type PathPlan } from "./plan.js";
import { PRESET_NAMES, PRESETS } from "./presets.js";
import { computePath, type ComputePathOptions } from "./compute.js";
import type { PathResult, PathSpec } from "./types.js";

/**
 * The path keys of user input: the camelCase of the CLI flags (`--hop-delay` -> `hopDelay`).
 * Values are unit strings as typed (`10Gbit/s`, `50us`, `1e-5`, `80km`) or canonical numbers.
 */
export const PATH_INPUT_KEYS = [
  "preset",
  "link",
  "hops",
  "hopDelay",
  "mtu",
  "pathMtu",
  "loss",
  "distance",
  "streams",
  "socketBuffer",
  "expectedLineRate",
  "concurrent",
  "rtt",
] as const;

export type PathInputKey = (typeof PATH_INPUT_KEYS)[number];

/** Largest hop count accepted: the IPv4 TTL range. */
const MAX_HOPS = 255;
/** Most streams: `Migrate.VMotionMaxStreamHelpers` 112 (research/vmotion.md section 1.8). */
const MAX_STREAMS = 112;
/** Longest fibre accepted: half the Earth's circumference and then some. [assumption] */
const MAX_DISTANCE_KM = 40_000;
/** Longest RTT accepted. [assumption: anything beyond is a typo] */
const MAX_RTT_SEC = 10;
/** Most concurrent migrations on one path. [assumption] */
const MAX_CONCURRENT = 1024;
/** Largest hop delay accepted. [assumption] */
const MAX_HOP_DELAY_SEC = 1;

function present(input: Readonly<Record<string, unknown>>, key: string): boolean {
  return input[key] !== undefined && input[key] !== null;
}

/**
 * Build a path plan from user input: start from `preset` (default `same-l2`) and override each
 * given field. Returns null when no path key is present (the caller then uses its own transport).
 * `mtu` sets the vmknic MTU and, unless `pathMtu` is given, the network's MTU too.
 *
 * Throws InputError naming `fieldName(key)` for a bad value: an unknown preset, negative or
 * fractional hops, loss outside [0, 1), an MTU outside 576-9216, a rate or size without a unit, ...
 *
 * Example: `planFromInput({ preset: "routed-lan", hops: "3" }, flag)` returns the routed-LAN plan
 * with three hops.
 */
export function planFromInput(
  input: Readonly<Record<string, unknown>>,
  fieldName: (key: string) => string,
): PathPlan | null {
  if (!PATH_INPUT_KEYS.some((k) => present(input, k))) return null;
  const f = fieldName;
  const presetName = present(input, "preset")
    ? parseChoice(input.preset, f("preset"), PRESET_NAMES)
    : "same-l2";
  let plan: PathPlan = PRESETS[presetName];
  const set = <K extends keyof PathPlan>(key: K, value: PathPlan[K]): void => {
    plan = { ...plan, [key]: value };
  };
  const mtuRange = { min: MIN_MTU_BYTES, max: MAX_MTU_BYTES };

  if (present(input, "link")) set("linkBytesPerSec", parseRate(input.link, f("link"), { allowZero: false }));
  if (present(input, "hops")) set("hops", parseCount(input.hops, f("hops"), { min: 0, max: MAX_HOPS }));
  if (present(input, "hopDelay")) {
    const v = parseDuration(input.hopDelay, f("hopDelay"));
    if (v > MAX_HOP_DELAY_SEC)
      throw badValue(f("hopDelay"), "a duration from 0 to 1s, like 50us", input.hopDelay);
    set("hopDelaySec", v);
  }
  if (present(input, "mtu")) {
    const mtu = parseCount(input.mtu, f("mtu"), mtuRange);
    set("hostMtuBytes", mtu);
    set("networkMtuBytes", mtu);
  }
  if (present(input, "pathMtu")) set("networkMtuBytes", parseCount(input.pathMtu, f("pathMtu"), mtuRange));
  if (present(input, "loss")) {
    set("lossFraction", parseFraction(input.loss, f("loss"), { min: 0, max: 1, maxExclusive: true }));
  }
  if (present(input, "distance")) set("distanceKm", parseDistanceKm(input.distance, f("distance")));
  if (present(input, "streams")) {
    set(
      "streams",
      input.streams === "auto"
        ? "auto"
        : parseCount(input.streams, f("streams"), { min: 1, max: MAX_STREAMS }),
    );
  }
  if (present(input, "socketBuffer"))
    set("socketBufferBytes", parseSize(input.socketBuffer, f("socketBuffer")));
  if (present(input, "expectedLineRate")) {
    // Migrate.NetExpectedLineRateMBps: the rate latency-aware mode sizes its buffers for.
    const rate = parseRate(input.expectedLineRate, f("expectedLineRate"), { allowZero: false });
    if (plan.latencyAware !== null)
      set("latencyAware", { ...plan.latencyAware, expectedLineRateBytesPerSec: rate });
  }
  if (present(input, "concurrent")) {
    set("concurrent", parseCount(input.concurrent, f("concurrent"), { min: 1, max: MAX_CONCURRENT }));
  }
  if (present(input, "rtt")) {
    const v = parseDuration(input.rtt, f("rtt"), { allowZero: false });
    if (v > MAX_RTT_SEC) throw badValue(f("rtt"), "a duration above zero up to 10s, like 5ms", input.rtt);
    set("rttSec", v);
  }
  return plan;
}

/** {@link planFromInput} expanded into a {@link PathSpec}; null when no path key is present. */
export function pathFromInput(
  input: Readonly<Record<string, unknown>>,
  fieldName: (key: string) => string,
): PathSpec | null {
  const plan = planFromInput(input, fieldName);
  return plan === null ? null : planToSpec(plan);
}

/** A distance in km: `80`, `80km` or `0.5 km`. */
function parseDistanceKm(input: unknown, field: string): number {
  const what = `a distance in km from 0 to ${MAX_DISTANCE_KM}, like 80 or 80km`;
  const raw = typeof input === "string" ? input.replace(/\s*km\s*$/i, "") : input;
  try {
    return parseNumber(raw, field, { min: 0, max: MAX_DISTANCE_KM, what });
  } catch {
    throw badValue(field, what, input);
  }
}

/**
 * Whether input asks for the path model: any path key other than `rtt` (which alone, with
 * `bandwidth`, keeps describing a directly given transport).
 */
export function hasPathInput(input: Readonly<Record<string, unknown>>): boolean {
  return PATH_INPUT_KEYS.some((k) => k !== "rtt" && present(input, k));
}

/**
 * The computed path when {@link hasPathInput}, else null. Throws InputError like {@link planFromInput}.
 * `opts` goes to `computePath` (e.g. `{ warnings: false }` to skip formatting warnings).
 */
export function pathResultFromInput(
  input: Readonly<Record<string, unknown>>,
  fieldName: (key: string) => string,
  opts: ComputePathOptions = {},
): PathResult | null {
  if (!hasPathInput(input)) return null;
  const spec = pathFromInput(input, fieldName);
  return spec === null ? null : computePath(spec, opts);
}
