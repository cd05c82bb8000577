import { AUTO_STREAMS_FROM_VSPHERE, STREAM_HELPER_BYTES_PER_SEC } from "../defaults.js";
import type { PathPlan } from "../plan.js";
import { autoStreams } from "../streams.js";
import type { PathSegment, PathSpec, RouterHop } from "../types.js";
import type { VmotionRoute } from "./route.js";
import type { HostNetworkConfig } from "./types.js";
import { uplinkAvailableBytesPerSec, uplinksOf, vmknicsAvailableBytesPerSec } from "./uplink.js";

/**
 * The segment path a vMotion takes, from the host configuration and the route it chose
 * (model.md section 6, issue 15):
 *
 *   source egress uplink -> [first router] -> site network -> [site routers] -> destination uplink
 *
 * - **egress**: the uplink of the vmknic the route leaves on: the vMotion uplinks (their available
 *   rates summed over the distinct NICs under the vMotion vmknics: multi-NIC vMotion), or the management vmknic's single
 *   uplink when the route goes through the management gateway; its MTU is that uplink's;
 * - **first router**: the route's gateway box (the vMotion router, or the management router or
 *   firewall with its per-flow cap); then the site's other routers (`plan.hops - 1`, at least
 *   none); a same-subnet route (one L2 domain, stretched across sites when they are apart) has no
 *   router at all, over the *same* segments: routing and stretching differ only by the routers;
 * - **site network**: `max(1, plan.hops - 1)` segments at the plan's link rate, MTU and loss, the
 *   plan's distance split evenly; in one data centre the core is taken to be no slower than the
 *   vMotion uplinks [assumption: a data-centre core is not the bottleneck];
 * - **destination uplink**: as fast as the source's vMotion uplinks and with the same MTU
 *   [assumption: symmetric hosts];
 * - **host MTU**: the smaller of the egress vmknic's MTU and the destination vmknic's: each end
 *   announces its MSS in the handshake and TCP sends the smaller (RFC 9293 section 3.7.1);
 * - **per-flow cap**: a router's per-flow limit times the streams (each stream is one flow);
 * - **streams**: per vMotion vmknic, one stream before vSphere 7.0 (KB 323379: one TCP connection
 *   and one worker thread per vmknic) and `autoStreams` of its uplink from 7.0 (7.0 U2 auto-tunes
 *   the streams to the NIC's bandwidth; see `AUTO_STREAMS_FROM_VSPHERE`), unless the plan gives a
 *   number. Several vmknics may share one NIC (`--vmotion-nics`): the egress rate counts each NIC
 *   once, the streams count every vmknic.
 *
 * Where one router sits in a data centre it adds its delay (1 us one way by default) and nothing
 * else: with equal segments a routed vMotion differs from same-subnet only by that delay.
 *
 * `plan` is the site's path preset with the user's path overrides (`site` local = `same-l2`,
 * metro = `metro`, wan = `wan`); its transport settings (buffers, latency-aware mode, host stack
 * time, concurrency, a measured RTT) carry over unchanged.
 */
export function hostPathSpec(config: HostNetworkConfig, route: VmotionRoute, plan: PathPlan): PathSpec {
  const src = config.source;
  const viaManagement = route.egress === src.management;
  const vmotionRate = vmknicsAvailableBytesPerSec(src.vmknics);
  const egressRate = viaManagement ? uplinkAvailableBytesPerSec(src.management.uplink) : vmotionRate;
  const vmotionUplinkMtu = Math.min(...uplinksOf(src.vmknics).map((u) => u.mtuBytes));
  const egressMtu = viaManagement ? src.management.uplink.mtuBytes : vmotionUplinkMtu;

  const siteSegments = Math.max(1, plan.hops - 1);
  const siteRate =
    config.site === "local" ? Math.max(plan.linkBytesPerSec, vmotionRate) : plan.linkBytesPerSec;
  const segments: PathSegment[] = [
    {
      linkBytesPerSec: egressRate,
      mtuBytes: egressMtu,
      distanceKm: HOST_LINK_KM,
      delaySec: 0,
      lossFraction: 0,
      flowCapBytesPerSec: null,
    },
  ];
  for (let i = 0; i < siteSegments; i++) {
    segments.push({
      linkBytesPerSec: siteRate,
      mtuBytes: plan.networkMtuBytes,
      distanceKm: plan.distanceKm / siteSegments,
      delaySec: 0,
      lossFraction: i === 0 ? plan.lossFraction : 0,
      flowCapBytesPerSec: null,
    });
  }
  segments.push({
    linkBytesPerSec: vmotionRate,
    mtuBytes: vmotionUplinkMtu,
    distanceKm: HOST_LINK_KM,
    delaySec: 0,
    lossFraction: 0,
    flowCapBytesPerSec: null,
  });

  const hops: RouterHop[] = [];
  if (route.router !== null) {
    hops.push({ delaySec: route.router.delaySec, lossFraction: 0 });
    for (let i = 1; i < plan.hops; i++) hops.push({ delaySec: plan.hopDelaySec, lossFraction: 0 });
  }

  const perVmknicStreams =
    config.vsphereVersion < AUTO_STREAMS_FROM_VSPHERE
      ? 1
      : autoStreams(
          uplinkAvailableBytesPerSec((src.vmknics[0] ?? src.management).uplink),
          plan.streamCpuCapBytesPerSec ?? STREAM_HELPER_BYTES_PER_SEC,
        );
  const streams = plan.streams === "auto" ? src.vmknics.length * perVmknicStreams : plan.streams;
  const flowCap = route.router?.perFlowCapBytesPerSec ?? null;
  const caps = [plan.capBytesPerSec, flowCap === null ? null : flowCap * streams].filter(
    (c): c is number => c !== null,
  );
  return {
    segments,
    hops,
    hostMtuBytes: Math.min(route.egress.mtuBytes, config.destination.mtuBytes),
    hostStackSec: plan.hostStackSec,
    rttOverrideSec: plan.rttSec,
    streams,
    socketBufferBytes: plan.socketBufferBytes,
    latencyAware: plan.latencyAware,
    congestionControl: plan.congestionControl,
    streamCpuCapBytesPerSec: plan.streamCpuCapBytesPerSec,
    loneStreamCpuCapBytesPerSec: plan.loneStreamCpuCapBytesPerSec,
    capBytesPerSec: caps.length === 0 ? null : Math.min(...caps),
    concurrent: plan.concurrent,
    initialWindowSegments: plan.initialWindowSegments,
  };
}

/** Fibre from a host to its top-of-rack switch, km [assumption: 50 m]. */
export const HOST_LINK_KM = 0.05;
