import { max, min } from "simple-statistics";
import type { TopLevelSpec } from "vega-lite";
import { readingNames, readingShape } from "./buffer-readings.js";
import { titleOf, type ChartText } from "./common.js";
import { drawHiddenFirst, hiddenLines, identicalSeries, withSubtitleLines } from "./hidden.js";
import { spansDecades } from "./edges.js";
import { chartConfig, OKABE_ITO, VEGA_LITE_SCHEMA } from "./theme.js";
import { roundSig, toGbitPerSec } from "./units.js";

/** The bounds of model.md section 4, B = min(link x efficiency, window/RTT, loss, CPU, cap). */
export type ThroughputBound = "link" | "window" | "loss" | "cpu" | "cap";

/**
 * Throughput bounds at one RTT, in bytes/s; a bound that does not apply is Infinity or omitted.
 * `achievedBytesPerSec` is the minimum of the bounds and `binding` names which one it is.
 */
export interface ThroughputLimitsRow {
  readonly rttSec: number;
  readonly linkBytesPerSec?: number;
  readonly windowBytesPerSec?: number;
  readonly lossBytesPerSec?: number;
  readonly cpuBytesPerSec?: number;
  readonly capBytesPerSec?: number;
  readonly achievedBytesPerSec: number;
  readonly binding: string;
  /**
   * The throughput under the other buffer-sizing reading and the bound that sets it, when the two
   * part by more than 10 % (above 4 ms RTT; model.md section 4), with the two readings' names;
   * absent where they agree.
   */
  readonly otherAchievedBytesPerSec?: number;
  readonly otherBinding?: string;
  readonly usedMode?: string;
  readonly otherMode?: string;
}

const BOUNDS: readonly { key: ThroughputBound; label: string; colour: string }[] = [
  { key: "link", label: "link rate x protocol efficiency", colour: OKABE_ITO.blue },
  { key: "window", label: "socket window / RTT", colour: OKABE_ITO.orange },
  { key: "loss", label: "packet loss (Mathis)", colour: OKABE_ITO.vermillion },
  { key: "cpu", label: "CPU per stream", colour: OKABE_ITO.reddishPurple },
  { key: "cap", label: "configured cap", colour: OKABE_ITO.skyBlue },
];

function boundValue(row: ThroughputLimitsRow, key: ThroughputBound): number | undefined {
  const v = {
    link: row.linkBytesPerSec,
    window: row.windowBytesPerSec,
    loss: row.lossBytesPerSec,
    cpu: row.cpuBytesPerSec,
    cap: row.capBytesPerSec,
  }[key];
  return v !== undefined && Number.isFinite(v) && v > 0 ? v : undefined;
}

/**
 * Throughput limits against RTT (ms): each bound of model.md section 4 as a dashed line, the
 * achieved throughput as a solid black line whose points take the colour of the bound that binds
 * there. Gbit/s on a log axis; bounds far above the achieved rate are clipped at 5x its maximum.
 *
 * Where the two buffer-sizing readings part (both assumptions, `otherAchievedBytesPerSec`), the
 * other reading's throughput is drawn too, as in the configurations chart: a diamond in the colour
 * of the bound that sets it, joined by a rule to the reading used (a circle), with a "Buffer sizing
 * (assumed)" legend. Without such an RTT the chart has no diamonds and no such legend.
 */
export function throughputLimitsChart(rows: readonly ThroughputLimitsRow[], text?: ChartText): TopLevelSpec {
  const present = BOUNDS.filter((b) => rows.some((r) => boundValue(r, b.key) !== undefined));
  const labelOf = (key: string): string => BOUNDS.find((b) => b.key === key)?.label ?? key;
  const bounds = rows.flatMap((r) =>
    present.flatMap((b) => {
      const v = boundValue(r, b.key);
      return v === undefined
        ? []
        : [
            {
              rttMs: roundSig(r.rttSec * 1e3),
              gbps: roundSig(toGbitPerSec(v)),
              bound: b.label,
              line: "bound",
            },
          ];
    }),
  );
  // A bound equal to another at every RTT (the socket window sized to the bandwidth-delay product
  // is the link rate) is drawn under it and named in the subtitle, not left in the legend unseen.
  const hidden = identicalSeries(bounds.map((b) => ({ series: b.bound, x: b.rttMs, y: b.gbps })));
  const boundLines = drawHiddenFirst(bounds, (b) => b.bound, hidden);
  const parting = rows.filter((r) => r.otherAchievedBytesPerSec !== undefined);
  const names = readingNames(parting);
  const achieved = rows.map((r) => ({
    rttMs: roundSig(r.rttSec * 1e3),
    gbps: roundSig(toGbitPerSec(r.achievedBytesPerSec)),
    bound: labelOf(r.binding),
    line: "achieved",
    ...(parting.length > 0 ? { reading: names.used } : {}),
  }));
  const others = parting.map((r) => ({
    rttMs: roundSig(r.rttSec * 1e3),
    gbps: roundSig(toGbitPerSec(r.otherAchievedBytesPerSec as number)),
    usedGbps: roundSig(toGbitPerSec(r.achievedBytesPerSec)),
    bound: labelOf(r.otherBinding ?? r.binding),
    reading: names.other,
  }));
  const maxAchieved = max(achieved.map((a) => a.gbps));
  const minAll = min([
    ...achieved.map((a) => a.gbps),
    ...bounds.map((b) => b.gbps),
    ...others.map((o) => o.gbps),
  ]);
  const yDomain = [roundSig(minAll / 1.5), roundSig(maxAchieved * 5)];
  const xLog = spansDecades(rows.map((r) => r.rttSec));
  const usedLabels = [...present.map((b) => b.label)];
  for (const a of [...achieved, ...others]) if (!usedLabels.includes(a.bound)) usedLabels.push(a.bound);
  const colour = {
    domain: usedLabels,
    range: usedLabels.map((l) => BOUNDS.find((b) => b.label === l)?.colour ?? OKABE_ITO.black),
  };
  const x = {
    field: "rttMs",
    type: "quantitative" as const,
    title: `Round-trip time (ms${xLog ? ", log scale" : ""})`,
    scale: xLog ? { type: "log" as const, nice: false } : { nice: false },
  };
  const y = {
    field: "gbps",
    type: "quantitative" as const,
    title: "Throughput (Gbit/s, log scale)",
    scale: { type: "log" as const, domain: yDomain },
  };
  const lineStyle = {
    field: "line",
    type: "nominal" as const,
    title: "Line",
    scale: {
      domain: ["achieved", "bound"],
      range: [
        [1, 0],
        [6, 4],
      ],
    },
    legend: {
      symbolStrokeColor: "#000000",
      symbolStrokeWidth: 2,
      symbolSize: 500,
      labelExpr: "datum.label === 'bound' ? 'upper bound' : 'achieved'",
    },
  };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: withSubtitleLines(titleOf(text, "Throughput limits vs RTT"), hiddenLines(hidden)),
    config: chartConfig(),
    width: 560,
    height: 320,
    layer: [
      {
        data: { values: boundLines },
        mark: { type: "line", strokeWidth: 2, clip: true },
        encoding: {
          x,
          y,
          color: { field: "bound", type: "nominal", title: "Limit (colour)", scale: colour },
          strokeDash: lineStyle,
        },
      },
      {
        data: { values: achieved },
        encoding: { x, y },
        layer: [
          {
            mark: { type: "line", strokeWidth: 3, color: "#000000", clip: true },
            encoding: { strokeDash: lineStyle },
          },
          {
            mark: { type: "point", filled: true, size: 70, stroke: "#000000", strokeWidth: 1, opacity: 1 },
            encoding: {
              color: { field: "bound", type: "nominal", title: "Limit (colour)", scale: colour },
              ...(others.length > 0 ? { shape: readingShape(names) } : {}),
              tooltip: [
                { field: "rttMs", title: "RTT (ms)" },
                { field: "gbps", title: "Achieved (Gbit/s)" },
                { field: "bound", title: "Binding limit" },
              ],
            },
          },
        ],
      },
      ...(others.length > 0
        ? [
            {
              data: { values: others },
              encoding: { x, y },
              layer: [
                {
                  mark: { type: "rule" as const, color: "#000000", opacity: 0.6, clip: true },
                  encoding: { y2: { field: "usedGbps" } },
                },
                {
                  mark: {
                    type: "point" as const,
                    filled: true,
                    size: 70,
                    stroke: "#000000",
                    strokeWidth: 1,
                    opacity: 1,
                  },
                  encoding: {
                    color: {
                      field: "bound",
                      type: "nominal" as const,
                      title: "Limit (colour)",
                      scale: colour,
                    },
                    shape: readingShape(names),
                    tooltip: [
                      { field: "rttMs", title: "RTT (ms)" },
                      { field: "reading", title: "Buffer sizing (assumed)" },
                      { field: "gbps", title: "Achieved (Gbit/s)" },
                      { field: "bound", title: "Binding limit" },
                    ],
                  },
                },
              ],
            },
          ]
        : []),
    ],
  };
}
