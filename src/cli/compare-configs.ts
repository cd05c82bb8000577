import { InputError } from "../errors.js";
import { configChanges, configTableRows, parseConfigList, runConfigs } from "../plan/configs.js";
import { inputFromOptions } from "./field-options.js";
import { toJson } from "./json.js";
import { textTable } from "./text-table.js";

/**
 * `compare --configs a,b,...`: the same VM under each host network configuration, side by side,
 * then each against the first in words, the route each took, and the warnings. `--config` and
 * `--presets` cannot be combined with it (the columns set the configuration).
 */
export function compareConfigsOutput(opts: Readonly<Record<string, unknown>>): string {
  for (const k of ["config", "presets"] as const)
    if (opts[k] !== undefined)
      throw new InputError(
        "conflict",
        `--${k}`,
        "cannot be combined with --configs (each column sets the configuration)",
      );
  const configs = parseConfigList(opts.configs, "--configs");
  const cols = runConfigs(inputFromOptions(opts), configs);
  if (opts.json === true)
    return toJson(
      cols.map(({ config, network, result }) => ({
        config,
        ...(network.kind === "route"
          ? { route: network.route.description, path: network.path, warnings: network.warnings }
          : { failure: network.failure }),
        result,
      })),
    );
  const lines = [textTable(["", ...cols.map((c) => c.config)], configTableRows(cols))];
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
