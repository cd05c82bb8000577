import { VMOTION_DEFAULTS } from "../model/policies/index.js";
import {
  AUTOSCALE_MAX_BUFFER_BYTES,
  DEFAULT_BUFFER_MODE,
  DEFAULT_CONGESTION_CONTROL,
  DEFAULT_HOP_DELAY_SEC,
  ETHERNET_BER,
  TCP_MAX_WINDOW_BYTES,
  FIBRE_SEC_PER_KM,
  INITIAL_WINDOW_SEGMENTS,
  LATENCY_AWARE_THRESHOLD_RTT_SEC,
  MATHIS_C,
  MAX_SUPPORTED_RTT_SEC,
  STREAM_HELPER_BYTES_PER_SEC,
  VMOTION_SOCKET_BUFFER_BYTES,
  protocolEfficiency,
} from "../network/index.js";
import { formatBytes, formatDuration, formatPercent, formatRate } from "../units/format.js";
import type { SourceNote } from "./types.js";

/**
 * The defaults behind every report and where each comes from, taken from the doc comments of
 * `src/model` and `src/network` (model.md sections 1-5). Values are read from the constants the
 * model uses, so the table cannot drift from the code.
 */
export function defaultSources(): SourceNote[] {
  const v = VMOTION_DEFAULTS;
  return [
    {
      what: "Switchover time goal (`Migrate.PreCopySwitchoverTimeGoal`)",
      value: formatDuration(v.switchoverGoalSec),
      source:
        "ESXi advanced setting, 6.0 U3 to 9.0.1 (Broadcom KB 436882): pre-copy stops when the rest fits the goal",
    },
    {
      what: "Minimum transmit-to-dirty ratio (`Migrate.PreCopyMinProgressPerc`)",
      value: formatPercent(v.minProgressRatio),
      source:
        "ESXi advanced setting; below it the model engages SDPS (an assumption: the reaction is not documented)",
    },
    {
      what: "SDPS mode and target (`Migrate.SdpsEnabled`, `Migrate.SdpsTargetRate`)",
      value: `${v.sdps}, ${formatPercent(v.sdpsTargetRatio)}`,
      source:
        "ESXi advanced settings (vSphere 5.0+); the control law is not public: modelled as a throttle on the dirty rate",
    },
    {
      what: "Maximum switchover time (`vmotion.maxSwitchoverSeconds`)",
      value: formatDuration(v.maxSwitchoverSec),
      source: "VM setting (KB 314376): a longer stun fails the migration",
    },
    {
      what: "vMotion socket buffer (`Migrate.SndBufSize` / `RcvBufSize`)",
      value: formatBytes(VMOTION_SOCKET_BUFFER_BYTES),
      source:
        "ESXi advanced settings as dumped from ESXi 6.0 U3 to 9.0.1 (github.com/lamw/esxi-advanced-and-kernel-settings; 562140 B in 6.0 U3)",
    },
    {
      what: "Latency-aware mode threshold (`Migrate.NetLatencyModeThreshold`)",
      value: formatDuration(LATENCY_AWARE_THRESHOLD_RTT_SEC),
      source: "ESXi advanced setting; used by the expected-line-rate buffer mode only",
    },
    {
      what: "Socket buffer sizing over long paths (buffer mode)",
      value: DEFAULT_BUFFER_MODE,
      source: `assumption: buffers grow to the path's bandwidth-delay product, up to ${formatBytes(TCP_MAX_WINDOW_BYTES)} (RFC 7323), which fits VMware's long-distance results (VROOM blog, Feb 2015: 10 GbE up to 100 ms RTT "with minimal performance impact"); the alternative, expected-line-rate, sizes them for \`Migrate.NetExpectedLineRateMBps\` (133 MB/s) x RTT up to ${formatBytes(AUTOSCALE_MAX_BUFFER_BYTES)}`,
    },
    {
      what: "TCP congestion control of the vMotion stack",
      value: DEFAULT_CONGESTION_CONTROL,
      source:
        "assumption: a per-stack ESXi setting whose vMotion default is not published; New Reno is the conservative choice (CUBIC, RFC 9438, never carries less)",
    },
    {
      what: "Per-stream limit (`Migrate.MigrateStreamHelperBwUtilMax`)",
      value: formatRate(STREAM_HELPER_BYTES_PER_SEC),
      source: "ESXi advanced setting; streams scale with NIC speed since vSphere 7.0 U2",
    },
    {
      what: "Protocol efficiency at MTU 1500 / 9000",
      value: `${formatPercent(protocolEfficiency(1500))} / ${formatPercent(protocolEfficiency(9000))}`,
      source: "TCP/IPv4 with timestamps over Ethernet with preamble and gap (model.md section 4)",
    },
    {
      what: "Loss bound constant C",
      value: String(MATHIS_C),
      source:
        "Mathis, Semke, Mahdavi & Ott 1997: per-stream throughput <= (MSS / RTT) x C / sqrt(p), with the timeout term of Padhye et al. 1998 (RTO 1 s, RFC 6298)",
    },
    {
      what: "Packet loss of a dedicated metro or WAN circuit",
      value: `${ETHERNET_BER} bit error ratio`,
      source: "IEEE 802.3 BER objective (1000BASE-X to 100 GbE): loss per packet = BER x frame bits",
    },
    {
      what: "TCP initial window",
      value: `${INITIAL_WINDOW_SEGMENTS} segments`,
      source: "RFC 6928; slow start is charged to the first iteration",
    },
    {
      what: "Delay per router hop",
      value: formatDuration(DEFAULT_HOP_DELAY_SEC),
      source:
        "Arista 7050X data sheet: 550-650 ns cut-through, rounded up to 1 us; no queueing on a dedicated vMotion network (assumption)",
    },
    {
      what: "Light in fibre",
      value: `${formatDuration(FIBRE_SEC_PER_KM)} per km`,
      source: "model.md section 4",
    },
    {
      what: "Largest supported RTT for long-distance vMotion",
      value: formatDuration(MAX_SUPPORTED_RTT_SEC),
      source: "vSphere 6.0+ (KB 2106949)",
    },
    {
      what: "Pre-copy model",
      value: "iteration i resends what was dirtied during iteration i - 1",
      source: "Clark et al. 2005; Akoush et al. 2010 (constant rate: a geometric series)",
    },
  ];
}
