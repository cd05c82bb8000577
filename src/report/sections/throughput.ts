import { throughputLimitsChart, type ThroughputLimitsRow } from "../../charts/index.js";
import { InputError } from "../../errors.js";
import { fieldOf, type CanonicalInput } from "../../input/fields.js";
import { parseField, parseInput } from "../../input/parse.js";
import { pathOf } from "../../input/path.js";
import type { PathResult } from "../../network/index.js";
import { otherBufferMode, partsBeyondSpread } from "../../plan/buffer-modes.js";
import { throughputFindings } from "../findings/index.js";
import { describeInput, durationRange, namerAt } from "../inputs.js";
import { throughputAtRtt, type ThroughputAtRtt } from "../tables/throughput-at-rtt.js";
import type { ResolvedSection } from "../types.js";
import { plural } from "../../units/format.js";
import { addChart, chartText, emptyParts, type SectionParts } from "./parts.js";

/**
 * A throughput-limits section: the path's bounds and achieved throughput over an RTT range, with
 * the other buffer-sizing reading's throughput at each RTT where the two part by more than 10 %
 * (chart, findings and the results table all show it).
 */
export function throughputSection(sec: ResolvedSection): SectionParts {
  const parts = emptyParts();
  const src = sec.throughput;
  if (src === undefined) return parts;
  const where = `${sec.where}.throughput`;
  const rtts = durationRange(src.rtt, `${where}.rtt`);
  const name = namerAt(`${where}.path`);
  const input = parseInput({ preset: "same-l2", ...src.path }, name);
  const rtt = fieldOf("rtt");
  const computed: ThroughputAtRtt[] = rtts.map((v, k) => {
    // Each RTT of the range within the field's limits (a linear range may start at 0).
    const rttSec =
      rtt === undefined ? v : (parseField(rtt, v, `${where}.rtt (value ${k + 1}: ${v})`) as number);
    const r = pathOf({ ...input, rtt: rttSec });
    if (r === null)
      throw new InputError("missing-value", `${where}.path`, "needs a path: a preset or path keys");
    const b = r.bounds;
    const row: ThroughputLimitsRow = {
      rttSec,
      linkBytesPerSec: b.linkBytesPerSec,
      windowBytesPerSec: b.windowBytesPerSec,
      ...(b.lossBytesPerSec !== null ? { lossBytesPerSec: b.lossBytesPerSec } : {}),
      ...(b.cpuBytesPerSec !== null ? { cpuBytesPerSec: b.cpuBytesPerSec } : {}),
      ...(b.capBytesPerSec !== null ? { capBytesPerSec: b.capBytesPerSec } : {}),
      achievedBytesPerSec: r.throughputBytesPerSec,
      binding: r.binding,
      ...otherReading({ ...input, rtt: rttSec }, r),
    };
    return { row, path: r };
  });
  const rows = computed.map((c) => c.row);
  parts.assumptions.push(
    `Path: ${describeInput(src.path)}; RTT ${plural(src.rtt.count, "value")} from ${String(src.rtt.from)} to ${String(src.rtt.to)}${src.rtt.scale === "log" ? " (log spaced)" : ""}`,
  );
  (sec.charts ?? []).forEach((c, j) => addChart(parts, c, j, throughputLimitsChart(rows, chartText(c))));
  parts.findings.push(...throughputFindings(rows));
  if ((sec.tables ?? []).some((t) => t.kind === "results")) parts.tables.push(throughputAtRtt(computed));
  return parts;
}

/**
 * The path under the other buffer-sizing reading (model.md section 4), as the row's `other*`
 * fields when its throughput parts from `used`'s by more than 10 %; none when they agree or the
 * path has no latency-aware sizing.
 */
function otherReading(
  input: CanonicalInput,
  used: PathResult,
): Pick<ThroughputLimitsRow, "otherAchievedBytesPerSec" | "otherBinding" | "usedMode" | "otherMode"> {
  if (used.bufferMode === null) return {};
  const otherMode = otherBufferMode(used.bufferMode);
  const o = pathOf({ ...input, bufferMode: otherMode });
  if (o === null || !partsBeyondSpread(used.throughputBytesPerSec, o.throughputBytesPerSec)) return {};
  return {
    otherAchievedBytesPerSec: o.throughputBytesPerSec,
    otherBinding: o.binding,
    usedMode: used.bufferMode,
    otherMode,
  };
}
