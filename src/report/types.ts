import type { TopLevelSpec } from "vega-lite";
import type { SweepFile } from "../sweep/types.js";

/**
 * Report files (YAML, `schema/report.schema.json`) and the report built from them. A report file
 * is user text after the schema check; a {@link Report} is plain data (text, specs, tables) that
 * the Markdown and HTML renderers turn into strings. Nothing here touches files.
 */

/** A scalar as written in a report file: `64GiB`, `0.2`, `true`. */
export type RawScalar = string | number | boolean;

/** Scenario input with flag-like camelCase keys and unit strings (as in a sweep's `base`). */
export type RawInput = Readonly<Record<string, unknown>>;

export const CHART_KINDS = [
  "migration-time",
  "feasibility",
  "guest-slowdown",
  "distribution",
  "convergence",
  "throughput-limits",
  "sensitivity",
  "config-times",
] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

export const TABLE_KINDS = ["paths", "results"] as const;
export type TableKind = (typeof TABLE_KINDS)[number];

/** The data sources a section can have; exactly one per section. */
export const SOURCE_KINDS = ["sweep", "scenarios", "throughput", "sensitivity", "solve", "configs"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Which charts each data source can draw. */
export const CHARTS_BY_SOURCE: Readonly<Record<SourceKind, readonly ChartKind[]>> = {
  sweep: ["migration-time", "feasibility", "guest-slowdown", "distribution"],
  scenarios: ["convergence"],
  throughput: ["throughput-limits"],
  sensitivity: ["sensitivity"],
  solve: [],
  configs: ["config-times"],
};

export interface ChartRequest {
  readonly kind: ChartKind;
  readonly title?: string;
  readonly subtitle?: string;
  /** Sweep charts: the input column whose values are the series (default `preset`). */
  readonly series?: string;
  /** Feasibility: the x axis. */
  readonly axis?: "rtt" | "bandwidth";
  /** Sweep charts: keep only rows whose input columns have these values (labels or numbers). */
  readonly where?: Readonly<Record<string, RawScalar>>;
}

export interface TableRequest {
  readonly kind: TableKind;
}

/** A named scenario for per-iteration convergence traces. */
export interface NamedScenario {
  readonly name: string;
  readonly input: RawInput;
}

/** A path and an RTT range for the throughput limits chart. */
export interface ThroughputSource {
  readonly path: RawInput;
  readonly rtt: {
    readonly from: RawScalar;
    readonly to: RawScalar;
    readonly count: number;
    readonly scale?: "linear" | "log";
  };
}

/** A base scenario whose listed inputs are each moved down and up by `delta`. */
export interface SensitivitySource {
  readonly base: RawInput;
  readonly delta: RawScalar;
  readonly inputs: readonly string[];
}

/**
 * Host network configurations compared (issue 15): every VM at every destination under every
 * configuration (`vmotion-sim compare --configs`).
 */
export interface ConfigsSource {
  /** Preset names of `src/network/host/presets.ts`. */
  readonly configs: readonly string[];
  readonly vms: readonly NamedScenario[];
  /** Destinations: a name and the keys that set them (`site`, `mtu`, ...). */
  readonly sites: readonly NamedScenario[];
}

/** One inverse question (`vmotion-sim solve`). */
export interface SolveQuestion {
  readonly for: string;
  readonly base: RawInput;
  readonly maxTotal?: RawScalar;
  readonly maxStun?: RawScalar;
}

export interface SectionFile {
  readonly title: string;
  readonly text?: string;
  /** Sweep charts and findings: the dirty rate the findings quote (default: the median of the grid). */
  readonly at?: RawScalar;
  /** Inline sweep, or a sweep file path relative to the report file. */
  readonly sweep?: SweepFile | string;
  readonly scenarios?: readonly NamedScenario[];
  readonly throughput?: ThroughputSource;
  readonly sensitivity?: SensitivitySource;
  readonly solve?: readonly SolveQuestion[];
  readonly configs?: ConfigsSource;
  readonly charts?: readonly ChartRequest[];
  readonly tables?: readonly TableRequest[];
}

/** A report file after the schema check; `sweep` may still be a path. */
export interface ReportFile {
  readonly title: string;
  readonly intro?: string;
  readonly sections: readonly SectionFile[];
}

/** A section whose sweep (if any) is loaded: the data source is known and checked. */
export type ResolvedSection = Omit<SectionFile, "sweep"> & {
  readonly source: SourceKind;
  /** Where the section is in the file, for error messages: `sections[2]`. */
  readonly where: string;
  readonly sweep?: SweepFile;
  /** How the sweep was given: inline or the path as written. */
  readonly sweepFrom?: string;
};

export interface ResolvedReport {
  readonly title: string;
  readonly intro?: string;
  readonly sections: readonly ResolvedSection[];
}

/** A chart of a built report: its file name (no extension), caption and spec. */
export interface BuiltChart {
  readonly name: string;
  readonly caption: string;
  readonly spec: TopLevelSpec;
}

/** A table of plain strings; `numeric` marks right-aligned columns. */
export interface BuiltTable {
  readonly caption: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly numeric?: readonly boolean[];
}

export interface BuiltSection {
  /** Anchor and file-name prefix: `s1`, `s2`, ... */
  readonly id: string;
  readonly title: string;
  readonly text?: string;
  /** Generated from the numbers. */
  readonly findings: readonly string[];
  readonly charts: readonly BuiltChart[];
  readonly tables: readonly BuiltTable[];
  /** The section's scenario and assumptions in words, one line each (`key: value`). */
  readonly assumptions: readonly string[];
}

/** One default of the model and where it comes from. */
export interface SourceNote {
  readonly what: string;
  readonly value: string;
  readonly source: string;
}

export interface Report {
  readonly title: string;
  readonly intro?: string;
  readonly sections: readonly BuiltSection[];
  /** The network paths used anywhere in the report, as a table. */
  readonly paths: BuiltTable | null;
  readonly sources: readonly SourceNote[];
}
