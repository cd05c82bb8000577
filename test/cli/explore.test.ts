import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { expectBadInput, runCli } from "./run-cli.js";

const tmp = mkdtempSync(join(tmpdir(), "explore-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("vmotion-sim explore --out DIR", () => {
  it("writes one self-contained DIR/index.html: the bundle and fonts inlined, no URL it would load", () => {
    const dir = join(tmp, "page");
    const r = runCli(["explore", "--out", dir]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(`wrote ${join(dir, "index.html")}`);
    const html = readFileSync(join(dir, "index.html"), "utf8");
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain("url(data:font/ttf;base64,");
    // Nothing loaded from elsewhere: the markup (the inline script aside) has no src or href.
    const markup = html.replace(/<script type="module">[\s\S]*<\/script>/, "<script></script>");
    expect(markup).not.toMatch(/\s(src|href)=/);
    expect(JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")).files).toEqual(["index.html"]);
    // A second run replaces its own folder.
    expect(runCli(["explore", "--out", dir]).code).toBe(0);
  });

  it("refuses a non-empty folder it did not write, in one line, and leaves it as it was", () => {
    const dir = join(tmp, "mine");
    mkdirSync(dir);
    writeFileSync(join(dir, "index.html"), "my own page");
    const line = expectBadInput(runCli(["explore", "--out", dir]));
    expect(line).toMatch(/^vmotion-sim: --out: /);
    expect(readFileSync(join(dir, "index.html"), "utf8")).toBe("my own page");
    expect(existsSync(join(dir, "manifest.json"))).toBe(false);
  });
});
