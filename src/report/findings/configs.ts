import { switchedOver } from "../../model/types.js";
import type { HostConfigName } from "../../network/host/presets.js";
import { uplinkAvailableBytesPerSec } from "../../network/host/uplink.js";
import type { ConfigColumn } from "../../plan/configs.js";
import { formatDuration, formatNumber, formatRate, plural } from "../../units/format.js";
import { bufferLead, otherInsteadOfUsed } from "./buffers.js";
import { list, pct, time } from "./words.js";

/** One cell of the configurations grid: a VM at a destination under one host configuration. */
export interface ConfigCell {
  readonly vm: string;
  readonly site: string;
  /** The site key (`local`, `metro`, `wan`) of the column's input. */
  readonly siteKey: string;
  readonly column: ConfigColumn;
}

const ran = (c: ConfigCell | undefined): c is ConfigCell =>
  c !== undefined && switchedOver(c.column.result.outcome);
const rtt = (c: ConfigCell): number => (c.column.network.kind === "route" ? c.column.network.path.rttSec : 0);
const routers = (c: ConfigCell): number =>
  c.column.network.kind === "route" ? c.column.network.spec.hops.length : 0;
const total = (c: ConfigCell): number => c.column.result.totalTimeSec;
const tp = (c: ConfigCell): number => c.column.result.throughputBytesPerSec;

/** A ratio as "14x" or "1.2x" (two significant digits). */
function times(ratio: number): string {
  return `${formatNumber(ratio, 2)}x`;
}

/**
 * How long `b` takes against `a`, as a verb phrase ending before the comparand: "takes 0.1 %
 * longer than", "takes 3.2 % less time than", "takes the same time as" (within 0.05 %).
 */
function takes(b: number, a: number): string {
  const r = b / a - 1;
  if (Math.abs(r) < 0.0005) return "takes the same time as";
  return `takes ${pct(r)} ${r > 0 ? "longer" : "less time"} than`;
}

/**
 * Findings of the configurations grid, each computed from the cells it cites (issue 15):
 * what routing on the vMotion stack costs within one data centre, what static routes change,
 * what the management gateway costs, why the WAN dominates across sites, that stretched L2 and
 * routed at the same distance are the same physics, the support limits by version, the failures,
 * and the non-performance trade-off of a stretched L2 (in words).
 *
 * The first VM is the one the comparisons quote; the second (if any) is quoted for the management
 * gateway. Sentences whose cells are missing or failed are left out.
 */
export function configFindings(cells: readonly ConfigCell[]): string[] {
  const out: string[] = [];
  const vms = [...new Set(cells.map((c) => c.vm))];
  const get = (vm: string | undefined, siteKey: string, config: HostConfigName): ConfigCell | undefined =>
    cells.find((c) => c.vm === vm && c.siteKey === siteKey && c.column.config === config);
  const vm = vms[0];
  const other = vms[1];

  // 1. Routing on the vMotion stack within one data centre.
  const l2 = get(vm, "local", "stretched-l2");
  const routed = get(vm, "local", "vmotion-stack-routed");
  if (ran(l2) && ran(routed)) {
    const mtu = routed.column.network.kind === "route" ? routed.column.network.path.pathMtuBytes : 0;
    out.push(
      `Within one data centre, the ${vm}'s vMotion routed on its own stack through ${plural(routers(routed), "router")} ` +
        `${takes(total(routed), total(l2))} on one subnet (${time(total(routed))} against ${time(total(l2))} at MTU ${mtu}): ` +
        `the router adds ${formatDuration(rtt(routed) - rtt(l2))} of round trip, and the throughput is ` +
        `${tp(routed) === tp(l2) ? `the same ${formatRate(tp(l2))}` : `${formatRate(tp(routed))} against ${formatRate(tp(l2))}`}.`,
    );
  }
  // 2. Static routes on the default stack.
  const statics = get(vm, "local", "default-stack-static-routes");
  if (ran(statics) && ran(routed)) {
    const same = Math.abs(total(statics) / total(routed) - 1) < 0.0005;
    out.push(
      `Static routes on the default stack keep vMotion on its own uplinks and router: ` +
        `${same ? `the same ${time(total(statics))}` : `${time(total(statics))} against ${time(total(routed))}`} as the vMotion stack; ` +
        "their price is a route per remote subnet on every host (KB 2001426), kept by hand.",
    );
  }
  // 3. The management gateway.
  const mgmt = get(vm, "local", "pre6-default-stack-via-mgmt");
  if (ran(mgmt) && ran(routed)) {
    const src = mgmt.column.setup.config.source;
    const uplink = formatRate(uplinkAvailableBytesPerSec(src.management.uplink));
    const slowed = mgmt.column.result.guestSlowdown;
    let s =
      `Without a route, the default stack sends the ${vm}'s vMotion through the management gateway on the ${uplink} ` +
      `management uplink: ${formatRate(tp(mgmt))} instead of ${formatRate(tp(routed))}, ${time(total(mgmt))} instead of ` +
      `${time(total(routed))} (${times(total(mgmt) / total(routed))})`;
    if (slowed > 0) s += `, and SDPS slows the guest by up to ${pct(slowed)}`;
    const o = get(other, "local", "pre6-default-stack-via-mgmt");
    const or = get(other, "local", "vmotion-stack-routed");
    if (ran(o) && ran(or))
      s += `; the ${other} takes ${time(total(o))} instead of ${time(total(or))} (${times(total(o) / total(or))})`;
    out.push(`${s}.`);
  }
  // 4. Across sites: the WAN (or metro link) dominates any hop.
  for (const siteKey of ["metro", "wan"]) {
    const r = get(vm, siteKey, "vmotion-stack-routed");
    const s = get(vm, siteKey, "stretched-l2");
    if (!ran(r) || !ran(s) || !ran(routed)) continue;
    const km = r.column.setup.plan.distanceKm;
    const extra = rtt(r) - rtt(s);
    out.push(
      `At ${r.site} distance (${formatNumber(km)} km, ${formatDuration(rtt(r))} round trip) the ${vm} takes ` +
        `${time(total(r))} routed, ${times(total(r) / total(routed))} its time within one data centre; stretched L2 over ` +
        `the same fibre takes ${time(total(s))}: the ${plural(routers(r) - routers(s), "router")} add${routers(r) - routers(s) === 1 ? "s" : ""} ${formatDuration(extra)} ` +
        `to the round trip (${pct(extra / rtt(s))}), so routed ${takes(total(r), total(s))} stretched L2. ` +
        `The distance sets the time, not the hop: at equal distance stretched L2 and routed are the same physics.`,
    );
  }
  // 4b. Above 4 ms RTT the buffer sizing is an assumption with two readings: where they part by
  // more than 10 %, say what the other one gives, so that no time above reads as a measurement.
  const parted = cells.flatMap((c) =>
    c.vm === vm && c.column.config === "vmotion-stack-routed" && c.column.spread !== null
      ? [{ site: c.site, spread: c.column.spread }]
      : [],
  );
  const first = parted[0];
  if (first !== undefined) {
    const at = parted.map(({ site, spread }) => otherInsteadOfUsed(spread, `at ${site} `));
    out.push(
      // "the times above" only where a finding above gives times (it led a section whose one
      // migration fails under both readings).
      `${bufferLead(out.length > 0 ? "the times above use" : "these numbers use", first.spread.used.mode, first.spread.other.mode)} the ${vm}'s migration on the vMotion stack ${list(at)}.`,
    );
  }
  // 5. The management gateway across the WAN.
  const mw = get(vm, "wan", "pre6-default-stack-via-mgmt");
  const rw = get(vm, "wan", "vmotion-stack-routed");
  if (ran(mw) && ran(rw) && ran(mgmt) && ran(routed)) {
    const uplink = uplinkAvailableBytesPerSec(mw.column.setup.config.source.management.uplink);
    const wanRatio = total(mw) / total(rw);
    const localRatio = total(mgmt) / total(routed);
    const across =
      Math.abs(wanRatio - 1) < 0.05
        ? `${wanRatio >= 1 ? "adds" : "saves"} only ${pct(wanRatio - 1)} across the WAN`
        : `${wanRatio < localRatio ? "only " : ""}${times(wanRatio)} as long across the WAN`;
    let s = `The management gateway makes the ${vm}'s migration ${times(localRatio)} as long within one data centre ${wanRatio < localRatio ? "but" : "and"} ${across}`;
    if (tp(rw) < uplink)
      s += `: there the WAN's ${rw.column.result.binding} bound (${formatRate(tp(rw))} on the vMotion stack) is already below the ${formatRate(uplink)} management uplink, so the WAN, not the hop, sets the time`;
    out.push(`${s}.`);
  }
  // 6. Support limits by version (host warnings on RTT).
  const unsupported = cells.filter(
    (c) =>
      c.vm === vm &&
      c.column.network.kind === "route" &&
      c.column.network.warnings.some((w) => w.startsWith("RTT ")),
  );
  for (const c of unsupported) {
    const w =
      c.column.network.kind === "route"
        ? c.column.network.warnings.find((x) => x.startsWith("RTT "))
        : undefined;
    if (w !== undefined)
      out.push(
        `${c.column.config} at ${c.site} (vSphere ${c.column.setup.config.vsphereVersion.toFixed(1)}): ${w}.`,
      );
  }
  // 7. Failures.
  for (const c of cells)
    if (!switchedOver(c.column.result.outcome))
      out.push(`${c.column.config} to ${c.site} (${c.vm}) fails: ${c.column.result.stopReason}.`);
  // 8. The non-performance trade-off.
  if (
    cells.some((c) => c.column.config === "stretched-l2") &&
    cells.some((c) => c.column.config === "vmotion-stack-routed")
  )
    out.push(
      "What stretched L2 and routed vMotion differ in is the failure domain: a stretched L2 makes one broadcast domain of " +
        "both sites, so a loop, a broadcast storm or a spanning-tree event at one site reaches the other; routed vMotion keeps " +
        "each site's L2 apart, but only the vMotion traffic is routed, and the VM's own networks must still exist at the " +
        "destination (stretched, or an overlay such as NSX).",
    );
  return out;
}
