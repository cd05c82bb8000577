import { describe, expect, test } from "vitest";
import { protocolEfficiency, tcpMssBytes, wireFrameBytes } from "../../src/network/index.js";

// Expected values: model.md section 4 (TCP/IPv4 with timestamps over Ethernet incl. preamble and gap).
describe("frame", () => {
  test("tcpMssBytes(1500) returns 1448 and tcpMssBytes(9000) returns 8948", () => {
    expect(tcpMssBytes(1500)).toBe(1448);
    expect(tcpMssBytes(9000)).toBe(8948);
  });

  test("wireFrameBytes(1500) returns 1538 and wireFrameBytes(9000) returns 9038", () => {
    expect(wireFrameBytes(1500)).toBe(1538);
    expect(wireFrameBytes(9000)).toBe(9038);
  });

  test("protocolEfficiency(mtu) is 1448/1538 at 1500 and 8948/9038 at 9000 (94.1 %, 99.0 %)", () => {
    expect(protocolEfficiency(1500)).toBe(1448 / 1538);
    expect(protocolEfficiency(9000)).toBe(8948 / 9038);
    expect(protocolEfficiency(1500)).toBeCloseTo(0.9415, 4);
    expect(protocolEfficiency(9000)).toBeCloseTo(0.99, 3);
  });
});
