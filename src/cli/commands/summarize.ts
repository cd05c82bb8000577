import { existsSync, renameSync, writeFileSync } from "node:fs";
import { Command } from "commander";
import { InputError } from "../../errors.js";
import { out } from "../io.js";
import { summaryTable } from "./sweep.js";

/**
 * `vmotion-sim summarize DIR... [--out FILE]`: the whole sweep's summary.json rebuilt from any set
 * of its Parquet result files (the shards of `sweep --shard K/N`, gathered from wherever they ran).
 * Without `--out` the JSON goes to stdout; with it, FILE is written whole (a temporary sibling
 * renamed over it) and the group table is printed. An existing FILE is replaced only with --force.
 */
export function summarizeCommand(): Command {
  return new Command("summarize")
    .description("rebuild summary.json from the Parquet result files of a sweep (its shards, in any folders)")
    .argument("<paths...>", "folders (searched for results*.parquet) or result files")
    .option("--out <file>", "write summary.json here (default: the JSON on stdout)")
    .option("--force", "replace an existing --out file")
    .action(async (paths: string[], opts: { out?: string; force?: boolean }) => {
      const { summarizeResults } = await import("../../sweep/summarize.js");
      const r = await summarizeResults(paths);
      if (opts.out === undefined) {
        process.stdout.write(r.json);
        return;
      }
      if (existsSync(opts.out) && opts.force !== true)
        throw new InputError("conflict", "--out", `${opts.out} exists: add --force to replace it`, opts.out);
      const tmp = `${opts.out}.partial`;
      writeFileSync(tmp, r.json);
      renameSync(tmp, opts.out);
      const files = r.files.length === 1 ? "1 file" : `${r.files.length} files`;
      const missing = r.total - r.scenarios;
      out(summaryTable(r.summary));
      out(
        `wrote ${opts.out}: ${r.scenarios} of ${r.total} scenarios from ${files}${missing > 0 ? ` (${missing} missing; each group is summarised over the rows present)` : ""}`,
      );
    });
}
