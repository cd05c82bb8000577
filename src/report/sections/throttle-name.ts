import type { TopLevelSpec } from "vega-lite";
import type { SectionParts } from "./parts.js";

/**
 * The name of the throttle that slows the guest under a policy: SDPS for vMotion,
 * auto-converge for QEMU (its `auto-converge` capability); Xen never throttles.
 */
export function throttleName(policy: unknown): "SDPS" | "auto-converge" {
  return policy === "qemu" ? "auto-converge" : "SDPS";
}

const SDPS = /\bSDPS\b/g;

/** Every string in `node` with "SDPS" named `name`; the top-level `title` too unless `keepTitle`. */
function renamed(node: unknown, name: string, keepTitle: boolean, top = true): unknown {
  if (typeof node === "string") return node.replace(SDPS, name);
  if (Array.isArray(node)) return node.map((v) => renamed(v, name, false, false));
  if (node === null || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.entries(node).map(([k, v]) => [
      k,
      top && k === "title" && keepTitle ? v : renamed(v, name, false, false),
    ]),
  );
}

/**
 * A sweep section's findings and charts with vMotion's throttle renamed for the section's
 * policy: the sentence templates and chart labels name SDPS ("pre-copy converges only because
 * SDPS slows the guest", "Guest CPU time removed by SDPS (%)"), which a QEMU section with
 * auto-converge printed as if vMotion's. One renaming here rather than a policy argument through
 * every finding and chart builder; a chart title the user wrote is kept as written (labels win).
 *
 * Example: for `"qemu"`, "On wan, SDPS starts slowing the guest at 864 MiB/s" reads "On wan,
 * auto-converge starts slowing the guest at 864 MiB/s".
 */
export function withThrottleName(parts: SectionParts, policy: unknown): SectionParts {
  const name = throttleName(policy);
  if (name === "SDPS") return parts;
  return {
    ...parts,
    findings: parts.findings.map((f) => f.replace(SDPS, name)),
    charts: parts.charts.map((c) => ({
      ...c,
      spec: renamed(c.spec, name, c.request.title !== undefined) as TopLevelSpec,
    })),
  };
}
