import type { MigrationResult, PolicyKind, ThrottleStep } from "../model/types.js";
import {
  formatByteRate,
  formatBytes,
  formatDuration,
  formatPercent,
  formatRate,
  plural,
  sharedUnit,
} from "../units/format.js";
import { textTable } from "./text-table.js";
import { verdict } from "../words/verdict.js";

/** Every iteration, one row each; each column in one unit (its largest value's), three digits. */
export function iterationTable(r: MigrationResult): string {
  const seen = r.iterations.map((it) => (it.durationSec > 0 ? it.dirtiedBytes / it.durationSec : 0));
  const sent = sharedUnit(
    "bytes",
    r.iterations.map((it) => it.bytes),
  );
  const took = sharedUnit(
    "duration",
    r.iterations.map((it) => it.durationSec),
  );
  const dirtied = sharedUnit(
    "bytes",
    r.iterations.map((it) => it.dirtiedBytes),
  );
  const rate = sharedUnit("byteRate", seen);
  const rows = r.iterations.map((it, k) => [
    String(it.index),
    formatBytes(it.bytes, sent),
    formatDuration(it.durationSec, took),
    formatBytes(it.dirtiedBytes, dirtied),
    formatByteRate(seen[k] as number, rate),
    formatPercent(it.throttle),
  ]);
  return textTable(
    ["iteration", "sent", "duration", "dirtied meanwhile", "dirty rate seen", "throttle"],
    rows,
  );
}

/**
 * The words after the guest-seen stun. QEMU's own downtime counter stops when the last bytes
 * enter the socket (model.md section 1), so `hypervisorDowntimeSec` is what QEMU reports; that
 * ESXi's and Xen's counters stop at the same point is an assumption (model/costs.ts,
 * `hypervisorDowntimeSec`), and the line says so for them.
 */
function hypervisorStunWords(r: MigrationResult, policy: PolicyKind): string {
  const reported = formatDuration(r.hypervisorDowntimeSec);
  if (policy === "qemu")
    return `the hypervisor would report ${reported}, its clock stopping when the last byte enters the socket`;
  const who = policy === "vmotion" ? "ESXi's" : "Xen's";
  return `${reported} by the hypervisor's clock if ${who}, like QEMU's, stops when the last byte enters the socket, an assumption`;
}

export function resultSummary(r: MigrationResult, policy: PolicyKind = "vmotion"): string {
  // The network failed it at the start: nothing was sent, so only the reason is worth a line.
  if (r.outcome === "no-route" || r.outcome === "stack-mismatch")
    return [verdict(r), `  reason        ${r.stopReason}`].join("\n");
  // A black hole's verdict already carries its reason; nothing was sent, so no other line has news
  // (a throughput "0 bit/s, bound by link" would name the wrong limit).
  if (r.outcome === "path-mtu-blackhole") return verdict(r);
  const lines = [
    verdict(r),
    `  stop reason   ${r.stopReason}`,
    `  dirty model   ${r.dirtyModel}`,
    `  throughput    ${formatRate(r.throughputBytesPerSec)} (${formatByteRate(r.throughputBytesPerSec)}), bound by ${r.binding}`,
    `  setup         ${formatDuration(r.setupSec)} (write-trace installation)`,
    `  pre-copy      ${formatDuration(r.precopyTimeSec)} over ${plural(r.iterationCount, "iteration")}`,
    `  switchover    ${formatBytes(r.switchoverBytes)} ${r.outcome === "not-converging" ? "still dirty" : "sent while stunned"}`,
    r.downtimeSec > 0
      ? `  stun          ${formatDuration(r.downtimeSec)} (guest-seen; ${hypervisorStunWords(r, policy)})`
      : `  stun          none (no switchover)`,
    `  total         ${formatDuration(r.totalTimeSec)}`,
    `  on the wire   ${formatBytes(r.transferredBytes)}`,
  ];
  if (r.guestSlowdown > 0) {
    // Steps that print the same as the one before are not news: shown once.
    const steps = r.slowdownTimeline.filter(
      (st, k, all) =>
        k === 0 || formatPercent(st.throttle) !== formatPercent((all[k - 1] as ThrottleStep).throttle),
    );
    const shown = steps
      .slice(0, 4)
      .map((st) => `${formatPercent(st.throttle)} from ${formatDuration(st.atSec)}`)
      .join(", ");
    const more = steps.length > 4 ? `, ${plural(steps.length - 4, "more step")}` : "";
    lines.push(
      `  guest slowed  by up to ${formatPercent(r.guestSlowdown)} during pre-copy${shown ? `: ${shown}${more}` : ""}`,
      `                ${formatPercent(r.meanGuestSlowdown)} of its CPU time over the whole pre-copy`,
    );
  }
  return lines.join("\n");
}
