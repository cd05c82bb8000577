import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import standalone from "ajv/dist/standalone/index.js";
import { AJV_OPTIONS, schemaHash } from "../files/schema-validator.js";
import { REPORT_SCHEMA } from "../report/schema.js";
import { SWEEP_SCHEMA } from "../sweep/schema.js";

/**
 * Build step (`npm run build` runs it after tsc): each file schema's validator as ajv standalone
 * code (ajv.js.org "Standalone validation code"), CommonJS so it loads synchronously, with the
 * hash of the schema it was made from; `lazyValidator` uses it only while the hash matches.
 */
export function validatorModule(schema: object): string {
  const ajv = new Ajv2020({ ...AJV_OPTIONS, code: { source: true } });
  const code = standalone.default(ajv, ajv.compile(schema));
  return `${code}\nmodule.exports.schemaHash = ${JSON.stringify(schemaHash(schema))};\n`;
}

export const VALIDATORS: Readonly<Record<string, object>> = { sweep: SWEEP_SCHEMA, report: REPORT_SCHEMA };

function main(): void {
  // dist/src/cli/precompile.js -> dist/validators/
  const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "validators");
  mkdirSync(dir, { recursive: true });
  for (const [name, schema] of Object.entries(VALIDATORS)) {
    const path = join(dir, `${name}.cjs`);
    writeFileSync(`${path}.tmp`, validatorModule(schema));
    renameSync(`${path}.tmp`, path);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
