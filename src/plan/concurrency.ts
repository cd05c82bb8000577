/**
 * vCenter's limits on simultaneous vMotions (model.md section 6; vSphere docs "Limits on Simultaneous Migrations" and Broadcom KB 326281). Every operation has a
 * cost on each resource it touches; an operation starts only when it fits under every resource's
 * maximum, otherwise it is queued (not rejected).
 *
 * | resource | max cost | cost of one vMotion |
 * |---|---|---|
 * | network (1 GbE) | 4 | 1 |
 * | network (10 GbE and faster) | 8 | 1 |
 * | host (ESXi 6.0+, `vpxd.ResourceManager.maxCostPerEsx6xHost`) | 16 | 2 (`costPerVmotionESX6x`) |
 * | host (before 6.0) | 8 | 1 |
 * | datastore (`maxCostPerEsx6xDs`) | 128 | 1 |
 *
 * No class above 10 GbE is documented: a faster NIC is taken to be in the 10 GbE class [inferred].
 * The link speed that decides the class is the source NIC's line rate; a NIC faster than 1 GbE
 * counts as 10 GbE.
 */
export interface CostLimit {
  readonly resource: "network" | "host" | "datastore";
  readonly maxCost: number;
  readonly costPerVmotion: number;
}

/** 1 GbE in bytes per second: the boundary between the two documented network classes. */
export const ONE_GBE_BYTES_PER_SEC = 1e9 / 8;

export function vcenterCostLimits(linkBytesPerSec: number, esxi6OrLater = true): readonly CostLimit[] {
  return [
    { resource: "network", maxCost: linkBytesPerSec > ONE_GBE_BYTES_PER_SEC ? 8 : 4, costPerVmotion: 1 },
    esxi6OrLater
      ? { resource: "host", maxCost: 16, costPerVmotion: 2 }
      : { resource: "host", maxCost: 8, costPerVmotion: 1 },
    { resource: "datastore", maxCost: 128, costPerVmotion: 1 },
  ];
}

/**
 * How many vMotions fit at once under every limit: min over resources of floor(max / cost),
 * and which resource binds (the first in network, host, datastore order on a tie).
 *
 * Example: a 10 GbE source NIC -> 8 (network 8/1 and host 16/2 both allow 8; "network" binds).
 */
export function maxConcurrentVmotions(limits: readonly CostLimit[]): {
  limit: number;
  binding: CostLimit["resource"];
} {
  let limit = Infinity;
  let binding: CostLimit["resource"] = "network";
  for (const l of limits) {
    const n = Math.floor(l.maxCost / l.costPerVmotion);
    if (n < limit) {
      limit = n;
      binding = l.resource;
    }
  }
  return { limit, binding };
}
