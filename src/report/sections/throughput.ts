import { throughputLimitsChart, type ThroughputLimitsRow } from "../../charts/index.js";
import { InputError } from "../../errors.js";
import { fieldOf } from "../../input/fields.js";
import { parseField, parseInput } from "../../input/parse.js";
import { pathOf } from "../../input/path.js";
import { throughputFindings } from "../findings/index.js";
import { describeInput, durationRange, namerAt } from "../inputs.js";
import type { ResolvedSection } from "../types.js";
import { plural } from "../../units/format.js";
import { addChart, chartText, emptyParts, type SectionParts } from "./parts.js";

/** A throughput-limits section: the path's bounds and achieved throughput over an RTT range. */
export function throughputSection(sec: ResolvedSection): SectionParts {
  const parts = emptyParts();
  const src = sec.throughput;
  if (src === undefined) return parts;
  const where = `${sec.where}.throughput`;
  const rtts = durationRange(src.rtt, `${where}.rtt`);
  const name = namerAt(`${where}.path`);
  const input = parseInput({ preset: "same-l2", ...src.path }, name);
  const rtt = fieldOf("rtt");
  const rows: ThroughputLimitsRow[] = rtts.map((v, k) => {
    // Each RTT of the range within the field's limits (a linear range may start at 0).
    const rttSec =
      rtt === undefined ? v : (parseField(rtt, v, `${where}.rtt (value ${k + 1}: ${v})`) as number);
    const r = pathOf({ ...input, rtt: rttSec });
    if (r === null)
      throw new InputError("missing-value", `${where}.path`, "needs a path: a preset or path keys");
    const b = r.bounds;
    return {
      rttSec,
      linkBytesPerSec: b.linkBytesPerSec,
      windowBytesPerSec: b.windowBytesPerSec,
      ...(b.lossBytesPerSec !== null ? { lossBytesPerSec: b.lossBytesPerSec } : {}),
      ...(b.cpuBytesPerSec !== null ? { cpuBytesPerSec: b.cpuBytesPerSec } : {}),
      ...(b.capBytesPerSec !== null ? { capBytesPerSec: b.capBytesPerSec } : {}),
      achievedBytesPerSec: r.throughputBytesPerSec,
      binding: r.binding,
    };
  });
  parts.assumptions.push(
    `Path: ${describeInput(src.path)}; RTT ${plural(src.rtt.count, "value")} from ${String(src.rtt.from)} to ${String(src.rtt.to)}${src.rtt.scale === "log" ? " (log spaced)" : ""}`,
  );
  (sec.charts ?? []).forEach((c, j) => addChart(parts, c, j, throughputLimitsChart(rows, chartText(c))));
  parts.findings.push(...throughputFindings(rows));
  return parts;
}
