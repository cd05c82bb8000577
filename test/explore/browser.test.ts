import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeFragment } from "../../src/explore/fragment.js";
import { parseSweepText } from "../../src/sweep/load.js";
import { formatDuration } from "../../src/units/format.js";
import { switchedOver, type Outcome } from "../../src/model/types.js";
import { runCli } from "../cli/run-cli.js";

/**
 * The explore page (`vmotion-sim explore --out DIR`) opened from file:// in headless Chromium
 * (Debian's `chromium`, as the report's browser test): values typed into its fields give the
 * verdict, total time and stun that `vmotion-sim estimate --json` gives for the same flags; a bad
 * value shows the CLI's message at its field and nothing is computed; the URL fragment restores
 * the page; no request ever leaves the page. Fails (never skips) when Chromium is missing.
 *
 * `UPDATE_SCREENSHOTS=1` also writes docs/explore-1280.png and docs/explore-390.png.
 */
const CHROMIUM = "/usr/bin/chromium";
const DOCS = fileURLToPath(new URL("../../docs/", import.meta.url));

let dir: string;
let url: string;
let context: BrowserContext;
const problems: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (.ci/run does)`);
  dir = mkdtempSync(join(tmpdir(), "explore-"));
  const r = runCli(["explore", "--out", join(dir, "page")]);
  if (r.code !== 0) throw new Error(`explore failed: ${r.stderr}`);
  url = pathToFileURL(join(dir, "page", "index.html")).href;
  context = await chromium.launchPersistentContext(join(dir, "profile"), {
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  // Anything but the page itself is a network request the page must never make.
  await context.route(
    (u) => u.protocol !== "file:" && u.protocol !== "data:" && u.protocol !== "blob:",
    async (route) => {
      problems.push(`request: ${route.request().url()}`);
      await route.abort();
    },
  );
}, 60_000);

afterAll(async () => {
  await context?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

async function open(hash = ""): Promise<Page> {
  const p = await context.newPage();
  p.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  p.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  p.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
  await p.goto(`${url}${hash}`, { waitUntil: "load" });
  await settled(p);
  return p;
}

/** Wait for the debounced recompute after the last input to finish drawing. */
async function settled(p: Page): Promise<void> {
  await p.waitForFunction(() => document.body.dataset.pending === "false", null, { timeout: 30_000 });
}

/** Every text on the page, charts (SVG) included. */
async function pageText(p: Page): Promise<string> {
  return p.evaluate(
    () =>
      `${document.body.innerText}\n${Array.from(document.querySelectorAll("svg"))
        .map((s) => s.textContent)
        .join("\n")}`,
  );
}

/** A scenario as the user enters it: model choices, then fields, and the same as CLI flags. */
interface Scenario {
  readonly name: string;
  readonly selects: Readonly<Record<string, string>>;
  readonly fields: Readonly<Record<string, string>>;
  readonly flags: readonly string[];
  readonly outcome: string;
}

const SCENARIOS: readonly Scenario[] = [
  {
    name: "64 GiB at 400 MiB/s over routed-lan",
    selects: { preset: "routed-lan" },
    fields: { memory: "64GiB", dirtyRate: "400MiB/s" },
    flags: ["--memory", "64GiB", "--dirty-rate", "400MiB/s", "--preset", "routed-lan"],
    outcome: "converged",
  },
  {
    name: "throttled: 1.5 GiB/s over routed-lan, SDPS throttles the guest",
    selects: { preset: "routed-lan" },
    fields: { memory: "64GiB", dirtyRate: "1.5GiB/s" },
    flags: ["--memory", "64GiB", "--dirty-rate", "1.5GiB/s", "--preset", "routed-lan"],
    outcome: "converged-throttled",
  },
  {
    name: "non-converging: 2 GiB/s constant over a given 10 Gbit/s with SDPS off",
    selects: { dirtyKind: "constant", network: "bandwidth", sdps: "off" },
    fields: { memory: "64GiB", dirtyRate: "2GiB/s", bandwidth: "10Gbit/s" },
    flags: [
      "--memory",
      "64GiB",
      "--dirty-rate",
      "2GiB/s",
      "--dirty-model",
      "constant",
      "--bandwidth",
      "10Gbit/s",
      "--sdps",
      "off",
    ],
    outcome: "not-converging",
  },
  {
    name: "QEMU over a lossy WAN (1e-5), no bandwidth cap",
    selects: { policy: "qemu", preset: "wan" },
    fields: { memory: "32GiB", dirtyRate: "300MiB/s", maxBandwidth: "unlimited", loss: "1e-5" },
    flags: [
      "--memory",
      "32GiB",
      "--dirty-rate",
      "300MiB/s",
      "--policy",
      "qemu",
      "--max-bandwidth",
      "unlimited",
      "--preset",
      "wan",
      "--loss",
      "1e-5",
    ],
    outcome: "not-converging",
  },
  {
    name: "working set, sequential, over metro with 4 streams",
    selects: { dirtyKind: "working-set", pattern: "sequential", preset: "metro" },
    fields: { memory: "16GiB", wss: "4GiB", dirtyRate: "1GiB/s", coldRate: "10MiB/s", streams: "4" },
    flags: [
      "--memory",
      "16GiB",
      "--dirty-rate",
      "1GiB/s",
      "--wss",
      "4GiB",
      "--cold-rate",
      "10MiB/s",
      "--pattern",
      "sequential",
      "--preset",
      "metro",
      "--streams",
      "4",
    ],
    outcome: "converged-throttled",
  },
  {
    name: "host network: the pre-6.0 default stack routed via the management gateway",
    selects: { config: "pre6-default-stack-via-mgmt" },
    fields: { memory: "64GiB", dirtyRate: "400MiB/s" },
    flags: ["--memory", "64GiB", "--dirty-rate", "400MiB/s", "--config", "pre6-default-stack-via-mgmt"],
    outcome: "converged-throttled",
  },
];

async function enter(p: Page, s: Scenario): Promise<void> {
  await p.click("#reset");
  await settled(p);
  await p.fill("#f-memory", "");
  await p.fill("#f-dirtyRate", "");
  await p.evaluate(() => {
    const host = document.getElementById("host-details");
    if (host instanceof HTMLDetailsElement) host.open = true;
  });
  for (const [key, value] of Object.entries(s.selects)) await p.selectOption(`#f-${key}`, value);
  for (const [key, value] of Object.entries(s.fields)) await p.fill(`#f-${key}`, value);
  await settled(p);
}

interface Shown {
  outcome: string | undefined;
  totalSec: number;
  stunSec: number;
  verdict: string;
  total: string;
  stun: string;
  cli: string;
}

async function shown(p: Page): Promise<Shown> {
  return p.evaluate(() => {
    const v = document.getElementById("verdict") as HTMLElement;
    return {
      outcome: v.dataset.outcome,
      totalSec: Number(v.dataset.totalSec),
      stunSec: Number(v.dataset.stunSec),
      verdict: v.textContent ?? "",
      total: document.getElementById("total")?.textContent ?? "",
      stun: document.getElementById("stun")?.textContent ?? "",
      cli: document.getElementById("cli")?.textContent ?? "",
    };
  });
}

describe("the explore page in headless Chromium, from file://", () => {
  it("shows, for values typed into its fields, the verdict, total and stun of estimate --json", async () => {
    const p = await open();
    for (const s of SCENARIOS) {
      await enter(p, s);
      const got = await shown(p);
      const json = JSON.parse(runCli(["estimate", ...s.flags, "--json"]).stdout) as {
        outcome: string;
        totalTimeSec: number;
        downtimeSec: number;
      };
      const lines = runCli(["estimate", ...s.flags]).stdout.split("\n");
      // estimate leads with both buffer-sizing readings when they differ; the page shows that
      // line apart from the verdict.
      const spread = lines[0]?.includes("depending on buffer sizing") === true ? lines[0] : "";
      const text = spread === "" ? lines[0] : lines[1];
      expect(await p.textContent("#spread"), s.name).toBe(spread);
      // The same core on the same input: equal to the last bit, so no tolerance.
      expect(json.outcome, s.name).toBe(s.outcome);
      expect(got.outcome, s.name).toBe(json.outcome);
      expect(got.totalSec, s.name).toBe(json.totalTimeSec);
      expect(got.stunSec, s.name).toBe(json.downtimeSec);
      expect(got.verdict, s.name).toBe(text);
      // A migration that never switches over has no total time and no stun: the tiles showed
      // "10.4 min" and "0 s" for one that gave up after 10.4 min (estimate: "stun none (no
      // switchover)").
      const done = switchedOver(json.outcome as Outcome);
      expect(got.total, s.name).toBe(done ? formatDuration(json.totalTimeSec) : "none (no switchover)");
      expect(got.stun, s.name).toBe(done ? formatDuration(json.downtimeSec) : "none (no switchover)");
      // The page's "copy CLI command" line is the same scenario.
      expect(got.cli, s.name).toBe(`vmotion-sim estimate ${s.flags.join(" ")}`);
      expect(await pageText(p), s.name).not.toMatch(/NaN|Infinity|undefined/);
      const charts = await p.$$eval(".chart svg", (svgs) => svgs.length);
      expect(charts, s.name).toBe(3);
    }
    await p.close();
    expect(problems).toEqual([]);
  }, 120_000);

  it("runs a pasted dirty curve as estimate --dirty-curve FILE does", async () => {
    const csv = "interval,dirtied\n1s,460MiB\n10s,3GiB\n60s,5.8GiB";
    const file = join(dir, "curve.csv");
    writeFileSync(file, `${csv}\n`);
    const p = await open();
    await p.selectOption("#f-dirtyKind", "curve");
    await p.fill("#f-dirtyCurve", csv);
    await p.fill("#f-memory", "16GiB");
    await settled(p);
    const got = await shown(p);
    const json = JSON.parse(
      runCli(["estimate", "--memory", "16GiB", "--dirty-curve", file, "--preset", "same-l2", "--json"])
        .stdout,
    ) as {
      outcome: string;
      totalTimeSec: number;
      downtimeSec: number;
    };
    expect(got.outcome).toBe(json.outcome);
    expect(got.totalSec).toBe(json.totalTimeSec);
    expect(got.stunSec).toBe(json.downtimeSec);
    expect(got.cli).toBe("vmotion-sim estimate --memory 16GiB --dirty-curve curve.csv --preset same-l2");
    expect(await pageText(p)).not.toMatch(/NaN|Infinity|undefined/);
    await p.close();
    expect(problems).toEqual([]);
  }, 60_000);

  it("marks a bad value at its field with the CLI's message, computes nothing, and shows no NaN", async () => {
    const p = await open();
    await p.fill("#f-memory", "64 gigs");
    await p.fill("#f-link", "fast");
    await settled(p);
    const cli = runCli([
      "estimate",
      "--memory",
      "64 gigs",
      "--dirty-rate",
      "400MiB/s",
      "--preset",
      "same-l2",
    ]);
    expect(cli.code).toBe(2);
    const state = await p.evaluate(() => ({
      memory: document.getElementById("error-memory")?.textContent,
      link: document.getElementById("error-link")?.textContent,
      invalid: Array.from(document.querySelectorAll(".field.invalid")).map((e) => e.id),
      status: document.body.dataset.status,
      figures: document.getElementById("figures")?.children.length,
      rows: document.getElementById("iterations-body")?.children.length,
      charts: document.querySelectorAll(".chart svg").length,
      verdict: document.getElementById("verdict")?.textContent,
    }));
    expect(`vmotion-sim: ${state.memory}`).toBe(cli.stderr.trim());
    const link = runCli(["estimate", "--memory", "64GiB", "--dirty-rate", "400MiB/s", "--link", "fast"]);
    expect(`vmotion-sim: ${state.link}`).toBe(link.stderr.trim());
    expect(state.invalid).toEqual(["field-memory", "field-link"]);
    expect(state.status).toBe("invalid");
    expect(state.figures).toBe(0);
    expect(state.rows).toBe(0);
    expect(state.charts).toBe(0);
    expect(state.verdict).toMatch(/^2 fields have values the model cannot use/);
    expect(await pageText(p)).not.toMatch(/NaN|Infinity/);
    // Fixing the values computes again and clears the marks.
    await p.fill("#f-memory", "64GiB");
    await p.fill("#f-link", "25Gbit/s");
    await settled(p);
    expect(await p.$$eval(".field.invalid", (e) => e.length)).toBe(0);
    expect((await shown(p)).outcome).toBe("converged");
    await p.close();
    expect(problems).toEqual([]);
  }, 60_000);

  it("round-trips its state, pinned scenario included, through the URL fragment", async () => {
    const p = await open();
    await enter(p, SCENARIOS[4] as Scenario);
    await p.click("#pin");
    await settled(p);
    await p.fill("#f-dirtyRate", "2GiB/s");
    await settled(p);
    const before = await shown(p);
    const change = await p.textContent("#change");
    expect(change).toMatch(/^Against the pinned scenario: dirty rate 1GiB\/s -> 2GiB\/s: /);
    const hash = await p.evaluate(() => location.hash);
    expect(hash).toContain("dirtyRate=2GiB%2Fs");
    const q = await open(hash);
    expect(await shown(q)).toEqual(before);
    expect(await q.textContent("#change")).toBe(change);
    expect(await q.inputValue("#f-wss")).toBe("4GiB");
    expect(await q.inputValue("#f-dirtyKind")).toBe("working-set");
    expect(await q.evaluate(() => location.hash)).toBe(hash);
    await q.close();
    await p.close();
    expect(problems).toEqual([]);
  }, 60_000);

  it("downloads a sweep file around the scenario that the sweep loader accepts", async () => {
    const p = await open();
    await enter(p, SCENARIOS[0] as Scenario);
    const [download] = await Promise.all([p.waitForEvent("download"), p.click("#download")]);
    const path = await download.path();
    const file = parseSweepText(readFileSync(path, "utf8"), "sweep.yaml");
    expect(file.base).toEqual({ memory: "64GiB" });
    expect(file.axes.map((a) => a.key)).toEqual(["preset", "dirtyRate"]);
    await p.close();
    expect(problems).toEqual([]);
  }, 60_000);

  it("shows a tooltip over a chart point (vega-tooltip)", async () => {
    const p = await open();
    const point = p.locator("#chart-presets svg .mark-symbol path").first();
    await point.hover({ force: true });
    const tip = p.locator("#vg-tooltip-element");
    await tip.waitFor({ state: "visible", timeout: 10_000 });
    expect(await tip.textContent()).toMatch(/Path.*Dirty rate \(MiB\/s\).*Total time/s);
    await p.close();
    expect(problems).toEqual([]);
  }, 60_000);

  it("recomputes one scenario with its charts (time reported, not asserted)", async () => {
    const p = await open();
    const times = await p.evaluate(async () => {
      const changed: number[] = [];
      const fresh: number[] = [];
      // A new dirty rate each time, as when typing: new numbers, usually the charts' shape on screen.
      for (let i = 0; i < 9; i++)
        changed.push(await window.explore.recompute({ set: { dirtyRate: `${400 + 10 * i}MiB/s` } }));
      for (let i = 0; i < 3; i++) fresh.push(await window.explore.recompute({ fresh: true }));
      const median = (a: number[]): number => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)] ?? NaN;
      return { same: median(changed), fresh: median(fresh) };
    });
    // Reported for the issue note; timings on a shared 2-core machine vary too much to assert.
    console.log(
      `explore recompute (ms, median): ${times.same.toFixed(1)} for a new dirty rate (charts updated in place), ${times.fresh.toFixed(1)} compiling every chart afresh`,
    );
    expect(times.same).toBeGreaterThan(0);
    await p.close();
  }, 60_000);

  it("reads at 1280 px and at 390 px wide (screenshots, a pinned comparison on show)", async () => {
    const pinned = { memory: "64GiB", vcpus: "8", dirtyRate: "600MiB/s", preset: "same-l2" };
    const hash = `#${encodeFragment({ values: { ...pinned, preset: "metro" }, pinned })}`;
    for (const width of [1280, 390]) {
      const p = await open(hash);
      await p.setViewportSize({ width, height: 900 });
      await p.evaluate(() => window.explore.recompute({ fresh: true }));
      await settled(p);
      // Nothing is wider than the screen but what scrolls inside its own box (charts, tables).
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${width} px`).toBeLessThanOrEqual(0);
      const target = process.env.UPDATE_SCREENSHOTS === "1" ? DOCS : dir;
      await p.screenshot({ path: join(target, `explore-${width}.png`), fullPage: true });
      await p.close();
    }
    expect(problems).toEqual([]);
  }, 60_000);
});
