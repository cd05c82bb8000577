import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { renderPng, renderSvg, writeChart } from "../../src/render/index.js";
import { allSpecs } from "../charts/fixtures.js";

const specs = allSpecs();

/** Axis titles and mark classes each fixture chart must show in its SVG. */
const expected: Record<string, { texts: string[]; marks: string[] }> = {
  "migration-time": {
    texts: [
      "Guest dirty rate (MiB/s)",
      "Total migration time (min, log scale)",
      "Network path",
      "does not converge",
    ],
    marks: ["mark-line", "mark-symbol", "mark-rect"],
  },
  convergence: {
    texts: ["Pre-copy iteration (0 = full copy)", "Bytes remaining (MiB, log scale)", "Scenario"],
    marks: ["mark-line", "mark-rule"],
  },
  feasibility: {
    texts: [
      "Round-trip time (ms), log scale",
      "Guest dirty rate (MiB/s)",
      "150 ms RTT (vMotion support limit)",
    ],
    marks: ["mark-rect", "mark-rule"],
  },
  "feasibility-bandwidth": {
    texts: ["Bandwidth (Gbit/s)", "Numbers in cells: total time (s)", "Pre-copy"],
    marks: ["mark-rect", "mark-text"],
  },
  "throughput-limits": {
    texts: ["Round-trip time (ms, log scale)", "Throughput (Gbit/s, log scale)", "socket window / RTT"],
    marks: ["mark-line", "mark-symbol"],
  },
  distributions: {
    texts: ["Total migration time (s)", "Stun time (guest-seen) (ms)", "Runs per bin", "p99 "],
    marks: ["mark-rect", "mark-rule", "mark-text"],
  },
  sensitivity: {
    texts: ["Total migration time (s)", "bandwidth", "input \u221220 %", "fails"],
    marks: ["mark-rect", "mark-rule"],
  },
  timeline: { texts: ["Time since plan start (s)", "vm-03", "Outcome"], marks: ["mark-rect"] },
  "config-times": {
    texts: ["Total migration time (min, log scale)", "Host network configuration", "Destination", "db"],
    marks: ["mark-symbol"],
  },
};

describe("renderSvg", () => {
  for (const [name, spec] of Object.entries(specs)) {
    it(`renderSvg(${name}) draws its axis titles and marks`, async () => {
      const svg = await renderSvg(spec);
      expect(svg.startsWith("<svg")).toBe(true);
      const want = expected[name];
      expect(want, `no expectations for ${name}`).toBeDefined();
      // Text nodes start with ">"; a wanted text ending in a space is a prefix (a label with a value).
      for (const t of want?.texts ?? []) expect(svg, t).toContain(t.endsWith(" ") ? `>${t}` : `>${t}<`);
      for (const m of want?.marks ?? []) expect(svg, m).toContain(`class="${m} `);
      expect(svg).toContain('font-family="DejaVu Sans"');
    });
  }
  it("escapes user text (a title with < and &)", async () => {
    const svg = await renderSvg(specs.timeline!);
    expect(svg).toContain("Plan &lt;A &amp; B&gt;");
    expect(svg).not.toContain("<A &");
  });
});

/** Width and height from a PNG's IHDR chunk (bytes 16-23, big-endian; PNG spec section 11.2.2). */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe("renderPng", () => {
  it("renderPng(svg) returns a PNG twice the SVG's size (scale 2)", async () => {
    const svg = await renderSvg(specs["migration-time"]!);
    const png = renderPng(svg);
    expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const w = Number(/width="(\d+(\.\d+)?)"/.exec(svg)?.[1]);
    const h = Number(/height="(\d+(\.\d+)?)"/.exec(svg)?.[1]);
    const size = pngSize(png);
    // resvg rounds the zoomed size to whole pixels.
    expect(Math.abs(size.width - 2 * w)).toBeLessThanOrEqual(1);
    expect(Math.abs(size.height - 2 * h)).toBeLessThanOrEqual(1);
    // A plausible chart: several hundred px each way, and more than a blank image's few KB.
    expect(w).toBeGreaterThan(400);
    expect(h).toBeGreaterThan(300);
    expect(png.length).toBeGreaterThan(20_000);
  });
  it("renderPng(svg, { scale: 1 }) keeps the SVG's size", async () => {
    const svg = await renderSvg(specs.timeline!);
    const w = Number(/width="(\d+(\.\d+)?)"/.exec(svg)?.[1]);
    expect(Math.abs(pngSize(renderPng(svg, { scale: 1 })).width - w)).toBeLessThanOrEqual(1);
  });
});

describe("writeChart", () => {
  const dir = mkdtempSync(join(tmpdir(), "vmotion-charts-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writeChart(dir, name, spec) writes .vl.json, .svg and .png and leaves no temp files", async () => {
    const spec = specs.sensitivity!;
    const files = await writeChart(join(dir, "out"), "sensitivity", spec);
    expect(readdirSync(join(dir, "out")).sort()).toEqual([
      "sensitivity.png",
      "sensitivity.svg",
      "sensitivity.vl.json",
    ]);
    expect(JSON.parse(readFileSync(files.specPath, "utf8"))).toEqual(JSON.parse(JSON.stringify(spec)));
    expect(readFileSync(files.svgPath, "utf8")).toContain("<svg");
    expect([...readFileSync(files.pngPath).subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
  });
  it("rejects a name that could escape the directory, writing nothing", async () => {
    await expect(writeChart(join(dir, "bad"), "../x", specs.sensitivity!)).rejects.toThrow(/chart name/);
    expect(existsSync(join(dir, "bad"))).toBe(false);
  });
});
