import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv } from "ajv";
import ajvFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { allSpecs } from "./fixtures.js";

// The Vega-Lite JSON schema shipped with the installed vega-lite (draft-07). strict: false because
// the schema uses keywords ajv's strict mode rejects; allowUnionTypes for its `type: [...]` unions.
const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve("vega-lite/vega-lite-schema.json"), "utf8")) as object;
const ajv = new Ajv({ strict: false, allowUnionTypes: true, allErrors: true });
// ajv-formats is CommonJS: under NodeNext its default import is module.exports, whose `default` is the plugin.
ajvFormats.default(ajv); // the "uri" and "uri-reference" formats used by the schema
// Vega-Lite's own "color-hex" format (a colour like #0072B2), which ajv-formats does not know:
// without it ajv prints "unknown format "color-hex" ignored in schema" and checks nothing.
ajv.addFormat("color-hex", /^#(?:[0-9a-fA-F]{3}){1,2}$/);
const validate = ajv.compile(schema);

describe("every chart spec validates against the Vega-Lite schema", () => {
  it('the schema\'s "color-hex" format is checked, not ignored', () => {
    expect(ajv.validate({ type: "string", format: "color-hex" }, "#0072B2")).toBe(true);
    expect(ajv.validate({ type: "string", format: "color-hex" }, "blue-ish")).toBe(false);
  });

  for (const [name, spec] of Object.entries(allSpecs())) {
    it(`${name} is a valid Vega-Lite spec`, () => {
      const ok = validate(JSON.parse(JSON.stringify(spec)));
      expect(validate.errors ?? [], name).toEqual([]);
      expect(ok).toBe(true);
    });
  }

  // The example report's charts, which draw both buffer-sizing readings (diamonds, a second map).
  const example = new URL("../../reports/routed-vmotion/", import.meta.url);
  for (const file of readdirSync(example).filter((f) => f.endsWith(".vl.json"))) {
    it(`the example report's ${file} is a valid Vega-Lite spec`, () => {
      const ok = validate(JSON.parse(readFileSync(new URL(file, example), "utf8")));
      expect(validate.errors ?? [], file).toEqual([]);
      expect(ok).toBe(true);
    });
  }

  it("the validator rejects a spec with an unknown mark (so the checks above can fail)", () => {
    expect(validate({ mark: "sparkle", data: { values: [] } })).toBe(false);
  });
});
