import type { PathSegment } from "./types.js";

/**
 * How outputs name a segment: `segment N (label)` with N 1-based, or `segment N` without a label.
 *
 * Example: `segmentName({ label: "dci", ... }, 1)` returns "segment 2 (dci)".
 */
export function segmentName(segment: PathSegment, index: number): string {
  const label = segment.label;
  return label === undefined || label === "" ? `segment ${index + 1}` : `segment ${index + 1} (${label})`;
}
