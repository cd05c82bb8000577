import { InputError } from "../errors.js";

/**
 * Resource limits for YAML (and JSON) documents read from users, checked so that a hostile file
 * is answered with one line instead of exhausting memory or the stack:
 *
 * - aliases: at most {@link MAX_YAML_ALIASES} alias expansions (yaml's `maxAliasCount`; a
 *   "billion laughs" file needs millions);
 * - nesting: at most {@link MAX_YAML_DEPTH} levels, estimated from the text before parsing
 *   (flow brackets, indentation, compact `- - -` items: the yaml parser itself runs out of memory
 *   on ~10^5 levels) and measured exactly on the parsed value.
 *
 * [assumption] Our sweep and report files nest about 6 levels and use no aliases; the limits are
 * generous for hand-written files.
 */
export const MAX_YAML_ALIASES = 1000;
export const MAX_YAML_DEPTH = 64;
/** Leading spaces a line may have (block nesting needs at least one per level). */
const MAX_INDENT = 4 * MAX_YAML_DEPTH;

const tooDeep = (label: string, line: number): InputError =>
  new InputError(
    "bad-file",
    `${label}:${line}`,
    `nests deeper than ${MAX_YAML_DEPTH} levels (the most an input file may have)`,
  );

/** Refuse text whose nesting is evidently above the limit, before the parser sees it. */
export function checkYamlNesting(text: string, label: string): void {
  let flow = 0;
  let line = 1;
  let inDouble = false;
  let atLineStart = true;
  let indent = 0;
  let dashes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      atLineStart = true;
      indent = 0;
      dashes = 0;
      continue;
    }
    if (inDouble) {
      if (c === 92)
        i++; // backslash escape
      else if (c === 34) inDouble = false;
      continue;
    }
    if (atLineStart) {
      if (c === 32) {
        if (++indent > MAX_INDENT) throw tooDeep(label, line);
        continue;
      }
      if ((c === 45 || c === 63) && text.charCodeAt(i + 1) === 32) {
        // "- " or "? ": one more level on the same line
        if (++dashes > MAX_YAML_DEPTH) throw tooDeep(label, line);
        i++;
        continue;
      }
      atLineStart = false;
    }
    if (c === 35) {
      // a comment runs to the end of the line
      while (i + 1 < text.length && text.charCodeAt(i + 1) !== 10) i++;
    } else if (c === 34) inDouble = true;
    else if (c === 91 || c === 123) {
      if (++flow > MAX_YAML_DEPTH) throw tooDeep(label, line);
    } else if ((c === 93 || c === 125) && flow > 0) flow--;
  }
}

/** The nesting depth of plain data (iterative: safe on any depth), or Infinity above `limit`. */
export function depthOf(value: unknown, limit = MAX_YAML_DEPTH): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [unknown, number];
    if (typeof v !== "object" || v === null || seen.has(v)) continue;
    seen.add(v);
    if (d + 1 > limit) return Infinity;
    if (d + 1 > max) max = d + 1;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}
