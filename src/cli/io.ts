import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fsInputError } from "../files/fs-error.js";
import type { OutputDir } from "../files/output-dir.js";
import { readInputFile } from "../files/read-input.js";
import { Interrupted, settleSignals, stoppedBy } from "./signals.js";

/**
 * Read a user-named file as text (gunzipping gzip), or throw an InputError naming the field:
 * regular files only, size-capped (`src/files/read-input.ts`).
 */
export function readUserFile(path: string, field: string, kind: "document" | "log" = "document"): string {
  return readInputFile(path, field, kind);
}

/**
 * Write a command's files (name -> content) into its output folder and swap it in, with a manifest
 * naming them (`src/files/output-dir.ts`). When a stop signal arrived, nothing is written: the
 * folder keeps an earlier run or holds only an `interrupted` manifest, and {@link Interrupted} is
 * thrown.
 */
export async function writeOutputFiles(
  dir: OutputDir,
  files: ReadonlyMap<string, string | Uint8Array>,
  manifest: { readonly command: string; readonly source: string | null },
): Promise<void> {
  await settleSignals();
  const names = [...files.keys()].sort((a, b) => a.localeCompare(b));
  const sig = stoppedBy();
  try {
    if (sig === null)
      for (const name of names) writeFileSync(join(dir.tmp, name), files.get(name) as string | Uint8Array);
  } catch (err) {
    dir.discard();
    throw fsInputError(err, "--out", "write into", dir.target);
  }
  const kept = dir.commit({
    ...manifest,
    status: sig === null ? "complete" : "interrupted",
    files: sig === null ? names : [],
  });
  if (sig !== null)
    throw new Interrupted(
      sig,
      `interrupted by ${sig}: ${kept === "previous" ? `${dir.target} still holds the previous run` : "no results were kept"}`,
    );
}

/** Write one line (or block) to stdout. */
export function out(text: string): void {
  process.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
}
