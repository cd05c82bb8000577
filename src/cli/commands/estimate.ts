import { Command } from "commander";
import { buildScenario, cliFlagName } from "../../input/scenario.js";
import { simulate } from "../../model/simulate.js";
import { iterationTable, resultSummary } from "../format-result.js";
import { out } from "../io.js";
import { addScenarioOptions, scenarioInputFromOptions } from "../options.js";

/** `vmotion-sim estimate`: one migration, verdict first, then every iteration. */
export function estimateCommand(): Command {
  const cmd = new Command("estimate").description(
    "simulate one migration and print the verdict and every iteration",
  );
  addScenarioOptions(cmd).option("--json", "print the result object as JSON on stdout");
  cmd.action((opts: Record<string, unknown>) => {
    const input = scenarioInputFromOptions(opts, ["json"]);
    const scenario = buildScenario(input, cliFlagName);
    const result = simulate(scenario);
    if (opts.json) out(JSON.stringify(result, null, 2));
    else out(`${resultSummary(result)}\n\n${iterationTable(result)}`);
  });
  return cmd;
}
