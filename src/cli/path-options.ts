import type { Command } from "commander";
import type { PathResult } from "../network/index.js";
import { PRESET_NAMES } from "../network/index.js";
import { formatByteRate, formatDuration, formatRate } from "../units/format.js";

/**
 * The network path flags (issue 3) shared by `estimate` and `compare`. Values stay strings: they are
 * parsed once by `src/network/input.ts`. `--rtt` is a scenario flag already; with a path it replaces
 * the computed RTT.
 */
export function addPathOptions(cmd: Command, opts: { preset?: boolean } = {}): Command {
  if (opts.preset ?? true)
    cmd.option("--preset <name>", `network path preset: ${PRESET_NAMES.join(", ")} (default same-l2)`);
  return cmd
    .option("--link <rate>", "line rate of every link on the path, e.g. 25Gbit/s")
    .option("--hops <n>", "router hops between the hosts (vMotion TCP/IP stack gateway and beyond)")
    .option("--hop-delay <duration>", "one-way forwarding + queueing delay per hop (default 50us)")
    .option("--mtu <bytes>", "vmknic MTU, and the network's unless --path-mtu is given (576-9216)")
    .option("--path-mtu <bytes>", "MTU of the network segments between the vmknics (576-9216)")
    .option("--loss <fraction>", "end-to-end packet loss, e.g. 1e-5 (0 to 1, exclusive)")
    .option("--distance <km>", "fibre distance between the hosts, e.g. 80km")
    .option("--streams <n>", "vMotion streams: auto (ceil(link / 15 Gbit/s), 7.0 U2+) or 1-112")
    .option(
      "--socket-buffer <size>",
      "vMotion socket buffer per stream (default 562540 B, Migrate.SndBufSize)",
    )
    .option(
      "--expected-line-rate <rate>",
      "rate latency-aware mode (RTT > 4 ms) sizes buffers for (default 133MB/s, Migrate.NetExpectedLineRateMBps)",
    )
    .option("--concurrent <n>", "migrations sharing the path at once (fair share of the bottleneck)");
}

/** The path block of a text summary: RTT, MTU, throughput and the binding term, then warnings. */
export function pathSummary(r: PathResult): string {
  const bound = (v: number | null): string => (v === null ? "none" : formatRate(v));
  const lines = [
    `  path RTT      ${formatDuration(r.rttSec)}${r.latencyAware ? " (latency-aware buffers)" : ""}`,
    `  path MTU      ${r.pathMtuBytes} (MSS ${r.mssBytes}, ${(r.protocolEfficiency * 100).toFixed(1)} % efficient)`,
    `  path rate     ${formatRate(r.throughputBytesPerSec)} (${formatByteRate(r.throughputBytesPerSec)}) per migration, bound by ${r.binding}`,
    `  bounds        link ${bound(r.bounds.linkBytesPerSec)}, window ${bound(r.bounds.windowBytesPerSec)}, ` +
      `loss ${bound(r.bounds.lossBytesPerSec)}, cpu ${bound(r.bounds.cpuBytesPerSec)}, cap ${bound(r.bounds.capBytesPerSec)}`,
    `  streams       ${r.streams}, slow start ${formatDuration(r.slowStartSec)}`,
  ];
  for (const w of r.warnings) lines.push(`  warning       ${w}`);
  return lines.join("\n");
}
