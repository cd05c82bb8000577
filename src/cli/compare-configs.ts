import { InputError } from "../errors.js";
import { configChanges, configTableRows, parseConfigList, runConfigs } from "../plan/configs.js";
import { bufferModesJson, spreadWords, type BufferModeSpread } from "../plan/buffer-modes.js";
import type { UncertaintySummary } from "../plan/uncertainty.js";
import { compareUncertaintyLead, uncertaintyRows, type UncertainColumn } from "./compare-uncertainty.js";
import { toJson } from "./json.js";
import { textTable } from "./text-table.js";
import { uncertainFromOptions } from "./uncertain-options.js";

/**
 * `compare --configs a,b,...`: the same VM under each host network configuration, side by side,
 * then each against the first in words, the route each took, and the warnings. `--config` and
 * `--presets` cannot be combined with it (the columns set the configuration).
 *
 * With a range or distribution for any numeric flag, every configuration runs the same draws
 * (same seed: common random numbers, so the differences between columns are not sampling noise):
 * the output leads with each column's range, the table adds the range rows, and the table's other
 * rows are at the medians, as in a comparison of paths.
 */
export async function compareConfigsOutput(opts: Readonly<Record<string, unknown>>): Promise<string> {
  for (const k of ["config", "presets"] as const)
    if (opts[k] !== undefined)
      throw new InputError(
        "conflict",
        `--${k}`,
        "cannot be combined with --configs (each column sets the configuration)",
      );
  const configs = parseConfigList(opts.configs, "--configs");
  const { u, sampling } = uncertainFromOptions(opts);
  const cols = runConfigs(u.input, configs);
  const ranges: UncertainColumn[] = [];
  if (u.uncertain.length > 0) {
    // Loaded only here, when an input is uncertain: the sweep engine stays out of a plain compare.
    const { estimateUncertainty } = await import("../plan/uncertainty.js");
    for (const c of cols) {
      const uncertainty: UncertaintySummary = await estimateUncertainty(
        { input: { ...u.input, config: c.config }, uncertain: u.uncertain },
        sampling,
      );
      ranges.push({ label: c.config, uncertainty, notApplied: [] });
    }
  }
  if (opts.json === true)
    return toJson(
      cols.map((c, i) => ({
        config: c.config,
        ...(c.network.kind === "route"
          ? { route: c.network.route.description, path: c.network.path, warnings: c.network.warnings }
          : { failure: c.network.failure }),
        result: c.result,
        ...(c.spread === null ? {} : { bufferModes: bufferModesJson(c.spread) }),
        ...(ranges[i] === undefined ? {} : { uncertainty: ranges[i].uncertainty }),
      })),
    );
  const lines = [
    ...compareUncertaintyLead(ranges),
    textTable(["", ...cols.map((c) => c.config)], [...configTableRows(cols), ...uncertaintyRows(ranges)]),
  ];
  const spreads = cols.filter((c) => c.spread !== null);
  if (spreads.length > 0)
    lines.push(
      "",
      "Buffer sizing:",
      ...spreads.map((c) => `  ${c.config}: ${spreadWords(c.spread as BufferModeSpread)}`),
    );
  const changes = configChanges(cols);
  if (changes.length > 0) lines.push("", `Against ${cols[0]?.config}:`, ...changes.map((l) => `  ${l}`));
  lines.push("", "Routes:");
  for (const c of cols)
    lines.push(
      `  ${c.config}: ${c.network.kind === "route" ? c.network.route.description : c.network.failure.reason}`,
    );
  const warnings = cols.flatMap((c) =>
    (c.network.kind === "route" ? c.network.warnings : []).map((w) => `  ${c.config}: ${w}`),
  );
  if (warnings.length > 0) lines.push("", "Warnings:", ...warnings);
  return lines.join("\n");
}
