import { describe, expect, it } from "vitest";
import { toJson } from "../../src/cli/json.js";
import { runCli } from "./run-cli.js";

describe("toJson(value)", () => {
  it("toJson rounds byte counts to whole bytes, by key, and leaves other numbers", () => {
    expect(
      JSON.parse(toJson({ switchoverBytes: 2.5, rttSec: 0.0003, iterations: [{ bytes: 6.27 }] })),
    ).toEqual({
      switchoverBytes: 3,
      rttSec: 0.0003,
      iterations: [{ bytes: 6 }],
    });
  });

  // The bug: estimate --json printed an iteration's `bytes` as 6030063316.273062 beside its
  // `dirtiedBytes` 6030063316 (the same number, the key not ending in "Bytes").
  it("estimate --json gives every iteration's bytes as whole bytes, equal to the previous one's dirtiedBytes", () => {
    const r = runCli([
      "estimate",
      "--memory",
      "64GiB",
      "--dirty-rate",
      "400MiB/s",
      "--bandwidth",
      "10Gbit/s",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const its = (JSON.parse(r.stdout) as { iterations: { bytes: number; dirtiedBytes: number }[] })
      .iterations;
    expect(its.length).toBeGreaterThan(2);
    for (let k = 1; k < its.length; k++) {
      expect(Number.isInteger(its[k]?.bytes)).toBe(true);
      expect(its[k]?.bytes).toBe(its[k - 1]?.dirtiedBytes);
    }
  });
});
