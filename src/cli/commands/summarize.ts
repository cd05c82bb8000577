import { statSync } from "node:fs";
import { resolve } from "node:path";
import { Command } from "commander";
import { InputError, quote } from "../../errors.js";
import { writeFileAtomic } from "../../files/atomic-write.js";
import { fsInputError } from "../../files/fs-error.js";
import type { SummarizeResult } from "../../sweep/summarize.js";
import { formatCount, plural } from "../../units/format.js";
import { out } from "../io.js";
import { summaryTable } from "./sweep.js";

/**
 * `--out FILE` may name a new file, or (with --force) an existing regular file to replace; a
 * folder or any other kind of file is refused by name (exit 2).
 */
function checkSummaryOut(path: string, force: boolean): void {
  let st;
  try {
    st = statSync(path);
  } catch {
    return; // a new file: the write reports a missing or read-only folder
  }
  if (st.isDirectory())
    throw new InputError(
      "bad-file",
      "--out",
      `${quote(path)} is a folder: name the summary file to write`,
      path,
    );
  if (!st.isFile()) throw new InputError("bad-file", "--out", `${quote(path)} is not a regular file`, path);
  if (!force) throw new InputError("conflict", "--out", `${path} exists: add --force to replace it`, path);
}

/**
 * FILE written whole through the one atomic write (a temporary `.FILE.PID.partial` sibling renamed
 * over it: never a name the user may hold), so FILE is the old summary or the new one.
 */
function writeSummaryFile(path: string, json: string, force: boolean): void {
  checkSummaryOut(path, force); // again: the folder may have changed while the files were read
  try {
    writeFileAtomic(path, json);
  } catch (err) {
    throw fsInputError(err, "--out", "write", path);
  }
}

/**
 * Words for the scenarios the files do not hold, or null when they hold every one: "22 of the
 * sweep's 24 scenarios are missing (read 2 from 4 files); each group is summarised over the rows
 * present".
 */
export function missingWords(r: Pick<SummarizeResult, "scenarios" | "total" | "files">): string | null {
  const missing = r.total - r.scenarios;
  if (missing <= 0) return null;
  return (
    `${formatCount(missing)} of the sweep's ${plural(r.total, "scenario")} ${missing === 1 ? "is" : "are"} missing ` +
    `(read ${formatCount(r.scenarios)} from ${plural(r.files.length, "file")}); each group is summarised over the rows present`
  );
}

/**
 * `vmotion-sim summarize DIR... [--out FILE]`: the whole sweep's summary.json rebuilt from any set
 * of its Parquet result files (the shards of `sweep --shard K/N`, gathered from wherever they ran).
 * Without `--out` the JSON goes to stdout (and a line on stderr when scenarios are missing); with
 * it, FILE is written whole and the group table is printed. An existing FILE is replaced only
 * with --force; a folder is refused.
 */
export function summarizeCommand(): Command {
  return new Command("summarize")
    .description("rebuild summary.json from the Parquet result files of a sweep (its shards, in any folders)")
    .argument("<paths...>", "folders (searched for results*.parquet) or result files")
    .option("--out <file>", "write summary.json here (default: the JSON on stdout)")
    .option("--force", "replace an existing --out file")
    .action(async (paths: string[], opts: { out?: string; force?: boolean }) => {
      // Checked before any result file is read.
      if (opts.out !== undefined) checkSummaryOut(opts.out, opts.force === true);
      const { summarizeResults } = await import("../../sweep/summarize.js");
      const r = await summarizeResults(paths);
      const note = missingWords(r);
      if (opts.out === undefined) {
        process.stdout.write(r.json);
        // The JSON alone would not say that shards are missing.
        if (note !== null) process.stderr.write(`vmotion-sim: summarize: ${note}\n`);
        return;
      }
      // Not even --force replaces a results file being summarised with its summary.
      if (r.files.some((f) => resolve(f) === resolve(opts.out as string)))
        throw new InputError(
          "conflict",
          "--out",
          `${quote(opts.out)} is one of the result files read: name another file`,
          opts.out,
        );
      writeSummaryFile(opts.out, r.json, opts.force === true);
      out(summaryTable(r.summary));
      out(
        `wrote ${opts.out}: ${formatCount(r.scenarios)} of ${plural(r.total, "scenario")} from ${plural(r.files.length, "file")}` +
          (note !== null
            ? ` (${formatCount(r.total - r.scenarios)} missing; each group is summarised over the rows present)`
            : ""),
      );
    });
}
