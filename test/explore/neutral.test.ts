import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * The core runs in the browser too (the explore page bundles it): no module below these folders
 * imports a Node built-in. Files, processes and clocks stay in src/cli and src/files.
 */
const SRC = fileURLToPath(new URL("../../src/", import.meta.url));
const NEUTRAL = ["model", "network", "charts", "units", "input", "explore"];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

describe("environment-neutral core", () => {
  it(`src/{${NEUTRAL.join(",")}} import no Node built-in (node:*, fs, path, ...)`, () => {
    const offenders: string[] = [];
    for (const dir of NEUTRAL)
      for (const file of sources(join(SRC, dir))) {
        const text = readFileSync(file, "utf8");
        const imports = text.matchAll(/\b(?:from|import)\s*\(?\s*"([^"]+)"/g);
        for (const m of imports) {
          const spec = m[1] ?? "";
          if (/^node:|^(fs|path|os|url|crypto|module|child_process|worker_threads|zlib)(\/|$)/.test(spec))
            offenders.push(`${relative(SRC, file)}: ${spec}`);
        }
      }
    expect(offenders).toEqual([]);
  });
});
