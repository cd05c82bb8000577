/**
 * Rows per Parquet row group: 65,536, counted from scenario 0 (the last group shorter), so the file
 * is the same for any worker count or batch size. Large enough for efficient column chunks, small
 * enough that a few in-flight groups (x 8 bytes x ~30 columns) stay in tens of MB.
 */
export const DEFAULT_ROW_GROUP_ROWS = 65_536;
