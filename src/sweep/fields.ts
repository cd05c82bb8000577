import { InputError } from "../errors.js";
import {
  parseCount,
  parseDuration,
  parseFraction,
  parseNumber,
  parseRate,
  parseSize,
} from "../units/parse.js";

/**
 * The scenario keys a sweep file may set (in `base` or as an axis), with the dimension of each.
 * The dimension is only used to turn a range end, a distribution parameter or a list value into
 * its canonical number with the shared parsers of `src/units/parse.ts`; whether the value is
 * acceptable for the field is decided by `buildScenario`, never here.
 *
 * `column` names the value's output column in its canonical unit (bytes, seconds, bytes/s).
 */
export type FieldKind =
  "size" | "rate" | "duration" | "fraction" | "count" | "number" | "word" | "bool" | "curve";

export interface FieldInfo {
  readonly kind: FieldKind;
  readonly column: string;
  readonly description: string;
}

export const SWEEP_FIELDS: Readonly<Record<string, FieldInfo>> = {
  memory: { kind: "size", column: "memoryBytes", description: "VM memory, e.g. 64GiB" },
  vcpus: { kind: "count", column: "vcpus", description: "vCPUs (default 4)" },
  zeroPages: {
    kind: "fraction",
    column: "zeroPageFraction",
    description: "fraction of zero pages, e.g. 0.2",
  },
  checkpoint: { kind: "size", column: "checkpointBytes", description: "device state sent in the stun" },
  dirtyRate: { kind: "rate", column: "dirtyRateBytesPerSec", description: "guest dirty rate, e.g. 400MiB/s" },
  wss: { kind: "size", column: "wssBytes", description: "writable working set, e.g. 8GiB" },
  coldRate: {
    kind: "rate",
    column: "coldRateBytesPerSec",
    description: "dirty rate outside the working set",
  },
  dirtyModel: {
    kind: "word",
    column: "dirtyModelName",
    description: "working-set (default, with a default working set) or constant",
  },
  pattern: { kind: "word", column: "pattern", description: "uniform, sequential, hot-cold or zipf" },
  hotShare: {
    kind: "fraction",
    column: "hotShare",
    description: "hot-cold: share of writes on the working set (default 0.9)",
  },
  dirtyCurve: {
    kind: "curve",
    column: "dirtyCurve",
    description: "measured curve: list of {interval, dirtied}",
  },
  bandwidth: {
    kind: "rate",
    column: "bandwidthBytesPerSec",
    description: "achieved throughput, e.g. 10Gbit/s",
  },
  rtt: { kind: "duration", column: "rttSec", description: "round-trip time, e.g. 0.3ms" },
  policy: { kind: "word", column: "policyName", description: "vmotion, qemu, xen or xen-v2" },
  switchoverGoal: { kind: "duration", column: "switchoverGoalSec", description: "vMotion switchover goal" },
  sdps: { kind: "word", column: "sdps", description: "vMotion SDPS: dynamic, always or off" },
  downtimeLimit: { kind: "duration", column: "downtimeLimitSec", description: "QEMU downtime limit" },
  maxBandwidth: {
    kind: "rate",
    column: "maxBandwidthBytesPerSec",
    description: "QEMU max-bandwidth (0 = none)",
  },
  autoConverge: { kind: "bool", column: "autoConverge", description: "QEMU auto-converge" },
  maxRounds: { kind: "count", column: "maxRounds", description: "round limit" },
  traceSetup: { kind: "duration", column: "traceSetupSec", description: "write-trace setup time" },
  preset: { kind: "word", column: "preset", description: "network preset: same-l2, routed-lan, metro, wan" },
  link: { kind: "rate", column: "linkBytesPerSec", description: "link rate, e.g. 25Gbit/s" },
  hops: { kind: "count", column: "hops", description: "routed hops" },
  hopDelay: { kind: "duration", column: "hopDelaySec", description: "delay per hop, e.g. 50us" },
  mtu: { kind: "count", column: "mtuBytes", description: "vmknic MTU in bytes" },
  pathMtu: { kind: "count", column: "pathMtuBytes", description: "network path MTU in bytes" },
  loss: { kind: "fraction", column: "lossFraction", description: "packet loss, e.g. 1e-5" },
  distance: { kind: "number", column: "distanceKm", description: "fibre distance, e.g. 80km" },
  streams: { kind: "count", column: "streams", description: "vMotion streams, or auto" },
  socketBuffer: { kind: "size", column: "socketBufferBytes", description: "TCP socket buffer, e.g. 4MiB" },
  expectedLineRate: {
    kind: "rate",
    column: "expectedLineRateBytesPerSec",
    description: "Migrate.NetExpectedLineRateMBps, e.g. 1250MB/s",
  },
  concurrent: { kind: "count", column: "concurrent", description: "concurrent migrations on the path" },
};

export const SWEEP_FIELD_KEYS: readonly string[] = Object.keys(SWEEP_FIELDS);

/** The kinds whose values are numbers on a scale, so ranges and distributions apply. */
export function isNumericKind(kind: FieldKind): boolean {
  return kind !== "word" && kind !== "bool" && kind !== "curve";
}

/**
 * A value as its canonical number (`"400MiB/s"` -> 419430400), parsed by the shared parser of
 * the key's dimension; `where` names the location in the file for the error. Limits (above zero,
 * at most memory, ...) are the business of `buildScenario`: here every non-negative value passes.
 */
export function canonicalNumber(key: string, raw: unknown, where: string): number {
  const info = SWEEP_FIELDS[key];
  if (info === undefined) throw new InputError("unknown-field", where, `${key} is not a known field`);
  switch (info.kind) {
    case "size":
      return parseSize(raw, where, { allowZero: true });
    case "rate":
      return parseRate(raw, where);
    case "duration":
      return parseDuration(raw, where);
    case "fraction":
      return parseFraction(raw, where);
    case "count":
      return parseCount(raw, where);
    case "number":
      return parseNumber(typeof raw === "string" ? raw.replace(/\s*km\s*$/i, "") : raw, where);
    default:
      throw new InputError("bad-value", where, `${key} takes words, not a numeric range or distribution`);
  }
}

/** Like {@link canonicalNumber} but null instead of an error (a list value such as `auto`). */
export function tryCanonicalNumber(key: string, raw: unknown): number | null {
  try {
    return canonicalNumber(key, raw, key);
  } catch {
    return null;
  }
}
