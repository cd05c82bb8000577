import { InputError, badValue } from "../errors.js";
import { defaultCheckpointBytes, defaultCosts } from "../model/costs.js";
import { makeCurve } from "../model/dirty/curve.js";
import {
  DEFAULT_HOT_SHARE,
  DEFAULT_PATTERN,
  DIRTY_MODEL_NAMES,
  defaultWorkingSet,
} from "../model/dirty/defaults.js";
import { QEMU_DEFAULTS, VMOTION_DEFAULTS, XEN_DEFAULTS, XEN_V2_DEFAULTS } from "../model/policies/index.js";
import type { CostSpec, DirtyModel, Policy, Scenario, TransportSpec, VmSpec } from "../model/types.js";
import { ACCESS_PATTERNS } from "../model/types.js";
import {
  PATH_INPUT_KEYS,
  pathResultFromInput,
  toTransport,
  toTransportWithThroughput,
} from "../network/index.js";
import {
  PAGE_BYTES,
  parseChoice,
  parseCount,
  parseDuration,
  parseFraction,
  parseRate,
  parseSize,
} from "../units/parse.js";
import { validateCurve } from "./curve-csv.js";

/**
 * The boundary: user input (flag-like keys with unit strings, from the CLI, a sweep file or an
 * inventory) -> a frozen, fully defaulted {@link Scenario}. Every bad value throws an
 * {@link InputError} naming the field as the user knows it (`fieldName(key)`), the value, and
 * what is accepted. Kernels never re-check.
 */
export type ScenarioInput = Readonly<Record<string, unknown>>;

/** How a key is named to the user: `--dirty-rate` on the CLI, `base.dirtyRate` in a file. */
export type FieldNamer = (key: string) => string;

export const cliFlagName: FieldNamer = (key) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

export const POLICY_NAMES = ["vmotion", "qemu", "xen", "xen-v2"] as const;

/** Keys this module reads (the network path keys are read by `transportFromInput`). */
export const SCENARIO_INPUT_KEYS = [
  "memory",
  "vcpus",
  "zeroPages",
  "checkpoint",
  "dirtyRate",
  "dirtyModel",
  "wss",
  "coldRate",
  "pattern",
  "hotShare",
  "dirtyCurve",
  "bandwidth",
  "rtt",
  "policy",
  "switchoverGoal",
  "sdps",
  "downtimeLimit",
  "maxBandwidth",
  "autoConverge",
  "maxRounds",
  "traceSetup",
  ...PATH_INPUT_KEYS,
] as const;

/** The largest VM memory accepted: 64 TiB, above every hypervisor's maximum (24 TB, vSphere 7 U1). */
const MAX_MEMORY_BYTES = 64 * 2 ** 40;

function has(input: ScenarioInput, key: string): boolean {
  return input[key] !== undefined && input[key] !== null;
}

function parseBool(input: unknown, field: string): boolean {
  if (input === true || input === "true" || input === "yes" || input === "on") return true;
  if (input === false || input === "false" || input === "no" || input === "off") return false;
  throw badValue(field, "true or false", input);
}

export function vmFromInput(input: ScenarioInput, name: FieldNamer): VmSpec {
  if (!has(input, "memory"))
    throw new InputError("missing-value", name("memory"), "is required: a size like 64GiB");
  const memoryBytes = parseSize(input.memory, name("memory"));
  if (memoryBytes < PAGE_BYTES || memoryBytes > MAX_MEMORY_BYTES)
    throw badValue(name("memory"), "a size from 4KiB to 64TiB", input.memory);
  const vcpus = has(input, "vcpus") ? parseCount(input.vcpus, name("vcpus"), { min: 1, max: 768 }) : 4;
  const zeroPageFraction = has(input, "zeroPages")
    ? parseFraction(input.zeroPages, name("zeroPages"), { max: 1, maxExclusive: true })
    : 0;
  const checkpointBytes = has(input, "checkpoint")
    ? parseSize(input.checkpoint, name("checkpoint"), { allowZero: true })
    : defaultCheckpointBytes(vcpus);
  return { memoryBytes, vcpus, zeroPageFraction, checkpointBytes };
}

export function dirtyFromInput(input: ScenarioInput, name: FieldNamer, memoryBytes: number): DirtyModel {
  if (has(input, "dirtyCurve")) {
    for (const k of ["dirtyRate", "dirtyModel", "wss", "coldRate", "pattern", "hotShare"])
      if (has(input, k))
        throw new InputError("conflict", name(k), `cannot be combined with ${name("dirtyCurve")}`);
    const raw = input.dirtyCurve;
    let c: { intervalsSec: number[]; dirtiedBytes: number[] };
    if (Array.isArray(raw)) {
      const pts = raw as unknown[];
      const get = (p: unknown, k: "interval" | "dirtied"): unknown =>
        Array.isArray(p)
          ? p[k === "interval" ? 0 : 1]
          : typeof p === "object" && p !== null
            ? (p as Record<string, unknown>)[k]
            : undefined;
      c = validateCurve(
        pts.map((p) => get(p, "interval")),
        pts.map((p) => get(p, "dirtied")),
        (k, col) => `${name("dirtyCurve")}[${k}].${col}`,
      );
    } else if (typeof raw === "object" && raw !== null && "intervalsSec" in raw) {
      const r = raw as { intervalsSec: number[]; dirtiedBytes: number[] };
      c = validateCurve(r.intervalsSec, r.dirtiedBytes, (k, col) => `${name("dirtyCurve")}[${k}].${col}`);
    } else throw badValue(name("dirtyCurve"), "a list of {interval, dirtied} points", raw);
    return makeCurve(c.intervalsSec, c.dirtiedBytes);
  }
  if (!has(input, "dirtyRate"))
    throw new InputError(
      "missing-value",
      name("dirtyRate"),
      "is required: a rate like 400MiB/s (or give a dirty curve)",
    );
  const rateBytesPerSec = parseRate(input.dirtyRate, name("dirtyRate"));
  const modelName = has(input, "dirtyModel")
    ? parseChoice(input.dirtyModel, name("dirtyModel"), DIRTY_MODEL_NAMES)
    : "working-set";
  if (modelName === "constant") {
    for (const k of ["wss", "coldRate", "pattern", "hotShare"])
      if (has(input, k))
        throw new InputError("conflict", name(k), `cannot be combined with ${name("dirtyModel")} constant`);
    return { kind: "constant", rateBytesPerSec };
  }
  const pattern = has(input, "pattern")
    ? parseChoice(input.pattern, name("pattern"), ACCESS_PATTERNS)
    : DEFAULT_PATTERN;
  let hotShare = DEFAULT_HOT_SHARE;
  if (has(input, "hotShare")) {
    if (pattern !== "hot-cold")
      throw new InputError("conflict", name("hotShare"), `applies only to ${name("pattern")} hot-cold`);
    hotShare = parseFraction(input.hotShare, name("hotShare"), { max: 1 });
  }
  // Without --wss: the documented default working set (model/dirty/defaults.ts), an assumption.
  const base = defaultWorkingSet(memoryBytes, rateBytesPerSec);
  if (!has(input, "wss")) {
    if (has(input, "coldRate"))
      throw new InputError("conflict", name("coldRate"), `needs ${name("wss")} (the writable working set)`);
    return { ...base, pattern, hotShare };
  }
  const wssBytes = parseSize(input.wss, name("wss"));
  if (wssBytes > memoryBytes)
    throw badValue(name("wss"), `a working set no larger than memory (${memoryBytes} bytes)`, input.wss);
  const coldRateBytesPerSec = has(input, "coldRate") ? parseRate(input.coldRate, name("coldRate")) : 0;
  return { ...base, wssBytes, coldRateBytesPerSec, pattern, hotShare, wssDefault: false };
}

export function policyFromInput(input: ScenarioInput, name: FieldNamer): Policy {
  const kind = has(input, "policy") ? parseChoice(input.policy, name("policy"), POLICY_NAMES) : "vmotion";
  const only = (keys: readonly string[], owner: string): void => {
    for (const k of keys)
      if (has(input, k))
        throw new InputError("conflict", name(k), `applies only to ${name("policy")} ${owner}`);
  };
  const maxRounds = has(input, "maxRounds")
    ? parseCount(input.maxRounds, name("maxRounds"), { min: 1, max: 100000 })
    : undefined;
  switch (kind) {
    case "vmotion": {
      only(["downtimeLimit", "maxBandwidth", "autoConverge"], "qemu");
      let goal = VMOTION_DEFAULTS.switchoverGoalSec;
      if (has(input, "switchoverGoal")) {
        goal = parseDuration(input.switchoverGoal, name("switchoverGoal"));
        // Migrate.PreCopySwitchoverTimeGoal range: 100..100000 ms.
        if (goal < 0.1 || goal > 100)
          throw badValue(name("switchoverGoal"), "a duration from 100ms to 100s", input.switchoverGoal);
      }
      const sdps = has(input, "sdps")
        ? parseChoice(input.sdps, name("sdps"), ["dynamic", "always", "off"] as const)
        : VMOTION_DEFAULTS.sdps;
      return {
        ...VMOTION_DEFAULTS,
        switchoverGoalSec: goal,
        sdps,
        maxRounds: maxRounds ?? VMOTION_DEFAULTS.maxRounds,
      };
    }
    case "qemu": {
      only(["switchoverGoal", "sdps"], "vmotion");
      let limit = QEMU_DEFAULTS.downtimeLimitSec;
      if (has(input, "downtimeLimit")) {
        limit = parseDuration(input.downtimeLimit, name("downtimeLimit"), { allowZero: false });
        if (limit > 2000)
          throw badValue(name("downtimeLimit"), "a duration from 1ms to 2000s", input.downtimeLimit);
      }
      const rawCap = input.maxBandwidth;
      const unlimited = rawCap === 0 || rawCap === "0" || rawCap === "unlimited";
      const cap = !has(input, "maxBandwidth")
        ? QEMU_DEFAULTS.maxBandwidthBytesPerSec
        : unlimited
          ? 0
          : parseRate(rawCap, name("maxBandwidth"), { allowZero: false });
      const autoConverge = has(input, "autoConverge")
        ? parseBool(input.autoConverge, name("autoConverge"))
        : false;
      return {
        ...QEMU_DEFAULTS,
        downtimeLimitSec: limit,
        maxBandwidthBytesPerSec: cap,
        autoConverge,
        maxRounds: maxRounds ?? QEMU_DEFAULTS.maxRounds,
      };
    }
    case "xen":
    case "xen-v2": {
      only(["downtimeLimit", "maxBandwidth", "autoConverge"], "qemu");
      only(["switchoverGoal", "sdps"], "vmotion");
      const base = kind === "xen" ? XEN_DEFAULTS : XEN_V2_DEFAULTS;
      return { ...base, maxRounds: maxRounds ?? base.maxRounds };
    }
  }
}

/**
 * Transport from `--bandwidth` (the achieved migration throughput, set directly) and `--rtt`.
 * The network path model (`src/network`) replaces this when path flags are given; `--bandwidth`
 * stays a direct override of its throughput.
 */
export function transportFromInput(
  input: ScenarioInput,
  name: FieldNamer,
  opts: { readonly warnings?: boolean } = {},
): TransportSpec {
  // Network path model (issue 3): any path flag but --rtt; --bandwidth overrides its throughput.
  // The path's warnings are not part of the transport: `warnings: false` skips formatting them.
  const path = pathResultFromInput(input, name, opts);
  if (path !== null)
    return has(input, "bandwidth")
      ? toTransportWithThroughput(path, parseRate(input.bandwidth, name("bandwidth"), { allowZero: false }))
      : toTransport(path);
  if (!has(input, "bandwidth"))
    throw new InputError(
      "missing-value",
      name("bandwidth"),
      "is required: a rate like 10Gbit/s (or a network path)",
    );
  const throughputBytesPerSec = parseRate(input.bandwidth, name("bandwidth"), { allowZero: false });
  const rttSec = has(input, "rtt") ? parseDuration(input.rtt, name("rtt")) : 0.0003;
  if (rttSec > 10) throw badValue(name("rtt"), "a duration from 0 to 10s", input.rtt);
  return { throughputBytesPerSec, rttSec, slowStartSec: 0, binding: "given" };
}

export function costsFromInput(input: ScenarioInput, name: FieldNamer, vm: VmSpec): CostSpec {
  const costs = defaultCosts(vm.memoryBytes, vm.vcpus);
  if (!has(input, "traceSetup")) return costs;
  return { ...costs, traceSetupSec: parseDuration(input.traceSetup, name("traceSetup")) };
}

/** Reject keys nobody reads, so a typo never silently falls back to a default. */
export function rejectUnknownKeys(input: ScenarioInput, known: readonly string[], name: FieldNamer): void {
  for (const key of Object.keys(input)) {
    if (input[key] === undefined) continue;
    if (!known.includes(key))
      throw new InputError("unknown-field", name(key), `is not a known field (known: ${known.join(", ")})`);
  }
}

export interface BuildScenarioOptions {
  /** Deep-freeze the scenario (default true). Sweeps skip it: they own their scenarios. */
  readonly freeze?: boolean;
  /** Format network path warnings while building (default true; they are not part of a Scenario). */
  readonly warnings?: boolean;
}

/** Build and validate a whole scenario. The options change no value, only the work done. */
export function buildScenario(
  input: ScenarioInput,
  name: FieldNamer = cliFlagName,
  opts: BuildScenarioOptions = {},
): Scenario {
  const vm = vmFromInput(input, name);
  const dirty = dirtyFromInput(input, name, vm.memoryBytes);
  const policy = policyFromInput(input, name);
  const transport = transportFromInput(input, name, { warnings: opts.warnings });
  const costs = costsFromInput(input, name, vm);
  const s: Scenario = { vm, dirty, transport, policy, costs };
  return opts.freeze === false ? s : deepFreeze(s);
}

function deepFreeze<T>(o: T): T {
  if (typeof o === "object" && o !== null && !ArrayBuffer.isView(o)) {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
