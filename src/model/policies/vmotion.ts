import type { VmotionPolicy } from "../types.js";

/**
 * vMotion defaults (ESXi advanced settings, identical from 6.0 U3 through 9.0.1; model.md
 * sections 1 and 3; ESXi advanced-settings dumps, github.com/lamw/esxi-advanced-and-kernel-settings):
 * - `switchoverGoalSec` 0.5: `Migrate.PreCopySwitchoverTimeGoal` = 500 ms (Broadcom KB 436882).
 *   Pre-copy stops when remaining bytes / throughput <= goal.
 * - `minProgressRatio` 1.3: `Migrate.PreCopyMinProgressPerc` = 130, the minimum transmit-to-dirty
 *   ratio per iteration. How vMotion reacts below it is not documented; the model (an assumption)
 *   engages SDPS in `dynamic` mode, and gives up (`not-converging`) with SDPS `off`, as vSphere
 *   4.1 did when "precopy fails to make forward progress" (vSphere 5 vMotion paper).
 * - `sdps` "dynamic": `Migrate.SdpsEnabled` = 2; `sdpsTargetRatio` 5: `Migrate.SdpsTargetRate` =
 *   500 % (transmit should exceed dirty by this).
 * - `sdpsDynamicDelaySec` 30: `Migrate.SdpsDynamicDelaySec`, "Delay, in seconds, between polling
 *   when considering enabling SDPS in the first preCopy iteration" (ESXi advanced settings).
 * - `maxSwitchoverSec` 100: `vmotion.maxSwitchoverSeconds` (KB 314376).
 * - `maxRounds` 1000: no vMotion limit is published; a safety cap of the simulator (assumption).
 */
export const VMOTION_DEFAULTS: VmotionPolicy = Object.freeze({
  kind: "vmotion",
  switchoverGoalSec: 0.5,
  minProgressRatio: 1.3,
  sdps: "dynamic",
  sdpsTargetRatio: 5,
  sdpsDynamicDelaySec: 30,
  maxSwitchoverSec: 100,
  maxRounds: 1000,
});
