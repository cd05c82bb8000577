import type { DirtyModel } from "../types.js";
import { curveDirtied, curveInitialRate } from "./curve.js";
import { workingSetDirtied, workingSetInitialRate } from "./working-set.js";

/**
 * U(t): distinct bytes dirtied in t seconds of guest execution, capped at memory.
 *
 * The constant model is the geometric model of Clark et al. 2005 / Akoush et al. 2010:
 * U(t) = min(D t, M). Throttling (SDPS, auto-converge) is applied by the caller as time dilation:
 * a guest throttled by f runs (1 - f) t seconds in t seconds of wall time.
 */
export function dirtiedBytes(model: DirtyModel, memoryBytes: number, guestSec: number): number {
  let u: number;
  switch (model.kind) {
    case "constant":
      u = model.rateBytesPerSec * guestSec;
      break;
    case "working-set":
      u = workingSetDirtied(model, memoryBytes, guestSec);
      break;
    case "curve":
      u = curveDirtied(model, guestSec);
      break;
  }
  return u < memoryBytes ? u : memoryBytes;
}

/** The guest's raw write rate (bytes/s) as t -> 0: what SDPS "always" throttles against at the start. */
export function initialDirtyRate(model: DirtyModel): number {
  switch (model.kind) {
    case "constant":
      return model.rateBytesPerSec;
    case "working-set":
      return workingSetInitialRate(model);
    case "curve":
      return curveInitialRate(model);
  }
}
