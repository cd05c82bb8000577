import { FIELDS, type CanonicalInput } from "../input/fields.js";
import type { RawInput } from "../input/parse.js";
import { hasPath, planOf } from "../input/path.js";
import type { MigrationResult } from "../model/types.js";
import { describePlanChange } from "../network/index.js";
import { throughputChangeWords, timeChangeWords } from "../report/findings/change.js";
import { MODEL_KEYS, PAGE_FIELDS, type FormValues } from "./inputs.js";

/**
 * The pinned scenario against the current one, in words, the way `compare` words a column against
 * its first: what changed, then what it did ("dirty rate 400MiB/s -> 800MiB/s: same throughput,
 * 62 % longer"). Inputs are named by their page labels and shown as typed ("default" when not
 * given); a path change adds compare's path words in brackets ("preset same-l2 -> wan (+6 hops,
 * MTU 1500, 2500 km, loss 1e-5)").
 */
export interface Side {
  readonly values: FormValues;
  readonly raw: RawInput;
  readonly input: CanonicalInput;
}

const shown = (v: unknown): string =>
  v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? "default" : String(v).trim();

export function inputChanges(pinned: Side, current: Side): string[] {
  const out: string[] = [];
  if (shown(pinned.values[MODEL_KEYS.network]) !== shown(current.values[MODEL_KEYS.network]))
    out.push(
      `network ${shown(pinned.values[MODEL_KEYS.network])} -> ${shown(current.values[MODEL_KEYS.network])}`,
    );
  let lastPathChange = -1;
  for (const f of FIELDS) {
    const a = pinned.raw[f.key];
    const b = current.raw[f.key];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    const label = (PAGE_FIELDS.find((p) => p.key === f.key)?.label ?? f.noun).toLowerCase();
    if (f.part === "transport") lastPathChange = out.length;
    if (f.dimension === "curve")
      out.push(`${label} ${a === undefined ? "pasted" : b === undefined ? "removed" : "changed"}`);
    else if (f.dimension === "bool") out.push(`${label} ${b === true ? "on" : "off"}`);
    else out.push(`${label} ${shown(a)} -> ${shown(b)}`);
  }
  if (hasPath(pinned.input) && hasPath(current.input)) {
    const path = describePlanChange(planOf(pinned.input), planOf(current.input));
    if (path.length > 0 && lastPathChange >= 0) out[lastPathChange] += ` (${path.join(", ")})`;
  }
  return out;
}

/** One sentence: the changes, then throughput and time against the pinned result. */
export function changeSentence(
  changes: readonly string[],
  pinned: MigrationResult,
  current: MigrationResult,
): string {
  const what = changes.length > 0 ? changes.join(", ") : "nothing changed";
  const ratio = current.throughputBytesPerSec / pinned.throughputBytesPerSec;
  return `${what}: ${throughputChangeWords(ratio)}, ${timeChangeWords(pinned, current)}`;
}
