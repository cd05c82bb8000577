import type { HostNetworkResult } from "../network/host/index.js";
import { formatRate } from "../units/format.js";

/** The host block of a text summary: which way the traffic went and why, and the admission link. */
export function hostSummary(r: HostNetworkResult): string {
  // A failure's reason is the result's stop reason, printed above it.
  const lines = r.kind === "route" ? [`  route         ${r.route.description}`] : [];
  lines.push(`  admission     by the vMotion vmknic's ${formatRate(r.admissionLinkBytesPerSec)} link`);
  if (r.kind === "route") for (const w of r.warnings) lines.push(`  warning       ${w}`);
  return lines.join("\n");
}
