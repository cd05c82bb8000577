import type { QemuPolicy } from "../types.js";

/**
 * QEMU defaults (migration parameters; model.md section 3):
 * - `downtimeLimitSec` 0.3: `downtime-limit` = 300 ms (30 ms in old QEMU). QEMU switches over
 *   when pending bytes <= measured bandwidth x downtime-limit.
 * - `maxBandwidthBytesPerSec` 128 MiB/s: `max-bandwidth` default; 0 means unlimited.
 * - auto-converge (off by default): when dirtied > 50 % of transferred in two syncs, throttle the
 *   guest `cpu-throttle-initial` 20 %, then +`cpu-throttle-increment` 10 % per step, at most
 *   `max-cpu-throttle` 99 %.
 * - `maxRounds` 1000: QEMU itself never gives up; a safety cap of the simulator (assumption).
 */
export const QEMU_DEFAULTS: QemuPolicy = Object.freeze({
  kind: "qemu",
  downtimeLimitSec: 0.3,
  maxBandwidthBytesPerSec: 128 * 2 ** 20,
  autoConverge: false,
  throttleInitial: 0.2,
  throttleIncrement: 0.1,
  throttleMax: 0.99,
  maxRounds: 1000,
});
