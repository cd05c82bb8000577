import { InputError, badValue } from "../errors.js";
import { readCsv } from "../input/csv.js";
import { parseYamlText } from "../input/document.js";
import { cliFlagName, type FieldNamer } from "../input/fields.js";
import type { RawInput } from "../input/parse.js";
import { parseNumber } from "../units/parse.js";

/**
 * An evacuation inventory: one VM per row, as a CSV with a header or as YAML (a list of
 * mappings, or a mapping with a `vms` list). Columns / keys:
 *
 * | column | required | meaning |
 * |---|---|---|
 * | `name` | yes | unique VM name |
 * | `memory` | yes | size with unit, e.g. `64GiB` |
 * | `dirtyRate` (`dirty-rate`, `dirty_rate`) | yes | rate with unit, e.g. `300MiB/s` |
 * | `wss` | no | writable working set, e.g. `8GiB` |
 * | `vcpus` | no | vCPU count (default 4) |
 * | `priority` | no | number, default 0: higher priorities start first under every strategy |
 *
 * Example CSV: `name,memory,dirtyRate\ndb01,64GiB,300MiB/s`. This module only reads the rows;
 * values are validated when each VM's scenario is built, with errors naming the row and the
 * column (see {@link inventoryFieldNamer}).
 */
export interface InventoryRow {
  readonly name: string;
  /** Where the row is, for error messages: `line 3` (CSV) or `item 2` (YAML). */
  readonly where: string;
  /** The VM keys in scenario-input form (`memory`, `dirtyRate`, `wss`, `vcpus`). */
  readonly input: RawInput;
  readonly priority: number;
}

/** The scenario keys an inventory row may set. */
export const INVENTORY_VM_KEYS = ["memory", "dirtyRate", "wss", "vcpus"] as const;
const COLUMNS = ["name", ...INVENTORY_VM_KEYS, "priority"] as const;
const REQUIRED = ["name", "memory", "dirtyRate"] as const;

/** `dirty-rate`, `dirty_rate`, `DirtyRate` -> `dirtyRate`. */
function columnKey(raw: string): string {
  const k = raw.trim().replace(/[-_\s]+(\w)/g, (_m, c: string) => c.toUpperCase());
  const lower = k.toLowerCase();
  return COLUMNS.find((c) => c.toLowerCase() === lower) ?? k;
}

/**
 * Errors inside a row name the file, the row and the column:
 * `inventory.csv line 3 (db01) memory: expected a size like 64GiB (got "64 apples")`.
 * Keys that are not inventory columns (path and policy flags) keep their CLI flag names.
 */
export function inventoryFieldNamer(file: string, row: InventoryRow): FieldNamer {
  return (key) =>
    (INVENTORY_VM_KEYS as readonly string[]).includes(key)
      ? `${file} ${row.where} (${row.name}) ${key}`
      : cliFlagName(key);
}

function cellRow(file: string, where: string, cells: Readonly<Record<string, unknown>>): InventoryRow {
  for (const key of Object.keys(cells)) {
    if (!(COLUMNS as readonly string[]).includes(key))
      throw new InputError(
        "unknown-field",
        `${file} ${where} ${key}`,
        `is not an inventory column (known: ${COLUMNS.join(", ")})`,
      );
  }
  const present = (k: string): boolean => cells[k] !== undefined && cells[k] !== null && cells[k] !== "";
  const label = present("name") ? `${where} (${String(cells.name)})` : where;
  for (const k of REQUIRED)
    if (!present(k)) throw new InputError("missing-value", `${file} ${label} ${k}`, "is required");
  const name = String(cells.name).trim();
  // A line break or tab in a name would break every table and chart label it is printed in.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name))
    throw badValue(`${file} ${where} name`, "a name without control characters (line breaks, tabs)", name);
  const input: Record<string, unknown> = {};
  for (const k of INVENTORY_VM_KEYS) if (present(k)) input[k] = cells[k];
  const priority = present("priority")
    ? parseNumber(cells.priority, `${file} ${label} priority`, {
        min: -1e6,
        max: 1e6,
        what: "a number from -1e6 to 1e6, like 1",
      })
    : 0;
  return { name, where, input, priority };
}

function parseCsv(text: string, file: string): InventoryRow[] {
  const [head, ...body] = readCsv(text, file);
  if (head === undefined) throw new InputError("bad-file", file, "is empty: expected a CSV header and rows");
  const header = head.cells.map(columnKey);
  for (const k of REQUIRED)
    if (!header.includes(k))
      throw new InputError(
        "bad-file",
        `${file} line ${head.line}`,
        `the header must name the columns ${REQUIRED.join(", ")} (got ${JSON.stringify(head.cells.join(","))})`,
      );
  return body.map(({ cells, line }) => {
    const where = `line ${line}`;
    if (cells.length !== header.length)
      throw badValue(`${file} ${where}`, `${header.length} cells (${header.join(",")})`, cells.join(","));
    const rec: Record<string, unknown> = {};
    header.forEach((k, j) => (rec[k] = cells[j]));
    return cellRow(file, where, rec);
  });
}

function parseYamlInventory(text: string, file: string): InventoryRow[] {
  // The shared YAML boundary: syntax errors at file:line:col, alias and nesting limits as for
  // sweep and report files (it used to be the yaml library's own parse and messages).
  const doc = parseYamlText(text, file);
  if (typeof doc === "object" && doc !== null && !Array.isArray(doc))
    for (const key of Object.keys(doc))
      if (key !== "vms")
        throw new InputError(
          "unknown-field",
          `${file} ${key}`,
          "is not an inventory key: a YAML inventory is a list of VMs or a mapping with one key, vms (the path and policy are flags: --bandwidth, --preset, --policy, ...)",
        );
  const list = Array.isArray(doc)
    ? doc
    : typeof doc === "object" && doc !== null && Array.isArray((doc as { vms?: unknown }).vms)
      ? ((doc as { vms: unknown[] }).vms as unknown[])
      : null;
  if (list === null)
    throw new InputError("bad-file", file, "expected a list of VMs (or a mapping with a vms list)");
  return list.map((item, k) => {
    const where = `item ${k + 1}`;
    if (typeof item !== "object" || item === null || Array.isArray(item))
      throw badValue(
        `${file} ${where}`,
        "a mapping like {name: db01, memory: 64GiB, dirtyRate: 300MiB/s}",
        item,
      );
    const rec: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(item as Record<string, unknown>)) rec[columnKey(k)] = v;
    return cellRow(file, where, rec);
  });
}

/**
 * Read an inventory's rows from text. YAML when the file name ends in `.yaml`/`.yml` or the text
 * does not look like CSV; CSV otherwise. Names must be unique; at least one row.
 */
export function parseInventory(text: string, file: string): InventoryRow[] {
  const yaml =
    /\.ya?ml$/i.test(file) ||
    /^\s*(-|vms\s*:)/m.test(text.split("\n").find((l) => l.trim() && !l.trim().startsWith("#")) ?? "");
  const rows = yaml ? parseYamlInventory(text, file) : parseCsv(text, file);
  if (rows.length === 0) throw new InputError("bad-file", file, "lists no VMs");
  const seen = new Map<string, string>();
  for (const r of rows) {
    const first = seen.get(r.name);
    if (first !== undefined)
      throw new InputError(
        "bad-value",
        `${file} ${r.where} name`,
        `duplicates ${JSON.stringify(r.name)} (first at ${first})`,
      );
    seen.set(r.name, r.where);
  }
  return rows;
}
