import { defaultCosts } from "../../src/model/costs.js";
import { makeCurve } from "../../src/model/dirty/curve.js";
import {
  QEMU_DEFAULTS,
  VMOTION_DEFAULTS,
  XEN_DEFAULTS,
  XEN_V2_DEFAULTS,
} from "../../src/model/policies/index.js";
import type {
  CostSpec,
  DirtyModel,
  Policy,
  QemuPolicy,
  Scenario,
  VmotionPolicy,
} from "../../src/model/types.js";

export const GIB = 2 ** 30;
export const MIB = 2 ** 20;

/** A scenario from canonical numbers, defaults filled in: test helper only. */
export function scenario(o: {
  memoryBytes: number;
  dirty: DirtyModel;
  throughputBytesPerSec: number;
  rttSec?: number;
  policy?: Policy;
  zeroPageFraction?: number;
  checkpointBytes?: number;
  costs?: Partial<CostSpec>;
  slowStartSec?: number;
}): Scenario {
  return {
    vm: {
      memoryBytes: o.memoryBytes,
      vcpus: 4,
      zeroPageFraction: o.zeroPageFraction ?? 0,
      checkpointBytes: o.checkpointBytes ?? 8 * MIB,
    },
    dirty: o.dirty,
    transport: {
      throughputBytesPerSec: o.throughputBytesPerSec,
      rttSec: o.rttSec ?? 0.0003,
      slowStartSec: o.slowStartSec ?? 0,
      binding: "given",
    },
    policy: o.policy ?? VMOTION_DEFAULTS,
    costs: { ...defaultCosts(o.memoryBytes, 4), ...o.costs },
  };
}

export const constant = (rateBytesPerSec: number): DirtyModel => ({ kind: "constant", rateBytesPerSec });
export const vmotionNoSdps: VmotionPolicy = { ...VMOTION_DEFAULTS, sdps: "off" };
export const qemuUncapped: QemuPolicy = { ...QEMU_DEFAULTS, maxBandwidthBytesPerSec: 0 };
export { QEMU_DEFAULTS, VMOTION_DEFAULTS, XEN_DEFAULTS };

/**
 * Policies whose rules the closed form decides differently: every SDPS mode, round caps, a short
 * goal with a short switchover limit, QEMU capped or not, with auto-converge, a low stun limit,
 * Xen's legacy and v2 round caps, a low data cap.
 */
export const POLICY_VARIANTS: readonly Policy[] = [
  VMOTION_DEFAULTS,
  vmotionNoSdps,
  { ...VMOTION_DEFAULTS, sdps: "always" },
  { ...VMOTION_DEFAULTS, maxRounds: 3 },
  { ...vmotionNoSdps, switchoverGoalSec: 0.05, maxSwitchoverSec: 0.1 },
  QEMU_DEFAULTS,
  qemuUncapped,
  { ...qemuUncapped, autoConverge: true },
  { ...qemuUncapped, maxRounds: 4, maxStunSec: 0.2 },
  XEN_DEFAULTS,
  XEN_V2_DEFAULTS,
  { ...XEN_DEFAULTS, dataCapFactor: 1.2 },
];

/** A curve through the running sums of positive (interval, bytes) steps: strictly increasing intervals, non-decreasing bytes. */
export function curveFromSteps(steps: readonly (readonly [number, number])[]): ReturnType<typeof makeCurve> {
  let t = 0;
  let u = 0;
  const ts: number[] = [];
  const us: number[] = [];
  for (const [dt, du] of steps) {
    t += dt;
    u += du;
    ts.push(t);
    us.push(u);
  }
  return makeCurve(ts, us);
}
