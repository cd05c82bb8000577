import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { InputError } from "../../errors.js";
import { validatePublishedCases, type MetricComparison } from "../../calibrate/validate.js";
import { out, readUserFile } from "../io.js";
import { toJson } from "../json.js";
import { textTable } from "../text-table.js";

/** `data/published-cases.json` of the package: searched upwards from this module (src or dist). */
function defaultCasesPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, "data", "published-cases.json");
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new InputError("bad-file", "--cases", "data/published-cases.json not found; give --cases FILE");
}

function value(c: MetricComparison, x: number): string {
  if (c.metric === "converged") return x === 1 ? "yes" : "no";
  if (c.metric === "transferredBytes") return `${(x / 2 ** 20).toFixed(0)} MiB`;
  if (c.metric === "rounds") return String(Math.round(x));
  if (c.metric === "throughputBitsPerSec") return `${(x / 1e9).toFixed(1)} Gbit/s`;
  return `${x < 1 ? (x * 1000).toFixed(1) + " ms" : x.toFixed(1) + " s"}`;
}

/** `vmotion-sim validate`: the model against the published measurements. */
export function validateCommand(): Command {
  return new Command("validate")
    .description("run the model on published measured migrations and print predicted vs measured")
    .option("--cases <file>", "cases file (default: the packaged data/published-cases.json)")
    .option("--json", "print the report as JSON on stdout")
    .action((opts: { cases?: string; json?: boolean }) => {
      const path = opts.cases ?? defaultCasesPath();
      const text = readUserFile(path, "--cases");
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch (e) {
        throw new InputError(
          "bad-file",
          "--cases",
          `${JSON.stringify(path)} is not JSON: ${(e as Error).message}`,
        );
      }
      const report = validatePublishedCases(data);
      if (opts.json) return out(toJson(report));
      const rows: string[][] = [];
      for (const c of report.cases) {
        if (c.status === "skipped") {
          rows.push([c.id, "", c.class, "skipped", "", "", c.reason ?? ""]);
          continue;
        }
        for (const m of c.comparisons)
          rows.push([
            c.id,
            c.dirtyReading ?? "",
            c.class,
            m.metric,
            value(m, m.measured),
            value(m, m.predicted),
            m.metric === "converged"
              ? m.relativeError === 0
                ? "agree"
                : "disagree"
              : `${(m.relativeError * 100).toFixed(1)} %`,
          ]);
      }
      out(
        textTable(["case", "dirtying", "class", "metric", "measured", "predicted", "relative error"], rows),
      );
      out("\nDefaults for every case:");
      for (const d of report.defaults) out(`  - ${d}`);
      for (const c of report.cases) {
        if (c.status !== "compared") continue;
        out(
          `\n${c.id}${c.dirtyReading ? `, ${c.dirtyReading} reading` : ""}${c.outcome ? ` (model: ${c.outcome})` : ""}`,
        );
        if (c.command) out(`  ${c.command}`);
        for (const a of c.assumptions) out(`  assumed: ${a}`);
      }
    });
}
