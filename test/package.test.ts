import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/**
 * `npm install` runs without npm's `install-scripts` warning (issue 17): every locked package with
 * an install script is approved by `allowScripts` in package.json (npm 11.16+ warns about the
 * others, npm 12 skips their scripts). Keys are `name` or `name@version`, as `npm install-scripts
 * approve` writes them.
 */
const read = (p: string): unknown => JSON.parse(readFileSync(new URL(`../${p}`, import.meta.url), "utf8"));

describe("package.json allowScripts", () => {
  it("approves every locked package that has an install script", () => {
    const pkg = read("package.json") as { allowScripts?: Record<string, boolean> };
    const lock = read("package-lock.json") as {
      packages: Record<string, { version?: string; hasInstallScript?: boolean }>;
    };
    const withScripts = Object.entries(lock.packages)
      .filter(([path, p]) => path !== "" && p.hasInstallScript === true)
      .map(([path, p]) => ({ name: path.replace(/^.*node_modules\//, ""), version: p.version ?? "" }));
    expect(withScripts.map((p) => p.name)).toContain("esbuild");
    const allow = pkg.allowScripts ?? {};
    const unapproved = withScripts.filter(
      (p) => allow[p.name] !== true && allow[`${p.name}@${p.version}`] !== true,
    );
    expect(unapproved).toEqual([]);
  });
});
