import type { ThroughputLimitsRow } from "../../charts/index.js";
import type { PathResult } from "../../network/index.js";
import { agreeingReadingCell } from "../../plan/buffer-modes.js";
import { formatDuration, formatRate } from "../../units/format.js";
import type { BuiltTable } from "../types.js";

/** A throughput-limits row with the path it was computed from (for the other-reading cell). */
export interface ThroughputAtRtt {
  readonly row: ThroughputLimitsRow;
  readonly path: PathResult;
}

/**
 * The results table of a throughput section: per RTT, the throughput and the bound that sets it.
 * Where the two buffer-sizing readings part by more than 10 % at some RTT (model.md section 4,
 * both assumptions), an "Other buffer sizing" column gives the other reading's throughput and
 * bound there (`expected-line-rate: 1.06 Gbit/s (window)`), `same within 10 %`
 * elsewhere; without such an RTT there is no such column.
 */
export function throughputAtRtt(rows: readonly ThroughputAtRtt[]): BuiltTable {
  const parted = rows.some((r) => r.row.otherAchievedBytesPerSec !== undefined);
  return {
    caption: "Throughput at each round-trip time",
    header: ["RTT", "Throughput", "Bound by", ...(parted ? ["Other buffer sizing"] : [])],
    rows: [...rows]
      .sort((a, b) => a.row.rttSec - b.row.rttSec)
      .map(({ row, path }) => [
        formatDuration(row.rttSec),
        formatRate(row.achievedBytesPerSec),
        row.binding,
        ...(parted
          ? [
              row.otherAchievedBytesPerSec === undefined
                ? agreeingReadingCell(path)
                : `${row.otherMode ?? "other"}: ${formatRate(row.otherAchievedBytesPerSec)} (${row.otherBinding ?? row.binding})`,
            ]
          : []),
      ]),
    numeric: [true, true, false, ...(parted ? [false] : [])],
  };
}
