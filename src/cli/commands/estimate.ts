import { Command } from "commander";
import { cliFlagName } from "../../input/fields.js";
import { pathOf } from "../../input/path.js";
import { buildScenario } from "../../input/scenario.js";
import { simulate } from "../../model/simulate.js";
import { iterationTable, resultSummary } from "../format-result.js";
import { addFieldOptions, inputFromOptions } from "../field-options.js";
import { out } from "../io.js";
import { toJson } from "../json.js";
import { pathSummary } from "../path-summary.js";

/** `vmotion-sim estimate`: one migration, verdict first, then every iteration. */
export function estimateCommand(): Command {
  const cmd = new Command("estimate").description(
    "simulate one migration and print the verdict and every iteration",
  );
  addFieldOptions(cmd).option("--json", "print the result object as JSON on stdout");
  cmd.action((opts: Record<string, unknown>) => {
    const input = inputFromOptions(opts);
    const scenario = buildScenario(input, cliFlagName);
    const result = simulate(scenario);
    const path = pathOf(input);
    if (opts.json) out(toJson(path ? { ...result, path } : result));
    else out(`${resultSummary(result)}${path ? `\n${pathSummary(path)}` : ""}\n\n${iterationTable(result)}`);
  });
  return cmd;
}
