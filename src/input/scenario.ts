import { InputError, badValue } from "../errors.js";
import { defaultCheckpointBytes, defaultCosts } from "../model/costs.js";
import { makeCurve } from "../model/dirty/curve.js";
import { DEFAULT_HOT_SHARE, DEFAULT_PATTERN, defaultWorkingSet } from "../model/dirty/defaults.js";
import { QEMU_DEFAULTS, VMOTION_DEFAULTS, XEN_DEFAULTS, XEN_V2_DEFAULTS } from "../model/policies/index.js";
import type {
  CostSpec,
  DirtyModel,
  Policy,
  PolicyKind,
  Scenario,
  TransportSpec,
  VmSpec,
} from "../model/types.js";
import { toTransport, toTransportWithThroughput } from "../network/compute.js";
import type { PathResult } from "../network/types.js";
import { formatBytes } from "../units/format.js";
import { cliFlagName, type CanonicalInput, type FieldKey, type FieldNamer } from "./fields.js";
import { checkCanonical, parseInput, type RawInput } from "./parse.js";
import { HOST_KEYS, hasHost, hostNetworkOf } from "./host.js";
import { pathOf } from "./path.js";

/**
 * The second step of the boundary: a {@link CanonicalInput} (parsed by `parseInput`) -> a frozen,
 * fully defaulted {@link Scenario}. Parses nothing: it fills defaults, checks the combinations
 * of fields (a working set larger than memory, QEMU keys with the vMotion policy, a missing dirty
 * rate), and computes the network path when path fields are given. Errors name keys via `name`.
 *
 * Each part has its own builder so that sweeps rebuild only the parts whose inputs moved.
 */

/** Default RTT of a directly given transport (`--bandwidth` without path fields): same L2. */
export const DEFAULT_RTT_SEC = 0.0003;

function conflict(name: FieldNamer, key: FieldKey, why: string): InputError {
  return new InputError("conflict", name(key), why);
}

export function vmOf(input: CanonicalInput, name: FieldNamer): VmSpec {
  if (input.memory === undefined)
    throw new InputError("missing-value", name("memory"), "is required: a size like 64GiB");
  const vcpus = input.vcpus ?? 4;
  return {
    memoryBytes: input.memory,
    vcpus,
    zeroPageFraction: input.zeroPages ?? 0,
    checkpointBytes: input.checkpoint ?? defaultCheckpointBytes(vcpus, policyKindOf(input)),
  };
}

export function dirtyOf(input: CanonicalInput, name: FieldNamer, memoryBytes: number): DirtyModel {
  if (input.dirtyCurve !== undefined) {
    for (const k of ["dirtyRate", "dirtyModel", "wss", "coldRate", "pattern", "hotShare"] as const)
      if (input[k] !== undefined) throw conflict(name, k, `cannot be combined with ${name("dirtyCurve")}`);
    return makeCurve(input.dirtyCurve.intervalsSec, input.dirtyCurve.dirtiedBytes);
  }
  if (input.dirtyRate === undefined)
    throw new InputError(
      "missing-value",
      name("dirtyRate"),
      "is required: a rate like 400MiB/s (or give a dirty curve)",
    );
  const rateBytesPerSec = input.dirtyRate;
  if (input.dirtyModel === "constant") {
    for (const k of ["wss", "coldRate", "pattern", "hotShare"] as const)
      if (input[k] !== undefined)
        throw conflict(name, k, `cannot be combined with ${name("dirtyModel")} constant`);
    return { kind: "constant", rateBytesPerSec };
  }
  const pattern = input.pattern ?? DEFAULT_PATTERN;
  if (input.hotShare !== undefined && pattern !== "hot-cold")
    throw conflict(name, "hotShare", `applies only to ${name("pattern")} hot-cold`);
  const hotShare = input.hotShare ?? DEFAULT_HOT_SHARE;
  // Without --wss: the documented default working set (model/dirty/defaults.ts), an assumption.
  // Each model is one object literal, not a spread of another: V8 gave the first spreads (its
  // runtime path) another map than the later ones (the inline clone of the literal's), so a
  // sweep's dirty parts had two maps and the kernel's optimised code deoptimised when it met the
  // second ("wrong map" at the model's `kind`, --trace-deopt: once a worker).
  if (input.wss === undefined) {
    if (input.coldRate !== undefined)
      throw conflict(name, "coldRate", `needs ${name("wss")} (the writable working set)`);
    return defaultWorkingSet(memoryBytes, rateBytesPerSec, pattern, hotShare);
  }
  const wssBytes = input.wss;
  if (wssBytes > memoryBytes)
    throw badValue(
      name("wss"),
      `a working set no larger than memory (${formatBytes(memoryBytes)})`,
      formatBytes(wssBytes),
    );
  return {
    kind: "working-set",
    rateBytesPerSec,
    wssBytes,
    coldRateBytesPerSec: input.coldRate ?? 0,
    pattern,
    hotShare,
    wssDefault: false,
  };
}

const QEMU_KEYS = ["downtimeLimit", "maxBandwidth", "autoConverge"] as const;
const VMOTION_KEYS = ["switchoverGoal", "sdps"] as const;
/**
 * An ESXi host's network configuration keys (stacks, vmknics, gateways): refused with a QEMU or
 * Xen sender, a Linux host's TCP (model.md section 4.2).
 */
const VMOTION_NETWORK_KEYS: readonly FieldKey[] = HOST_KEYS;

/**
 * vMotion's buffer-sizing keys. They have no effect on a QEMU or Xen path (its window is Linux's,
 * `planOf`), so a sweep may vary the policy under a base that sets them, and a report may re-run a
 * QEMU section under the other buffer reading; a command line that gives one with a QEMU or Xen
 * policy is refused by {@link checkBufferKeysForSender}, since the user asked for something that
 * does not apply.
 */
const VMOTION_BUFFER_KEYS: readonly FieldKey[] = ["bufferMode", "expectedLineRate"];

/**
 * Throws a conflict naming the first of vMotion's buffer-sizing keys given with a QEMU or Xen
 * policy (`estimate`, `compare` call it on what the user typed).
 *
 * Example: `{ policy: "qemu", bufferMode: "bdp" }` throws "--buffer-mode: applies only to --policy vmotion".
 */
export function checkBufferKeysForSender(input: CanonicalInput, name: FieldNamer): void {
  if ((input.policy ?? "vmotion") === "vmotion") return;
  for (const k of VMOTION_BUFFER_KEYS)
    if (input[k] !== undefined) throw conflict(name, k, `applies only to ${name("policy")} vmotion`);
}

export function policyOf(input: CanonicalInput, name: FieldNamer): Policy {
  const kind = input.policy ?? "vmotion";
  const only = (keys: readonly FieldKey[], owner: string): void => {
    for (const k of keys)
      if (input[k] !== undefined) throw conflict(name, k, `applies only to ${name("policy")} ${owner}`);
  };
  switch (kind) {
    case "vmotion":
      only(QEMU_KEYS, "qemu");
      return {
        ...VMOTION_DEFAULTS,
        switchoverGoalSec: input.switchoverGoal ?? VMOTION_DEFAULTS.switchoverGoalSec,
        sdps: input.sdps ?? VMOTION_DEFAULTS.sdps,
        maxRounds: input.maxRounds ?? VMOTION_DEFAULTS.maxRounds,
      };
    case "qemu":
      only(VMOTION_KEYS, "vmotion");
      only(VMOTION_NETWORK_KEYS, "vmotion");
      return {
        ...QEMU_DEFAULTS,
        downtimeLimitSec: input.downtimeLimit ?? QEMU_DEFAULTS.downtimeLimitSec,
        maxBandwidthBytesPerSec: input.maxBandwidth ?? QEMU_DEFAULTS.maxBandwidthBytesPerSec,
        autoConverge: input.autoConverge ?? false,
        maxRounds: input.maxRounds ?? QEMU_DEFAULTS.maxRounds,
      };
    case "xen":
    case "xen-v2": {
      only(QEMU_KEYS, "qemu");
      only(VMOTION_KEYS, "vmotion");
      only(VMOTION_NETWORK_KEYS, "vmotion");
      const base = kind === "xen" ? XEN_DEFAULTS : XEN_V2_DEFAULTS;
      return { ...base, maxRounds: input.maxRounds ?? base.maxRounds };
    }
  }
}

/**
 * Transport from the network path (`path`: `pathOf(input)`, computed by the caller so that it is
 * computed once per distinct path) when path fields are given (`bandwidth` then overrides its
 * throughput), else from `bandwidth` (the achieved throughput, set directly) and `rtt`.
 */
export function transportOf(input: CanonicalInput, name: FieldNamer, path: PathResult | null): TransportSpec {
  // A host configuration that fails the migration (no route, stack mismatch) has no path: the
  // transport carries the failure, and the core ends the migration at the start (issue 15).
  if (path === null && hasHost(input)) {
    const host = hostNetworkOf(input, name, { warnings: false });
    if (host !== null && host.kind === "failure")
      return { throughputBytesPerSec: 0, rttSec: 0, slowStartSec: 0, binding: "link", failure: host.failure };
  }
  if (path !== null)
    return input.bandwidth !== undefined
      ? toTransportWithThroughput(path, input.bandwidth)
      : toTransport(path);
  if (input.bandwidth === undefined)
    throw new InputError(
      "missing-value",
      name("bandwidth"),
      "is required: a rate like 10Gbit/s (or a network path)",
    );
  return {
    throughputBytesPerSec: input.bandwidth,
    rttSec: input.rtt ?? DEFAULT_RTT_SEC,
    slowStartSec: 0,
    binding: "given",
  };
}

/** The policy kind an input names (`xen-v2` is a Xen policy); vMotion when none is given. */
function policyKindOf(input: CanonicalInput): PolicyKind {
  const p = input.policy ?? "vmotion";
  return p === "xen-v2" ? "xen" : p;
}

export function costsOf(input: CanonicalInput, vm: VmSpec): CostSpec {
  let costs = defaultCosts(vm.memoryBytes, vm.vcpus, policyKindOf(input));
  if (input.traceSetup !== undefined) costs = { ...costs, traceSetupSec: input.traceSetup };
  if (input.zeroScanRate !== undefined) costs = { ...costs, zeroScanBytesPerSec: input.zeroScanRate };
  if (input.fixedSwitchover !== undefined) costs = { ...costs, fixedSwitchoverSec: input.fixedSwitchover };
  return costs;
}

export interface BuildScenarioOptions {
  /** Deep-freeze the scenario (default true). Sweeps skip it: they own their scenarios. */
  readonly freeze?: boolean;
  /** Format network path warnings while building (default true; they are not part of a Scenario). */
  readonly warnings?: boolean;
  /** The input's path, already computed (`pathOf(input)`): skips computing it again. */
  readonly path?: PathResult | null;
}

/**
 * Build a whole scenario from canonical input (numbers in bytes, seconds, bytes per second). The
 * input is checked against the field table first (`checkCanonical`: a library caller's numbers
 * meet the limits parsed ones do, so a negative memory, NaN or a unit string is one InputError
 * rather than a result); unit strings go through {@link scenarioFromInput}. The options change
 * no value, only the work done.
 */
export function buildScenario(
  input: CanonicalInput,
  name: FieldNamer = cliFlagName,
  opts: BuildScenarioOptions = {},
): Scenario {
  checkCanonical(input, name);
  const vm = vmOf(input, name);
  const dirty = dirtyOf(input, name, vm.memoryBytes);
  const policy = policyOf(input, name);
  const path = opts.path !== undefined ? opts.path : pathOf(input, { warnings: opts.warnings ?? true }, name);
  const transport = transportOf(input, name, path);
  const costs = costsOf(input, vm);
  const s: Scenario = { vm, dirty, transport, policy, costs };
  return opts.freeze === false ? s : deepFreeze(s);
}

/**
 * Convenience for library callers with unit strings: `parseInput` then `buildScenario`.
 *
 * Example: `scenarioFromInput({ memory: "64GiB", dirtyRate: "400MiB/s", bandwidth: "10Gbit/s" })`.
 */
export function scenarioFromInput(raw: RawInput, name: FieldNamer = cliFlagName): Scenario {
  return buildScenario(parseInput(raw, name), name);
}

function deepFreeze<T>(o: T): T {
  if (typeof o === "object" && o !== null && !ArrayBuffer.isView(o)) {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
