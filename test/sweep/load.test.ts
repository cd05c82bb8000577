import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { FIELD_KEYS } from "../../src/input/fields.js";
import { SWEEP_SCHEMA, loadSweepFile, planSweep } from "../../src/sweep/index.js";
import { normalShareBelowZero } from "../../src/sweep/plan.js";

/** The InputError thrown by `f`, or a failure. */
function inputError(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("expected an InputError");
}

const plan = (text: string): unknown => planSweep(loadSweepFile({ text, label: "t.yaml" }));

const BASE = "base: { memory: 16GiB, bandwidth: 10Gbit/s }\n";

describe("loadSweepFile(text) reports the location of structural errors", () => {
  it("names the line and column of a YAML syntax error", () => {
    const e = inputError(() => plan(`${BASE}axes: [ { key: dirtyRate, values: [1MiB/s }\n`));
    expect(e.code).toBe("bad-file");
    expect(e.field).toMatch(/^t\.yaml:\d+:\d+$/);
  });

  it("names an unknown field by its path", () => {
    const e = inputError(() => plan(`${BASE}axes:\n  - { key: dirtyRate, values: [1MiB/s], colour: red }\n`));
    expect(e.code).toBe("unknown-field");
    expect(e.field).toBe("axes[0].colour");
  });

  it("names an unknown base field", () => {
    const e = inputError(() =>
      plan("base: { memory: 16GiB, dirtyrate: 1MiB/s }\naxes: [{ key: rtt, values: [1ms] }]\n"),
    );
    expect(e.field).toBe("base.dirtyrate");
  });

  it("rejects an empty axis", () => {
    const e = inputError(() => plan(`${BASE}axes:\n  - { key: dirtyRate, values: [] }\n`));
    expect(e.field).toBe("axes[0].values");
    expect(e.message).toMatch(/must not be empty/);
  });

  it("rejects an unknown axis key with the accepted keys", () => {
    const e = inputError(() => plan(`${BASE}axes:\n  - { key: speed, values: [1] }\n`));
    expect(e.field).toBe("axes[0].key");
    expect(e.message).toMatch(/expected one of memory/);
  });

  it("rejects an axis with two kinds of values", () => {
    const e = inputError(() =>
      plan(`${BASE}axes:\n  - { key: rtt, values: [1ms], range: { from: 1ms, to: 2ms, count: 2 } }\n`),
    );
    expect(e.field).toBe("axes[0]");
  });
});

describe("planSweep(file) validates every value through buildScenario", () => {
  it("names the list value with a wrong unit", () => {
    const e = inputError(() =>
      plan(
        `${BASE}axes:\n  - { key: rtt, values: [1ms] }\n  - { key: dirtyRate, values: [1MiB/s, 2MiB/s, 3MiB/s, fast] }\n`,
      ),
    );
    expect(e.field).toBe("axes[1].values[3]");
    expect(e.message).toBe('axes[1].values[3]: expected a rate like 10Gbit/s or 400MiB/s (got "fast")');
  });

  it("names a zipped member value", () => {
    const e = inputError(() =>
      plan(
        `base: { bandwidth: 10Gbit/s }\naxes:\n  - zip:\n      - { key: memory, values: [8GiB, 16GiB] }\n      - { key: dirtyRate, values: [1MiB/s, 2 apples] }\n`,
      ),
    );
    expect(e.field).toBe("axes[0].zip[1].values[1]");
  });

  it("rejects zipped members of different lengths", () => {
    const e = inputError(() =>
      plan(
        `${BASE}axes:\n  - zip:\n      - { key: dirtyRate, values: [1MiB/s, 2MiB/s] }\n      - { key: rtt, values: [1ms] }\n`,
      ),
    );
    expect(e.code).toBe("conflict");
    expect(e.field).toBe("axes[0].zip[1]");
  });

  it("names a bad row field of a rows axis", () => {
    const e = inputError(() =>
      plan(
        `base: { bandwidth: 10Gbit/s, dirtyRate: 1MiB/s }\naxes:\n  - rows:\n      - { label: a, memory: 8GiB }\n      - { label: b, memory: lots }\n`,
      ),
    );
    expect(e.field).toBe("axes[0].rows[1].memory");
  });

  it("names a bad range end", () => {
    const e = inputError(() =>
      plan(`${BASE}axes:\n  - { key: dirtyRate, range: { from: 1MiB/s, to: 5 apples, count: 3 } }\n`),
    );
    expect(e.field).toBe("axes[0].range.to");
  });

  it("rejects a log range through zero", () => {
    const e = inputError(() =>
      plan(
        `${BASE}axes:\n  - { key: dirtyRate, range: { from: 0MiB/s, to: 5MiB/s, count: 3, scale: log } }\n`,
      ),
    );
    expect(e.field).toBe("axes[0].range.from");
  });

  it("rejects a missing required field, naming it in base", () => {
    const e = inputError(() => plan("base: { bandwidth: 10Gbit/s }\naxes: [{ key: rtt, values: [1ms] }]\n"));
    expect(e.code).toBe("missing-value");
    expect(e.field).toBe("base.memory (missing)");
  });

  it("rejects the same field on two axes", () => {
    const e = inputError(() =>
      plan(`${BASE}axes:\n  - { key: rtt, values: [1ms] }\n  - { key: rtt, values: [2ms] }\n`),
    );
    expect(e.field).toBe("axes[1]");
  });

  it.each([
    ["{ kind: uniform, min: 5MiB/s, max: 1MiB/s }", "axes[0].distribution.max"],
    ["{ kind: normal, mean: 5MiB/s, stdev: 0MiB/s }", "axes[0].distribution.stdev"],
    ["{ kind: lognormal, median: 5MiB/s, sigma: -1 }", "axes[0].distribution.sigma"],
    ["{ kind: triangular, min: 1MiB/s, mode: 9MiB/s, max: 5MiB/s }", "axes[0].distribution.mode"],
    ["{ kind: uniform, min: 1MiB/s }", "axes[0].distribution.max"],
    ["{ kind: normal, mean: 5MiB/s, stdev: 1MiB/s, mode: 2MiB/s }", "axes[0].distribution.mode"],
    ["{ kind: uniform, min: 1 apple, max: 5MiB/s }", "axes[0].distribution.min"],
  ])("rejects the impossible distribution %s at %s", (dist, field) => {
    const e = inputError(() =>
      plan(`${BASE}axes:\n  - { key: dirtyRate, distribution: ${dist} }\nsamples: 10\n`),
    );
    expect(e.field).toBe(field);
  });

  it("rejects a distribution whose support leaves the field's range", () => {
    const e = inputError(() =>
      plan(
        `base: { memory: 16GiB, dirtyRate: 1MiB/s }\naxes:\n  - { key: bandwidth, distribution: { kind: uniform, min: 0Gbit/s, max: 10Gbit/s } }\nsamples: 10\n`,
      ),
    );
    expect(e.field).toMatch(/^axes\[0\]\.distribution/);
    expect(e.message).toMatch(/above zero \(got 0\)/);
  });

  it("refuses a normal that would pile more than one draw in a million at zero unasked, naming the share", () => {
    // Phi(-10 / 100) = 0.460: the old clip at zero made 46 % of the draws 0 B/s.
    const e = inputError(() =>
      plan(
        `${BASE}axes:\n  - { key: dirtyRate, distribution: { kind: normal, mean: 10MiB/s, stdev: 100MiB/s } }\nsamples: 10\n`,
      ),
    );
    expect(e.field).toBe("axes[0].distribution.stdev");
    expect(e.message).toContain(
      "normal with mean 10 MiB/s and stdev 100 MiB/s draws below zero (46 % of draws): give min (min: 0 keeps those draws at zero, on purpose)",
    );
    // min: 0 asks for the pile-up; 5 SD above zero (2.9e-7 below it) needs nothing.
    for (const ok of ["mean: 10MiB/s, stdev: 100MiB/s, min: 0", "mean: 10MiB/s, stdev: 2MiB/s"])
      expect(() =>
        plan(`${BASE}axes:\n  - { key: dirtyRate, distribution: { kind: normal, ${ok} } }\nsamples: 10\n`),
      ).not.toThrow();
  });

  it("normalShareBelowZero(mean, stdev) is Phi(-mean / stdev) to 1.2e-7 relative", () => {
    // Phi(-1) = 0.158655254, Phi(-5) = 2.8665157e-7 (Abramowitz and Stegun, table 26.1).
    expect(Math.abs(normalShareBelowZero(1, 1) / 0.158655254 - 1)).toBeLessThan(1.2e-7);
    expect(Math.abs(normalShareBelowZero(5, 1) / 2.8665157e-7 - 1)).toBeLessThan(1.2e-7);
    expect(Math.abs(normalShareBelowZero(0, 1) / 0.5 - 1)).toBeLessThan(1.2e-7);
  });

  it("refuses two rows with one label, and a label or axis name with a control character", () => {
    const rows = (a: string, b: string): string =>
      `${BASE}axes:\n  - { name: vm, rows: [{ label: ${a}, memory: 1GiB, dirtyRate: 1MiB/s }, { label: ${b}, memory: 2GiB, dirtyRate: 1MiB/s }] }\n`;
    const dup = inputError(() => plan(rows("a", "a")));
    expect(dup.field).toBe("axes[0].rows[1].label");
    expect(dup.message).toContain('duplicates "a" (axes[0].rows[0].label)');
    expect(inputError(() => plan(rows("a", '"b\\nc"'))).field).toBe("axes[0].rows[1].label");
    expect(
      inputError(() => plan(`${BASE}axes:\n  - { name: "x\\ty", key: rtt, values: [1ms] }\n`)).field,
    ).toBe("axes[0].name");
    expect(() => plan(rows("a", "b"))).not.toThrow();
  });

  it("refuses a value an axis gives twice, written or made by a range (two groups of one label)", () => {
    const axis = (a: string): string =>
      `base: { memory: 16GiB, bandwidth: 10Gbit/s, dirtyRate: 1MiB/s }\naxes:\n  - ${a}\n`;
    const listed = inputError(() => plan(axis("{ key: rtt, values: [1ms, 2ms, 1ms] }")));
    expect(listed.field).toBe("axes[0].values[2]");
    expect(listed.message).toContain("repeats 1ms (as axes[0].values[0]): give each value once");
    // Canonically equal, written differently.
    expect(inputError(() => plan(axis("{ key: rtt, values: [1ms, 1000us] }"))).field).toBe(
      "axes[0].values[1]",
    );
    // from = to, and whole numbers rounding together (1, 1.75 -> 2, 2.5 -> 3, 3.25 -> 3, 4).
    expect(
      inputError(() => plan(axis("{ key: rtt, range: { from: 1ms, to: 1ms, count: 3 } }"))).field,
    ).toMatch(/^axes\[0\]\.range \(value 2 of 3/);
    expect(
      inputError(() => plan(axis("{ key: vcpus, range: { from: 1, to: 4, count: 5 } }"))).message,
    ).toContain("repeats 3");
    // A zip repeats only when the whole tuple does; rows may repeat values under two labels.
    expect(() =>
      plan(axis("{ zip: [{ key: rtt, values: [1ms, 1ms] }, { key: switchoverGoal, values: [1s, 2s] }] }")),
    ).not.toThrow();
    expect(() =>
      plan(axis("{ name: vm, rows: [{ label: a, memory: 1GiB }, { label: b, memory: 1GiB }] }")),
    ).not.toThrow();
  });

  it("refuses a range of one value whose to differs from its from (the to was dropped unsaid)", () => {
    const r = (range: string): unknown =>
      plan(
        `base: { memory: 16GiB, bandwidth: 10Gbit/s, dirtyRate: 1MiB/s }\naxes:\n  - { key: rtt, range: ${range} }\n`,
      );
    const e = inputError(() => r("{ from: 1ms, to: 2ms, count: 1 }"));
    expect(e.field).toBe("axes[0].range.count");
    expect(e.message).toContain("2 or more for a range whose to differs from its from");
    expect(() => r("{ from: 1ms, to: 1ms, count: 1 }")).not.toThrow();
  });

  it("names an axis listed twice in summary.by in words (was ajv's 'items ## 1 and 0 are identical')", () => {
    const e = inputError(() =>
      plan(`${BASE}axes:\n  - { key: rtt, values: [1ms, 2ms] }\nsummary: { by: [rtt, rtt] }\n`),
    );
    expect(e.field).toBe("summary.by");
    expect(e.message).toBe('summary.by: lists "rtt" twice (items 0 and 1): give each once');
  });

  it("requires samples with a distribution and refuses them without one", () => {
    expect(
      inputError(() =>
        plan(
          `${BASE}axes:\n  - { key: dirtyRate, distribution: { kind: uniform, min: 1MiB/s, max: 2MiB/s } }\n`,
        ),
      ).field,
    ).toBe("samples");
    expect(inputError(() => plan(`${BASE}axes:\n  - { key: rtt, values: [1ms] }\nsamples: 3\n`)).field).toBe(
      "samples",
    );
  });
});

describe("the shipped schema", () => {
  it("schema/sweep.schema.json is SWEEP_SCHEMA written out", () => {
    const file: unknown = JSON.parse(
      readFileSync(new URL("../../schema/sweep.schema.json", import.meta.url), "utf8"),
    );
    expect(file).toEqual(JSON.parse(JSON.stringify(SWEEP_SCHEMA)));
  });

  it("has a base property and an axis key for every row of the field table", () => {
    const base = SWEEP_SCHEMA.properties.base.properties;
    for (const k of FIELD_KEYS) expect(Object.keys(base)).toContain(k);
    expect(Object.keys(base)).toHaveLength(FIELD_KEYS.length);
  });

  it("accepts every example sweep file in reports/sweeps", () => {
    for (const f of ["l2-vs-routed-vs-wan", "wan-rtt", "vm-inventory", "monte-carlo-dirty-rate"]) {
      const p = planSweep(loadSweepFile(new URL(`../../reports/sweeps/${f}.yaml`, import.meta.url).pathname));
      expect(p.total).toBeGreaterThan(0);
    }
  });
});

describe("loadSweepFile and YAML warnings", () => {
  it("an unresolved tag is one error line of ours, not the yaml library's warning block", () => {
    const err = (() => {
      try {
        loadSweepFile({ text: "base: { memory: !foo 4GiB }\naxes: []\n", label: "s.yaml" });
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(err?.message).toBe("s.yaml:1:17: ambiguous YAML (write it plainly): Unresolved tag: !foo");
  });
});
