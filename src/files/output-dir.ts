import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, rmdirSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { InputError, quote } from "../errors.js";
import { writeFileAtomic } from "./atomic-write.js";
import { fsInputError } from "./fs-error.js";

/**
 * Output folders owned by the run that writes them (`sweep`, `report`, `evacuate --out`,
 * `explore`). The rules, also in the README:
 *
 * 1. A run writes into a fresh sibling folder `.<name>.vmotion-sim-incomplete-<pid>` and, when it
 *    is done, swaps it in with two renames; partial files therefore never sit among finished
 *    outputs, and a folder holds one run's files and its `manifest.json`.
 * 2. It replaces only a folder this tool wrote (its `manifest.json` says `"tool": "vmotion-sim"`,
 *    or is a sweep manifest from before that field), an empty folder, or nothing. Any other
 *    non-empty folder, a file, or a folder of ours with files its manifest does not list, is
 *    refused with one line (exit 2) unless `force`; even then no file the manifest does not list
 *    is deleted or overwritten: the new files are moved in beside them (not atomically).
 * 3. A run that is interrupted or fails leaves a folder holding a complete earlier run untouched;
 *    otherwise it leaves a folder holding only its manifest (status `interrupted` or `failed`).
 * 4. A `SIGKILL` can leave at most the incomplete sibling (or `.<name>.vmotion-sim-replaced-<pid>`,
 *    the previous run mid-swap); the next run into that folder removes it, or puts the previous run
 *    back when the folder itself is missing.
 */

/** The manifest marker: what makes a folder ours. */
export const MANIFEST_FILE = "manifest.json";
export const TOOL_NAME = "vmotion-sim";
const INCOMPLETE = "vmotion-sim-incomplete";
const REPLACED = "vmotion-sim-replaced";
/** A manifest larger than this is not one of ours. */
const MAX_MANIFEST_BYTES = 4 << 20;

export type RunStatus = "complete" | "interrupted" | "failed";

/** What a command records about its run; `files` are the names it wrote (manifest.json excluded). */
export interface OutputManifest {
  readonly command: string;
  readonly status: RunStatus;
  readonly files: readonly string[];
  readonly [key: string]: unknown;
}

export interface OutputDirOptions {
  /** The flag or field named in errors. Default `--out`. */
  readonly field?: string;
  /** Write into a non-empty folder that is not ours, keeping its files (rule 2). */
  readonly force?: boolean;
}

/** A plain file name (no folder part): the only names a manifest may make us delete. */
const plainName = (n: unknown): n is string =>
  typeof n === "string" && n !== "" && n !== "." && n !== ".." && !/[/\\\0]/.test(n);

/** The files a manifest in `dir` says this tool wrote there (itself included), or null when it is not ours. */
export function ownedFiles(dir: string): Set<string> | null {
  let m: unknown;
  try {
    const path = join(dir, MANIFEST_FILE);
    const st = lstatSync(path);
    if (!st.isFile() || st.size > MAX_MANIFEST_BYTES) return null;
    m = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return null;
  }
  if (typeof m !== "object" || m === null) return null;
  const r = m as Record<string, unknown>;
  const legacySweep = typeof r.status === "string" && typeof r.planned === "number";
  if (r.tool !== TOOL_NAME && !legacySweep) return null;
  const files = Array.isArray(r.files) ? r.files.filter(plainName) : [];
  return new Set([...files, MANIFEST_FILE]);
}

/** A process id that is still running (or not ours to signal). */
function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

interface Inspection {
  readonly exists: boolean;
  /** Files of an earlier run (listed by its manifest, manifest included). */
  readonly owned: ReadonlySet<string>;
  /** Everything else in the folder. */
  readonly foreign: readonly string[];
  /** The folder holds a complete earlier run. */
  readonly previousRun: boolean;
}

function isMissing(err: unknown): boolean {
  return (err as NodeJS.ErrnoException).code === "ENOENT";
}

function inspect(target: string, field: string, shown = target): Inspection {
  let st;
  try {
    st = lstatSync(target);
  } catch (err) {
    if (isMissing(err)) return { exists: false, owned: new Set(), foreign: [], previousRun: false };
    throw fsInputError(err, field, "use", shown);
  }
  if (st.isSymbolicLink())
    throw new InputError("bad-value", field, `${quote(shown)} is a symbolic link: name a folder`, target);
  if (!st.isDirectory())
    throw new InputError(
      "bad-value",
      field,
      `${quote(shown)} is an existing file, not a folder: name a new or empty folder`,
      target,
    );
  let names: string[];
  try {
    names = readdirSync(target);
  } catch (err) {
    throw fsInputError(err, field, "list", shown);
  }
  const owned = ownedFiles(target) ?? new Set<string>();
  const foreign = names.filter((n) => !owned.has(n)).sort();
  let previousRun = false;
  if (owned.size > 0) {
    try {
      const m = JSON.parse(readFileSync(join(target, MANIFEST_FILE), "utf8")) as { status?: unknown };
      previousRun = m.status === "complete";
    } catch {
      previousRun = false;
    }
  }
  return { exists: true, owned: new Set([...owned].filter((n) => names.includes(n))), foreign, previousRun };
}

function refuseForeign(
  target: string,
  field: string,
  foreign: readonly string[],
  owned: boolean,
): InputError {
  const shown =
    foreign.slice(0, 3).join(", ") + (foreign.length > 3 ? `, ... (${foreign.length} in all)` : "");
  return new InputError(
    "conflict",
    field,
    `${quote(target)} holds ${owned ? "files its manifest.json does not list" : "files not written by vmotion-sim"} (${shown}): name a new or empty folder, or add --force to write beside them (they are kept)`,
    target,
  );
}

/**
 * Create `dir` and any missing parents one level at a time (mkdir's `recursive` loops forever on
 * some pseudo file systems such as /proc).
 */
function makeParents(dir: string, field: string): void {
  const missing: string[] = [];
  let d = dir;
  for (;;) {
    try {
      const st = lstatSync(d);
      if (!st.isDirectory() && !st.isSymbolicLink())
        throw new InputError("bad-value", field, `${quote(d)} is a file, not a folder`, d);
      break;
    } catch (err) {
      if (err instanceof InputError) throw err;
      if (!isMissing(err)) throw fsInputError(err, field, "use", d);
    }
    missing.push(d);
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  for (const m of missing.reverse()) {
    try {
      mkdirSync(m);
    } catch (err) {
      throw fsInputError(err, field, "create", m);
    }
  }
}

/** Folders open right now: removed on a second signal before the process exits (signals.ts). */
const openDirs = new Set<OutputDir>();

/** Remove the temporary folder of every output folder still open (synchronous; for exit paths). */
export function discardOpenOutputDirs(): void {
  for (const d of [...openDirs]) d.discard();
}

/** One run's output folder; see the rules above. Write files into {@link tmp}, then {@link commit}. */
export class OutputDir {
  /** The folder named by the user, resolved. */
  readonly target: string;
  /** Where this run writes its files. */
  readonly tmp: string;
  private readonly field: string;
  /** The folder as the user wrote it, for messages. */
  private readonly shown: string;
  private readonly force: boolean;
  private done = false;
  /** True when the target held a complete earlier run at start. */
  readonly previousRun: boolean;

  private constructor(target: string, opts: OutputDirOptions) {
    this.field = opts.field ?? "--out";
    this.shown = target;
    this.force = opts.force === true;
    this.target = resolve(target);
    const parent = dirname(this.target);
    const name = basename(this.target);
    makeParents(parent, this.field);
    this.cleanStale(parent, name);
    const state = inspect(this.target, this.field, target);
    if (state.foreign.length > 0 && !this.force)
      throw refuseForeign(target, this.field, state.foreign, state.owned.size > 0);
    this.previousRun = state.previousRun;
    this.tmp = join(parent, `.${name}.${INCOMPLETE}-${process.pid}`);
    rmSync(this.tmp, { recursive: true, force: true });
    try {
      mkdirSync(this.tmp);
    } catch (err) {
      throw fsInputError(err, this.field, "write into", parent);
    }
    openDirs.add(this);
  }

  /** Check `target`, clean stale siblings of earlier killed runs, create the temporary folder. */
  static open(target: string, opts: OutputDirOptions = {}): OutputDir {
    if (target.trim() === "")
      throw new InputError("bad-value", opts.field ?? "--out", 'expected a folder (got "")', target);
    return new OutputDir(target, opts);
  }

  /** Siblings left by killed runs (rule 4). */
  private cleanStale(parent: string, name: string): void {
    let names: string[];
    try {
      names = readdirSync(parent);
    } catch {
      return;
    }
    const re = new RegExp(
      `^\\.${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.(${INCOMPLETE}|${REPLACED})-(\\d+)$`,
    );
    for (const n of names) {
      const m = re.exec(n);
      if (m === null || alive(Number(m[2]))) continue;
      const path = join(parent, n);
      if (m[1] === REPLACED && !exists(this.target)) renameSync(path, this.target);
      else rmSync(path, { recursive: true, force: true });
    }
  }

  /**
   * Finish the run: write the manifest and swap the folder in (rules 1-3). Returns `previous` when an
   * interrupted or failed run left a complete earlier run in place instead.
   */
  commit(manifest: OutputManifest): "new" | "previous" {
    if (this.done) throw new Error("output folder already committed or discarded");
    const bad = manifest.files.find((f) => !plainName(f) || f === MANIFEST_FILE);
    if (bad !== undefined)
      throw new Error(`output file name ${JSON.stringify(bad)} is not a plain file name`);
    const state = inspect(this.target, this.field, this.shown);
    if (manifest.status !== "complete" && state.previousRun) {
      this.discard();
      return "previous";
    }
    try {
      // Only the files the manifest lists leave the temporary folder (an interrupted run lists none).
      const keep = new Set(manifest.files);
      for (const n of readdirSync(this.tmp))
        if (!keep.has(n)) rmSync(join(this.tmp, n), { recursive: true, force: true });
      writeFileAtomic(
        join(this.tmp, MANIFEST_FILE),
        `${JSON.stringify({ tool: TOOL_NAME, ...manifest }, null, 2)}\n`,
      );
      if (state.foreign.length === 0) this.swap(state);
      else this.moveBeside(state, manifest.files);
    } catch (err) {
      this.discard();
      throw fsInputError(err, this.field, "write into", this.shown);
    }
    this.done = true;
    openDirs.delete(this);
    return "new";
  }

  /** No foreign files: two renames, then the earlier run's files go. */
  private swap(state: Inspection): void {
    if (!state.exists) {
      renameSync(this.tmp, this.target);
      return;
    }
    const old = join(dirname(this.target), `.${basename(this.target)}.${REPLACED}-${process.pid}`);
    renameSync(this.target, old);
    renameSync(this.tmp, this.target);
    for (const n of state.owned) rmSync(join(old, n), { recursive: true, force: true });
    try {
      rmdirSync(old);
    } catch {
      // Someone added a file meanwhile: it stays in the sibling, which is not ours to delete.
    }
  }

  /** With --force beside foreign files: the earlier run's files go, the new ones move in, manifest last. */
  private moveBeside(state: Inspection, files: readonly string[]): void {
    const clash = files.filter((f) => state.foreign.includes(f));
    if (clash.length > 0)
      throw new InputError(
        "conflict",
        this.field,
        `${quote(this.shown)} already holds ${clash.slice(0, 3).join(", ")}, not written by vmotion-sim: move it away (--force never overwrites such files)`,
        this.target,
      );
    if (state.owned.has(MANIFEST_FILE)) rmSync(join(this.target, MANIFEST_FILE), { force: true });
    for (const n of state.owned) rmSync(join(this.target, n), { recursive: true, force: true });
    for (const f of files) renameSync(join(this.tmp, f), join(this.target, f));
    renameSync(join(this.tmp, MANIFEST_FILE), join(this.target, MANIFEST_FILE));
    rmSync(this.tmp, { recursive: true, force: true });
  }

  /** Drop everything this run wrote; the target is untouched. */
  discard(): void {
    if (this.done) return;
    this.done = true;
    openDirs.delete(this);
    rmSync(this.tmp, { recursive: true, force: true });
  }
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
