import { Command } from "commander";
import {
  calibrateQemu,
  calibrateVmotion,
  throughputByHostPair,
  type Migration,
} from "../../calibrate/index.js";
import { parseQemuMigrate, type QemuMigrationStats } from "../../calibrate/qemu-migrate.js";
import { parseVmotionLogs } from "../../calibrate/vmotion-logs.js";
import { InputError } from "../../errors.js";
import { parseDuration, parseSize } from "../../units/parse.js";
import {
  formatByteRate,
  formatBytes,
  formatCount,
  formatDuration,
  formatRate,
  plural,
} from "../../units/format.js";
import { out, readUserFile } from "../io.js";
import { toJson } from "../json.js";
import { textTable } from "../text-table.js";

const dash = "-";
const dur = (x: number | null): string => (x === null ? dash : formatDuration(x));
const rate = (x: number | null): string => (x === null ? dash : formatRate(x));
/** Dirty rates in binary bytes per second, as `--dirty-rate` in the calibrate command gives them. */
const dirtyRate = (x: number | null): string => (x === null ? dash : formatByteRate(x));

/**
 * The dirty-rate words of a QEMU sample: the last sample's `dirty-pages-rate` (absent once
 * completed: QEMU does not fill it then) and the mean of the series' non-zero rates.
 */
function qemuDirtyRateWords(s: QemuMigrationStats): string {
  const last =
    s.dirtyRateBytesPerSec !== null
      ? `dirty rate ${dirtyRate(s.dirtyRateBytesPerSec)}`
      : s.status === "completed"
        ? "dirty rate not reported (QEMU leaves dirty-pages-rate unset once completed)"
        : "dirty rate not reported";
  const mean =
    s.meanDirtyRateBytesPerSec === null
      ? "no non-zero dirty-pages-rate in the series"
      : `mean over the series ${dirtyRate(s.meanDirtyRateBytesPerSec)}`;
  return s.samples.length > 1 || s.meanDirtyRateBytesPerSec !== null ? `${last}, ${mean}` : last;
}

function migrationRow(m: Migration): string[] {
  return [
    m.id,
    m.startTime ?? dash,
    m.sourceIp ?? dash,
    m.destinationIp ?? dash,
    m.encrypted === null ? dash : m.encrypted ? "yes" : "no",
    m.pagesLeftAtStop === null ? dash : String(m.pagesLeftAtStop),
    dur(m.switchoverGoalSec),
    rate(m.bandwidthBytesPerSec),
    m.t2dRatio === null ? dash : m.t2dRatio.toFixed(2),
    dur(m.finalSendSec),
    dur(m.precopyStunTimeSec),
    dur(m.vmStoppedSec),
    dur(m.downtimeSec),
    m.failures.length === 0 ? dash : [...new Set(m.failures.map((f) => f.kind))].join(","),
  ];
}

const HEADER = [
  "migration id",
  "start",
  "source IP",
  "dest IP",
  "encrypted",
  "pages left",
  "goal",
  "bandwidth",
  "t2d (x)",
  "final send",
  "precopy stun",
  "vm stopped",
  "downtime",
  "failures",
];

/** `vmotion-sim logs FILE...`: one row per migration found in ESXi logs, or QEMU query-migrate stats. */
export function logsCommand(): Command {
  return new Command("logs")
    .description(
      "read vMotion logs (vmkernel, hostd, vpxa, vmware.log; plain or gzip) or QEMU query-migrate JSON",
    )
    .argument("<files...>", "log files (.gz is decompressed)")
    .option("--qemu", "the files are QEMU query-migrate output (QMP JSON, one object or a series)")
    .option("--calibrate", "derive model inputs and the estimate command that reproduces each migration")
    .option("--memory <size>", "VM memory for --calibrate of vMotion logs (the logs do not record it)")
    .option("--rtt <duration>", "round-trip time between the hosts for --calibrate (default 0.3ms)")
    .option("--json", "print JSON on stdout")
    .action((files: string[], opts: Record<string, unknown>) => {
      // --memory and --rtt feed only a calibration: given without --calibrate they would be
      // silently ignored, and QEMU output states its memory (ram.total).
      if (!opts.calibrate)
        for (const flag of ["memory", "rtt"] as const)
          if (opts[flag] !== undefined)
            throw new InputError("conflict", `--${flag}`, "applies only with --calibrate");
      if (opts.qemu && opts.memory !== undefined)
        throw new InputError(
          "conflict",
          "--memory",
          "applies only to vMotion logs (QEMU's query-migrate states the memory as ram.total)",
        );
      const texts = files.map((name) => ({ name, text: readUserFile(name, name, "log") }));
      const memoryBytes = opts.memory === undefined ? undefined : parseSize(opts.memory, "--memory");
      const rttSec = opts.rtt === undefined ? undefined : parseDuration(opts.rtt, "--rtt");
      if (opts.qemu) {
        const results = texts.map(({ name, text }) => {
          const stats = parseQemuMigrate(text, name);
          return {
            file: name,
            stats,
            calibration: opts.calibrate ? calibrateQemu(stats, name, rttSec) : undefined,
          };
        });
        if (opts.json) return out(toJson(results));
        for (const r of results) {
          const s = r.stats;
          const pages = (n: number | null) => (n === null ? dash : formatCount(n));
          out(
            [
              `${r.file}: ${s.status ?? "unknown status"} (${plural(s.samples.length, "sample")})`,
              `  total time ${dur(s.totalTimeSec)}, downtime ${dur(s.downtimeSec)}, setup ${dur(s.setupTimeSec)}`,
              `  iterations (dirty-sync-count) ${pages(s.dirtySyncCount)}, transferred ${s.transferredBytes === null ? dash : formatBytes(s.transferredBytes)}`,
              `  zero (duplicate) pages ${pages(s.duplicatePages)}, normal pages ${pages(s.normalPages)}, page size ${s.pageSizeBytes} B`,
              `  throughput ${rate(s.throughputBytesPerSec)}, ${qemuDirtyRateWords(s)}`,
            ].join("\n"),
          );
          const c = r.calibration;
          if (c) {
            out(`  calibrate: ${c.command ?? "not possible"}`);
            if (c.predicted && s.totalTimeSec !== null)
              out(
                // query-migrate's downtime is QEMU's own clock: compared with the model's reading
                // of that clock, the guest-seen stun beside it.
                `  predicted total ${dur(c.predicted.totalTimeSec)} vs ${dur(s.totalTimeSec)}, downtime ${dur(c.predicted.hypervisorDowntimeSec)} by QEMU's clock (${dur(c.predicted.downtimeSec)} guest-seen) vs ${dur(s.downtimeSec)}, iterations ${c.predicted.iterations} vs ${pages(s.dirtySyncCount)}`,
              );
            for (const n of c.notes) out(`  note: ${n}`);
          }
        }
        return;
      }
      const parsed = parseVmotionLogs(texts);
      const calibrations = opts.calibrate
        ? parsed.migrations.map((m) =>
            calibrateVmotion(m, {
              ...(memoryBytes === undefined ? {} : { memoryBytes }),
              ...(rttSec === undefined ? {} : { rttSec }),
            }),
          )
        : undefined;
      if (opts.json) {
        const pairs = calibrations ? throughputByHostPair(calibrations) : undefined;
        return out(toJson({ ...parsed, calibrations, hostPairs: pairs }));
      }
      if (parsed.migrations.length === 0) {
        out("no migrations found");
        // QEMU's query-migrate output read as a vMotion log matches nothing: say how to read it.
        for (const { name, text } of texts)
          if (/^\s*[[{]/.test(text))
            out(`${name} looks like JSON: for QEMU query-migrate output, add --qemu`);
      } else out(textTable(HEADER, parsed.migrations.map(migrationRow)));
      for (const m of parsed.migrations)
        for (const f of m.failures) out(`${m.id} ${f.kind}: ${f.message} (${f.file})`);
      out(
        `${plural(parsed.totalLines, "line")}: ${parsed.unparsedLines} not understood, ${parsed.unjoinedLines} without a migration id`,
      );
      for (const s of parsed.unknownLinesSample) out(`  not understood: ${s}`);
      if (calibrations) {
        out("");
        out(
          textTable(
            ["migration id", "host pair", "throughput", "dirty rate", "predicted stun", "logged stun"],
            calibrations.map((c) => [
              c.id,
              c.hostPair ?? dash,
              rate(c.throughputBytesPerSec),
              dirtyRate(c.dirtyRateBytesPerSec),
              dur(c.predictedStunSec),
              c.loggedStunSec === null ? dash : `${dur(c.loggedStunSec)} (${c.loggedStunSource})`,
            ]),
          ),
        );
        for (const p of throughputByHostPair(calibrations))
          out(
            `${p.hostPair}: ${rate(p.meanThroughputBytesPerSec)} mean over ${plural(p.migrations, "migration")}`,
          );
        for (const c of calibrations) {
          out(`${c.id}: ${c.command ?? "no reproducing command"}`);
          // What each figure rests on (the t2d reading, a stun from the logged pages when the
          // memory is unknown, what is missing): printed, not only in --json.
          for (const n of c.notes) out(`  note: ${n}`);
        }
      }
    });
}
