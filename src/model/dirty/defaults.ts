import { formatByteRate, formatBytes } from "../../units/format.js";
import type { AccessPattern, DirtyModel, WorkingSetDirty } from "../types.js";

/**
 * The dirtying default when the user gives a dirty rate but neither a working set (`--wss`) nor
 * a measured curve (model.md section 2.1). It is a DEFAULT, NOT A MEASUREMENT: every result that
 * rests on it says so (`describeDirtyModel`).
 *
 * - Hot set W = 1/8 of memory, written uniformly at the given rate, no cold rate. The fraction
 *   rests on the two fully specified published cases (KubeVirt VEP 291, an 8 GiB QEMU guest at
 *   ~650 Mbit/s over 1 Gbit/s, default and ramped downtime limit: docs/validation.md), where it
 *   predicts total time within 17 % and 1 %; the constant-rate reading misses them by +109 % and
 *   +154 %. Both cases come from one VM, so the fraction is a consistency check, not a fit
 *   validated across workloads. Measured curves (Gudkov 2023: a 32 GiB memcached VM dirtied 1.4 %
 *   of its pages in 1 s and 18 % in 60 s) and Nathan et al. 2015 (models without a working set
 *   err by 46-159 % at the 90th percentile) say why some bounded working set is the better
 *   default than none; neither gives the fraction.
 * - `uniform` is the pattern with the closed form that the literature uses (Clark et al. 2005 WWS;
 *   research notes' suggested form), between `sequential` (faster saturation) and `zipf` (slower).
 * - The constant (geometric) model stays available by name: `--dirty-model constant`.
 */
export const DEFAULT_WSS_FRACTION = 1 / 8;
export const DEFAULT_PATTERN: AccessPattern = "uniform";
/** `hot-cold` without a given share: 90 % of writes on the hot set (an assumption, the "90/10" rule). */
export const DEFAULT_HOT_SHARE = 0.9;

/** The names `--dirty-model` accepts when no curve is given. */
export const DIRTY_MODEL_NAMES = ["working-set", "constant"] as const;
export type DirtyModelName = (typeof DIRTY_MODEL_NAMES)[number];

/** The default working set for a dirty rate over `memoryBytes` (its pattern and hot share given or the defaults). */
export function defaultWorkingSet(
  memoryBytes: number,
  rateBytesPerSec: number,
  pattern: AccessPattern = DEFAULT_PATTERN,
  hotShare: number = DEFAULT_HOT_SHARE,
): WorkingSetDirty {
  return {
    kind: "working-set",
    rateBytesPerSec,
    wssBytes: memoryBytes * DEFAULT_WSS_FRACTION,
    coldRateBytesPerSec: 0,
    pattern,
    hotShare,
    wssDefault: true,
  };
}

const size = (bytes: number): string => formatBytes(bytes);
const rate = (bytesPerSec: number): string => formatByteRate(bytesPerSec);

/**
 * The dirty model a result rests on, in words, e.g. "working set 8 GiB (default: 1/8 of memory,
 * an assumption, not a measurement), uniform writes at 400 MiB/s". Printed in every human output
 * and carried as `dirtyModel` in every JSON result.
 */
export function describeDirtyModel(d: DirtyModel, memoryBytes: number): string {
  switch (d.kind) {
    case "constant":
      return `constant: ${rate(d.rateBytesPerSec)} of new distinct bytes every second (geometric model)`;
    case "curve": {
      const n = d.intervalsSec.length - 1;
      return `measured curve of ${n} point${n === 1 ? "" : "s"}, extended at its last slope`;
    }
    case "working-set": {
      const share = Number(((d.wssBytes / memoryBytes) * 100).toFixed(1));
      const ws = d.wssDefault
        ? `working set ${size(d.wssBytes)} (default: 1/8 of memory, an assumption, not a measurement)`
        : `working set ${size(d.wssBytes)} (${share} % of memory)`;
      const pattern =
        d.pattern === "hot-cold"
          ? `hot-cold writes (${Number((d.hotShare * 100).toFixed(1))} % on the working set)`
          : d.pattern === "zipf"
            ? "Zipf-skewed writes (exponent 1)"
            : `${d.pattern} writes`;
      const cold = d.coldRateBytesPerSec > 0 ? ` plus ${rate(d.coldRateBytesPerSec)} over the rest` : "";
      return `${ws}, ${pattern} at ${rate(d.rateBytesPerSec)}${cold}`;
    }
  }
}
