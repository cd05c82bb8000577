/**
 * Golden specs: each builder's output for the fixed inputs in fixtures.ts, compared as JSON text
 * with the files in test/golden/charts/. Specs, not pixels (style.md point 13). The JSON is
 * formatted with the project's prettier config so `prettier --check` accepts the golden files.
 *
 * To accept an intended change, regenerate and review the diff:
 *
 *   UPDATE_GOLDEN=1 npx vitest run test/charts/golden.test.ts
 *   git diff test/golden/charts
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { format, resolveConfig } from "prettier";
import { describe, expect, it } from "vitest";
import { allSpecs } from "./fixtures.js";

const GOLDEN_DIR = join(import.meta.dirname, "..", "golden", "charts");
const update = process.env.UPDATE_GOLDEN === "1";

describe("chart specs match their golden files", () => {
  for (const [name, spec] of Object.entries(allSpecs())) {
    it(`${name} equals test/golden/charts/${name}.vl.json`, async () => {
      const path = join(GOLDEN_DIR, `${name}.vl.json`);
      const options = (await resolveConfig(path)) ?? {};
      const actual = await format(JSON.stringify(spec), { ...options, parser: "json" });
      if (update) {
        mkdirSync(GOLDEN_DIR, { recursive: true });
        writeFileSync(path, actual);
      }
      expect(existsSync(path), `${path} missing: run with UPDATE_GOLDEN=1`).toBe(true);
      expect(actual).toBe(readFileSync(path, "utf8"));
    });
  }
});
