import { cliFlagName, type ScenarioInput } from "../input/scenario.js";
import type { MigrationResult } from "../model/types.js";
import { describePlanChange, planFromInput } from "../network/index.js";
import { throughputChangeWords, timeChangeWords } from "../report/findings/change.js";
import { MODEL_KEYS, PAGE_FIELDS, type FormValues } from "./inputs.js";

/**
 * The pinned scenario against the current one, in words, the way `compare` words a column against
 * its first: what changed, then what it did ("dirty rate 400MiB/s -> 800MiB/s: same throughput,
 * 62 % longer"). Inputs are named by their page labels and shown as typed ("default" when empty);
 * a path change adds compare's path words in brackets ("preset same-l2 -> wan (+6 hops, MTU 1500,
 * 2500 km, loss 1e-5)").
 */
export function inputChanges(
  pinned: FormValues,
  current: FormValues,
  pinnedInput: ScenarioInput,
  input: ScenarioInput,
): string[] {
  const shown = (v: string | undefined): string =>
    v === undefined || v.trim() === "" ? "default" : v.trim();
  const out: string[] = [];
  const models: [string, string][] = [
    [MODEL_KEYS.dirty, "dirtying model"],
    [MODEL_KEYS.network, "network"],
  ];
  for (const [key, label] of models)
    if (shown(pinned[key]) !== shown(current[key]))
      out.push(`${label} ${shown(pinned[key])} -> ${shown(current[key])}`);
  let lastPathChange = -1;
  for (const f of PAGE_FIELDS) {
    const a = pinnedInput[f.key];
    const b = input[f.key];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    const label = f.label.toLowerCase();
    if (f.group === "path") lastPathChange = out.length;
    if (f.kind === "curve") out.push(`${label} changed`);
    else if (f.kind === "flag") out.push(`${label} ${b === true ? "on" : "off"}`);
    else
      out.push(
        `${label} ${a === undefined ? "default" : String(a)} -> ${b === undefined ? "default" : String(b)}`,
      );
  }
  const planA = planFromInput(pinnedInput, cliFlagName);
  const planB = planFromInput(input, cliFlagName);
  if (planA !== null && planB !== null) {
    const path = describePlanChange(planA, planB);
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
