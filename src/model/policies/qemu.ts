import type { QemuPolicy } from "../types.js";

/**
 * QEMU defaults (migration parameters; model.md section 3):
 * - `downtimeLimitSec` 0.3: `downtime-limit` = 300 ms (30 ms in old QEMU). QEMU switches over
 *   when pending bytes <= measured bandwidth x downtime-limit.
 * - `maxBandwidthBytesPerSec` 0 (unlimited): what libvirt, through which nearly every QEMU user
 *   migrates (virsh, OpenStack Nova, oVirt, KubeVirt's virt-handler), sets. libvirt initialises
 *   every domain's `migMaxBandwidth` to `QEMU_DOMAIN_MIG_BANDWIDTH_MAX` = INT64_MAX / 1 MiB MiB/s
 *   (src/qemu/qemu_domain.c, qemuDomainObjPrivateAlloc; the macro in qemu_domain.h) and passes
 *   it to QEMU's `max-bandwidth` when the migration starts: no practical cap. Raw QEMU's own
 *   default is `MAX_THROTTLE` = 128 MiB/s (migration/options.c): `--max-bandwidth 128MiB/s`.
 * - auto-converge (off by default): when dirtied > 50 % of transferred in two syncs, throttle the
 *   guest `cpu-throttle-initial` 20 %, then +`cpu-throttle-increment` 10 % per step, at most
 *   `max-cpu-throttle` 99 %.
 * - `maxRounds` 1000: QEMU itself never gives up; a safety cap of the simulator (assumption).
 * - `maxStunSec` 2000: `MAX_MIGRATE_DOWNTIME_SECONDS` (migration/options.c), the largest
 *   `downtime-limit` QEMU accepts. A stun above it is one no QEMU configuration tolerates: the
 *   model reports it as `switchover-timeout` (a modelling choice: QEMU itself would keep the
 *   guest stopped; management layers such as KubeVirt and Nova abort long before).
 */
export const QEMU_DEFAULTS: QemuPolicy = Object.freeze({
  kind: "qemu",
  downtimeLimitSec: 0.3,
  maxBandwidthBytesPerSec: 0,
  autoConverge: false,
  throttleInitial: 0.2,
  throttleIncrement: 0.1,
  throttleMax: 0.99,
  maxRounds: 1000,
  maxStunSec: 2000,
});
