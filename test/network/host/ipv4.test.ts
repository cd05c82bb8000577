import { describe, expect, test } from "vitest";
import {
  formatIpv4,
  formatSubnet,
  inSubnet,
  networkAddress,
  parseIpv4,
  parseIpv4Interface,
} from "../../../src/network/host/index.js";

describe("ipv4", () => {
  test("parseIpv4('10.20.30.11') is 10*2^24 + 20*2^16 + 30*2^8 + 11 and round-trips", () => {
    const a = parseIpv4("10.20.30.11");
    expect(a).toBe(10 * 2 ** 24 + 20 * 2 ** 16 + 30 * 2 ** 8 + 11);
    expect(formatIpv4(a as number)).toBe("10.20.30.11");
    expect(formatIpv4(parseIpv4("255.255.255.255") as number)).toBe("255.255.255.255");
  });

  test("parseIpv4 rejects octets over 255, missing octets and words", () => {
    for (const bad of ["10.20.30.256", "10.20.30", "a.b.c.d", "10.20.30.11/24", ""])
      expect(parseIpv4(bad)).toBeNull();
  });

  test("parseIpv4Interface('10.20.30.11/24') gives subnet 10.20.30.0/24; /33 is refused", () => {
    const i = parseIpv4Interface("10.20.30.11/24");
    expect(i).not.toBeNull();
    expect(formatSubnet(i!)).toBe("10.20.30.0/24");
    expect(networkAddress(parseIpv4Interface("10.20.31.200/23")!)).toBe(parseIpv4("10.20.30.0"));
    expect(parseIpv4Interface("10.20.30.11/33")).toBeNull();
    expect(parseIpv4Interface("10.20.30.11")).toBeNull();
  });

  test("inSubnet: 10.20.30.1 is in 10.20.30.11/24, 10.20.31.1 is not; a /23 holds both", () => {
    const i = parseIpv4Interface("10.20.30.11/24")!;
    expect(inSubnet(parseIpv4("10.20.30.1")!, i)).toBe(true);
    expect(inSubnet(parseIpv4("10.20.31.1")!, i)).toBe(false);
    expect(inSubnet(parseIpv4("10.20.31.1")!, parseIpv4Interface("10.20.30.11/23")!)).toBe(true);
    expect(inSubnet(parseIpv4("192.168.0.1")!, parseIpv4Interface("0.0.0.0/0")!)).toBe(true);
  });
});
