import { PAGE_BYTES } from "../units/parse.js";
import { parseLogTime, type LogTime } from "./log-time.js";
import { classifyLine, type FailureKind, type LineEvent } from "./vmotion-lines.js";

/**
 * Joins ESXi log lines into one record per vMotion.
 *
 * Join key: the migration id (`migration-id.ts`). Lines without an id (vmware.log's
 * `Checkpoint_Unstun`, failure lines, hostd `-->` continuation lines) belong to the last id seen
 * earlier in the same file: vmware.log holds one VM's migrations one after another. Such a line
 * before any id in its file cannot be joined and is counted in `unjoinedLines`.
 *
 * Units and conventions (each an assumption where the notes mark it [I] or [U]):
 * - `network bandwidth ~X MB/s`: MB read as 10^6 bytes ({@link VMOTION_LOG_MB_BYTES}); no source
 *   says whether it is decimal or binary (an *assumption*; KB 436882 shows the line without saying). Binary would make
 *   every bandwidth 4.86 % higher.
 * - `only N pages left`: 4 KiB pages (`PAGE_BYTES`).
 * - `Z% t2d`: transmit-to-dirty ratio in percent; reported as a ratio (`t2dRatio` = Z / 100).
 * - `precopyStunTime` (hostd) and `downtime value` (vpxa): microseconds (80477 -> 80 ms, matching
 *   the "< 500 ms" guidance; notes 3.2). `vm stopped for N us` is microseconds by its own text.
 * - `finalSendSec`: "Sent all modified pages" time minus "Stopping pre-copy" time (53 ms in
 *   KB 436882), when both are on the same clock.
 *
 * Never throws on content: arbitrary bytes, truncated or run-together lines and unknown versions
 * end up either in a migration or in `unparsedLines` (with a few kept in `unknownLinesSample`).
 */

/** Bytes in the "MB" of vmkernel's `network bandwidth ~X MB/s` (assumed decimal; see above). */
export const VMOTION_LOG_MB_BYTES = 1e6;

export interface VmotionFailure {
  readonly kind: FailureKind;
  readonly message: string;
  readonly time: string | null;
  readonly file: string;
}

export interface Migration {
  /** Decimal migration id (vMotion `ts`). */
  readonly id: string;
  /** Earliest timestamp among the migration's lines, as logged; null if none had one. */
  readonly startTime: string | null;
  readonly sourceIp: string | null;
  readonly destinationIp: string | null;
  /** True if a start line says `encrypted`, false if start lines lack it, null if none seen. */
  readonly encrypted: boolean | null;
  readonly pagesLeftAtStop: number | null;
  readonly switchoverGoalSec: number | null;
  /** vMotion's own estimate at the stop decision ("Stopping pre-copy"), else at the final send. */
  readonly bandwidthBytesPerSec: number | null;
  /** Transmit-to-dirty ratio (1010.88 for `101088% t2d`). */
  readonly t2dRatio: number | null;
  readonly finalSendSec: number | null;
  readonly precopyStunTimeSec: number | null;
  readonly vmStoppedSec: number | null;
  readonly downtimeSec: number | null;
  readonly failures: readonly VmotionFailure[];
  /** Files that contributed lines, in input order. */
  readonly files: readonly string[];
  readonly lineCount: number;
}

export interface VmotionLogParse {
  readonly migrations: readonly Migration[];
  /** Non-blank lines that matched no known format. */
  readonly unparsedLines: number;
  /** A few of those lines (migration-related ones first), cut to 200 characters. */
  readonly unknownLinesSample: readonly string[];
  /** Recognised lines without a migration id and no earlier id in their file. */
  readonly unjoinedLines: number;
  readonly totalLines: number;
}

const SAMPLE_SIZE = 5;
const MAX_LINE_CHARS = 8192;

interface Builder {
  id: string;
  order: number;
  start: LogTime | null;
  sourceIp: string | null;
  destinationIp: string | null;
  encrypted: boolean | null;
  stop: { pagesLeft: number; goal: number | null; bw: number | null; t2d: number | null } | null;
  stopTime: LogTime | null;
  sentAllTime: LogTime | null;
  sentAllBw: number | null;
  precopyStunUs: number | null;
  vmStoppedUs: number | null;
  downtimeUs: number | null;
  failures: VmotionFailure[];
  files: string[];
  lineCount: number;
}

/**
 * Splits a physical line where a second log line was run into it (KB 436882's copy shows
 * `... t2d) 2026-04-14T15:38:20.213Z cpu1:...`): a new ISO timestamp after whitespace.
 */
function splitRunTogether(line: string): string[] {
  return line.split(/\s+(?=(?:<\d{1,3}>)?\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z?[\s|])/);
}

function newBuilder(id: string, order: number): Builder {
  return {
    id,
    order,
    start: null,
    sourceIp: null,
    destinationIp: null,
    encrypted: null,
    stop: null,
    stopTime: null,
    sentAllTime: null,
    sentAllBw: null,
    precopyStunUs: null,
    vmStoppedUs: null,
    downtimeUs: null,
    failures: [],
    files: [],
    lineCount: 0,
  };
}

function apply(b: Builder, event: LineEvent, time: LogTime | null, file: string): void {
  b.lineCount++;
  if (!b.files.includes(file)) b.files.push(file);
  if (time && (!b.start || (b.start.clock === time.clock && time.sec < b.start.sec))) b.start = time;
  switch (event.kind) {
    case "start":
      b.sourceIp = event.sourceIp;
      b.destinationIp = event.destinationIp;
      b.encrypted = (b.encrypted ?? false) || event.encrypted;
      break;
    case "stop-precopy":
      b.stop = {
        pagesLeft: event.pagesLeft,
        goal: event.switchoverGoalSec,
        bw: event.bandwidthMBPerSec,
        t2d: event.t2dPercent,
      };
      b.stopTime = time;
      b.sentAllTime = null;
      break;
    case "sent-all":
      if (b.sentAllTime === null) b.sentAllTime = time;
      b.sentAllBw = event.bandwidthMBPerSec ?? b.sentAllBw;
      break;
    case "precopy-stun":
      b.precopyStunUs = event.microseconds;
      break;
    case "downtime":
      b.downtimeUs = event.microseconds;
      break;
    case "vm-stopped":
      b.vmStoppedUs = event.microseconds;
      break;
    case "failure":
      if (!b.failures.some((f) => f.kind === event.failure && f.message === event.message)) {
        b.failures.push({ kind: event.failure, message: event.message, time: time?.text ?? null, file });
      }
      break;
    case "mention":
      b.sourceIp ??= event.sourceIp ?? null;
      b.destinationIp ??= event.destinationIp ?? null;
      break;
  }
}

function finish(b: Builder): Migration {
  const bwMB = b.stop?.bw ?? b.sentAllBw;
  const finalSendSec =
    b.stopTime && b.sentAllTime && b.stopTime.clock === b.sentAllTime.clock
      ? Math.max(0, round6(b.sentAllTime.sec - b.stopTime.sec))
      : null;
  return {
    id: b.id,
    startTime: b.start?.text ?? null,
    sourceIp: b.sourceIp,
    destinationIp: b.destinationIp,
    encrypted: b.encrypted,
    pagesLeftAtStop: b.stop?.pagesLeft ?? null,
    switchoverGoalSec: b.stop?.goal ?? null,
    bandwidthBytesPerSec: bwMB === null || bwMB === undefined ? null : bwMB * VMOTION_LOG_MB_BYTES,
    t2dRatio: b.stop?.t2d === null || b.stop?.t2d === undefined ? null : b.stop.t2d / 100,
    finalSendSec,
    precopyStunTimeSec: b.precopyStunUs === null ? null : b.precopyStunUs / 1e6,
    vmStoppedSec: b.vmStoppedUs === null ? null : b.vmStoppedUs / 1e6,
    downtimeSec: b.downtimeUs === null ? null : b.downtimeUs / 1e6,
    failures: b.failures,
    files: b.files,
    lineCount: b.lineCount,
  };
}

/** Rounds away binary noise of timestamp subtraction (timestamps carry at most microseconds). */
function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Bytes vMotion had left at the stop decision: pages x 4 KiB. */
export function pagesToBytes(pages: number): number {
  return pages * PAGE_BYTES;
}

export function parseVmotionLogs(files: readonly { name: string; text: string }[]): VmotionLogParse {
  const builders = new Map<string, Builder>();
  const related: string[] = [];
  const other: string[] = [];
  let unparsedLines = 0;
  let unjoinedLines = 0;
  let totalLines = 0;

  const builderFor = (id: string): Builder => {
    let b = builders.get(id);
    if (!b) {
      b = newBuilder(id, builders.size);
      builders.set(id, b);
    }
    return b;
  };

  for (const file of files) {
    let contextId: string | null = null;
    for (const physical of file.text.split(/\r\n|\n|\r/)) {
      for (const piece of splitRunTogether(physical.slice(0, MAX_LINE_CHARS))) {
        const line = piece.trim();
        if (line === "") continue;
        totalLines++;
        const event = classifyLine(line);
        if (event === null) {
          unparsedLines++;
          const sample = line.slice(0, 200);
          if (/migrat|vmotion|\bmid\b|stun/i.test(line)) {
            if (related.length < SAMPLE_SIZE) related.push(sample);
          } else if (other.length < SAMPLE_SIZE) other.push(sample);
          continue;
        }
        const id = event.id ?? contextId;
        if (id === null) {
          unjoinedLines++;
          continue;
        }
        if (event.id !== null) contextId = event.id;
        apply(builderFor(id), event, parseLogTime(line), file.name);
      }
    }
  }

  const migrations = [...builders.values()]
    .sort((a, b) => {
      if (a.start && b.start && a.start.clock === b.start.clock && a.start.sec !== b.start.sec) {
        return a.start.sec - b.start.sec;
      }
      return a.order - b.order;
    })
    .map(finish);
  return {
    migrations,
    unparsedLines,
    unknownLinesSample: [...related, ...other].slice(0, SAMPLE_SIZE),
    unjoinedLines,
    totalLines,
  };
}
