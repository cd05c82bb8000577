/**
 * IPv4 addresses and subnets as unsigned 32-bit integers: just enough to model an ESXi host's
 * routing table (connected subnets, static routes, default gateways). Hand-written rather than a
 * library because it is ~40 lines, the core must run unchanged in the browser page (so no
 * `node:net`), and no IP library is installed.
 *
 * Example: `parseIpv4Interface("10.20.30.11/24")` returns `{ address: 169090571, prefixLength: 24 }`;
 * `formatSubnet` of it is `"10.20.30.0/24"`.
 */

/** An address with its prefix length: a vmknic's address and netmask, or a route's network. */
export interface Ipv4Interface {
  /** The address as an unsigned 32-bit integer. */
  readonly address: number;
  /** Netmask length, 0..32. */
  readonly prefixLength: number;
}

/** `a.b.c.d` -> unsigned 32-bit integer; null when it is not a dotted quad of 0..255. */
export function parseIpv4(text: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text.trim());
  if (m === null) return null;
  let value = 0;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(m[i]);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}

/** `a.b.c.d/n` -> address and prefix length; null when malformed or n is outside 0..32. */
export function parseIpv4Interface(text: string): Ipv4Interface | null {
  const m = /^([^/]+)\/(\d{1,2})$/.exec(text.trim());
  if (m === null) return null;
  const address = parseIpv4(m[1] as string);
  const prefixLength = Number(m[2]);
  if (address === null || prefixLength > 32) return null;
  return { address, prefixLength };
}

/** The network address of `i` (host bits cleared). */
export function networkAddress(i: Ipv4Interface): number {
  const hostSpan = 2 ** (32 - i.prefixLength);
  return Math.floor(i.address / hostSpan) * hostSpan;
}

/** Whether `address` lies in the subnet of `i`. Example: 10.20.30.1 is in 10.20.30.11/24. */
export function inSubnet(address: number, i: Ipv4Interface): boolean {
  return networkAddress({ address, prefixLength: i.prefixLength }) === networkAddress(i);
}

export function formatIpv4(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join(".");
}

/** `10.20.30.0/24` for `10.20.30.11/24`. */
export function formatSubnet(i: Ipv4Interface): string {
  return `${formatIpv4(networkAddress(i))}/${i.prefixLength}`;
}
