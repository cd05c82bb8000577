import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { InputError } from "../../errors.js";
import { validatePublishedCases, type MetricComparison } from "../../calibrate/validate.js";
import { out, readUserFile } from "../io.js";
import { formatCount } from "../../units/format.js";
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

/**
 * A measured or predicted value as the table prints it. Times to four significant digits (a
 * measured 2,271 ms is "2.271 s", not "2.3 s"), so that the relative error, printed to 0.1 %,
 * can be checked from the two cells beside it; bytes in whole MiB with thousands separators, as
 * docs/validation.md writes them.
 */
function value(c: MetricComparison, x: number): string {
  if (c.metric === "converged") return x === 1 ? "yes" : "no";
  if (c.metric === "transferredBytes") return `${formatCount(Math.round(x / 2 ** 20))} MiB`;
  if (c.metric === "rounds") return String(Math.round(x));
  if (c.metric === "throughputBitsPerSec") return `${(x / 1e9).toFixed(1)} Gbit/s`;
  return x < 1 ? `${Number((x * 1000).toPrecision(4))} ms` : `${Number(x.toPrecision(4))} s`;
}

/** ", inside the measured 91-161 s" where the source gives the runs' spread (ends as the table's values). */
function rangeWords(m: MetricComparison): string {
  if (m.measuredRange === undefined) return "";
  const [lo, hi] = m.measuredRange;
  return `, ${m.withinMeasuredRange === true ? "inside" : "outside"} the measured ${value(m, lo).replace(/ s$/, "")}-${value(m, hi)}`;
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
      const report = validatePublishedCases(data, opts.cases ?? "published-cases");
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
              : `${(m.relativeError * 100).toFixed(1)} %${rangeWords(m)}`,
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
