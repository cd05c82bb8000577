import { badValue } from "../errors.js";
import { formatIpv4, formatSubnet, parseIpv4, parseIpv4Interface } from "../network/host/ipv4.js";
import { parseChoice } from "../units/parse.js";
import type { FieldDef } from "./fields.js";

/**
 * Parsers for the host-network dimensions of the field table (`cidr`, `address`, `routes`,
 * `names`, `version`): each checks the text and returns it normalized, so that the builder
 * (`src/input/host.ts`) reads only well-formed values and checks combinations.
 */

/** `6.7`, `8.0`, `7.0U3` (update suffix dropped) or the number 6.7 -> 6.7. */
export function parseVersion(raw: unknown, where: string, f: FieldDef): number {
  const text =
    typeof raw === "number"
      ? raw.toFixed(1)
      : typeof raw === "string"
        ? raw.trim().replace(/\s*u\d+\w*$/i, "")
        : "";
  if (!/^\d\.\d$/.test(text)) throw badValue(where, f.accepted ?? "a version like 6.7", raw);
  return Number(text);
}

export function parseNetworkWords(f: FieldDef, raw: unknown, where: string): string {
  const text = typeof raw === "string" ? raw.trim() : "";
  switch (f.dimension) {
    case "cidr": {
      const i = parseIpv4Interface(text);
      if (i === null || i.prefixLength < 1 || i.prefixLength > 31)
        throw badValue(where, "an IPv4 address with its prefix length, like 10.20.30.11/24", raw);
      return `${formatIpv4(i.address)}/${i.prefixLength}`;
    }
    case "address": {
      const a = parseIpv4(text);
      if (a === null) throw badValue(where, "an IPv4 address like 10.20.30.1 (or none)", raw);
      return formatIpv4(a);
    }
    case "routes": {
      const items = text === "" ? [] : text.split(",");
      if (items.length === 0) throw badValue(where, ROUTE_WORDS, raw);
      return items
        .map((item) => {
          const m = /^\s*(\S+)\s+(?:via\s+)?(\S+)\s*$/.exec(item);
          const network = m === null ? null : parseIpv4Interface(m[1] as string);
          const gateway = m === null ? null : parseIpv4(m[2] as string);
          if (network === null || gateway === null) throw badValue(where, ROUTE_WORDS, item.trim());
          return `${formatSubnet(network)} via ${formatIpv4(gateway)}`;
        })
        .join(", ");
    }
    default: {
      const items = Array.isArray(raw) ? (raw as unknown[]) : text === "" ? [] : text.split(",");
      if (items.length === 0)
        throw badValue(where, `a comma-separated list of ${(f.choices ?? []).join(", ")}`, raw);
      return items
        .map((x) => parseChoice(typeof x === "string" ? x.trim() : x, where, f.choices ?? []))
        .join(",");
    }
  }
}

const ROUTE_WORDS =
  "NETWORK/PREFIX via NEXT-HOP, like 10.20.31.0/24 via 10.20.30.1 (a static route needs its next hop)";

/** A normalized `routes` value back into routes: `[{ network, gateway }]` (trusted input). */
export function routesOf(
  text: string,
): { network: ReturnType<typeof parseIpv4Interface> & object; gateway: number }[] {
  return text.split(", ").map((item) => {
    const [net, , gw] = item.split(" ");
    return {
      network: parseIpv4Interface(net as string) as NonNullable<ReturnType<typeof parseIpv4Interface>>,
      gateway: parseIpv4(gw as string) as number,
    };
  });
}
