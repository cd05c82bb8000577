/**
 * Host network configuration (issue 15, model.md section 6): TCP/IP stacks, gateways, static
 * routes, vmknics and the management network, turned into the route vMotion takes, the segment
 * path that follows, the failures decided before any memory moves (no route, stack mismatch),
 * support warnings by vSphere version, and the link vCenter's admission class comes from.
 */
export type {
  DestinationHost,
  HostNetwork,
  HostNetworkConfig,
  Router,
  RoutingMode,
  Site,
  StaticRoute,
  TcpipStack,
  Uplink,
  Vmknic,
} from "./types.js";
export { ROUTING_MODES, SITES, TCPIP_STACKS } from "./types.js";
export {
  formatIpv4,
  formatSubnet,
  inSubnet,
  networkAddress,
  parseIpv4,
  parseIpv4Interface,
  type Ipv4Interface,
} from "./ipv4.js";
export { uplinkAvailableBytesPerSec } from "./uplink.js";
export {
  routeVmotion,
  uplinkWords,
  type NetworkFailure,
  type NetworkFailureOutcome,
  type RouteDecision,
  type RouteVia,
  type VmotionRoute,
} from "./route.js";
export { HOST_LINK_KM, hostPathSpec } from "./path.js";
export { admissionLinkBytesPerSec, hostSupportWarnings, rttSupportLimit } from "./support.js";
export { HOST_CONFIG_NAMES, HOST_CONFIG_PRESETS, type HostConfigName } from "./presets.js";
export { resolveHostNetwork, type HostNetworkResult } from "./resolve.js";
