import { ETHERNET_OVERHEAD_BYTES, TCP_IPV4_TIMESTAMP_HEADER_BYTES } from "./defaults.js";

/**
 * TCP payload per packet at an MTU: MSS = MTU - 52 (IPv4 20 + TCP 20 + timestamps 12).
 *
 * Example: `tcpMssBytes(1500)` returns 1448; `tcpMssBytes(9000)` returns 8948. Source: model.md section 4.
 */
export function tcpMssBytes(mtuBytes: number): number {
  return mtuBytes - TCP_IPV4_TIMESTAMP_HEADER_BYTES;
}

/**
 * Line time of one full packet in bytes: MTU + 38 (Ethernet header, FCS, preamble, inter-frame gap).
 *
 * Example: `wireFrameBytes(1500)` returns 1538; `wireFrameBytes(9000)` returns 9038.
 */
export function wireFrameBytes(mtuBytes: number): number {
  return mtuBytes + ETHERNET_OVERHEAD_BYTES;
}

/**
 * Payload bytes per byte of line time for full-size TCP/IPv4 packets: MSS / (MTU + 38).
 *
 * Example: `protocolEfficiency(1500)` returns 1448 / 1538 = 0.9415; `protocolEfficiency(9000)`
 * returns 8948 / 9038 = 0.9900. Source: model.md section 4.
 */
export function protocolEfficiency(mtuBytes: number): number {
  return tcpMssBytes(mtuBytes) / wireFrameBytes(mtuBytes);
}
