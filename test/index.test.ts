import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";

describe("src/index.ts (the public API)", () => {
  it("lists its names explicitly: no export * lines", () => {
    const text = readFileSync(new URL("../src/index.ts", import.meta.url), "utf8");
    expect(text.split("\n").filter((l) => /^export (type )?\*/.test(l))).toEqual([]);
  });

  it("exports the boundary and the core, not the Parquet writer's internals", () => {
    for (const n of ["parseInput", "buildScenario", "scenarioFromInput", "FIELDS", "simulate", "planSweep"])
      expect(api, n).toHaveProperty(n);
    for (const n of ["ParquetFileWriter", "RowGroupEncoder", "encodeHybrid", "serializeFileMetaData"])
      expect(api, n).not.toHaveProperty(n);
  });
});
