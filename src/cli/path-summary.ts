import {
  LINUX_DEFAULT_CONGESTION_CONTROL,
  LINUX_TCP_WMEM_MAX_BYTES,
  OPENSSH_CHANNEL_WINDOW_BYTES,
  type PathResult,
} from "../network/index.js";
import { formatByteRate, formatBytes, formatDuration, formatRate } from "../units/format.js";

/**
 * What a QEMU or Xen path assumes (model.md section 4.2): the window and where it comes from, the
 * congestion control, the stream count, and that no CPU bound is modelled. The defaults are named
 * as defaults; a value the user set is named as given.
 */
function linuxAssumed(r: PathResult): string {
  const windowSource =
    r.socketBufferBytes === (r.sender === "qemu" ? LINUX_TCP_WMEM_MAX_BYTES : OPENSSH_CHANNEL_WINDOW_BYTES)
      ? r.sender === "qemu"
        ? "Linux's tcp_wmem max on a default host"
        : "the ssh channel of xl migrate's default transport"
      : "as given";
  const cc = r.congestionControl === LINUX_DEFAULT_CONGESTION_CONTROL ? "Linux's default" : "as given";
  return (
    `  assumed       window ${formatBytes(r.socketBufferBytes)} (${windowSource}), congestion control ` +
    `${r.congestionControl} (${cc}), ${r.streams === 1 ? "1 stream" : `${r.streams} streams`}, no CPU bound ` +
    `modelled (assumptions, model.md section 4.2)`
  );
}

/**
 * Whether the user set the congestion control: a per-stack ESXi setting they can read off the host
 * (`esxcli network ip netstack`), so then not an assumption. The buffer sizing stays one whatever
 * mode is picked: both modes are readings of unpublished behaviour (model.md section 4).
 */
export interface GivenReadings {
  readonly congestionControl?: boolean;
}

/**
 * vMotion's buffer sizing and congestion control in words: "buffers bdp, congestion control
 * newreno (both assumptions, model.md section 4)"; with the congestion control set, "buffers bdp
 * (an assumption), congestion control cubic (as given) (model.md section 4)".
 */
function vmotionAssumed(r: PathResult, given: GivenReadings): string {
  const buffers = `buffers ${r.bufferMode ?? "fixed"}`;
  const cc = `congestion control ${r.congestionControl}`;
  return given.congestionControl === true
    ? `  assumed       ${buffers} (an assumption), ${cc} (as given) (model.md section 4)`
    : `  assumed       ${buffers}, ${cc} (both assumptions, model.md section 4)`;
}

/**
 * The path block of a text summary: RTT, MTU, throughput and the binding term, then warnings.
 * `given` says whether the user set the congestion control, so it is not called an assumption.
 */
export function pathSummary(r: PathResult, given: GivenReadings = {}): string {
  const bound = (v: number | null): string => (v === null ? "none" : formatRate(v));
  const lines = [
    `  path RTT      ${formatDuration(r.rttSec)}${r.latencyAware ? " (latency-aware buffers)" : ""}`,
    `  limit         ${r.limit}`,
    `  path MTU      ${r.pathMtuBytes} (MSS ${r.mssBytes}, ${(r.protocolEfficiency * 100).toFixed(1)} % efficient)`,
    r.failure !== null
      ? `  path rate     none: ${r.limit}`
      : `  path rate     ${formatRate(r.throughputBytesPerSec)} (${formatByteRate(r.throughputBytesPerSec)}) per migration, bound by ${r.binding}`,
    `  bounds        link ${bound(r.bounds.linkBytesPerSec)}, window ${bound(r.bounds.windowBytesPerSec)}, ` +
      `loss ${bound(r.bounds.lossBytesPerSec)}, cpu ${bound(r.bounds.cpuBytesPerSec)}, ` +
      `flow cap ${bound(r.bounds.flowCapBytesPerSec)}, cap ${bound(r.bounds.capBytesPerSec)}`,
    r.sender === "vmotion" ? vmotionAssumed(r, given) : linuxAssumed(r),
    // The CPU bound combines two sourced figures in an unsourced way: said whenever it binds.
    ...(r.binding === "cpu"
      ? [
          `  assumed       stream CPU ${formatRate(r.bounds.cpuBytesPerSec ?? 0)} for ${r.streams === 1 ? "1 stream: a lone stream's peak (KB 323379)" : `${r.streams} streams: the larger of a lone stream's peak (KB 323379) and ${r.streams} x the per-stream rate`}; how the two combine is an assumption (model.md section 4)`,
        ]
      : []),
    `  streams       ${r.streams}, slow start ${formatDuration(r.slowStartSec)} (once: the connection stays open across iterations)`,
  ];
  for (const w of r.warnings) lines.push(`  warning       ${w}`);
  return lines.join("\n");
}
