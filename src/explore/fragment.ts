import { MODEL_KEYS, PAGE_FIELDS, type FormValues } from "./inputs.js";

/**
 * The page's whole state in the URL fragment, so a link reopens the same scenario:
 * `#memory=64GiB&dirtyRate=400MiB%2Fs&preset=wan` (URLSearchParams encoding), the pinned scenario
 * under a `pin.` prefix. Keys come in the page's field order; empty values are left out; unknown
 * keys in a fragment are ignored (a link from a newer page still opens).
 */
export interface PageState {
  readonly values: FormValues;
  /** The pinned scenario shown side by side, or null. */
  readonly pinned: FormValues | null;
}

const KEYS: readonly string[] = [MODEL_KEYS.dirty, MODEL_KEYS.network, ...PAGE_FIELDS.map((f) => f.key)];
const PIN = "pin.";

function append(params: URLSearchParams, values: FormValues, prefix: string): void {
  for (const k of KEYS) {
    const v = values[k];
    if (v !== undefined && v !== "") params.append(`${prefix}${k}`, v);
  }
}

/** State -> fragment text, without the leading `#`. */
export function encodeFragment(state: PageState): string {
  const params = new URLSearchParams();
  append(params, state.values, "");
  if (state.pinned !== null) {
    params.append("pinned", "1");
    append(params, state.pinned, PIN);
  }
  return params.toString();
}

/** Fragment text (with or without `#`) -> state; null when it holds no known key. */
export function decodeFragment(fragment: string): PageState | null {
  const params = new URLSearchParams(fragment.replace(/^#/, ""));
  const values: Record<string, string> = {};
  const pinned: Record<string, string> = {};
  let known = false;
  for (const [k, v] of params) {
    if (KEYS.includes(k)) values[k] = v;
    else if (k.startsWith(PIN) && KEYS.includes(k.slice(PIN.length))) pinned[k.slice(PIN.length)] = v;
    else continue;
    known = true;
  }
  if (!known) return null;
  return { values, pinned: params.get("pinned") === "1" ? pinned : null };
}
