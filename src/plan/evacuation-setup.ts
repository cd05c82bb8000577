import { InputError } from "../errors.js";
import { cliFlagName, type CanonicalInput } from "../input/fields.js";
import { parseInput } from "../input/parse.js";
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
 * `--concurrent` is refused: the evacuation simulates concurrency itself.
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
    p !== null ? p.bottleneckBytesPerSec : first.scenario.transport.throughputBytesPerSec;
  if (maxConcurrentOverride !== null)
    return {
      vms,
      bottleneckBytesPerSec,
      linkBytesPerSec,
      maxConcurrent: maxConcurrentOverride,
      concurrencyBinding: "user",
      path: p,
    };
  const { limit, binding } = maxConcurrentVmotions(vcenterCostLimits(linkBytesPerSec, esxi6OrLater));
  return {
    vms,
    bottleneckBytesPerSec,
    linkBytesPerSec,
    maxConcurrent: limit,
    concurrencyBinding: binding,
    path: p,
  };
}
