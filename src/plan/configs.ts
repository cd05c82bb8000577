import { badValue } from "../errors.js";
import { cliFlagName, type CanonicalInput, type FieldNamer } from "../input/fields.js";
import { hostOf, type HostSetup } from "../input/host.js";
import { buildScenario } from "../input/scenario.js";
import { simulate } from "../model/simulate.js";
import { bufferModeSpread, otherReadingCell, type BufferModeSpread } from "./buffer-modes.js";
import { switchedOver, type MigrationResult } from "../model/types.js";
import { HOST_CONFIG_NAMES, type HostConfigName } from "../network/host/presets.js";
import { resolveHostNetwork, type HostNetworkResult } from "../network/host/resolve.js";
import type { RouteVia } from "../network/host/route.js";
import { uplinksOf, vmknicsAvailableBytesPerSec } from "../network/host/uplink.js";
import { formatDuration, formatPercent, formatRate } from "../units/format.js";
import { parseChoice } from "../units/parse.js";

/**
 * The same VM under several host network configurations (issue 15: `compare --configs`, and the
 * report's configurations section): each column is one preset of `src/network/host/presets.ts`
 * with the user's other keys on top; the route, the path that follows from it, and the migration.
 */
export interface ConfigColumn {
  readonly config: HostConfigName;
  readonly setup: HostSetup;
  readonly network: HostNetworkResult;
  readonly result: MigrationResult;
  /**
   * Both buffer-sizing readings when they differ by more than 10 % (how vMotion sizes its socket
   * buffers on long paths is not published: model.md section 4); null when they agree.
   */
  readonly spread: BufferModeSpread | null;
}

/** `pre6-default-stack-via-mgmt,vmotion-stack-routed` -> names; each must be known, at least one. */
export function parseConfigList(raw: unknown, field: string): HostConfigName[] {
  if (raw === undefined) return [...HOST_CONFIG_NAMES];
  if (typeof raw !== "string" || raw.trim() === "")
    throw badValue(field, `a comma-separated list of ${HOST_CONFIG_NAMES.join(", ")}`, raw);
  return raw.split(",").map((name) => parseChoice(name.trim(), field, HOST_CONFIG_NAMES));
}

/** Simulate `input` under each configuration (its `config` key replaced per column). */
export function runConfigs(
  input: CanonicalInput,
  configs: readonly HostConfigName[],
  name: FieldNamer = cliFlagName,
): ConfigColumn[] {
  return configs.map((config) => {
    const withConfig: CanonicalInput = { ...input, config };
    const setup = hostOf(withConfig, name) as HostSetup;
    const network = resolveHostNetwork(setup);
    const path = network.kind === "route" ? network.path : null;
    const result = simulate(buildScenario(withConfig, name, { path }));
    const spread = bufferModeSpread(withConfig, { path, result }, name);
    return { config, setup, network, result, spread };
  });
}

const VIA_WORDS: Readonly<Record<RouteVia, string>> = {
  "same-subnet": "same subnet, no router",
  "vmknic-gateway": "the vmknic's own gateway",
  "static-route": "a static route",
  "stack-gateway": "the vMotion stack's gateway",
  "management-gateway": "the management gateway",
};

/** How the traffic leaves, short: `vmnic0, 1 Gbit/s` (the egress uplink and what vMotion gets of it). */
function egressWords(c: ConfigColumn): string {
  if (c.network.kind !== "route") return "-";
  const e = c.network.route.egress;
  const src = c.setup.config.source;
  const vmknics = e === src.management ? [e] : src.vmknics;
  const rate = vmknicsAvailableBytesPerSec(vmknics);
  return `${uplinksOf(vmknics)
    .map((u) => u.name)
    .join("+")}, ${formatRate(rate)}`;
}

function routers(c: ConfigColumn): number {
  return c.network.kind === "route" ? c.network.spec.hops.length : 0;
}

/** The table rows: one per quantity, one cell per configuration (units in the cells). */
export function configTableRows(cols: readonly ConfigColumn[]): string[][] {
  const row = (label: string, cell: (c: ConfigColumn) => string): string[] => [label, ...cols.map(cell)];
  const pathCell = (
    c: ConfigColumn,
    f: (p: NonNullable<ReturnType<typeof pathOfColumn>>) => string,
  ): string => {
    const p = pathOfColumn(c);
    return p === null ? "-" : f(p);
  };
  const ran = (c: ConfigColumn): boolean => switchedOver(c.result.outcome);
  return [
    row(
      "stack",
      (c) => `${c.setup.config.source.stack} (vSphere ${c.setup.config.vsphereVersion.toFixed(1)})`,
    ),
    row("route", (c) =>
      c.network.kind === "route" ? VIA_WORDS[c.network.route.via] : c.network.failure.outcome,
    ),
    row("egress", egressWords),
    row("routers", (c) => String(routers(c))),
    row("RTT", (c) => pathCell(c, (p) => formatDuration(p.rttSec))),
    row("path MTU (bytes)", (c) => pathCell(c, (p) => String(p.pathMtuBytes))),
    row("throughput", (c) => (ran(c) ? formatRate(c.result.throughputBytesPerSec) : "-")),
    row("bound by", (c) => (ran(c) ? c.result.binding : "-")),
    row("iterations", (c) => String(c.result.iterationCount)),
    row("stun", (c) => (ran(c) ? formatDuration(c.result.downtimeSec) : "-")),
    row("guest slowdown", (c) => (ran(c) ? formatPercent(c.result.guestSlowdown) : "-")),
    row("total", (c) => (ran(c) ? formatDuration(c.result.totalTimeSec) : "-")),
    row("verdict", (c) => c.result.outcome),
    // Buffer sizing on long paths is an assumption with two readings: shown when they part.
    ...(cols.some((c) => c.spread !== null)
      ? [row("other buffer sizing", (c) => otherReadingCell(c.spread, pathOfColumn(c)))]
      : []),
  ];
}

function pathOfColumn(c: ConfigColumn) {
  return c.network.kind === "route" ? c.network.path : null;
}

/** `b / a` of throughput in words: "the same throughput", "12 % less throughput", "8.5x the throughput". */
function throughputWords(ratio: number): string {
  if (Math.abs(ratio - 1) < 0.005) return "the same throughput";
  if (ratio >= 2) return `${ratio.toPrecision(2)}x the throughput`;
  if (ratio <= 0.5) return `${formatPercent(ratio)} of the throughput`;
  return ratio > 1
    ? `${formatPercent(ratio - 1)} more throughput`
    : `${formatPercent(1 - ratio)} less throughput`;
}

/** `b / a` of total time in words: "the same time", "8 % longer", "3.1x as long", "8.5x faster". */
function timeWords(ratio: number): string {
  if (Math.abs(ratio - 1) < 0.005) return "the same time";
  if (ratio >= 2) return `${ratio.toPrecision(2)}x as long`;
  if (ratio <= 0.5) return `${(1 / ratio).toPrecision(2)}x faster`;
  return ratio > 1 ? `${formatPercent(ratio - 1)} longer` : `${formatPercent(1 - ratio)} shorter`;
}

/**
 * What differs between two configurations, in words, from their numbers: the stack, the route,
 * the egress uplink, the routers, the path MTU. Empty when they match on all of them.
 *
 * Example: pre6-default-stack-via-mgmt -> vmotion-stack-routed gives
 * `["the vMotion stack instead of the default stack", "the vMotion stack's gateway instead of the management gateway",
 * "leaves on vmnic1, 10 Gbit/s instead of vmnic0, 1 Gbit/s", "path MTU 9000 instead of 1500"]`.
 */
export function describeConfigChange(base: ConfigColumn, c: ConfigColumn): string[] {
  const out: string[] = [];
  const a = base.setup.config.source;
  const b = c.setup.config.source;
  const stack = (x: string): string => (x === "vmotion" ? "the vMotion stack" : "the default stack");
  if (a.stack !== b.stack) out.push(`${stack(b.stack)} instead of ${stack(a.stack)}`);
  const via = (x: ConfigColumn): string =>
    x.network.kind === "route" ? VIA_WORDS[x.network.route.via] : `no path (${x.network.failure.outcome})`;
  if (via(base) !== via(c)) out.push(`${via(c)} instead of ${via(base)}`);
  // A configuration without a route leaves on no uplink: its route words already say so.
  if (base.network.kind === "route" && c.network.kind === "route" && egressWords(base) !== egressWords(c))
    out.push(`leaves on ${egressWords(c)} instead of ${egressWords(base)}`);
  const ra = routers(base);
  const rb = routers(c);
  if (ra !== rb) out.push(`${rb} router${rb === 1 ? "" : "s"} instead of ${ra}`);
  const pa = pathOfColumn(base);
  const pb = pathOfColumn(c);
  if (pa !== null && pb !== null && pa.pathMtuBytes !== pb.pathMtuBytes)
    out.push(`path MTU ${pb.pathMtuBytes} instead of ${pa.pathMtuBytes}`);
  return out;
}

/**
 * Each column after the first against the first, in words: "vmotion-stack-routed: the vMotion
 * stack instead of the default stack, ...: 10x the throughput, 8.9x faster (8.3 s instead of 74 s)".
 */
export function configChanges(cols: readonly ConfigColumn[]): string[] {
  const [base, ...rest] = cols;
  if (base === undefined) return [];
  return rest.map((c) => {
    const diff = describeConfigChange(base, c);
    const what = diff.length > 0 ? diff.join(", ") : "the same route and path";
    return `${c.config}: ${what}: ${effectWords(base.result, c.result)}`;
  });
}

function effectWords(a: MigrationResult, b: MigrationResult): string {
  if (!switchedOver(b.outcome)) return `fails (${b.outcome})`;
  if (!switchedOver(a.outcome)) return `completes in ${formatDuration(b.totalTimeSec)} where the first fails`;
  const tp = throughputWords(b.throughputBytesPerSec / a.throughputBytesPerSec);
  const t = timeWords(b.totalTimeSec / a.totalTimeSec);
  return `${tp}, ${t} (${formatDuration(b.totalTimeSec)} instead of ${formatDuration(a.totalTimeSec)})`;
}
