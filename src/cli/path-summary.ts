import type { PathResult } from "../network/index.js";
import { formatByteRate, formatDuration, formatRate } from "../units/format.js";

/** The path block of a text summary: RTT, MTU, throughput and the binding term, then warnings. */
export function pathSummary(r: PathResult): string {
  const bound = (v: number | null): string => (v === null ? "none" : formatRate(v));
  const lines = [
    `  path RTT      ${formatDuration(r.rttSec)}${r.latencyAware ? " (latency-aware buffers)" : ""}`,
    `  limit         ${r.limit}`,
    `  path MTU      ${r.pathMtuBytes} (MSS ${r.mssBytes}, ${(r.protocolEfficiency * 100).toFixed(1)} % efficient)`,
    `  path rate     ${formatRate(r.throughputBytesPerSec)} (${formatByteRate(r.throughputBytesPerSec)}) per migration, bound by ${r.binding}`,
    `  bounds        link ${bound(r.bounds.linkBytesPerSec)}, window ${bound(r.bounds.windowBytesPerSec)}, ` +
      `loss ${bound(r.bounds.lossBytesPerSec)}, cpu ${bound(r.bounds.cpuBytesPerSec)}, ` +
      `flow cap ${bound(r.bounds.flowCapBytesPerSec)}, cap ${bound(r.bounds.capBytesPerSec)}`,
    `  assumed       buffers ${r.bufferMode ?? "fixed"}, congestion control ${r.congestionControl} (both assumptions, model.md section 4)`,
    `  streams       ${r.streams}, slow start ${formatDuration(r.slowStartSec)} (once: the connection stays open across iterations)`,
  ];
  for (const w of r.warnings) lines.push(`  warning       ${w}`);
  return lines.join("\n");
}
