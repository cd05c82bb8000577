/// <reference lib="dom" />
import type { TopLevelSpec } from "vega-lite";
import { verdict } from "../../words/verdict.js";
import { hostNetworkOf } from "../../input/host.js";
import { bufferModeSpread, spreadWords } from "../../plan/buffer-modes.js";
import { switchedOver, type MigrationResult } from "../../model/types.js";
import {
  formatByteRate,
  formatBytes,
  formatDuration,
  formatPercent,
  formatRate,
} from "../../units/format.js";
import { changeSentence, inputChanges } from "../change.js";
import { clearChart, drawChart } from "./chart-view.js";
import { exploreCharts } from "../charts.js";
import { cliCommand } from "../cli-command.js";
import { evaluate, type Evaluation } from "../evaluate.js";
import { decodeFragment, encodeFragment } from "../fragment.js";
import {
  DEFAULT_VALUES,
  DIRTY_MODELS,
  dirtyModelOf,
  networkOf,
  presetPlaceholders,
  GROUP_TITLES,
  MODEL_KEYS,
  NETWORK_MODELS,
  PAGE_FIELDS,
  type FieldGroup,
  type FormValues,
  type PageField,
} from "../inputs.js";
import { sweepFile } from "../sweep-file.js";

/**
 * The explore page in the browser: a thin shell over the pure modules of src/explore, as the CLI
 * is over the core. It builds the form from the field list, evaluates it as the user types
 * (debounced), draws the outputs and charts (vega-embed), and keeps the state in the URL fragment.
 * No network: everything it needs is inlined in the one HTML file.
 */

const DEBOUNCE_MS = 150;

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`#${id} is missing from the page`);
  return el as T;
};

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.append(...children);
  return el;
}

let values: Record<string, string> = { ...DEFAULT_VALUES };
let pinned: FormValues | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;
let seq = 0;

// ---------------------------------------------------------------------------------------------
// The form

const MODEL_LABELS: Record<string, string> = {
  constant: "constant rate",
  "working-set": "working set (default)",
  curve: "measured curve",
  path: "path: preset + overrides",
  bandwidth: "given bandwidth",
};

function modelSelect(key: string, label: string, choices: readonly string[]): HTMLElement {
  const select = h("select", { id: `f-${key}`, name: key });
  for (const c of choices) select.append(h("option", { value: c }, MODEL_LABELS[c] ?? c));
  select.addEventListener("change", () => {
    values[key] = select.value;
    onInput();
  });
  return h("div", { class: "field model" }, h("label", { for: `f-${key}` }, label), select);
}

function fieldControl(f: PageField): HTMLElement {
  const id = `f-${f.key}`;
  let control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  if (f.kind === "choice") {
    control = h("select", { id, name: f.key });
    control.append(h("option", { value: "" }, `default (${f.example})`));
    for (const c of f.choices ?? []) control.append(h("option", { value: c }, c));
  } else if (f.kind === "flag") {
    control = h("input", { id, name: f.key, type: "checkbox" });
  } else if (f.kind === "curve") {
    control = h("textarea", { id, name: f.key, rows: "5", placeholder: f.example, spellcheck: "false" });
  } else {
    control = h("input", {
      id,
      name: f.key,
      type: "text",
      placeholder: f.example,
      autocomplete: "off",
      spellcheck: "false",
    });
  }
  const read = (): string =>
    control instanceof HTMLInputElement && control.type === "checkbox"
      ? control.checked
        ? "on"
        : ""
      : control.value;
  control.addEventListener("input", () => {
    values[f.key] = read();
    onInput();
  });
  control.addEventListener("change", () => {
    values[f.key] = read();
    onInput();
  });
  return h(
    "div",
    { class: `field kind-${f.kind}`, id: `field-${f.key}` },
    h("label", { for: id }, f.label),
    control,
    h("small", { class: "help" }, f.help),
    h("small", { class: "error", id: `error-${f.key}`, role: "alert" }),
  );
}

function buildForm(): void {
  const form = $("form");
  const groups = new Map<FieldGroup, HTMLFieldSetElement>();
  for (const g of Object.keys(GROUP_TITLES) as FieldGroup[]) {
    if (!PAGE_FIELDS.some((f) => f.group === g)) continue;
    const fs = h("fieldset", { id: `group-${g}` }, h("legend", {}, GROUP_TITLES[g]));
    if (g === "host") {
      // Many fields, most left at their defaults: folded until opened (open when one is set).
      const body = h(
        "details",
        { id: "host-details" },
        h("summary", {}, "stacks, vmknics, gateways, routes, uplinks"),
      );
      fs.append(body);
      groups.set(g, body as unknown as HTMLFieldSetElement);
      form.append(fs);
      continue;
    }
    if (g === "dirty") fs.append(modelSelect(MODEL_KEYS.dirty, "Model", DIRTY_MODELS));
    if (g === "path") fs.append(modelSelect(MODEL_KEYS.network, "Network", NETWORK_MODELS));
    groups.set(g, fs);
    form.append(fs);
  }
  for (const f of PAGE_FIELDS) groups.get(f.group)?.append(fieldControl(f));
}

/** Put `values` into the controls and show only the fields that apply. */
function writeForm(): void {
  for (const key of [MODEL_KEYS.dirty, MODEL_KEYS.network]) {
    const el = document.getElementById(`f-${key}`) as HTMLSelectElement | null;
    if (el !== null) el.value = key === MODEL_KEYS.dirty ? dirtyModelOf(values) : networkOf(values);
  }
  for (const f of PAGE_FIELDS) {
    const el = document.getElementById(`f-${f.key}`);
    if (el instanceof HTMLInputElement && el.type === "checkbox") el.checked = values[f.key] === "on";
    else if (
      el instanceof HTMLInputElement ||
      el instanceof HTMLSelectElement ||
      el instanceof HTMLTextAreaElement
    )
      el.value = values[f.key] ?? "";
  }
  const host = document.getElementById("host-details");
  if (
    host instanceof HTMLDetailsElement &&
    PAGE_FIELDS.some((f) => f.group === "host" && (values[f.key] ?? "") !== "")
  )
    host.open = true;
  showApplicable();
}

/** Show only the fields that apply; path fields say what the chosen preset has (their default). */
function showApplicable(): void {
  const fromPreset = presetPlaceholders(values.preset ?? "");
  for (const f of PAGE_FIELDS) {
    $(`field-${f.key}`).hidden = !(f.when?.(values) ?? true);
    const group = document.getElementById(`group-${f.group}`);
    if (group !== null)
      group.hidden = !PAGE_FIELDS.some((g) => g.group === f.group && (g.when?.(values) ?? true));
    const el = document.getElementById(`f-${f.key}`);
    const preset = fromPreset[f.key];
    if (preset !== undefined && (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement))
      el.placeholder = preset;
  }
}

// ---------------------------------------------------------------------------------------------
// Evaluation and outputs

function onInput(): void {
  document.body.dataset.pending = "true";
  showApplicable();
  if (timer !== null) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    void recompute();
  }, DEBOUNCE_MS);
}

function showErrors(ev: Evaluation): void {
  for (const f of PAGE_FIELDS) {
    const msg = ev.ok ? undefined : ev.errors.get(f.key);
    $(`error-${f.key}`).textContent = msg ?? "";
    $(`field-${f.key}`).classList.toggle("invalid", msg !== undefined);
    document.getElementById(`f-${f.key}`)?.setAttribute("aria-invalid", msg !== undefined ? "true" : "false");
  }
}

/**
 * A migration's total time and stun as the page shows them: a migration that never switches over
 * has neither (its result's time is how long pre-copy ran, which the verdict gives, and its 0 s
 * stun is no stun the guest saw), as estimate prints "stun none (no switchover)".
 */
function totalWords(r: MigrationResult): string {
  return switchedOver(r.outcome) ? formatDuration(r.totalTimeSec) : "none (no switchover)";
}
function stunWords(r: MigrationResult): string {
  return switchedOver(r.outcome) ? formatDuration(r.downtimeSec) : "none (no switchover)";
}

function figure(label: string, value: string, id: string): HTMLElement {
  return h("div", { class: "figure" }, h("dt", {}, label), h("dd", { id }, value));
}

function showResult(ev: Extract<Evaluation, { ok: true }>): void {
  const r = ev.result;
  const v = $("verdict");
  v.textContent = verdict(r);
  v.className = `verdict outcome-${r.outcome}`;
  v.dataset.outcome = r.outcome;
  v.dataset.totalSec = String(r.totalTimeSec);
  v.dataset.stunSec = String(r.downtimeSec);
  // Both buffer-sizing readings when they disagree by more than 10 %, as estimate prints them.
  const spread =
    hostNetworkOf(ev.input) === null ? bufferModeSpread(ev.input, { path: ev.path, result: r }) : null;
  const spreadLine = $("spread");
  spreadLine.textContent = spread === null ? "" : spreadWords(spread);
  spreadLine.hidden = spread === null;
  const figures = $("figures");
  const path = ev.path;
  const binding = path !== null ? path.binding : r.binding;
  figures.replaceChildren(
    figure("Total time", totalWords(r), "total"),
    figure("Stun (guest-seen)", stunWords(r), "stun"),
    figure(
      "Guest slowdown",
      r.guestSlowdown > 0 ? `up to ${formatPercent(r.guestSlowdown)}` : "none",
      "slowdown",
    ),
    figure(
      "Throughput",
      `${formatRate(r.throughputBytesPerSec)} (${formatByteRate(r.throughputBytesPerSec)}), bound by ${r.binding === "cap" ? "cap" : binding}`,
      "throughput",
    ),
    figure("Iterations", String(r.iterationCount), "iterations"),
    figure("Left for the stun", formatBytes(r.switchoverBytes), "switchover"),
  );
  const details = [`Stop reason: ${r.stopReason}.`];
  if (path !== null)
    details.push(
      `Path: RTT ${formatDuration(path.rttSec)}${path.latencyAware ? " (latency-aware buffers)" : ""}, MTU ${path.pathMtuBytes} (MSS ${path.mssBytes}), ${path.streams} stream${path.streams === 1 ? "" : "s"}.`,
    );
  $("details").replaceChildren(...details.map((d) => h("p", {}, d)));
  $("warnings").replaceChildren(...(path?.warnings ?? []).map((w) => h("li", {}, w)));
  iterationTable(r);
}

function iterationTable(r: MigrationResult): void {
  const body = r.iterations.map((it) =>
    h(
      "tr",
      {},
      h("td", {}, String(it.index)),
      h("td", {}, formatBytes(it.bytes)),
      h("td", {}, formatDuration(it.durationSec)),
      h("td", {}, formatBytes(it.dirtiedBytes)),
      h("td", {}, formatByteRate(it.durationSec > 0 ? it.dirtiedBytes / it.durationSec : 0)),
      h("td", {}, formatPercent(it.throttle)),
    ),
  );
  $("iterations-body").replaceChildren(...body);
}

function showCli(ev: Extract<Evaluation, { ok: true }>): void {
  $("cli").textContent = cliCommand(ev.raw);
  $("cli-note").textContent =
    ev.raw.dirtyCurve !== undefined ? "Save the pasted curve as curve.csv next to where you run it." : "";
}

/** The pinned scenario next to the current one, and the change between them in words. */
function showCompare(ev: Extract<Evaluation, { ok: true }>): void {
  const box = $("compare");
  if (pinned === null) {
    box.hidden = true;
    return;
  }
  const was = evaluate(pinned);
  box.hidden = false;
  if (!was.ok) {
    $("change").textContent = "The pinned scenario no longer builds.";
    return;
  }
  const a = was.result;
  const b = ev.result;
  const rows: [string, (r: MigrationResult) => string][] = [
    ["verdict", (r) => r.outcome],
    ["total", totalWords],
    ["stun", stunWords],
    ["throughput", (r) => formatRate(r.throughputBytesPerSec)],
    ["bound by", (r) => r.binding],
    ["iterations", (r) => String(r.iterationCount)],
    ["guest slowdown", (r) => formatPercent(r.guestSlowdown)],
  ];
  $("compare-body").replaceChildren(
    ...rows.map(([label, cell]) =>
      h("tr", {}, h("th", {}, label), h("td", {}, cell(a)), h("td", {}, cell(b))),
    ),
  );
  $("change").textContent =
    `Against the pinned scenario: ${changeSentence(inputChanges({ values: pinned, raw: was.raw, input: was.input }, { values, raw: ev.raw, input: ev.input }), a, b)}`;
}

/**
 * Narrow screens: plots as wide as the screen allows (the y axis and its title take ~110 px),
 * legends below the plot, one entry a line.
 */
function fitted(spec: TopLevelSpec, availablePx: number): TopLevelSpec {
  if (availablePx >= 760) return spec;
  const width = Math.max(200, availablePx - 110);
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== "object" || node === null) return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === "width" && typeof v === "number") out[k] = width;
      else if (k === "legend" && typeof v === "object" && v !== null)
        out[k] = { ...(walk(v) as object), orient: "bottom", direction: "vertical" };
      else out[k] = walk(v);
    }
    return out;
  };
  const narrow = walk(spec) as TopLevelSpec;
  const title = narrow.title;
  const lines =
    typeof title === "object" && title !== null && "text" in title && typeof title.text === "string"
      ? { ...title, text: wrapWords(title.text, Math.floor(availablePx / 9)) }
      : title;
  const legend = { ...narrow.config?.legend, orient: "bottom" as const };
  return { ...narrow, title: lines, config: { ...narrow.config, legend } } as TopLevelSpec;
}

/** Words into lines of at most `chars` characters (a longer word gets a line of its own). */
function wrapWords(text: string, chars: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(" ")) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= chars)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

const CHART_IDS = ["chart-iterations", "chart-presets", "chart-feasibility"] as const;

async function drawCharts(ev: Extract<Evaluation, { ok: true }>): Promise<void> {
  const charts = exploreCharts(ev.input, ev.scenario, ev.result);
  const width = $("charts").clientWidth;
  const narrow = width < 760;
  const draw = (id: string, spec: TopLevelSpec | string): Promise<void> =>
    typeof spec === "string"
      ? drawChart($(id), null, spec, narrow)
      : drawChart($(id), fitted(spec, width), "", narrow);
  await Promise.all([
    draw("chart-iterations", charts.iterations),
    draw("chart-presets", charts.presets),
    draw("chart-feasibility", charts.feasibility),
  ]);
}

/**
 * Evaluate the form and draw everything; resolves with the time it took (ms). `fresh` drops the
 * live charts first, so every chart is compiled and embedded again (the worst case); `set` types
 * values into the form first (for the browser test's timing).
 */
async function recompute(opts: { fresh?: boolean; set?: Record<string, string> } = {}): Promise<number> {
  if (opts.fresh) for (const id of CHART_IDS) clearChart($(id));
  if (opts.set !== undefined) {
    values = { ...values, ...opts.set };
    writeForm();
  }
  const t0 = performance.now();
  const mine = ++seq;
  history.replaceState(null, "", `#${encodeFragment({ values, pinned })}`);
  const ev = evaluate(values);
  showErrors(ev);
  const out = $("outputs");
  out.classList.toggle("stale", !ev.ok);
  if (!ev.ok) {
    const n = ev.errors.size;
    $("verdict").textContent =
      ev.general ??
      `${n} field${n === 1 ? " has a value" : "s have values"} the model cannot use: nothing is computed until ${n === 1 ? "it is" : "they are"} fixed.`;
    $("verdict").className = "verdict invalid";
    delete $("verdict").dataset.outcome;
    $("figures").replaceChildren();
    $("details").replaceChildren();
    $("warnings").replaceChildren();
    $("iterations-body").replaceChildren();
    $("cli").textContent = "";
    $("compare").hidden = true;
    for (const id of CHART_IDS) clearChart($(id));
    $("pin").setAttribute("disabled", "");
    $("download").setAttribute("disabled", "");
  } else {
    showResult(ev);
    showCli(ev);
    showCompare(ev);
    $("pin").removeAttribute("disabled");
    $("download").removeAttribute("disabled");
    await drawCharts(ev);
  }
  const ms = performance.now() - t0;
  if (mine === seq) {
    document.body.dataset.status = ev.ok ? "ok" : "invalid";
    document.body.dataset.pending = timer === null ? "false" : "true";
    document.body.dataset.seq = String(mine);
  }
  return ms;
}

// ---------------------------------------------------------------------------------------------
// Actions

function wireActions(): void {
  $("pin").addEventListener("click", () => {
    pinned = pinned === null ? { ...values } : null;
    $("pin").textContent = pinned === null ? "Pin this scenario" : "Unpin";
    void recompute();
  });
  $("copy").addEventListener("click", () => {
    const text = $("cli").textContent ?? "";
    const done = (ok: boolean): void => {
      $("copy-status").textContent = ok ? "copied" : "select the command above and copy it";
    };
    if (navigator.clipboard === undefined) return done(false);
    navigator.clipboard.writeText(text).then(
      () => done(true),
      () => done(false),
    );
  });
  $("download").addEventListener("click", () => {
    const ev = evaluate(values);
    if (!ev.ok) return;
    const blob = new Blob([sweepFile(ev.raw)], { type: "application/yaml" });
    const a = h("a", { href: URL.createObjectURL(blob), download: "sweep.yaml" });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 0);
  });
  $("reset").addEventListener("click", () => {
    values = { ...DEFAULT_VALUES };
    pinned = null;
    $("pin").textContent = "Pin this scenario";
    writeForm();
    void recompute();
  });
  window.addEventListener("hashchange", () => {
    if (restoreFromFragment()) void recompute();
  });
}

function restoreFromFragment(): boolean {
  const state = decodeFragment(location.hash);
  if (state === null) return false;
  if (encodeFragment(state) === encodeFragment({ values, pinned })) return false;
  values = { ...state.values };
  pinned = state.pinned;
  $("pin").textContent = pinned === null ? "Pin this scenario" : "Unpin";
  writeForm();
  return true;
}

/** Hooks for the browser test: recompute now and measure it. */
declare global {
  interface Window {
    explore: { recompute: (opts?: { fresh?: boolean; set?: Record<string, string> }) => Promise<number> };
  }
}

/** Charts measure their text when drawn: the inlined fonts must be loaded first. */
async function start(): Promise<void> {
  buildForm();
  restoreFromFragment();
  writeForm();
  wireActions();
  window.explore = { recompute };
  await Promise.all([
    document.fonts.load('400 12px "DejaVu Sans"'),
    document.fonts.load('700 12px "DejaVu Sans"'),
  ]);
  await recompute();
}

void start();
