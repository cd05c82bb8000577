import type { Command } from "commander";
import type { ScenarioInput } from "../input/scenario.js";
import { parseCurveCsv } from "../input/curve-csv.js";
import { readUserFile } from "./io.js";

/**
 * The VM, dirtying, throughput and policy flags shared by `estimate`, `compare`, `solve`, ...
 * Values stay strings here: they are parsed and validated once in `src/input/scenario.ts`.
 */
export function addScenarioOptions(cmd: Command, opts: { requireMemory?: boolean } = {}): Command {
  void opts;
  return cmd
    .option("--memory <size>", "VM memory, e.g. 64GiB")
    .option("--vcpus <n>", "vCPUs (default 4)")
    .option("--zero-pages <fraction>", "fraction of memory that is zero pages, e.g. 0.2 (default 0)")
    .option("--checkpoint <size>", "device state sent in the stun (default 8 MiB + 64 KiB per vCPU)")
    .option("--dirty-rate <rate>", "guest dirty rate, e.g. 400MiB/s")
    .option(
      "--dirty-model <name>",
      "working-set (default; without --wss a working set of 1/8 of memory, an assumption) or constant",
    )
    .option("--wss <size>", "writable working set (hot set) size, e.g. 8GiB (default 1/8 of memory)")
    .option("--cold-rate <rate>", "dirty rate over the memory outside the working set")
    .option("--pattern <pattern>", "how memory is written: uniform (default), sequential, hot-cold or zipf")
    .option("--hot-share <fraction>", "hot-cold: share of writes on the working set (default 0.9)")
    .option("--dirty-curve <file.csv>", "measured dirty curve: CSV with header interval,dirtied")
    .option("--bandwidth <rate>", "achieved migration throughput, e.g. 10Gbit/s")
    .option("--rtt <duration>", "round-trip time, e.g. 0.3ms")
    .option("--policy <name>", "vmotion (default), qemu, xen or xen-v2")
    .option("--switchover-goal <duration>", "vMotion switchover time goal (default 500ms)")
    .option("--sdps <mode>", "vMotion SDPS: dynamic (default), always or off")
    .option("--downtime-limit <duration>", "QEMU downtime limit (default 300ms)")
    .option(
      "--max-bandwidth <rate>",
      "QEMU max-bandwidth (default unlimited, as libvirt sets it; raw QEMU: 128MiB/s)",
    )
    .option("--auto-converge", "QEMU auto-converge (throttle the guest)")
    .option("--max-rounds <n>", "give up (vMotion, QEMU) or force stop-and-copy (Xen) after n iterations")
    .option("--trace-setup <duration>", "write-trace setup time (default 2 ms per GiB + 1 ms per vCPU)");
}

/** Options object from commander -> scenario input (reads `--dirty-curve` from disk). */
export function scenarioInputFromOptions(
  opts: Record<string, unknown>,
  drop: readonly string[] = [],
): ScenarioInput {
  const input: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(opts)) if (v !== undefined && !drop.includes(k)) input[k] = v;
  if (typeof input.dirtyCurve === "string") {
    input.dirtyCurve = parseCurveCsv(readUserFile(input.dirtyCurve, "--dirty-curve"), "--dirty-curve");
  }
  return input;
}
