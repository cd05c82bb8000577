/**
 * The scenario and result types of the pre-copy core. All values are canonical: bytes, seconds,
 * bytes per second, fractions in [0, 1]. Scenarios are built and validated once at the boundary
 * (`src/input/scenario.ts`); the kernel (`simulate.ts`) trusts them.
 */

/**
 * How the guest's writes fall over memory; each has its distinct-bytes formula in
 * `dirty/working-set.ts` (model.md section 2).
 */
export type AccessPattern = "uniform" | "sequential" | "hot-cold" | "zipf";

export const ACCESS_PATTERNS: readonly AccessPattern[] = ["uniform", "sequential", "hot-cold", "zipf"];

/** Geometric model: distinct bytes dirtied in t seconds = min(D t, memory). */
export interface ConstantDirty {
  readonly kind: "constant";
  readonly rateBytesPerSec: number;
}

/**
 * Writable working set: a hot set W written at D (uniform: W (1 - exp(-D t / W));
 * sequential: min(D t, W); hot-cold: a share of the writes over W, the rest over the cold
 * memory; zipf: page ranks over W with probability 1/k), plus a cold rate over the rest of memory.
 */
export interface WorkingSetDirty {
  readonly kind: "working-set";
  readonly rateBytesPerSec: number;
  readonly wssBytes: number;
  readonly coldRateBytesPerSec: number;
  readonly pattern: AccessPattern;
  /** `hot-cold`: fraction of the writes that fall on the hot set (the rest on memory - W). */
  readonly hotShare: number;
  /**
   * True when W is the product's default (`DEFAULT_WSS_FRACTION` of memory, no `--wss` given):
   * an assumption, printed as such with every result.
   */
  readonly wssDefault: boolean;
}

/**
 * A measured curve of (interval, distinct bytes dirtied) points, interpolated monotonically
 * (Fritsch-Carlson); `slopes` are the interpolant's derivatives at the points, computed by
 * `dirty/curve.ts#makeCurve`.
 */
export interface CurveDirty {
  readonly kind: "curve";
  readonly intervalsSec: Float64Array;
  readonly dirtiedBytes: Float64Array;
  readonly slopes: Float64Array;
}

export type DirtyModel = ConstantDirty | WorkingSetDirty | CurveDirty;
export type DirtyKind = DirtyModel["kind"];

export interface VmSpec {
  readonly memoryBytes: number;
  readonly vcpus: number;
  /** Fraction of memory that is zero pages at the start: sent as headers only in iteration 0. */
  readonly zeroPageFraction: number;
  /** Device state (checkpoint) sent during the stun. */
  readonly checkpointBytes: number;
}

/**
 * Which limit bounded the achieved throughput. `given`: the user set it directly; `flow-cap`: a
 * segment's per-flow limit (a firewall, a WAN optimiser); the rest: see `src/network/compute.ts`.
 */
export type ThroughputBinding = "given" | "link" | "window" | "loss" | "cpu" | "flow-cap" | "cap";

/**
 * A network failure decided before any memory moves (issue 15: `src/network/host`): the
 * migration fails at the start, with this outcome and reason, and is never simulated.
 */
export interface TransportFailure {
  readonly outcome: NetworkFailureOutcome;
  /** What fails and why, naming its source (a KB). */
  readonly reason: string;
}

/** What the core needs from the network: produced directly from flags or by `src/network`. */
export interface TransportSpec {
  readonly throughputBytesPerSec: number;
  readonly rttSec: number;
  /** Extra time charged to iteration 0 while TCP slow start opens the window. */
  readonly slowStartSec: number;
  readonly binding: ThroughputBinding;
  /** Set when the network cannot carry the migration at all; absent or null otherwise. */
  readonly failure?: TransportFailure | null;
}

export type SdpsMode = "dynamic" | "always" | "off";

export interface VmotionPolicy {
  readonly kind: "vmotion";
  /** `Migrate.PreCopySwitchoverTimeGoal`, 500 ms. */
  readonly switchoverGoalSec: number;
  /** `Migrate.PreCopyMinProgressPerc` / 100: minimum transmit-to-dirty ratio per iteration, 1.3. */
  readonly minProgressRatio: number;
  readonly sdps: SdpsMode;
  /** `Migrate.SdpsTargetRate` / 100: transmit should exceed dirty by this factor, 5. */
  readonly sdpsTargetRatio: number;
  /** `Migrate.SdpsDynamicDelaySec`: seconds between SDPS polls inside iteration 0, 30. */
  readonly sdpsDynamicDelaySec: number;
  /** `vmotion.maxSwitchoverSeconds`, 100 s. */
  readonly maxSwitchoverSec: number;
  readonly maxRounds: number;
}

export interface QemuPolicy {
  readonly kind: "qemu";
  /** `downtime-limit`, 300 ms. */
  readonly downtimeLimitSec: number;
  /** `max-bandwidth`, 128 MiB/s; 0 means unlimited. */
  readonly maxBandwidthBytesPerSec: number;
  readonly autoConverge: boolean;
  /** `cpu-throttle-initial` 20 %, `cpu-throttle-increment` 10 %, `max-cpu-throttle` 99 %. */
  readonly throttleInitial: number;
  readonly throttleIncrement: number;
  readonly throttleMax: number;
  readonly maxRounds: number;
  /**
   * Largest stun QEMU can be configured to tolerate: `MAX_MIGRATE_DOWNTIME_SECONDS` = 2000 s, the
   * upper bound of `downtime-limit` (migration/options.c). A longer stun is a failure outcome.
   */
  readonly maxStunSec: number;
}

export interface XenPolicy {
  readonly kind: "xen";
  /** Legacy xc_domain_save: 30 rounds (iteration >= 29 is the last); migration v2: 5. */
  readonly maxRounds: number;
  /** Last round when fewer than this many pages are dirty: 50. */
  readonly dirtyPagesThreshold: number;
  /** Last round when total sent exceeds this multiple of memory: 3. */
  readonly dataCapFactor: number;
}

export type Policy = VmotionPolicy | QemuPolicy | XenPolicy;
export type PolicyKind = Policy["kind"];

/** Fixed costs around the copy; defaults and sources in `costs.ts`. */
export interface CostSpec {
  /** Write-trace installation before iteration 0 (scales with memory and vCPUs). */
  readonly traceSetupSec: number;
  /** Fixed work in the stun (quiesce, device save/restore, resume), seconds. */
  readonly fixedSwitchoverSec: number;
  /** Final dirty-bitmap sync, seconds per byte of memory. */
  readonly bitmapSyncSecPerByte: number;
  /** Round trips of handshake in the stun (final ack, resume). */
  readonly handshakeRtts: number;
  /** Bytes on the wire for a zero page (header only). */
  readonly zeroPageHeaderBytes: number;
  /** Memory read per second to find zero pages (charged to iteration 0). */
  readonly zeroScanBytesPerSec: number;
  /** Dirty-bitmap sync before each round after iteration 0 (QEMU): seconds per byte of memory. */
  readonly roundSyncSecPerByte: number;
  /** ... plus seconds per dirty 4 KiB page to be resent. */
  readonly roundSyncSecPerDirtyPage: number;
}

export interface Scenario {
  readonly vm: VmSpec;
  readonly dirty: DirtyModel;
  readonly transport: TransportSpec;
  readonly policy: Policy;
  readonly costs: CostSpec;
}

/** One pre-copy iteration. Iteration 0 is the full copy; the stunned final send is not one. */
export interface Iteration {
  readonly index: number;
  /** Bytes on the wire in this iteration. */
  readonly bytes: number;
  readonly durationSec: number;
  /** Distinct bytes the guest dirtied while this iteration was sent (resent next). */
  readonly dirtiedBytes: number;
  /**
   * Fraction of guest CPU time removed by SDPS / auto-converge during this iteration, averaged
   * over it (SDPS `dynamic` may raise it at its polls inside iteration 0).
   */
  readonly throttle: number;
}

/** From `atSec` (seconds since the migration started) the guest is throttled by `throttle`. */
export interface ThrottleStep {
  readonly atSec: number;
  readonly throttle: number;
}

/**
 * Network failures that stop a vMotion at the start (`src/network/host/route.ts`): no route to the
 * destination vmknic (KB 424375, KB 321009), source and destination vMotion vmknics on different
 * TCP/IP stacks (KB 432825), or a path MTU black hole: the vmknics send packets larger than a
 * segment's MTU with don't-fragment set and nothing clamps the MSS (`src/network/mtu.ts`, KB 419088,
 * KB 417889).
 */
export type NetworkFailureOutcome = "no-route" | "stack-mismatch" | "path-mtu-blackhole";

export type Outcome =
  | "converged"
  | "converged-throttled"
  | "max-rounds"
  | "data-cap"
  | "not-converging"
  | "switchover-timeout"
  | NetworkFailureOutcome;

export const OUTCOMES: readonly Outcome[] = [
  "converged",
  "converged-throttled",
  "max-rounds",
  "data-cap",
  "not-converging",
  "switchover-timeout",
  "no-route",
  "stack-mismatch",
  "path-mtu-blackhole",
];

/** The outcomes of a migration that did not switch over (the VM still runs on the source). */
export const FAILED_OUTCOMES: readonly Outcome[] = [
  "not-converging",
  "switchover-timeout",
  "no-route",
  "stack-mismatch",
  "path-mtu-blackhole",
];

/**
 * Whether the migration switched over (the VM now runs on the destination): the one "did it
 * switch over?" predicate every count and sentence uses. False for the FAILED_OUTCOMES:
 * `not-converging` (pre-copy gave up), `switchover-timeout` (the stun would exceed the
 * hypervisor's limit, the switchover is refused), `no-route`, `stack-mismatch`.
 *
 * Example: `switchedOver("max-rounds")` is true; `switchedOver("switchover-timeout")` is false.
 */
export function switchedOver(outcome: Outcome): boolean {
  return !FAILED_OUTCOMES.includes(outcome);
}

/** {@link switchedOver} by outcome code (the index in OUTCOMES), for the sweep's typed arrays. */
export const SWITCHED_OVER_CODES: Uint8Array = Uint8Array.from(OUTCOMES, (o) => (switchedOver(o) ? 1 : 0));

interface ResultFields {
  readonly stopReason: string;
  readonly iterations: readonly Iteration[];
  /** Number of pre-copy iterations (same as iterations.length on the full path). */
  readonly iterationCount: number;
  readonly setupSec: number;
  readonly precopyTimeSec: number;
  /** Bytes left dirty when pre-copy stopped: sent in the stun (or still pending if it never switched). */
  readonly switchoverBytes: number;
  /** Guest-seen stun: final bytes + checkpoint over the throughput, one-way delay, handshake RTTs, fixed costs. */
  readonly downtimeSec: number;
  /**
   * The stun as the hypervisor reports it (QEMU's `downtime`): the guest-seen stun less the
   * send-buffer backlog drained after the clock stops, the last byte's one-way delay and the
   * resume handshake (`costs.ts#hypervisorDowntimeSec`). 0 when the migration did not switch over.
   */
  readonly hypervisorDowntimeSec: number;
  readonly totalTimeSec: number;
  readonly transferredBytes: number;
  readonly throughputBytesPerSec: number;
  readonly binding: ThroughputBinding;
  /**
   * Largest fraction of guest CPU time removed by throttling during pre-copy (0 when none): the
   * peak. It can jump where a pre-copy first needs one more short iteration, which SDPS then
   * throttles for well under a second; `meanGuestSlowdown` does not.
   */
  readonly guestSlowdown: number;
  /** Guest CPU time removed by throttling over the whole pre-copy, as a fraction of it. */
  readonly meanGuestSlowdown: number;
  /** Guest slowdown over time: every change of the throttle, in order (empty when never throttled). */
  readonly slowdownTimeline: readonly ThrottleStep[];
  /** The dirty model the numbers rest on, in words (says when it is the default assumption). */
  readonly dirtyModel: string;
}

/** A migration that switched over (the VM now runs on the destination). */
export interface SwitchedResult extends ResultFields {
  readonly outcome: "converged" | "converged-throttled" | "max-rounds" | "data-cap";
}

/**
 * A migration that did not complete: pre-copy gave up, the stun exceeded its limit, or the
 * network failed it at the start (no iterations, every time 0).
 */
export interface FailedResult extends ResultFields {
  readonly outcome: "not-converging" | "switchover-timeout" | NetworkFailureOutcome;
}

export type MigrationResult = SwitchedResult | FailedResult;
