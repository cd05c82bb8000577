import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, type FileMetaData } from "hyparquet";
import { InputError } from "../errors.js";
import { OUTCOMES } from "../model/types.js";
import { checkSweepData } from "./load.js";
import { planSweep } from "./plan.js";
import { SWEEP_METADATA_KEY, type ResultsMetadata } from "./shard.js";
import { SummaryAccumulator, type SweepSummary } from "./summary.js";

/**
 * `summarize DIR...`: the whole sweep's `summary.json` rebuilt from any set of its result files
 * (shards of one sweep, or an unsharded run), equal to the one a single-machine run writes when
 * the files cover every scenario.
 *
 * Each results file names its sweep in its Parquet key-value metadata (`vmotion-sim.sweep`: the
 * sweep file as checked, the seed, and the file's scenario range, see `shard.ts`), so the sweep
 * is planned again from the files alone. The files are read in scenario order, and the outcome,
 * total time and stun columns of every row go through the same {@link SummaryAccumulator} as a
 * run's rows; a group whose rows are missing is summarised over the rows present.
 */

/** Folders are searched this deep for result files: `DIR/shard=K/results-K-of-N.parquet` is 1. */
const MAX_DEPTH = 3;

/** The result files (`results*.parquet`) among `paths`: files as given, folders searched. */
export function findResultFiles(paths: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory() && depth < MAX_DEPTH && !name.startsWith(".")) walk(p, depth + 1);
      else if (st.isFile() && /^results.*\.parquet$/.test(name)) found.push(p);
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new InputError("bad-file", p, "no such file or folder", p);
    }
    if (st.isDirectory()) walk(p, 0);
    else if (st.isFile() && p.endsWith(".parquet")) found.push(p);
    else throw new InputError("bad-file", p, "expected a folder or a .parquet results file", p);
  }
  if (found.length === 0)
    throw new InputError(
      "bad-file",
      paths.join(" "),
      "no results*.parquet files found (sweep --format parquet writes them)",
    );
  return [...new Set(found)];
}

interface ResultsFile {
  readonly path: string;
  readonly meta: ResultsMetadata;
  readonly footer: FileMetaData;
}

/** The sweep metadata of one results file. */
async function readResultsFile(path: string): Promise<ResultsFile> {
  let footer: FileMetaData;
  try {
    footer = await parquetMetadataAsync(await asyncBufferFromFile(path));
  } catch (err) {
    throw new InputError("bad-file", path, `not a readable Parquet file (${(err as Error).message})`);
  }
  const kv = footer.key_value_metadata?.find((k) => k.key === SWEEP_METADATA_KEY);
  let meta: ResultsMetadata | null = null;
  try {
    meta = kv?.value !== undefined ? (JSON.parse(kv.value) as ResultsMetadata) : null;
  } catch {
    meta = null;
  }
  if (meta === null || typeof meta.first !== "number" || typeof meta.end !== "number")
    throw new InputError(
      "bad-file",
      path,
      `has no ${SWEEP_METADATA_KEY} metadata: not written by vmotion-sim sweep (or by a version before summarize)`,
    );
  if (Number(footer.num_rows) !== meta.end - meta.first)
    throw new InputError(
      "bad-file",
      path,
      `holds ${footer.num_rows} rows, its metadata says scenarios ${meta.first}..${meta.end - 1}`,
    );
  return { path, meta, footer };
}

/** The result files of one sweep in scenario order; an error when they mix sweeps or overlap. */
async function sweepFiles(paths: readonly string[]): Promise<ResultsFile[]> {
  const files = await Promise.all(findResultFiles(paths).map(readResultsFile));
  const key = (f: ResultsFile): string => JSON.stringify([f.meta.sweep, f.meta.seed, f.meta.total]);
  const first = files[0] as ResultsFile;
  for (const f of files)
    if (key(f) !== key(first))
      throw new InputError(
        "conflict",
        f.path,
        `comes from another sweep (or seed) than ${first.path}: summarize the files of one sweep`,
      );
  files.sort((a, b) => a.meta.first - b.meta.first);
  for (let i = 1; i < files.length; i++) {
    const a = files[i - 1] as ResultsFile;
    const b = files[i] as ResultsFile;
    if (b.meta.first < a.meta.end)
      throw new InputError(
        "conflict",
        b.path,
        `scenarios ${b.meta.first}..${Math.min(a.meta.end, b.meta.end) - 1} are also in ${a.path}: give each shard once`,
      );
  }
  return files;
}

export interface SummarizeResult {
  readonly summary: SweepSummary;
  /** The `summary.json` text. */
  readonly json: string;
  readonly files: readonly string[];
  /** Scenarios found, and of the whole sweep. */
  readonly scenarios: number;
  readonly total: number;
}

/** Read `paths` (folders or results files of one sweep) and summarise their rows. */
export async function summarizeResults(paths: readonly string[]): Promise<SummarizeResult> {
  const files = await sweepFiles(paths);
  const meta = (files[0] as ResultsFile).meta;
  const plan = planSweep(checkSweepData(meta.sweep), { seed: meta.seed });
  if (plan.total !== meta.total)
    throw new InputError(
      "bad-file",
      (files[0] as ResultsFile).path,
      `its sweep plans ${plan.total} scenarios here, ${meta.total} where it ran (another vmotion-sim version?)`,
    );
  const acc = new SummaryAccumulator(plan);
  const names = plan.columns.map((c) => c.name);
  const wanted = ["index", "outcome", "totalTimeSec", "downtimeSec"];
  let scenarios = 0;
  for (const f of files) {
    const file = await asyncBufferFromFile(f.path);
    let rowStart = 0;
    for (const g of f.footer.row_groups) {
      const rows = Number(g.num_rows);
      const cols: Float64Array[] = names.map(() => new Float64Array(0));
      for (const name of wanted) cols[names.indexOf(name)] = new Float64Array(rows);
      await parquetRead({
        file,
        metadata: f.footer,
        columns: wanted,
        rowStart,
        rowEnd: rowStart + rows,
        onComplete: (data: unknown[][]) => {
          const index = cols[names.indexOf("index")] as Float64Array;
          const outcome = cols[names.indexOf("outcome")] as Float64Array;
          const total = cols[names.indexOf("totalTimeSec")] as Float64Array;
          const stun = cols[names.indexOf("downtimeSec")] as Float64Array;
          data.forEach((row, r) => {
            index[r] = Number(row[0]);
            outcome[r] = OUTCOMES.indexOf(row[1] as (typeof OUTCOMES)[number]);
            total[r] = row[2] === null ? NaN : Number(row[2]);
            stun[r] = row[3] === null ? NaN : Number(row[3]);
          });
        },
      });
      const index = cols[names.indexOf("index")] as Float64Array;
      const expected = f.meta.first + rowStart;
      if (rows > 0 && (index[0] !== expected || index[rows - 1] !== expected + rows - 1))
        throw new InputError(
          "bad-file",
          f.path,
          `rows ${rowStart}..${rowStart + rows - 1} are not scenarios ${expected}..${expected + rows - 1}`,
        );
      acc.addAt(expected, rows, cols);
      rowStart += rows;
      scenarios += rows;
    }
  }
  const { summary, json } = acc.finishWithJson();
  return { summary, json, files: files.map((f) => f.path), scenarios, total: meta.total };
}
