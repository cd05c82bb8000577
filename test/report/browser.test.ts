import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The committed example report opened in headless Chromium (Debian's `chromium`, installed by
 * `.ci/run`): no console errors or failed requests, and every chart is an inline SVG with marks
 * and a non-zero size. Fails (never skips) when Chromium is missing.
 */
const CHROMIUM = "/usr/bin/chromium";
const page = pathToFileURL(
  fileURLToPath(new URL("../../reports/routed-vmotion/index.html", import.meta.url)),
).href;

let browser: Browser;
beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (.ci/run does)`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

describe("reports/routed-vmotion/index.html in headless Chromium", () => {
  it("loads with no console errors and every chart drawn", async () => {
    const p = await browser.newPage();
    const errors: string[] = [];
    p.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    p.on("pageerror", (e) => errors.push(e.message));
    p.on("requestfailed", (r) => errors.push(`request failed: ${r.url()}`));
    await p.goto(page, { waitUntil: "load" });
    const charts = await p.$$eval("figure.chart", (figs) =>
      figs.map((f) => {
        const svg = f.querySelector("svg");
        const box = svg?.getBoundingClientRect();
        return {
          id: f.id,
          width: box?.width ?? 0,
          height: box?.height ?? 0,
          marks: svg?.querySelectorAll("path, rect, line, circle, text").length ?? 0,
        };
      }),
    );
    expect(errors).toEqual([]);
    expect(charts.length).toBe(9);
    for (const c of charts) {
      expect(c.width, c.id).toBeGreaterThan(100);
      expect(c.height, c.id).toBeGreaterThan(100);
      expect(c.marks, c.id).toBeGreaterThan(20);
    }
    await p.close();
  }, 60_000);

  it("keeps every table within the page: a wide one scrolls in its own box", async () => {
    // The paths table (13 columns) and the configurations table ran past the page's right edge.
    const p = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await p.goto(page, { waitUntil: "load" });
    const boxes = await p.$$eval("table", (tables) =>
      tables.map((t) => {
        const box = t.parentElement as HTMLElement;
        const main = document.querySelector("main") as HTMLElement;
        return {
          caption: t.caption?.textContent ?? "",
          boxRight: box.getBoundingClientRect().right,
          mainRight: main.getBoundingClientRect().right,
          scrolls: box.scrollWidth <= box.clientWidth || getComputedStyle(box).overflowX === "auto",
        };
      }),
    );
    expect(boxes.length).toBeGreaterThan(5);
    for (const b of boxes) {
      expect(b.boxRight, b.caption).toBeLessThanOrEqual(b.mainRight + 0.5);
      expect(b.scrolls, b.caption).toBe(true);
    }
    await p.close();
  }, 60_000);
});
