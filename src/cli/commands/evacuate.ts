import { Command } from "commander";
import { PATH_TRIGGER_KEYS } from "../../input/fields.js";
import type { EvacuationResult } from "../../plan/evacuate.js";
import { evacuationSetup, type EvacuationSetup } from "../../plan/evacuation-setup.js";
import { parseInventory } from "../../plan/inventory.js";
import {
  betterEvacuation,
  runStrategies,
  STRATEGIES,
  type Strategy,
  type StrategyRun,
} from "../../plan/strategies.js";
import { switchedOver } from "../../model/types.js";
import {
  formatBytes,
  formatCount,
  formatDuration,
  formatPercent,
  formatRate,
  plural,
} from "../../units/format.js";
import { parseChoice, parseCount } from "../../units/parse.js";
import { csvCell } from "../../files/csv-cell.js";
import { OutputDir } from "../../files/output-dir.js";
import { out, readUserFile, writeOutputFiles } from "../io.js";
import { addFieldOptions, inputFromOptions } from "../field-options.js";
import { toJson } from "../json.js";
import { textTable } from "../text-table.js";

/** Plain data of one evacuation run: what --json prints and evacuation.json holds. */
export interface EvacuationReport {
  readonly inventory: string;
  readonly vmCount: number;
  readonly bottleneckBytesPerSec: number;
  readonly maxConcurrent: number;
  readonly concurrencyRule: string;
  /** With a host network configuration: which way the traffic goes and why. */
  readonly route: string | null;
  /** When vCenter admits by a faster link than the traffic crosses: what each admitted migration gets. */
  readonly sharing: string | null;
  readonly best: Strategy;
  readonly strategies: readonly {
    readonly strategy: Strategy;
    readonly totalTimeSec: number;
    readonly lowerBoundSec: number;
    readonly peakConcurrency: number;
    readonly transferredBytes: number;
    readonly failed: number;
    readonly order: readonly string[];
    readonly vms: EvacuationResult["vms"];
  }[];
}

function concurrencyRule(setup: EvacuationSetup): string {
  if (setup.concurrencyBinding === "user") return `--max-concurrent ${setup.maxConcurrent}`;
  const cls = setup.linkBytesPerSec > 1e9 / 8 ? "10 GbE" : "1 GbE";
  const from =
    setup.route !== null ? ` from the vMotion vmknic's ${formatRate(setup.linkBytesPerSec)} link` : "";
  return `vCenter limit ${setup.maxConcurrent} vMotions at once (${setup.concurrencyBinding} cost, ${cls} class${from})`;
}

/**
 * vCenter admits by the vMotion vmknic's link; when the traffic crosses a slower uplink (the
 * management network's), the admitted migrations share that: "admitted by the 10 Gbit/s vMotion
 * link, the 8 at once share 941 Mbit/s: 118 Mbit/s each".
 */
function sharingWords(setup: EvacuationSetup): string | null {
  if (setup.route === null || setup.concurrencyBinding === "user") return null;
  if (setup.bottleneckBytesPerSec >= setup.linkBytesPerSec * 0.9) return null;
  const n = Math.min(setup.maxConcurrent, setup.vms.length);
  return (
    `admitted by the ${formatRate(setup.linkBytesPerSec)} vMotion link, the ${n} at once share ` +
    `${formatRate(setup.bottleneckBytesPerSec)}: ${formatRate(setup.bottleneckBytesPerSec / n)} each`
  );
}

export function evacuationReport(
  file: string,
  setup: EvacuationSetup,
  runs: readonly StrategyRun[],
): EvacuationReport {
  let best = runs[0] as StrategyRun;
  for (const r of runs) if (betterEvacuation(r.result, best.result)) best = r;
  return {
    inventory: file,
    vmCount: setup.vms.length,
    bottleneckBytesPerSec: setup.bottleneckBytesPerSec,
    maxConcurrent: setup.maxConcurrent,
    concurrencyRule: concurrencyRule(setup),
    route: setup.route,
    sharing: sharingWords(setup),
    best: best.strategy,
    strategies: runs.map((r) => ({
      strategy: r.strategy,
      totalTimeSec: r.result.totalTimeSec,
      lowerBoundSec: r.result.lowerBoundSec,
      peakConcurrency: r.result.peakConcurrency,
      transferredBytes: r.result.transferredBytes,
      failed: r.result.failed,
      order: r.result.order.map((i) => setup.vms[i]?.name ?? String(i)),
      vms: r.result.vms,
    })),
  };
}

const CSV_HEADER =
  "strategy,name,start_s,end_s,duration_s,iterations,stun_s,outcome,guest_slowdown,transferred_bytes";

/** Per-VM rows of every strategy as CSV (seconds, bytes, fractions). */
export function evacuationCsv(report: EvacuationReport): string {
  const lines = [CSV_HEADER];
  for (const s of report.strategies)
    for (const v of s.vms)
      lines.push(
        [
          s.strategy,
          csvCell(v.name),
          v.startSec,
          v.endSec,
          v.endSec - v.startSec,
          v.iterations,
          v.downtimeSec,
          v.outcome,
          v.guestSlowdown,
          v.transferredBytes,
        ].join(","),
      );
  return `${lines.join("\n")}\n`;
}

/**
 * The VMs the chosen order leaves on the host, or null when every one migrates: "1 of 3 VMs does
 * not migrate in the inventory order, the fewest failures of the orders tried: hot
 * (not-converging) stays on the host". The chosen order has the fewest failures of those tried
 * (`betterEvacuation`); `compared` says whether more than one order was tried.
 */
export function failuresWords(
  s: { readonly strategy: Strategy; readonly vms: EvacuationResult["vms"] },
  vmCount: number,
  compared: boolean,
): string | null {
  const failed = s.vms.filter((v) => !switchedOver(v.outcome));
  if (failed.length === 0) return null;
  const names = failed.map((v) => `${v.name} (${v.outcome})`).join(", ");
  const one = failed.length === 1;
  return (
    `${formatCount(failed.length)} of ${plural(vmCount, "VM", "VMs")} ${one ? "does" : "do"} not migrate in the ${s.strategy} order` +
    `${compared ? ", the fewest failures of the orders tried" : ""}: ${names} ${one ? "stays" : "stay"} on the host`
  );
}

function reportText(r: EvacuationReport): string {
  const lines = [
    `${plural(r.vmCount, "VM", "VMs")} over ${formatRate(r.bottleneckBytesPerSec)} shared; ${r.concurrencyRule}`,
    ...(r.route !== null ? [`route: ${r.route}`] : []),
    ...(r.sharing !== null ? [r.sharing] : []),
    "",
    textTable(
      ["strategy", "total time", "lower bound", "peak concurrent", "sent", "failed"],
      r.strategies.map((s) => [
        s.strategy + (s.strategy === r.best ? " *" : ""),
        formatDuration(s.totalTimeSec),
        formatDuration(s.lowerBoundSec),
        String(s.peakConcurrency),
        formatBytes(s.transferredBytes),
        String(s.failed),
      ]),
    ),
  ];
  const best = r.strategies.find((s) => s.strategy === r.best);
  if (best) {
    const compared = r.strategies.length > 1 || best.strategy === "best-found";
    const failedWords = failuresWords(best, r.vmCount, compared);
    if (failedWords !== null) lines.push("", failedWords);
    lines.push("", `per VM (${best.strategy}, in start order):`);
    const rows = [...best.vms].sort((a, b) => a.startSec - b.startSec || a.index - b.index);
    lines.push(
      textTable(
        ["vm", "start", "end", "iterations", "stun", "outcome", "guest slowdown"],
        rows.map((v) => [
          v.name,
          formatDuration(v.startSec),
          formatDuration(v.endSec),
          String(v.iterations),
          formatDuration(v.downtimeSec),
          v.outcome,
          v.guestSlowdown > 0 ? formatPercent(v.guestSlowdown) : "-",
        ]),
      ),
    );
  }
  return lines.join("\n");
}

/** `vmotion-sim evacuate --inventory FILE`: empty a host (or site) and compare orders (issue 8). */
export function evacuateCommand(): Command {
  const cmd = new Command("evacuate").description(
    "simulate evacuating a host: concurrent vMotions sharing the path, queued by vCenter's limits",
  );
  cmd.requiredOption(
    "--inventory <file>",
    "VMs: CSV with header name,memory,dirtyRate[,wss,vcpus,priority] or YAML (required)",
  );
  addFieldOptions(cmd, ["bandwidth", "rtt", "policy", "sdps", ...PATH_TRIGGER_KEYS], {
    bandwidth: "throughput one migration gets alone, shared by all (instead of a path)",
  })
    .option("--strategy <name>", `${STRATEGIES.join(", ")} or all`, "all")
    .option("--max-concurrent <n>", "override vCenter's limit on concurrent vMotions")
    .option("--search-budget <n>", "trial orders for best-found", "200")
    .option("--out <dir>", "write evacuation.csv, evacuation.json and a Gantt chart into this folder")
    .option(
      "--force",
      "with --out: write into a non-empty folder vmotion-sim did not write (its files are kept)",
    )
    .option("--json", "print the report as JSON");
  // A path flag evacuate refuses (it simulates concurrency itself; evacuationSetup says so, naming
  // --max-concurrent): kept so that message is given, but not offered in --help.
  cmd.options.find((o) => o.long === "--concurrent")?.hideHelp();
  cmd.action(async (opts: Record<string, unknown>) => {
    const file = String(opts.inventory);
    // Checked before any work: an output folder we may not replace is refused now (exit 2).
    const dir =
      typeof opts.out === "string" ? OutputDir.open(opts.out, { force: opts.force === true }) : null;
    try {
      await evacuate(file, opts, dir);
    } finally {
      dir?.discard(); // no-op once committed
    }
  });
  return cmd;
}

async function evacuate(file: string, opts: Record<string, unknown>, dir: OutputDir | null): Promise<void> {
  {
    const rows = parseInventory(readUserFile(file, "--inventory"), file);
    const strategyArg = String(opts.strategy);
    const strategies: readonly Strategy[] =
      parseChoice(strategyArg, "--strategy", [...STRATEGIES, "all"] as const) === "all"
        ? STRATEGIES
        : [strategyArg as Strategy];
    const maxConcurrent =
      opts.maxConcurrent === undefined
        ? null
        : parseCount(opts.maxConcurrent, "--max-concurrent", { min: 1, max: 1024 });
    const budget = parseCount(opts.searchBudget, "--search-budget", { min: 0, max: 100000 });
    const setup = evacuationSetup(rows, file, inputFromOptions(opts), maxConcurrent);
    const runs = runStrategies(
      setup.vms,
      { bottleneckBytesPerSec: setup.bottleneckBytesPerSec, maxConcurrent: setup.maxConcurrent },
      strategies,
      budget,
    );
    const report = evacuationReport(file, setup, runs);
    if (dir !== null) {
      // Loaded on use, not at start-up.
      const { renderPng, renderSvg } = await import("../../render/index.js");
      const { timelineChart } = await import("../../charts/index.js");
      const files = new Map<string, string | Uint8Array>([
        ["evacuation.csv", evacuationCsv(report)],
        ["evacuation.json", `${toJson(report)}\n`],
      ]);
      const best = report.strategies.find((s) => s.strategy === report.best);
      if (best) {
        const spec = timelineChart(best.vms, {
          title: `Evacuation of ${plural(report.vmCount, "VM", "VMs")} (${best.strategy})`,
        });
        const svg = await renderSvg(spec);
        files.set("evacuation-timeline.vl.json", `${JSON.stringify(spec, null, 2)}\n`);
        files.set("evacuation-timeline.svg", svg);
        files.set("evacuation-timeline.png", renderPng(svg));
      }
      await writeOutputFiles(dir, files, { command: "evacuate", source: file });
    }
    out(opts.json ? toJson(report) : reportText(report));
  }
}
