import { Command } from "commander";
import { buildScenario, cliFlagName } from "../../input/scenario.js";
import { simulate } from "../../model/simulate.js";
import { pathResultFromInput } from "../../network/index.js";
import { iterationTable, resultSummary } from "../format-result.js";
import { out } from "../io.js";
import { addScenarioOptions, scenarioInputFromOptions } from "../options.js";
import { addPathOptions, pathSummary } from "../path-options.js";

/** `vmotion-sim estimate`: one migration, verdict first, then every iteration. */
export function estimateCommand(): Command {
  const cmd = new Command("estimate").description(
    "simulate one migration and print the verdict and every iteration",
  );
  addPathOptions(addScenarioOptions(cmd)).option("--json", "print the result object as JSON on stdout");
  cmd.action((opts: Record<string, unknown>) => {
    const input = scenarioInputFromOptions(opts, ["json"]);
    const scenario = buildScenario(input, cliFlagName);
    const result = simulate(scenario);
    const path = pathResultFromInput(input, cliFlagName);
    if (opts.json) out(JSON.stringify(path ? { ...result, path } : result, null, 2));
    else out(`${resultSummary(result)}${path ? `\n${pathSummary(path)}` : ""}\n\n${iterationTable(result)}`);
  });
  return cmd;
}
