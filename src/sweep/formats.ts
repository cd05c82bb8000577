import type { TextFormat } from "./encode.js";

/** Output file formats of a sweep. */
export type OutputFormat = TextFormat | "parquet";
export const OUTPUT_FORMATS: readonly OutputFormat[] = ["csv", "ndjson", "parquet"];
