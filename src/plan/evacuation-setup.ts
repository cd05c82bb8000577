import { InputError } from "../errors.js";
import { cliFlagName, type CanonicalInput } from "../input/fields.js";
import { parseInput } from "../input/parse.js";
import { hostNetworkOf, hostOf } from "../input/host.js";
import { hasPath, pathOf } from "../input/path.js";
import { buildScenario } from "../input/scenario.js";
import type { PathResult } from "../network/index.js";
import { maxConcurrentVmotions, vcenterCostLimits, type CostLimit } from "./concurrency.js";
import type { EvacuationVm } from "./evacuate.js";
import { inventoryFieldNamer, type InventoryRow } from "./inventory.js";

/** Everything an evacuation run needs, validated. */
export interface EvacuationSetup {
  readonly vms: readonly EvacuationVm[];
  /** Capacity shared by the concurrent migrations, bytes/s. */
  readonly bottleneckBytesPerSec: number;
  /** The line rate that decides vCenter's network class, bytes/s. */
  readonly linkBytesPerSec: number;
  readonly maxConcurrent: number;
  /** Where the concurrency limit comes from: a vCenter resource, or the user's `--max-concurrent`. */
  readonly concurrencyBinding: CostLimit["resource"] | "user";
  readonly path: PathResult | null;
  /** With a host network configuration: which way the traffic goes and why, or why it fails. */
  readonly route: string | null;
}

/**
 * Why a QEMU or Xen evacuation needs `--max-concurrent`: vCenter's cost limits
 * (`concurrency.ts`) are vMotion's, and the limit of a KVM or Xen host is its manager's setting.
 * Defaults named: KubeVirt `parallelOutboundMigrationsPerNode` 2 (OpenShift Virtualization,
 * "Live migration limits and timeouts"); Xen Orchestra `xapiOptions.vmMigrationConcurrency` 3
 * per pool (xen-orchestra CHANGELOG, issue 6065).
 */
export function otherManagerLimit(policy: string): string {
  const example =
    policy === "qemu"
      ? "KubeVirt's parallelOutboundMigrationsPerNode defaults to 2"
      : "Xen Orchestra's vmMigrationConcurrency defaults to 3 per pool";
  return `is required with --policy ${policy}: vCenter's limits on concurrent migrations are vMotion's; give your manager's limit (${example})`;
}

/**
 * Build every VM's scenario from its inventory row plus the shared flags (path, `--bandwidth`,
 * `--rtt`, policy), and the shared bottleneck:
 *
 * - with a path and no `--bandwidth`: the path's bottleneck line rate x protocol efficiency (the
 *   link bound of one migration alone); each migration alone is also bounded by its window, loss
 *   and CPU terms, which are not shared;
 * - otherwise `--bandwidth`: the throughput one migration gets alone, shared by all;
 * - with neither: the documented default path, preset `same-l2` (what `--preset` defaults to).
 *
 * vCenter's network class comes from the vMotion vmknic's link (a host network configuration's
 * `admissionLinkBytesPerSec`), otherwise from the path's slowest link; with a host configuration
 * before vSphere 6.0 the host cost limit is the old one (8, cost 1).
 *
 * `--concurrent` is refused: the evacuation simulates concurrency itself. A QEMU or Xen
 * evacuation needs `maxConcurrentOverride` ({@link otherManagerLimit}).
 */
export function evacuationSetup(
  rows: readonly InventoryRow[],
  file: string,
  shared: CanonicalInput,
  maxConcurrentOverride: number | null,
  esxi6OrLater = true,
): EvacuationSetup {
  if (shared.concurrent !== undefined)
    throw new InputError(
      "conflict",
      cliFlagName("concurrent"),
      "does not apply to evacuate, which simulates concurrent migrations itself (use --max-concurrent)",
    );
  // Neither a throughput nor a path: the default preset, as --preset documents.
  // (`same-l2`: planOf's default preset too.)
  if (shared.bandwidth === undefined && !hasPath(shared)) shared = { ...shared, preset: "same-l2" };
  // Path fields come from the shared flags only (inventory rows set VM fields): one path for all.
  const p: PathResult | null = pathOf(shared);
  // A host configuration decides vCenter's class by the vMotion vmknic's link, even when the
  // traffic leaves through a slower management uplink (model.md section 6).
  const host = hostNetworkOf(shared, cliFlagName, { warnings: false });
  const route = host === null ? null : host.kind === "route" ? host.route.description : host.failure.reason;
  const esxi6 = host === null ? esxi6OrLater : hostOf(shared)!.config.vsphereVersion >= 6;
  const vms: EvacuationVm[] = rows.map((row) => {
    const name = inventoryFieldNamer(file, row);
    const input = { ...shared, ...parseInput(row.input, name) };
    return { name: row.name, scenario: buildScenario(input, name, { path: p }), priority: row.priority };
  });
  const first = vms[0] as EvacuationVm;
  const given = shared.bandwidth !== undefined;
  const bottleneckBytesPerSec =
    p !== null && !given
      ? p.bounds.linkBytesPerSec * p.concurrent
      : first.scenario.transport.throughputBytesPerSec;
  const linkBytesPerSec =
    host !== null
      ? host.admissionLinkBytesPerSec
      : p !== null
        ? p.bottleneckBytesPerSec
        : first.scenario.transport.throughputBytesPerSec;
  const policy = shared.policy ?? "vmotion";
  if (maxConcurrentOverride === null && policy !== "vmotion")
    throw new InputError("missing-value", "--max-concurrent", otherManagerLimit(policy));
  if (maxConcurrentOverride !== null)
    return {
      vms,
      bottleneckBytesPerSec,
      linkBytesPerSec,
      maxConcurrent: maxConcurrentOverride,
      concurrencyBinding: "user",
      path: p,
      route,
    };
  const { limit, binding } = maxConcurrentVmotions(vcenterCostLimits(linkBytesPerSec, esxi6));
  return {
    vms,
    bottleneckBytesPerSec,
    linkBytesPerSec,
    maxConcurrent: limit,
    concurrencyBinding: binding,
    path: p,
    route,
  };
}
