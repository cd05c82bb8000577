import { DIRTY_MODEL_NAMES } from "../model/dirty/defaults.js";
import { ACCESS_PATTERNS, type Scenario } from "../model/types.js";
import { MAX_MTU_BYTES, MIN_MTU_BYTES, TCP_MAX_WINDOW_BYTES } from "../network/defaults.js";
import { PRESET_NAMES } from "../network/presets.js";
import { HOST_CONFIG_NAMES } from "../network/host/presets.js";
import { ROUTING_MODES, SITES, TCPIP_STACKS } from "../network/host/types.js";
import type { SegmentInput } from "../network/segments.js";
import { BUFFER_MODES, CONGESTION_CONTROLS } from "../network/types.js";
import { PAGE_BYTES } from "../units/parse.js";

/**
 * The field table: one row per user-facing scenario field, the single source of what a field is.
 *
 * From these rows are generated: the commander options (`src/cli/field-options.ts`), the JSON
 * Schema properties of sweep `base`/axis keys and report scenario inputs (`src/sweep/schema.ts`,
 * `src/report/schema.ts`, precompiled by `src/cli/precompile.ts`), the one string parser
 * (`parseInput` in `src/input/parse.ts`: dimension, limits, aliases), the sweep's numeric
 * conversion of range ends and distribution parameters (`toNumber`), the scenario part each key
 * feeds (`PART_KEYS`, used by the sweep's part cache), the output column of a swept field, and
 * the noun used for the field in report and solve sentences.
 *
 * ## Adding a field
 * 1. Add a row below: `key` (camelCase, as in files), `flag` (commander syntax; its kebab-case
 *    must be the key's), `dimension`, the limits (`zero`, `min`/`max`, `accepted`), `part`
 *    (the scenario part its value feeds; `path: "trigger"` if giving it switches to the network
 *    path model), `column` (its output column in canonical units), `description` (the `--help`
 *    text and schema description) and `noun` (words for sentences).
 *    A numeric field whose `column` is not a scenario column also says how its sweep column
 *    reads what ran (`ran`: from the scenario).
 * 2. Read the canonical value where it is used: `input.yourKey` in the part builder of
 *    `src/input/scenario.ts` (or `src/input/path.ts` for path fields). It arrives parsed,
 *    limit-checked and typed (`CanonicalInput` is derived from this table).
 * 3. Regenerate the schema files (`npm run build`, then the commands in `src/sweep/schema.ts`
 *    and `src/report/schema.ts`). Nothing else: flags, schema, parsing, sweeps and columns follow.
 */

/** The canonical unit of a dimension: bytes, bytes/s, seconds, a fraction, a count, km, a word. */
export type Dimension =
  | "size" // bytes
  | "rate" // bytes per second
  | "duration" // seconds
  | "fraction" // plain number in [0, 1] (`0.2` or `20%`)
  | "count" // whole number
  | "distance" // kilometres (`80`, `80km`)
  | "choice" // one of `choices`
  | "bool" // true or false
  | "curve" // measured dirty curve: list of {interval, dirtied}
  | "version" // vSphere version major.minor as a number (`6.7`, `8.0`, `7.0U3` -> 7)
  | "cidr" // IPv4 address with prefix length, normalized (`10.20.30.11/24`)
  | "address" // IPv4 address, normalized (`10.20.30.1`), or an alias (`none`)
  | "routes" // IPv4 static routes, normalized (`10.20.31.0/24 via 10.20.30.1, ...`)
  | "names" // comma-separated words, each one of `choices`, normalized (`vsan,nfs`)
  | "segments"; // network path segments: list of {link, mtu, distance, delay, loss, flowCap, ...}

/** The scenario parts, in the order the sweep's batch runner tracks them. */
export const SCENARIO_PARTS = ["vm", "dirty", "policy", "transport", "costs"] as const;
export type ScenarioPart = (typeof SCENARIO_PARTS)[number];

export interface FieldDef {
  /** camelCase key in sweep/report/inventory files and in {@link CanonicalInput}. */
  readonly key: string;
  /** Commander option syntax (`--dirty-rate <rate>`); no `<arg>` for a boolean switch. */
  readonly flag: string;
  readonly dimension: Dimension;
  /** Whether zero is accepted (size, rate, duration). */
  readonly zero?: boolean;
  /** Inclusive limits in the canonical unit. */
  readonly min?: number;
  readonly max?: number;
  /** `max` itself is not accepted (fractions). */
  readonly maxExclusive?: boolean;
  /** What is accepted, in words, for the error when a limit is broken. */
  readonly accepted?: string;
  /** Choices of a `choice` field. */
  readonly choices?: readonly string[];
  /** Words accepted besides the dimension's values, and the canonical value each stands for. */
  readonly aliases?: Readonly<Record<string, number | string>>;
  /** The scenario part the value feeds. */
  readonly part: ScenarioPart;
  /** Path fields: `trigger` switches to the network path model; `override` applies to it if on. */
  readonly path?: "trigger" | "override";
  /** Output column of the value when swept, canonical units in the name. */
  readonly column: string;
  /** `--help` text and schema description. */
  readonly description: string;
  /** How sentences name the field (`the dirty rate`, `a 10 % longer RTT`). */
  readonly noun: string;
  /**
   * How the field's sweep column reads the value the scenario ran with, for a numeric field whose
   * `column` is not a scenario column (`src/sweep/columns.ts`) nor a path-plan value
   * (`src/sweep/axis-values.ts`); NaN where it does not apply.
   */
  readonly ran?: (s: Scenario, input: Readonly<Record<string, unknown>>) => number;
}

/** The largest VM memory accepted: 64 TiB, above every hypervisor's maximum (24 TB, vSphere 7 U1). */
export const MAX_MEMORY_BYTES = 64 * 2 ** 40;
/** Largest hop count accepted: the IPv4 TTL range. */
const MAX_HOPS = 255;
/** Most streams: `Migrate.VMotionMaxStreamHelpers` 112 (ESXi 8.0 U3 and 9.0.1 advanced settings, github.com/lamw/esxi-advanced-and-kernel-settings). */
const MAX_STREAMS = 112;
/** Longest fibre accepted: half the Earth's circumference and then some. [assumption] */
const MAX_DISTANCE_KM = 40_000;
/** Longest RTT accepted. [assumption: anything beyond is a typo] */
const MAX_RTT_SEC = 10;
/** Most concurrent migrations on one path. [assumption] */
const MAX_CONCURRENT = 1024;
/** Largest hop delay accepted. [assumption] */
const MAX_HOP_DELAY_SEC = 1;

export const POLICY_NAMES = ["vmotion", "qemu", "xen", "xen-v2"] as const;
export const SDPS_NAMES = ["dynamic", "always", "off"] as const;

const mtu = { dimension: "count", min: MIN_MTU_BYTES, max: MAX_MTU_BYTES } as const;

export const FIELDS = [
  // --- vm
  {
    key: "memory",
    flag: "--memory <size>",
    dimension: "size",
    min: PAGE_BYTES,
    max: MAX_MEMORY_BYTES,
    accepted: "a size from 4KiB to 64TiB",
    part: "vm",
    column: "memoryBytes",
    description: "VM memory, e.g. 64GiB",
    noun: "memory",
  },
  {
    key: "vcpus",
    flag: "--vcpus <n>",
    dimension: "count",
    min: 1,
    max: 768,
    part: "vm",
    column: "vcpus",
    description: "vCPUs (default 4)",
    noun: "vCPU count",
  },
  {
    key: "zeroPages",
    flag: "--zero-pages <fraction>",
    dimension: "fraction",
    max: 1,
    maxExclusive: true,
    part: "vm",
    column: "zeroPageFraction",
    description: "fraction of memory that is zero pages, e.g. 0.2 (default 0)",
    noun: "zero-page fraction",
  },
  {
    key: "checkpoint",
    flag: "--checkpoint <size>",
    dimension: "size",
    zero: true,
    part: "vm",
    column: "checkpointBytes",
    description:
      "device state sent in the stun (default: vMotion 8 MiB + 64 KiB per vCPU, QEMU and Xen 1 MiB + 16 KiB per vCPU)",
    noun: "checkpoint size",
  },
  // --- dirty
  {
    key: "dirtyRate",
    flag: "--dirty-rate <rate>",
    dimension: "rate",
    zero: true,
    part: "dirty",
    column: "dirtyRateBytesPerSec",
    description: "guest dirty rate, e.g. 400MiB/s",
    noun: "dirty rate",
  },
  {
    key: "dirtyModel",
    flag: "--dirty-model <name>",
    dimension: "choice",
    choices: DIRTY_MODEL_NAMES,
    part: "dirty",
    column: "dirtyModelName",
    description:
      "working-set (default; without --wss a working set of 1/8 of memory, an assumption) or constant",
    noun: "dirty model",
  },
  {
    key: "wss",
    flag: "--wss <size>",
    dimension: "size",
    part: "dirty",
    column: "wssBytes",
    description: "writable working set (hot set) size, e.g. 8GiB (default 1/8 of memory)",
    noun: "working set",
  },
  {
    key: "coldRate",
    flag: "--cold-rate <rate>",
    dimension: "rate",
    zero: true,
    part: "dirty",
    column: "coldRateBytesPerSec",
    description: "dirty rate over the memory outside the working set",
    noun: "cold dirty rate",
  },
  {
    key: "pattern",
    flag: "--pattern <pattern>",
    dimension: "choice",
    choices: ACCESS_PATTERNS,
    part: "dirty",
    column: "pattern",
    description: "how memory is written: uniform (default), sequential, hot-cold or zipf",
    noun: "write pattern",
  },
  {
    key: "hotShare",
    flag: "--hot-share <fraction>",
    dimension: "fraction",
    max: 1,
    part: "dirty",
    column: "hotShare",
    description: "hot-cold: share of writes on the working set (default 0.9)",
    noun: "hot share",
  },
  {
    key: "dirtyCurve",
    flag: "--dirty-curve <file.csv>",
    dimension: "curve",
    part: "dirty",
    column: "dirtyCurve",
    description:
      "measured dirty curve: CSV with header interval,dirtied (in files: a list of {interval, dirtied})",
    noun: "dirty curve",
  },
  // --- transport
  {
    key: "bandwidth",
    flag: "--bandwidth <rate>",
    dimension: "rate",
    part: "transport",
    column: "bandwidthBytesPerSec",
    description: "achieved migration throughput, e.g. 10Gbit/s",
    noun: "bandwidth",
  },
  {
    key: "rtt",
    flag: "--rtt <duration>",
    dimension: "duration",
    max: MAX_RTT_SEC,
    accepted: "a duration above zero up to 10s, like 5ms",
    part: "transport",
    path: "override",
    column: "rttSec",
    description: "round-trip time, e.g. 0.3ms (with a path: replaces the computed RTT)",
    noun: "RTT",
  },
  // --- policy
  {
    key: "policy",
    flag: "--policy <name>",
    dimension: "choice",
    choices: POLICY_NAMES,
    part: "policy",
    column: "policyName",
    description: "vmotion (default), qemu, xen or xen-v2",
    noun: "policy",
  },
  {
    key: "switchoverGoal",
    flag: "--switchover-goal <duration>",
    dimension: "duration",
    // Migrate.PreCopySwitchoverTimeGoal range: 100..100000 ms.
    zero: true,
    min: 0.1,
    max: 100,
    accepted: "a duration from 100ms to 100s",
    part: "policy",
    column: "switchoverGoalSec",
    description: "vMotion switchover time goal (default 500ms)",
    noun: "switchover goal",
  },
  {
    key: "sdps",
    flag: "--sdps <mode>",
    dimension: "choice",
    choices: SDPS_NAMES,
    part: "policy",
    column: "sdps",
    description: "vMotion SDPS: dynamic (default), always or off",
    noun: "SDPS mode",
  },
  {
    key: "downtimeLimit",
    flag: "--downtime-limit <duration>",
    dimension: "duration",
    max: 2000,
    accepted: "a duration from 1ms to 2000s",
    part: "policy",
    column: "downtimeLimitSec",
    description: "QEMU downtime limit (default 300ms)",
    noun: "downtime limit",
  },
  {
    key: "maxBandwidth",
    flag: "--max-bandwidth <rate>",
    dimension: "rate",
    aliases: { unlimited: 0, "0": 0 },
    part: "policy",
    column: "maxBandwidthBytesPerSec",
    description:
      "QEMU max-bandwidth (default unlimited, as libvirt sets it; raw QEMU: 128MiB/s; 0 is unlimited, as in QEMU)",
    noun: "QEMU max-bandwidth",
  },
  {
    key: "autoConverge",
    flag: "--auto-converge",
    dimension: "bool",
    part: "policy",
    column: "autoConverge",
    description: "QEMU auto-converge (throttle the guest)",
    noun: "auto-converge",
  },
  {
    key: "maxRounds",
    flag: "--max-rounds <n>",
    dimension: "count",
    min: 1,
    max: 100000,
    part: "policy",
    column: "maxRounds",
    description: "give up (vMotion, QEMU) or force stop-and-copy (Xen) after n iterations",
    noun: "round limit",
  },
  // --- costs
  {
    key: "traceSetup",
    flag: "--trace-setup <duration>",
    dimension: "duration",
    zero: true,
    part: "costs",
    column: "traceSetupSec",
    description: "write-trace setup time (default 2 ms per GiB + 1 ms per vCPU)",
    noun: "trace setup time",
  },
  {
    key: "zeroScanRate",
    flag: "--zero-scan-rate <rate>",
    dimension: "rate",
    part: "costs",
    column: "zeroScanBytesPerSec",
    description: "memory read per second to find zero pages (default 10GiB/s, an assumption)",
    noun: "zero-page scan rate",
  },
  {
    key: "fixedSwitchover",
    flag: "--fixed-switchover <duration>",
    dimension: "duration",
    zero: true,
    max: 100,
    accepted: "a duration from 0 to 100s, like 20ms",
    part: "costs",
    column: "fixedSwitchoverSec",
    description: "fixed stun cost outside the transfer: quiesce, device save/restore, resume (default 20ms)",
    noun: "fixed switchover cost",
    ran: (s) => s.costs.fixedSwitchoverSec,
  },
  // --- network path (any of these switches to the path model)
  {
    key: "preset",
    flag: "--preset <name>",
    dimension: "choice",
    choices: PRESET_NAMES,
    part: "transport",
    path: "trigger",
    column: "preset",
    description: `network path preset: ${PRESET_NAMES.join(", ")} (default same-l2)`,
    noun: "path",
  },
  {
    key: "link",
    flag: "--link <rate>",
    dimension: "rate",
    part: "transport",
    path: "trigger",
    column: "linkBytesPerSec",
    description: "line rate of every link on the path, e.g. 25Gbit/s",
    noun: "link rate",
  },
  {
    key: "hops",
    flag: "--hops <n>",
    dimension: "count",
    min: 0,
    max: MAX_HOPS,
    part: "transport",
    path: "trigger",
    column: "hops",
    description: "router hops between the hosts (vMotion TCP/IP stack gateway and beyond)",
    noun: "hop count",
  },
  {
    key: "hopDelay",
    flag: "--hop-delay <duration>",
    dimension: "duration",
    zero: true,
    max: MAX_HOP_DELAY_SEC,
    accepted: "a duration from 0 to 1s, like 50us",
    part: "transport",
    path: "trigger",
    column: "hopDelaySec",
    description: "one-way forwarding + queueing delay per hop (default 1us)",
    noun: "hop delay",
  },
  {
    key: "mtu",
    flag: "--mtu <bytes>",
    ...mtu,
    part: "transport",
    path: "trigger",
    column: "mtuBytes",
    description: "vmknic MTU, and the network's unless --path-mtu is given (576-9216)",
    noun: "MTU",
  },
  {
    key: "pathMtu",
    flag: "--path-mtu <bytes>",
    ...mtu,
    part: "transport",
    path: "trigger",
    column: "pathMtuBytes",
    description: "MTU of the network segments between the vmknics (576-9216)",
    noun: "path MTU",
  },
  {
    key: "loss",
    flag: "--loss <fraction>",
    dimension: "fraction",
    max: 1,
    maxExclusive: true,
    part: "transport",
    path: "trigger",
    column: "lossFraction",
    description: "end-to-end packet loss, e.g. 1e-5 (0 to 1, exclusive)",
    noun: "packet loss",
  },
  {
    key: "distance",
    flag: "--distance <km>",
    dimension: "distance",
    max: MAX_DISTANCE_KM,
    part: "transport",
    path: "trigger",
    column: "distanceKm",
    description: "fibre distance between the hosts, e.g. 80km",
    noun: "distance",
  },
  {
    key: "streams",
    flag: "--streams <n>",
    dimension: "count",
    min: 1,
    max: MAX_STREAMS,
    aliases: { auto: "auto" },
    part: "transport",
    path: "trigger",
    column: "streams",
    description: "vMotion streams: auto (ceil(link / 15 Gbit/s), 7.0 U2+) or 1-112",
    noun: "number of streams",
  },
  {
    key: "socketBuffer",
    flag: "--socket-buffer <size>",
    dimension: "size",
    // No TCP window is larger than 65535 x 2^14 B (RFC 7323 section 2.3): a larger buffer cannot
    // be in flight, so the window bound would be one no stream reaches.
    max: TCP_MAX_WINDOW_BYTES,
    accepted: "a size above zero up to 1073725440 B (65535 x 2^14, the largest TCP window, RFC 7323)",
    part: "transport",
    path: "trigger",
    column: "socketBufferBytes",
    description:
      "socket buffer (window) per stream: vMotion 562540 B (Migrate.SndBufSize), QEMU 4 MiB (Linux tcp_wmem max), Xen 2 MiB (xl's ssh channel)",
    noun: "socket buffer",
  },
  {
    key: "expectedLineRate",
    flag: "--expected-line-rate <rate>",
    dimension: "rate",
    part: "transport",
    path: "trigger",
    column: "expectedLineRateBytesPerSec",
    description:
      "rate latency-aware mode (RTT > 4 ms) sizes buffers for (default 133MB/s, Migrate.NetExpectedLineRateMBps)",
    noun: "expected line rate",
  },
  {
    key: "bufferMode",
    flag: "--buffer-mode <mode>",
    dimension: "choice",
    choices: BUFFER_MODES,
    part: "transport",
    path: "trigger",
    column: "bufferMode",
    description:
      "socket buffer sizing over long paths: bdp (grow to the path's bandwidth-delay product, default) or expected-line-rate (Migrate.NetExpectedLineRateMBps above 4 ms)",
    noun: "buffer mode",
  },
  {
    key: "congestionControl",
    flag: "--congestion-control <cc>",
    dimension: "choice",
    choices: CONGESTION_CONTROLS,
    part: "transport",
    path: "trigger",
    column: "congestionControl",
    description: "TCP congestion control of the vMotion stack: newreno (default, an assumption) or cubic",
    noun: "congestion control",
  },
  {
    key: "segments",
    flag: "--segments <list>",
    dimension: "segments",
    part: "transport",
    path: "trigger",
    column: "segments",
    description:
      'the path as segments, replacing the uniform link/MTU/distance/loss: "link=10Gbit/s,mtu=9000;label=dci,link=10Gbit/s,distance=80km" (in files: a list of {label, link, mtu, distance, delay, loss, flowCap, clampsMss})',
    noun: "path segments",
  },
  {
    key: "concurrent",
    flag: "--concurrent <n>",
    dimension: "count",
    min: 1,
    max: MAX_CONCURRENT,
    part: "transport",
    path: "trigger",
    column: "concurrent",
    description: "migrations sharing the path at once (fair share of the bottleneck)",
    noun: "concurrent migrations",
  },
  // --- host network configuration (issue 15, src/network/host): the path follows from it
  {
    key: "config",
    flag: "--config <name>",
    dimension: "choice",
    choices: HOST_CONFIG_NAMES,
    part: "transport",
    path: "trigger",
    column: "config",
    description: `host network configuration preset: ${HOST_CONFIG_NAMES.join(", ")}`,
    noun: "host network configuration",
  },
  {
    key: "site",
    flag: "--site <site>",
    dimension: "choice",
    choices: SITES,
    part: "transport",
    path: "trigger",
    column: "site",
    description: "where the destination host is: local (default, one data centre), metro or wan",
    noun: "site",
  },
  {
    key: "vsphere",
    flag: "--vsphere <version>",
    dimension: "version",
    min: 4,
    max: 9.9,
    accepted: "a vSphere version from 4.0 to 9.x, like 5.5, 6.7 or 8.0",
    part: "transport",
    path: "trigger",
    column: "vsphereVersion",
    description: "vSphere version, e.g. 5.5, 6.7, 8.0 (default 8.0)",
    noun: "vSphere version",
  },
  {
    key: "stack",
    flag: "--stack <stack>",
    dimension: "choice",
    choices: TCPIP_STACKS,
    part: "transport",
    path: "trigger",
    column: "stack",
    description: "TCP/IP stack of the vMotion vmknics: vmotion (6.0+, default) or default",
    noun: "TCP/IP stack",
  },
  {
    key: "destStack",
    flag: "--dest-stack <stack>",
    dimension: "choice",
    choices: TCPIP_STACKS,
    part: "transport",
    path: "trigger",
    column: "destStack",
    description: "the destination host's vMotion stack (default: the same as --stack)",
    noun: "destination TCP/IP stack",
  },
  {
    key: "routing",
    flag: "--routing <mode>",
    dimension: "choice",
    choices: ROUTING_MODES,
    part: "transport",
    path: "trigger",
    column: "routing",
    description: "vMotion subnets: same-subnet, static-route or default-gateway (default)",
    noun: "routing",
  },
  {
    key: "vmknicIp",
    flag: "--vmknic-ip <cidr>",
    dimension: "cidr",
    part: "transport",
    path: "trigger",
    column: "vmknicIp",
    description: "source vMotion vmknic address (default 10.20.30.11/24)",
    noun: "vmknic address",
  },
  {
    key: "destVmknicIp",
    flag: "--dest-vmknic-ip <cidr>",
    dimension: "cidr",
    part: "transport",
    path: "trigger",
    column: "destVmknicIp",
    description: "destination vMotion vmknic (default 10.20.31.12/24; 10.20.30.12/24 with same-subnet)",
    noun: "destination vmknic address",
  },
  {
    key: "gateway",
    flag: "--gateway <ip>",
    dimension: "address",
    aliases: { none: "none" },
    part: "transport",
    path: "trigger",
    column: "gateway",
    description: "default gateway of the vMotion vmknics' stack, or none",
    noun: "default gateway",
  },
  {
    key: "vmknicGateway",
    flag: "--vmknic-gateway <ip>",
    dimension: "address",
    part: "transport",
    path: "trigger",
    column: "vmknicGateway",
    description: "per-vmknic gateway override of the vMotion vmknic (vSphere 6.5+)",
    noun: "vmknic gateway",
  },
  {
    key: "staticRoute",
    flag: "--static-route <routes>",
    dimension: "routes",
    part: "transport",
    path: "trigger",
    column: "staticRoute",
    description: "static routes on the vMotion stack, e.g. '10.20.31.0/24 via 10.20.30.1' (comma-separated)",
    noun: "static route",
  },
  {
    key: "vmknics",
    flag: "--vmknics <n>",
    dimension: "count",
    min: 1,
    max: 16,
    part: "transport",
    path: "trigger",
    column: "vmknics",
    description:
      "vMotion vmknics, one uplink each unless --vmotion-nics is smaller (multi-NIC vMotion; default 1)",
    noun: "number of vMotion vmknics",
  },
  {
    key: "vmotionNics",
    flag: "--vmotion-nics <n>",
    dimension: "count",
    min: 1,
    max: 16,
    part: "transport",
    path: "trigger",
    column: "vmotionNics",
    description:
      "physical NICs the vMotion vmknics use; fewer than --vmknics: the vmknics share them, e.g. 3 vmknics on one 40 GbE NIC (KB 323379; default one per vmknic)",
    noun: "number of vMotion NICs",
  },
  {
    key: "uplink",
    flag: "--uplink <rate>",
    dimension: "rate",
    part: "transport",
    path: "trigger",
    column: "uplinkBytesPerSec",
    description: "line rate of each vMotion uplink (default 10Gbit/s)",
    noun: "vMotion uplink rate",
  },
  {
    key: "uplinkShare",
    flag: "--uplink-share <fraction>",
    dimension: "fraction",
    min: 0.01,
    max: 1,
    part: "transport",
    path: "trigger",
    column: "uplinkShare",
    description: "share of the vMotion uplink vMotion may use (NIOC; default 1)",
    noun: "vMotion uplink share",
  },
  {
    key: "uplinkBackground",
    flag: "--uplink-background <rate>",
    dimension: "rate",
    zero: true,
    part: "transport",
    path: "trigger",
    column: "uplinkBackgroundBytesPerSec",
    description: "other traffic's load on the vMotion uplink (default 0)",
    noun: "background load on the vMotion uplink",
  },
  {
    key: "uplinkSharedWith",
    flag: "--uplink-shared-with <list>",
    dimension: "names",
    choices: ["management", "vsan", "nfs", "iscsi", "ft", "replication"],
    part: "transport",
    path: "trigger",
    column: "uplinkSharedWith",
    description: "what else uses the vMotion uplink: management, vsan, nfs, iscsi, ft, replication",
    noun: "traffic sharing the vMotion uplink",
  },
  {
    key: "destMtu",
    flag: "--dest-mtu <bytes>",
    ...mtu,
    part: "transport",
    path: "trigger",
    column: "destMtuBytes",
    description: "destination vMotion vmknic MTU (default: --mtu, 9000 with a host configuration)",
    noun: "destination vmknic MTU",
  },
  {
    key: "mgmtIp",
    flag: "--mgmt-ip <cidr>",
    dimension: "cidr",
    part: "transport",
    path: "trigger",
    column: "mgmtIp",
    description: "management vmknic vmk0 address (default 10.20.0.11/24; its gateway is .1)",
    noun: "management address",
  },
  {
    key: "mgmtUplink",
    flag: "--mgmt-uplink <rate>",
    dimension: "rate",
    part: "transport",
    path: "trigger",
    column: "mgmtUplinkBytesPerSec",
    description: "management uplink line rate (default 1Gbit/s)",
    noun: "management uplink rate",
  },
  {
    key: "mgmtMtu",
    flag: "--mgmt-mtu <bytes>",
    ...mtu,
    part: "transport",
    path: "trigger",
    column: "mgmtMtuBytes",
    description: "management vmknic and uplink MTU (default 1500)",
    noun: "management MTU",
  },
  {
    key: "mgmtFlowCap",
    flag: "--mgmt-flow-cap <rate>",
    dimension: "rate",
    part: "transport",
    path: "trigger",
    column: "mgmtFlowCapBytesPerSec",
    description: "per-flow limit of the management router or firewall (default none)",
    noun: "management per-flow cap",
  },
  {
    key: "mgmtBackground",
    flag: "--mgmt-background <rate>",
    dimension: "rate",
    zero: true,
    part: "transport",
    path: "trigger",
    column: "mgmtBackgroundBytesPerSec",
    description: "management and HA traffic on the management uplink (default 0)",
    noun: "background load on the management uplink",
  },
] as const satisfies readonly FieldDef[];

type Row = (typeof FIELDS)[number];
export type FieldKey = Row["key"];

/** A measured dirty curve in canonical units: strictly increasing intervals, non-decreasing bytes. */
export interface CurvePoints {
  readonly intervalsSec: readonly number[];
  readonly dirtiedBytes: readonly number[];
}

type AliasValue<R> = R extends { readonly aliases: infer A } ? A[keyof A] : never;
type ValueOfRow<R> = R extends { readonly dimension: "choice"; readonly choices: readonly (infer C)[] }
  ? C
  : R extends { readonly dimension: "bool" }
    ? boolean
    : R extends { readonly dimension: "curve" }
      ? CurvePoints
      : R extends { readonly dimension: "cidr" | "address" | "routes" | "names" }
        ? string
        : R extends { readonly dimension: "segments" }
          ? readonly SegmentInput[]
          : number | AliasValue<R>;

/**
 * Scenario input after {@link parseInput}: every given field in its canonical unit (bytes,
 * seconds, bytes/s, km, fractions, counts, words), within its limits. Absent fields take their
 * defaults in `buildScenario`. Plain data: structured-cloneable to workers.
 */
export type CanonicalInput = { readonly [R in Row as R["key"]]?: ValueOfRow<R> };
/** A {@link CanonicalInput} being filled in (sweeps, solve, sensitivity). */
export type MutableCanonicalInput = { -readonly [K in keyof CanonicalInput]: CanonicalInput[K] };

export const FIELD_KEYS: readonly FieldKey[] = FIELDS.map((f) => f.key);

const BY_KEY: ReadonlyMap<string, FieldDef> = new Map(FIELDS.map((f) => [f.key, f as FieldDef]));

/** The row of `key`, or undefined for an unknown key. */
export function fieldOf(key: string): FieldDef | undefined {
  return BY_KEY.get(key);
}

export function isFieldKey(key: string): key is FieldKey {
  return BY_KEY.has(key);
}

/** Keys whose value switches to the network path model (every path field but `rtt`). */
export const PATH_TRIGGER_KEYS: readonly FieldKey[] = FIELDS.filter(
  (f: FieldDef) => f.path === "trigger",
).map((f) => f.key);

const NUMERIC_DIMENSIONS: readonly Dimension[] = [
  "size",
  "rate",
  "duration",
  "fraction",
  "count",
  "distance",
];

/** Whether a field's values lie on a numeric scale (ranges and distributions apply). */
export function isNumericField(f: FieldDef): boolean {
  return NUMERIC_DIMENSIONS.includes(f.dimension);
}

/** The keys of the transport fields themselves: the path, bandwidth, RTT and host network keys. */
export const TRANSPORT_FIELD_KEYS: readonly FieldKey[] = FIELDS.filter((f) => f.part === "transport").map(
  (f) => f.key,
);

/**
 * The input keys each scenario part's builder reads, directly or through the part it depends on
 * (the dirty model checks the working set against memory; costs scale with memory and vCPUs; the
 * transport's defaults follow the sender the policy names, model.md section 4.2).
 */
export const PART_KEYS: Readonly<Record<ScenarioPart, readonly FieldKey[]>> = (() => {
  const of = (p: ScenarioPart): FieldKey[] => FIELDS.filter((f) => f.part === p).map((f) => f.key);
  // The default checkpoint and the per-round costs depend on the hypervisor (model/costs.ts).
  return {
    vm: [...of("vm"), "policy"],
    dirty: [...of("dirty"), ...of("vm"), "policy"],
    policy: of("policy"),
    transport: [...of("transport"), "policy"],
    costs: [...of("costs"), ...of("vm"), "policy"],
  };
})();

/** How a key is named to the user: `--dirty-rate` on the CLI, `base.dirtyRate` in a file. */
export type FieldNamer = (key: string) => string;

/** `dirtyRate` -> `--dirty-rate`. */
export const cliFlagName: FieldNamer = (key) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
