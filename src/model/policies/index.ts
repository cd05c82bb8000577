import type { Policy, PolicyKind } from "../types.js";
import { QEMU_DEFAULTS } from "./qemu.js";
import { VMOTION_DEFAULTS } from "./vmotion.js";
import { XEN_DEFAULTS } from "./xen.js";

export { QEMU_DEFAULTS } from "./qemu.js";
export { VMOTION_DEFAULTS } from "./vmotion.js";
export { XEN_DEFAULTS, XEN_V2_DEFAULTS } from "./xen.js";

export const POLICY_KINDS: readonly PolicyKind[] = ["vmotion", "qemu", "xen"];

export function defaultPolicy(kind: PolicyKind): Policy {
  switch (kind) {
    case "vmotion":
      return VMOTION_DEFAULTS;
    case "qemu":
      return QEMU_DEFAULTS;
    case "xen":
      return XEN_DEFAULTS;
  }
}
