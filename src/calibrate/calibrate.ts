import { max, min } from "simple-statistics";
import { scenarioFromInput } from "../input/scenario.js";
import { defaultCheckpointBytes, defaultCosts } from "../model/costs.js";
import { simulate } from "../model/simulate.js";
import { formatByteRate, formatRate } from "../units/format.js";
import { PAGE_BYTES } from "../units/parse.js";
import type { QemuMigrationStats } from "./qemu-migrate.js";
import type { Migration } from "./vmotion-logs.js";

/**
 * Logged migrations -> model inputs (`vmotion-sim logs --calibrate`).
 *
 * vMotion: the throughput is vMotion's own bandwidth estimate at the stop decision; the dirty rate
 * follows from the transmit-to-dirty ratio, `dirty = bandwidth / t2d` (t2d read as transmit rate /
 * dirty rate; an *assumption*: the ratio is not documented, but ESXi's settings `Migrate.PreCopyMinProgressPerc` and `Migrate.SdpsTargetRate` describe exactly this transmit-to-dirty ratio, github.com/lamw/esxi-advanced-and-kernel-settings). Example: ~145.404 MB/s at 101088 % t2d gives
 * 145.404e6 / 1010.88 = 143.8 kB/s of dirtying (a nearly idle guest).
 *
 * Predicted stun, with the memory known: `simulate` on the reproducing scenario. Without it, the
 * stun formula of `simulate.ts` applied to the logged remainder:
 *   stun = (pagesLeft x 4 KiB + checkpoint) / B + RTT / 2 + 2 RTT + fixed,
 * with the model's default checkpoint (4 vCPUs) and fixed costs (`model/costs.ts`), and the
 * memory-proportional bitmap-sync term left out (memory unknown).
 */

/**
 * Values in calibrate commands, written as `logs` prints them (three significant digits, the same
 * unit), so the command shows the numbers the table shows: a throughput in bits per second
 * (`655Mbit/s`), a dirty rate in binary bytes per second (`78.1MiB/s`). The prediction is
 * simulated from these same strings.
 */
function rateArg(bytesPerSec: number): string {
  return formatRate(bytesPerSec).replace(" ", "");
}
function dirtyRateArg(bytesPerSec: number): string {
  return formatByteRate(bytesPerSec).replace(" ", "");
}
export function sizeArg(bytes: number): string {
  return Number.isInteger(bytes / 2 ** 30) ? `${bytes / 2 ** 30}GiB` : `${Math.round(bytes)}B`;
}
function msArg(sec: number): string {
  return `${Number((sec * 1000).toPrecision(6))}ms`;
}

/** `vmotion-sim estimate ...` from flag-like input keys (same keys as `parseInput`). */
export function estimateCommandLine(input: Readonly<Record<string, string>>): string {
  const flags = Object.entries(input).map(
    ([k, v]) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${v}`,
  );
  return ["vmotion-sim estimate", ...flags].join(" ");
}

export interface VmotionCalibration {
  readonly id: string;
  /** `source -> destination`, or null when the logs did not name both IPs. */
  readonly hostPair: string | null;
  readonly throughputBytesPerSec: number | null;
  readonly dirtyRateBytesPerSec: number | null;
  /** The command that reproduces the migration; null when bandwidth or t2d is missing. */
  readonly command: string | null;
  readonly predictedStunSec: number | null;
  /** The stun the logs report: hostd precopyStunTime, else vmware.log vm stopped, else vpxa downtime. */
  readonly loggedStunSec: number | null;
  readonly loggedStunSource: "precopyStunTime" | "vm stopped" | "downtime value" | null;
  readonly notes: readonly string[];
}

export interface HostPairThroughput {
  readonly hostPair: string;
  readonly migrations: number;
  readonly meanThroughputBytesPerSec: number;
  readonly minThroughputBytesPerSec: number;
  readonly maxThroughputBytesPerSec: number;
}

export interface CalibrateOptions {
  /** VM memory, when the user knows it: the whole migration is then simulated. */
  readonly memoryBytes?: number;
  /** Round-trip time between the hosts; default 0.3 ms (the scenario default for one L2). */
  readonly rttSec?: number;
}

const DEFAULT_RTT_SEC = 0.0003;

export function calibrateVmotion(m: Migration, opts: CalibrateOptions = {}): VmotionCalibration {
  const notes: string[] = [];
  const rttSec = opts.rttSec ?? DEFAULT_RTT_SEC;
  const bw = m.bandwidthBytesPerSec;
  const dirty = bw !== null && m.t2dRatio !== null && m.t2dRatio > 0 ? bw / m.t2dRatio : null;
  const logged =
    m.precopyStunTimeSec !== null
      ? ({ sec: m.precopyStunTimeSec, src: "precopyStunTime" } as const)
      : m.vmStoppedSec !== null
        ? ({ sec: m.vmStoppedSec, src: "vm stopped" } as const)
        : m.downtimeSec !== null
          ? ({ sec: m.downtimeSec, src: "downtime value" } as const)
          : null;
  let command: string | null = null;
  let predicted: number | null = null;
  if (bw === null) notes.push("no bandwidth estimate in the logs (no Stopping pre-copy / Sent all line)");
  if (bw !== null && dirty === null) notes.push("no t2d ratio in the logs: dirty rate unknown");
  if (dirty !== null)
    notes.push("dirty rate = bandwidth / t2d, t2d read as the transmit-to-dirty ratio (an assumption)");
  if (bw !== null && dirty !== null) {
    const input: Record<string, string> = {
      memory: opts.memoryBytes === undefined ? "<VM memory>" : sizeArg(opts.memoryBytes),
      dirtyRate: dirtyRateArg(dirty),
      bandwidth: rateArg(bw),
      rtt: msArg(rttSec),
    };
    if (m.switchoverGoalSec !== null && m.switchoverGoalSec !== 0.5) {
      input.switchoverGoal = msArg(m.switchoverGoalSec);
    }
    command = estimateCommandLine(input);
    if (opts.memoryBytes !== undefined) {
      const scenario = scenarioFromInput(input);
      predicted = simulate(scenario).downtimeSec;
    } else if (m.pagesLeftAtStop !== null) {
      const costs = defaultCosts(0, 4);
      predicted =
        (m.pagesLeftAtStop * PAGE_BYTES + defaultCheckpointBytes(4)) / bw +
        rttSec / 2 +
        costs.handshakeRtts * rttSec +
        costs.fixedSwitchoverSec;
      notes.push("memory unknown: stun from the logged pages left, default checkpoint (4 vCPUs)");
    }
  }
  if (m.failures.length > 0) notes.push(`failed: ${[...new Set(m.failures.map((f) => f.kind))].join(", ")}`);
  return {
    id: m.id,
    hostPair: m.sourceIp !== null && m.destinationIp !== null ? `${m.sourceIp} -> ${m.destinationIp}` : null,
    throughputBytesPerSec: bw,
    dirtyRateBytesPerSec: dirty,
    command,
    predictedStunSec: predicted,
    loggedStunSec: logged?.sec ?? null,
    loggedStunSource: logged?.src ?? null,
    notes,
  };
}

/** Effective throughput per host pair: the logged bandwidth estimates grouped by source -> destination. */
export function throughputByHostPair(calibrations: readonly VmotionCalibration[]): HostPairThroughput[] {
  const groups = new Map<string, number[]>();
  for (const c of calibrations) {
    if (c.hostPair === null || c.throughputBytesPerSec === null) continue;
    const list = groups.get(c.hostPair) ?? [];
    list.push(c.throughputBytesPerSec);
    groups.set(c.hostPair, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([hostPair, xs]) => ({
      hostPair,
      migrations: xs.length,
      meanThroughputBytesPerSec: xs.reduce((s, x) => s + x, 0) / xs.length,
      minThroughputBytesPerSec: min(xs),
      maxThroughputBytesPerSec: max(xs),
    }));
}

export interface QemuCalibration {
  readonly command: string | null;
  readonly memoryBytes: number | null;
  readonly throughputBytesPerSec: number | null;
  readonly dirtyRateBytesPerSec: number | null;
  readonly dirtyRateSource: "dirty-pages-rate (mean of series)" | "resent bytes / migration time" | null;
  readonly zeroPageFraction: number | null;
  readonly predicted: {
    readonly totalTimeSec: number;
    /** Guest-seen stun. */
    readonly downtimeSec: number;
    /**
     * The stun by QEMU's own clock, which stops when the last bytes enter the socket (model.md
     * section 1): what query-migrate's `downtime` reports, so the figure to compare with it.
     */
    readonly hypervisorDowntimeSec: number;
    readonly iterations: number;
    readonly transferredBytes: number;
    readonly outcome: string;
  } | null;
  readonly notes: readonly string[];
}

/**
 * QEMU stats -> model inputs. Memory = `ram.total`; throughput = `mbps` (what QEMU measured, so
 * `--max-bandwidth unlimited`: any cap is already in it); zero-page fraction = duplicate pages x
 * page size / total (duplicate counts zero pages found over the whole run: an upper bound for the
 * first pass); dirty rate = mean non-zero `dirty-pages-rate` x page size of the series, else
 * (a lower bound) the bytes sent beyond the first pass over the migration time:
 *   (transferred - (total - duplicate x page)) / (total-time - downtime).
 * Downtime limit: QEMU's default 300 ms (not in query-migrate output; an assumption). `rttSec`,
 * when given (`logs --rtt`), goes into the command; otherwise the scenario default (0.3 ms).
 */
export function calibrateQemu(
  s: QemuMigrationStats,
  label = "query-migrate",
  rttSec?: number,
): QemuCalibration {
  const notes: string[] = [];
  const memory = s.totalBytes;
  const bw = s.throughputBytesPerSec;
  const zero =
    memory !== null && memory > 0 && s.duplicatePages !== null
      ? Math.min(0.99, (s.duplicatePages * s.pageSizeBytes) / memory)
      : null;
  let dirty: number | null = s.meanDirtyRateBytesPerSec;
  let dirtySource: QemuCalibration["dirtyRateSource"] =
    dirty === null ? null : "dirty-pages-rate (mean of series)";
  if (dirty === null && memory !== null && s.transferredBytes !== null && s.totalTimeSec !== null) {
    const firstPass = memory - (s.duplicatePages ?? 0) * s.pageSizeBytes;
    const time = s.totalTimeSec - (s.downtimeSec ?? 0);
    if (time > 0) {
      dirty = Math.max(0, s.transferredBytes - firstPass) / time;
      dirtySource = "resent bytes / migration time";
      notes.push("no dirty-pages-rate in the series: dirty rate from resent bytes (a lower bound)");
    } else notes.push("downtime is not below total-time: no pre-copy time to take a dirty rate from");
  }
  if (memory === null || bw === null || bw <= 0 || dirty === null) {
    // Name what is missing (or zero), so the user knows which sample field to look at.
    const missing = [
      ...(memory === null ? ["ram.total"] : []),
      ...(bw === null ? ["ram.mbps"] : bw <= 0 ? ["a non-zero ram.mbps"] : []),
      ...(dirty === null ? ["a dirty rate (ram.dirty-pages-rate, or ram.transferred and total-time)"] : []),
    ];
    notes.push(`no reproducing command: missing ${missing.join(", ")}`);
    return {
      command: null,
      memoryBytes: memory,
      throughputBytesPerSec: bw,
      dirtyRateBytesPerSec: dirty,
      dirtyRateSource: dirtySource,
      zeroPageFraction: zero,
      predicted: null,
      notes,
    };
  }
  const input: Record<string, string> = {
    memory: sizeArg(memory),
    dirtyRate: dirtyRateArg(dirty),
    bandwidth: rateArg(bw),
    policy: "qemu",
    downtimeLimit: "300ms",
    maxBandwidth: "unlimited",
  };
  if (rttSec !== undefined) input.rtt = msArg(rttSec);
  if (zero !== null && zero > 0) input.zeroPages = String(Number(zero.toPrecision(4)));
  notes.push("downtime limit not in query-migrate output: QEMU default 300 ms assumed");
  // A value the model refuses names the output field it came from, not the flag it became.
  const source: Readonly<Record<string, string>> = {
    memory: "ram.total",
    dirtyRate:
      dirtySource === "dirty-pages-rate (mean of series)" ? "ram.dirty-pages-rate" : "ram.transferred",
    bandwidth: "ram.mbps",
    zeroPages: "ram.duplicate",
  };
  const r = simulate(scenarioFromInput(input, (key) => `${label} ${source[key] ?? key}`));
  return {
    command: estimateCommandLine(input),
    memoryBytes: memory,
    throughputBytesPerSec: bw,
    dirtyRateBytesPerSec: dirty,
    dirtyRateSource: dirtySource,
    zeroPageFraction: zero,
    predicted: {
      totalTimeSec: r.totalTimeSec,
      downtimeSec: r.downtimeSec,
      hypervisorDowntimeSec: r.hypervisorDowntimeSec,
      iterations: r.iterationCount,
      transferredBytes: r.transferredBytes,
      outcome: r.outcome,
    },
    notes,
  };
}
