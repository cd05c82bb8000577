import { configTimesChart, type ConfigTimeRow } from "../../charts/config-times.js";
import { parseInput } from "../../input/parse.js";
import { switchedOver } from "../../model/types.js";
import { HOST_CONFIG_NAMES } from "../../network/host/presets.js";
import { otherReadingCell, type BufferModeSpread } from "../../plan/buffer-modes.js";
import { runConfigs } from "../../plan/configs.js";
import { formatCount, formatDuration, formatPercent, formatRate } from "../../units/format.js";
import { parseChoice } from "../../units/parse.js";
import { otherReadingFindings } from "../findings/buffers.js";
import { configFindings, type ConfigCell } from "../findings/configs.js";
import { describeInput, namerAt } from "../inputs.js";
import type { ConfigsSource, ResolvedSection } from "../types.js";
import { addChart, chartText, emptyParts, type SectionParts } from "./parts.js";

/** The other buffer-sizing reading of a cell for the chart, when the two part. */
function otherReadingOf(
  spread: BufferModeSpread | null,
): Pick<ConfigTimeRow, "otherTotalTimeSec" | "usedMode" | "otherMode"> {
  if (spread === null) return {};
  const r = spread.other.result;
  return {
    otherTotalTimeSec: switchedOver(r.outcome) ? r.totalTimeSec : NaN,
    usedMode: spread.used.mode,
    otherMode: spread.other.mode,
  };
}

/**
 * The configurations findings, and after the last one the other reading changes those that read otherwise when
 * computed again with each parting cell under the other buffer-sizing reading (model.md
 * section 4): "Under the other buffer sizing (expected-line-rate, an assumption): the management
 * gateway makes ... only 1.1x as long across the WAN".
 */
function withOtherReading(cells: readonly ConfigCell[]): string[] {
  const used = configFindings(cells);
  const otherMode = cells.find((c) => c.column.spread !== null)?.column.spread?.other.mode;
  if (otherMode === undefined) return used;
  const otherCells = cells.map((c): ConfigCell => {
    const o = c.column.spread?.other;
    if (o === undefined) return c;
    const network =
      c.column.network.kind === "route" ? { ...c.column.network, path: o.path } : c.column.network;
    return { ...c, column: { ...c.column, network, result: o.result, spread: null } };
  });
  const other = configFindings(otherCells);
  const extra = otherReadingFindings(used, other, otherMode);
  // After the last sentence the other reading changes (the buffer finding among them).
  const changed = used.map((f) => !other.includes(f)).lastIndexOf(true);
  return [...used.slice(0, changed + 1), ...extra, ...used.slice(changed + 1)];
}

/**
 * The host network configurations section (issue 15): every VM at every destination under every
 * configuration, each cell simulated with `runConfigs` (the route, the path that follows, the
 * migration); a table of verdict, total time, stun and guest slowdown, a chart of total times,
 * and findings from the numbers (`findings/configs.ts`).
 */
export function configsSection(sec: ResolvedSection): SectionParts {
  const parts = emptyParts();
  const src = sec.configs as ConfigsSource;
  const where = `${sec.where}.configs`;
  const charts = sec.charts ?? [];
  const wantsTable = (sec.tables ?? []).some((t) => t.kind === "results");
  const configs = src.configs.map((c, k) => parseChoice(c, `${where}.configs[${k}]`, HOST_CONFIG_NAMES));
  const cells: ConfigCell[] = [];
  src.vms.forEach((vm, i) => {
    src.sites.forEach((site, j) => {
      const at = `${where}.sites[${j}].input`;
      const input = {
        ...parseInput(vm.input, namerAt(`${where}.vms[${i}].input`)),
        ...parseInput(site.input, namerAt(at)),
      };
      for (const column of runConfigs(input, configs, namerAt(at)))
        cells.push({ vm: vm.name, site: site.name, siteKey: input.site ?? "local", column });
    });
  });
  for (const vm of src.vms) parts.assumptions.push(`${vm.name}: ${describeInput(vm.input)}`);
  for (const site of src.sites) parts.assumptions.push(`${site.name}: ${describeInput(site.input)}`);
  parts.assumptions.push(
    "Hosts: vMotion vmknic 10.20.30.11/24 on 10 GbE (MTU 9000 unless set), destination 10.20.31.12/24 " +
      "(10.20.30.12/24 on one subnet), management vmk0 10.20.0.11/24 on 1 GbE at MTU 1500 with gateway 10.20.0.1; " +
      "both hosts configured alike [assumption]",
  );
  parts.findings.push(...withOtherReading(cells));

  charts.forEach((c, j) => {
    const rows: ConfigTimeRow[] = cells.map((cell) => ({
      vm: cell.vm,
      site: cell.site,
      config: cell.column.config,
      totalTimeSec: switchedOver(cell.column.result.outcome) ? cell.column.result.totalTimeSec : NaN,
      outcome: cell.column.result.outcome,
      ...otherReadingOf(cell.column.spread),
    }));
    const failed = rows.filter((r) => !Number.isFinite(r.totalTimeSec)).length;
    const t = chartText(c);
    addChart(
      parts,
      c,
      j,
      configTimesChart(
        rows,
        failed > 0 && t.subtitle === undefined
          ? {
              ...t,
              subtitle: `${failed === 1 ? "1 failed migration has" : `${formatCount(failed)} failed migrations have`} no dot (see the table)`,
            }
          : t,
      ),
    );
  });
  // Where a cell's two buffer-sizing readings part by more than 10 %, the table shows the other.
  const parted = cells.some((c) => c.column.spread !== null);
  if (wantsTable)
    parts.tables.push({
      caption: "Each VM under each host network configuration, at each destination",
      header: [
        "VM",
        "Destination",
        "Configuration",
        "Route",
        "RTT",
        "Throughput",
        "Verdict",
        "Total time",
        "Stun",
        "Guest slowdown",
        ...(parted ? ["Other buffer sizing"] : []),
      ],
      rows: cells.map((cell) => {
        const col = cell.column;
        const r = col.result;
        const ok = switchedOver(r.outcome);
        return [
          cell.vm,
          cell.site,
          col.config,
          col.network.kind === "route" ? col.network.route.description : col.network.failure.outcome,
          col.network.kind === "route" ? formatDuration(col.network.path.rttSec) : "-",
          // A migration that ran and failed had a throughput (the other-reading cell gives its
          // own); only one that never started (no route, stacks apart) has none.
          col.network.kind === "route" ? formatRate(r.throughputBytesPerSec) : "-",
          r.outcome,
          ok ? formatDuration(r.totalTimeSec) : "-",
          ok ? formatDuration(r.downtimeSec) : "-",
          ok ? formatPercent(r.guestSlowdown) : "-",
          ...(parted
            ? [otherReadingCell(col.spread, col.network.kind === "route" ? col.network.path : null)]
            : []),
        ];
      }),
      numeric: [false, false, false, false, true, true, false, true, true, true, ...(parted ? [false] : [])],
    });
  return parts;
}
