import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { ValidateFunction } from "ajv";
import type { Ajv2020 } from "ajv/dist/2020.js";

/**
 * JSON Schema validators for user files (sweep and report files), Node only: the one precompiled
 * by `npm run build` when it matches the schema, else ajv at run time. Moved out of
 * `src/input/document.ts` so that `src/input` stays environment-neutral (the explore page bundles
 * it for the browser).
 */

/** The options every validator is compiled with, at run time or at build time. */
export const AJV_OPTIONS = { allErrors: true, strict: false } as const;

/** A short hash of a schema: a precompiled validator is used only for the schema it was made from. */
export function schemaHash(schema: object): string {
  return createHash("sha256").update(JSON.stringify(schema)).digest("hex").slice(0, 16);
}

/**
 * The validator `npm run build` precompiled for `name` (`dist/validators/NAME.cjs`, ajv's
 * standalone code, see src/cli/precompile.ts), or null when there is none or it was made from
 * another schema. Compiling the sweep schema costs ~55 ms a run; loading the precompiled code ~2 ms.
 */
function precompiled(name: string, schema: object): ValidateFunction | null {
  const path = fileURLToPath(new URL(`../../validators/${name}.cjs`, import.meta.url));
  if (!existsSync(path)) return null;
  const mod = createRequire(import.meta.url)(path) as { default?: ValidateFunction; schemaHash?: string };
  return mod.schemaHash === schemaHash(schema) && mod.default !== undefined ? mod.default : null;
}

/**
 * Compile `schema` with ajv at run time: ajv (~80 files, ~60 ms to load) is required only here,
 * when no precompiled validator matches, so a built package never loads it.
 */
function compileNow(schema: object): ValidateFunction {
  const ajv = createRequire(import.meta.url)("ajv/dist/2020.js") as { Ajv2020: typeof Ajv2020 };
  return new ajv.Ajv2020(AJV_OPTIONS).compile(schema);
}

/** A JSON Schema (draft 2020-12) validator: precompiled at build time, else compiled on first use. */
export function lazyValidator(schema: object, name: string): () => ValidateFunction {
  let compiled: ValidateFunction | null = null;
  return () => (compiled ??= precompiled(name, schema) ?? compileNow(schema));
}
