import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { parseInput } from "../../src/input/parse.js";
import { evacuationSetup } from "../../src/plan/evacuation-setup.js";
import { parseInventory } from "../../src/plan/inventory.js";
import { maxConcurrentVmotions, vcenterCostLimits } from "../../src/plan/concurrency.js";

function inputError(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("expected an InputError");
}

describe("parseInventory", () => {
  it("parseInventory(csv) reads rows with units, optional columns and dashed headers", () => {
    const rows = parseInventory(
      "name,memory,dirty-rate,wss,priority\ndb01,64GiB,300MiB/s,8GiB,2\nweb01,8GiB,40MiB/s,,\n",
      "inv.csv",
    );
    expect(rows).toEqual([
      {
        name: "db01",
        where: "line 2",
        input: { memory: "64GiB", dirtyRate: "300MiB/s", wss: "8GiB" },
        priority: 2,
      },
      { name: "web01", where: "line 3", input: { memory: "8GiB", dirtyRate: "40MiB/s" }, priority: 0 },
    ]);
  });

  // The bug: the hand-written reader split lines on "," and rejected a quoted name holding a
  // comma, although the evacuate CSV writer quotes names exactly so.
  it('parseInventory(csv) reads quoted cells: "db,01" and "say ""hi""" (RFC 4180)', () => {
    const rows = parseInventory(
      'name,memory,dirtyRate\r\n"db,01",64GiB,300MiB/s\r\n"say ""hi""", 8GiB ,10MiB/s\r\n',
      "inv.csv",
    );
    expect(rows.map((r) => [r.name, r.where, r.input.memory])).toEqual([
      ["db,01", "line 2", "64GiB"],
      ['say "hi"', "line 3", "8GiB"],
    ]);
  });

  it("parseInventory(csv) names the file and line of an unclosed quote and of a short row", () => {
    expect(
      inputError(() => parseInventory('name,memory,dirtyRate\n"db01,64GiB,1MiB/s\n', "inv.csv")).code,
    ).toBe("bad-file");
    expect(
      inputError(() => parseInventory("name,memory,dirtyRate\n# c\ndb01,64GiB\n", "inv.csv")).field,
    ).toBe("inv.csv line 3");
  });

  it("parseInventory(yaml) reads a list or a mapping with vms", () => {
    const a = parseInventory("- {name: db01, memory: 64GiB, dirtyRate: 300MiB/s}\n", "inv.yaml");
    const b = parseInventory("vms:\n  - {name: db01, memory: 64GiB, dirtyRate: 300MiB/s}\n", "inv.yml");
    expect(a).toEqual(b.map((r) => ({ ...r })));
    expect(a[0]?.input).toEqual({ memory: "64GiB", dirtyRate: "300MiB/s" });
  });

  it("names the row and the column of a missing value, an unknown column and a duplicate", () => {
    expect(
      inputError(() => parseInventory("name,memory,dirtyRate\ndb01,,300MiB/s\n", "inv.csv")),
    ).toMatchObject({
      code: "missing-value",
      field: "inv.csv line 2 (db01) memory",
    });
    expect(
      inputError(() => parseInventory("name,memory,dirtyRate,color\ndb01,1GiB,1MiB/s,red\n", "inv.csv")),
    ).toMatchObject({ code: "unknown-field", field: "inv.csv line 2 color" });
    expect(
      inputError(() => parseInventory("name,memory,dirtyRate\na,1GiB,1MiB/s\na,2GiB,1MiB/s\n", "inv.csv")),
    ).toMatchObject({
      field: "inv.csv line 3 name",
    });
    expect(inputError(() => parseInventory("name,memory\na,1GiB\n", "inv.csv")).code).toBe("bad-file");
  });

  it("evacuationSetup names the row and column of a bad value", () => {
    const rows = parseInventory(
      "name,memory,dirtyRate\ndb01,64GiB,300MiB/s\ndb02,64 apples,300MiB/s\n",
      "inv.csv",
    );
    const e = inputError(() => evacuationSetup(rows, "inv.csv", parseInput({ bandwidth: "10Gbit/s" }), null));
    expect(e.code).toBe("bad-value");
    expect(e.field).toBe("inv.csv line 3 (db02) memory");
  });

  it("evacuationSetup refuses --concurrent and takes vCenter's limit from the link class", () => {
    const rows = parseInventory("name,memory,dirtyRate\ndb01,64GiB,300MiB/s\n", "inv.csv");
    expect(
      inputError(() =>
        evacuationSetup(rows, "i", parseInput({ bandwidth: "10Gbit/s", concurrent: "2" }), null),
      ).field,
    ).toBe("--concurrent");
    expect(evacuationSetup(rows, "i", parseInput({ bandwidth: "940Mbit/s" }), null).maxConcurrent).toBe(4);
    expect(evacuationSetup(rows, "i", parseInput({ preset: "same-l2" }), null)).toMatchObject({
      maxConcurrent: 8,
    });
  });
});

describe("vcenter concurrency", () => {
  it("maxConcurrentVmotions: 4 on 1 GbE (network), 8 on 10 GbE, 8 before ESXi 6.0 too", () => {
    // vSphere docs "Limits on Simultaneous Migrations", KB 326281: network 4 / 8, host 16 at cost 2 (8 at cost 1 before 6.0), datastore 128.
    expect(maxConcurrentVmotions(vcenterCostLimits(1e9 / 8))).toEqual({ limit: 4, binding: "network" });
    expect(maxConcurrentVmotions(vcenterCostLimits(10e9 / 8))).toEqual({ limit: 8, binding: "network" });
    expect(maxConcurrentVmotions(vcenterCostLimits(100e9 / 8, false)).limit).toBe(8);
  });
});

describe("parseInventory(yaml) at the boundary", () => {
  const vm = "{ name: a, memory: 1GiB, dirtyRate: 1MiB/s }";

  it("refuses a key beside vms, which was silently ignored (bandwidth: 1Gbit/s did nothing)", () => {
    const e = inputError(() => parseInventory(`vms:\n  - ${vm}\nbandwidth: 1Gbit/s\n`, "inv.yaml"));
    expect(e.code).toBe("unknown-field");
    expect(e.field).toBe("inv.yaml bandwidth");
    expect(e.message).toContain("the path and policy are flags");
  });

  it("refuses a name with a line break or tab, which broke the per-VM table", () => {
    const e = inputError(() =>
      parseInventory('vms:\n  - { name: "a\\nb", memory: 1GiB, dirtyRate: 1MiB/s }\n', "inv.yaml"),
    );
    expect(e.field).toBe("inv.yaml item 1 name");
    expect(e.message).toContain("without control characters");
    expect(
      inputError(() => parseInventory('name,memory,dirtyRate\n"a\tb",1GiB,1MiB/s\n', "i.csv")).field,
    ).toBe("i.csv line 2 name");
  });

  it("reads YAML through the shared boundary: position, limits and no library advice", () => {
    expect(inputError(() => parseInventory(`vms:\n  - { name: a, name: b }\n`, "inv.yaml")).field).toBe(
      "inv.yaml:2:16",
    );
    const two = inputError(() => parseInventory(`vms:\n  - ${vm}\n---\nvms: []\n`, "inv.yaml"));
    expect(two.field).toBe("inv.yaml:3:1");
    expect(two.message).toContain(
      "not valid YAML or JSON: holds more than one document (a second ---): expected one",
    );
    // Nesting past 64 levels was "Maximum call stack size exceeded" (at 5,000).
    const deep = `vms:\n  - { name: a, memory: 1GiB, dirtyRate: 1MiB/s, wss: ${"[".repeat(5000)}${"]".repeat(5000)} }\n`;
    expect(inputError(() => parseInventory(deep, "inv.yaml")).message).toMatch(/nests deeper than 64 levels/);
  });
});
