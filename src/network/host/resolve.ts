import { computePath, type ComputePathOptions } from "../compute.js";
import type { PathResult, PathSpec } from "../types.js";
import { hostPathSpec } from "./path.js";
import { routeVmotion, type NetworkFailure, type VmotionRoute } from "./route.js";
import { admissionLinkBytesPerSec, hostSupportWarnings } from "./support.js";
import type { PathPlan } from "../plan.js";
import type { HostNetworkConfig } from "./types.js";

/** A host configuration and the site's path plan (built by `src/input/host.ts`). */
export interface HostSetupLike {
  readonly config: HostNetworkConfig;
  readonly plan: PathPlan;
}

/**
 * A host configuration resolved into what a migration sees: the route (which way and why), the
 * segment path and its computed throughput and RTT, and the support warnings; or the failure
 * that stops the vMotion before any memory moves. Either way, the line rate vCenter's
 * admission class comes from (`admissionLinkBytesPerSec`).
 */
export type HostNetworkResult =
  | {
      readonly kind: "route";
      readonly route: VmotionRoute;
      readonly spec: PathSpec;
      readonly path: PathResult;
      /** Host support warnings (RTT over the version's limit, MTU mismatch), then the path's. */
      readonly warnings: readonly string[];
      readonly admissionLinkBytesPerSec: number;
    }
  | {
      readonly kind: "failure";
      readonly failure: NetworkFailure;
      readonly admissionLinkBytesPerSec: number;
    };

export function resolveHostNetwork(setup: HostSetupLike, opts: ComputePathOptions = {}): HostNetworkResult {
  const admission = admissionLinkBytesPerSec(setup.config);
  const decision = routeVmotion(setup.config);
  if (decision.kind === "failure")
    return { kind: "failure", failure: decision.failure, admissionLinkBytesPerSec: admission };
  const spec = hostPathSpec(setup.config, decision.route, setup.plan);
  const path = computePath(spec, opts);
  const warnings =
    opts.warnings === false ? [] : [...hostSupportWarnings(setup.config, path.rttSec), ...path.warnings];
  return { kind: "route", route: decision.route, spec, path, warnings, admissionLinkBytesPerSec: admission };
}
