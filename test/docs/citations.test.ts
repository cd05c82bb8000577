import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The research notes live outside the repository (`../shared/research/`), so a citation of
 * `research/...` in a shipped file points nowhere for a user: product files cite the original
 * source (KB, paper, vendor doc) instead.
 */
const ROOTS = ["src", "docs", "data", "bench", "workers", "reports", "test", "README.md"];
const TEXT = /\.(ts|md|json|yaml|yml|html|csv)$/;

function files(path: string): string[] {
  if (statSync(path).isFile()) return TEXT.test(path) ? [path] : [];
  return readdirSync(path).flatMap((name) => files(join(path, name)));
}

describe("citations in shipped files", () => {
  it("never cite the research notes that are not in the repository", () => {
    const self = join("test", "docs", "citations.test.ts");
    const hits = ROOTS.flatMap((root) => files(root))
      .filter((f) => f !== self)
      .flatMap((f) =>
        readFileSync(f, "utf8")
          .split("\n")
          .map((line, i) => ({ where: `${f}:${i + 1}`, line }))
          .filter(({ line }) => /\bresearch\/(vmotion|literature)\.md/.test(line)),
      )
      .map(({ where }) => where);
    expect(hits).toEqual([]);
  });
});
