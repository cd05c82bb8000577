/**
 * The verdict of one migration in words. Shared by the CLI (`estimate`, the first line of every
 * summary) and the explore page, so it lives outside `cli/` and imports only the formatters.
 */
import type { MigrationResult } from "../model/types.js";
import { formatDuration, formatPercent, plural } from "../units/format.js";

/** The verdict in words, first line of every summary: "converges in 5 iterations, 41.2 s, stun 180 ms". */
export function verdict(r: MigrationResult): string {
  const n = plural(r.iterationCount, "iteration");
  const total = formatDuration(r.totalTimeSec);
  const stun = formatDuration(r.downtimeSec);
  switch (r.outcome) {
    case "converged":
      return `converges in ${n}, ${total}, stun ${stun}`;
    case "converged-throttled":
      return `converges with the guest throttled by up to ${formatPercent(r.guestSlowdown)} in ${n}, ${total}, stun ${stun}`;
    case "max-rounds":
      return `forced switchover at the round limit after ${n}, ${total}, stun ${stun}`;
    case "data-cap":
      return `forced switchover at the data cap after ${n}, ${total}, stun ${stun}`;
    case "not-converging":
      // "no switchover", not "gives up": QEMU never gives up by itself (the stop reason says so).
      return `does not converge: no switchover after ${n} and ${total}`;
    case "switchover-timeout":
      return `fails: the stun of ${stun} exceeds the maximum switchover time`;
    case "no-route":
      return "fails at the start: no route to the destination vmknic";
    case "stack-mismatch":
      return "fails: the hosts' vMotion vmknics are on different TCP/IP stacks";
    case "path-mtu-blackhole":
      return `fails: path MTU black hole, ${r.stopReason}`;
  }
}
