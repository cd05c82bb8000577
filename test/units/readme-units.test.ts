import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseDuration, parseRate, parseSize } from "../../src/units/parse.js";

/** The README's unit list is the user's reference: every unit it names parses, and none is missing. */
const README = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const block = README.slice(
  README.indexOf("Values take human units"),
  README.indexOf("A bare `0` needs no unit"),
);
const line = (label: string): string => block.split("\n").find((l) => l.startsWith(`- ${label}:`)) ?? "";
const units = (label: string): string[] =>
  [...line(label).matchAll(/`([^`]+)`/g)]
    .flatMap((m) => (m[1] as string).split(" "))
    .filter((u) => u !== "..." && u !== "/sec" && !/^\d/.test(u));

describe("README unit list", () => {
  it.each([
    ["sizes", (u: string) => parseSize(`1${u}`, "x")],
    ["rates", (u: string) => parseRate(`1${u}`, "x")],
    ["durations", (u: string) => parseDuration(`1${u}`, "x")],
  ] as const)("every unit the README lists under %s parses", (label, parse) => {
    const listed = units(label);
    expect(listed.length).toBeGreaterThan(4);
    for (const u of listed) expect(() => parse(u), u).not.toThrow();
  });

  it("lists every prefix of both families for bits and bytes per second", () => {
    const rates = units("rates");
    for (const p of ["K", "M", "G", "T"]) {
      for (const u of [`${p}B/s`, `${p}iB/s`, `${p}bit/s`, `${p}b/s`, `${p}bps`]) expect(rates).toContain(u);
    }
    const sizes = units("sizes");
    for (const u of ["KB", "MB", "GB", "TB", "PB", "KiB", "MiB", "GiB", "TiB", "PiB", "B", "pages"])
      expect(sizes).toContain(u);
  });
});
