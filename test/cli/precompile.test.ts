import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { afterAll, describe, expect, it } from "vitest";
import { VALIDATORS, validatorModule } from "../../src/cli/precompile.js";
import { AJV_OPTIONS, schemaHash } from "../../src/files/schema-validator.js";
import { SWEEP_SCHEMA } from "../../src/sweep/schema.js";

// Inside the package (dist/ is build output), so the generated code finds ajv's runtime helpers.
const root = mkdtempSync(join(fileURLToPath(new URL("../../dist/", import.meta.url)), "precompile-test-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const require = createRequire(import.meta.url);

function load(name: string, schema: object): ValidateFunction & { schemaHash?: string } {
  const path = join(root, `${name}.cjs`);
  writeFileSync(path, validatorModule(schema));
  const mod = require(path) as { default: ValidateFunction; schemaHash: string };
  return Object.assign(mod.default, { schemaHash: mod.schemaHash });
}

const DOCS: unknown[] = [
  { base: { memory: "64GiB" }, axes: [{ key: "dirtyRate", values: ["1MiB/s", "2MiB/s"] }] },
  { base: {}, axes: [{ key: "dirtyRate", values: [1], bogus: 3 }] },
  { axes: [] },
  {
    base: { memory: "64GiB" },
    axes: [{ key: "rtt", range: { from: "1ms", to: "5ms", count: 0 } }],
    samples: -1,
  },
  { base: { memory: 5 }, axes: [{ zip: [{ key: "memory" }] }], seed: "x" },
  "not an object",
];

describe("validatorModule(schema)", () => {
  it("gives the same verdicts and errors as the validator compiled at run time", () => {
    const pre = load("sweep", SWEEP_SCHEMA);
    const runtime = new Ajv2020(AJV_OPTIONS).compile(SWEEP_SCHEMA);
    for (const doc of DOCS) {
      expect(pre(doc), JSON.stringify(doc)).toBe(runtime(doc));
      expect(pre.errors ?? null).toEqual(runtime.errors ?? null);
    }
    expect(DOCS.filter((d) => runtime(d)).length).toBe(1); // only the first is valid
  });

  it("records the hash of its schema, which changes with the schema", () => {
    expect(load("sweep2", SWEEP_SCHEMA).schemaHash).toBe(schemaHash(SWEEP_SCHEMA));
    expect(schemaHash({ ...SWEEP_SCHEMA, title: "other" })).not.toBe(schemaHash(SWEEP_SCHEMA));
  });
});

describe("npm run build", () => {
  it("writes dist/validators/NAME.cjs for every file schema, made from the current schema", () => {
    for (const [name, schema] of Object.entries(VALIDATORS)) {
      const path = fileURLToPath(new URL(`../../dist/validators/${name}.cjs`, import.meta.url));
      expect(existsSync(path), path).toBe(true);
      expect((require(path) as { schemaHash: string }).schemaHash).toBe(schemaHash(schema));
    }
  });
});
