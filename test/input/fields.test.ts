import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { addFieldOptions } from "../../src/cli/field-options.js";
import {
  FIELDS,
  FIELD_KEYS,
  PART_KEYS,
  SCENARIO_PARTS,
  cliFlagName,
  fieldOf,
} from "../../src/input/fields.js";
import { SWEEP_SCHEMA } from "../../src/sweep/schema.js";

describe("FIELDS (the field table)", () => {
  it("has one row per key, and each row's flag is its key in kebab case", () => {
    expect(new Set(FIELD_KEYS).size).toBe(FIELDS.length);
    for (const f of FIELDS) expect(f.flag.split(" ")[0]).toBe(cliFlagName(f.key));
  });

  it("names a distinct output column and a noun for every row", () => {
    expect(new Set(FIELDS.map((f) => f.column)).size).toBe(FIELDS.length);
    for (const f of FIELDS) expect(f.noun.length).toBeGreaterThan(0);
  });

  it("fieldOf(key) returns the row, undefined for an unknown key", () => {
    expect(fieldOf("dirtyRate")?.column).toBe("dirtyRateBytesPerSec");
    expect(fieldOf("dirtyrate")).toBeUndefined();
  });

  it("PART_KEYS puts every key in its own part, and the vm keys in dirty and costs too", () => {
    for (const f of FIELDS) expect(PART_KEYS[f.part]).toContain(f.key);
    for (const k of PART_KEYS.vm) {
      expect(PART_KEYS.dirty).toContain(k);
      expect(PART_KEYS.costs).toContain(k);
    }
    expect(Object.keys(PART_KEYS)).toEqual([...SCENARIO_PARTS]);
  });
});

describe("generated from the table", () => {
  it("addFieldOptions(cmd) adds one commander option per row, with the row's help text", () => {
    const cmd = addFieldOptions(new Command("x"));
    expect(cmd.options.map((o) => o.flags)).toEqual(FIELDS.map((f) => f.flag));
    expect(cmd.options.map((o) => o.description)).toEqual(FIELDS.map((f) => f.description));
    expect(cmd.options.map((o) => o.attributeName())).toEqual([...FIELD_KEYS]);
  });

  it("addFieldOptions(cmd, keys, describe) keeps table order and replaces a help text", () => {
    const cmd = addFieldOptions(new Command("x"), ["preset", "bandwidth"], { bandwidth: "shared" });
    expect(cmd.options.map((o) => [o.flags, o.description])).toEqual([
      ["--bandwidth <rate>", "shared"],
      ["--preset <name>", fieldOf("preset")?.description],
    ]);
  });

  it("the sweep schema's base has exactly the table's keys, each with the row's description", () => {
    const props = SWEEP_SCHEMA.properties.base.properties as Record<string, { description: string }>;
    expect(Object.keys(props)).toEqual([...FIELD_KEYS]);
    for (const f of FIELDS) expect(props[f.key]?.description).toBe(f.description);
  });
});
