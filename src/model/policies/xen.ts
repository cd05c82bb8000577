import type { XenPolicy } from "../types.js";

/**
 * Xen legacy `xc_domain_save` (model.md section 3): the last round comes at iteration 29
 * (30 rounds), when fewer than 50 pages are dirty, or when more than 3x memory has been sent.
 * Xen migration v2 keeps the 50-page threshold with at most 5 iterations (`XEN_V2_DEFAULTS`).
 */
export const XEN_DEFAULTS: XenPolicy = Object.freeze({
  kind: "xen",
  maxRounds: 30,
  dirtyPagesThreshold: 50,
  dataCapFactor: 3,
});

export const XEN_V2_DEFAULTS: XenPolicy = Object.freeze({ ...XEN_DEFAULTS, maxRounds: 5 });
