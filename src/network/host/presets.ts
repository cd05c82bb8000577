/**
 * The host network configurations people compare (issue 15), as input records: a preset sets
 * these keys, the user's own keys override them, and the one boundary parser (`input.ts`) turns
 * the result into a {@link HostNetworkConfig}. Every other key keeps its default there (vMotion
 * vmknic 10.20.30.11/24 on 10 GbE, MTU 9000; management vmk0 10.20.0.11/24 on a 1 GbE uplink,
 * MTU 1500, gateway 10.20.0.1). When each applies, in a few lines (docs/model.md section 6):
 *
 * - `pre6-default-stack-via-mgmt`: vSphere 5.x, the one default stack, the vMotion vmknics in their
 *   own subnet per host and no static routes. The only way to another subnet is the default
 *   gateway, which lives on the management network: vMotion leaves on vmk0's uplink (often 1 GbE,
 *   MTU 1500, shared with management and HA) through the management router or firewall. It works,
 *   and looks like "routed vMotion", but runs at management-network speed.
 * - `default-stack-static-routes`: the same hosts with a static route to the other vMotion subnet
 *   via the vMotion network's router on every host (KB 2001426, persisted in esx.conf, KB 344105).
 *   vMotion stays on its own uplinks; the price is one route per remote subnet per host, kept by hand.
 * - `vmotion-stack-routed`: vSphere 6.0+, the vMotion TCP/IP stack with its own default gateway on
 *   the vMotion subnet: routed vMotion as VMware intends it, no per-host routes.
 * - `stretched-l2`: both hosts' vMotion vmknics in one subnet, one L2 domain stretched between the
 *   sites when they are apart (no router on the vMotion path).
 */
export const HOST_CONFIG_PRESETS = {
  "pre6-default-stack-via-mgmt": { vsphere: 5.5, stack: "default", routing: "default-gateway" },
  "default-stack-static-routes": { vsphere: 5.5, stack: "default", routing: "static-route" },
  "vmotion-stack-routed": { vsphere: 6.7, stack: "vmotion", routing: "default-gateway" },
  "stretched-l2": { vsphere: 6.7, stack: "vmotion", routing: "same-subnet" },
} as const satisfies Record<string, HostConfigPreset>;

/** The keys a preset sets, in canonical form (the field table's values). */
export interface HostConfigPreset {
  readonly vsphere: number;
  readonly stack: "default" | "vmotion";
  readonly routing: "same-subnet" | "static-route" | "default-gateway";
}

export type HostConfigName = keyof typeof HOST_CONFIG_PRESETS;

export const HOST_CONFIG_NAMES: readonly HostConfigName[] = [
  "pre6-default-stack-via-mgmt",
  "default-stack-static-routes",
  "vmotion-stack-routed",
  "stretched-l2",
];
