import { cpus } from "node:os";
import { pathToFileURL } from "node:url";
import { scenarioFromInput } from "../src/input/scenario.js";
import { simulateEvacuation, type EvacuationVm } from "../src/plan/evacuate.js";
import { strategyOrder } from "../src/plan/strategies.js";
import { consume, sinkValue, type BenchOptions, type BenchTask } from "./task.js";

/**
 * Host/site evacuation (issue 8): one strategy's event-driven simulation of N VMs sharing a
 * 10 Gbit/s bottleneck, 8 at a time (vCenter's 10 GbE limit), sized by decades (10, 100, 1,000
 * VMs). The target: 1,000 VMs in under a second. Inventories come from a seeded generator:
 * memory 2-128 GiB, dirty rates 5-600 MiB/s, a third with a writable working set.
 *
 * Runs inside the bench harness (`evacuateTasks`) or alone: `node dist/bench/evacuate.js`.
 */

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function benchInventory(n: number, seed = 8): EvacuationVm[] {
  const rnd = lcg(seed);
  const vms: EvacuationVm[] = [];
  for (let i = 0; i < n; i++) {
    const memGiB = 2 * 2 ** Math.floor(rnd() * 7); // 2 .. 128 GiB
    const dirtyMiB = 5 + rnd() * 595;
    const input: Record<string, unknown> = {
      memory: `${memGiB}GiB`,
      dirtyRate: `${dirtyMiB}MiB/s`,
      bandwidth: "10Gbit/s",
    };
    if (i % 3 === 0) input.wss = `${memGiB / 4}GiB`;
    vms.push({ name: `vm${i}`, scenario: scenarioFromInput(input), priority: 0 });
  }
  return vms;
}

const OPTS = { bottleneckBytesPerSec: 1.25e9, maxConcurrent: 8 };

export function evacuateTasks(opts: BenchOptions): BenchTask[] {
  const sizes = opts.quick ? [10] : [10, 100, 1000];
  return sizes.map((n) => {
    const vms = benchInventory(n);
    const order = strategyOrder("inventory", vms);
    return {
      name: `evacuate/${n}`,
      size: `${n.toLocaleString("en")} VMs, 8 concurrent`,
      scenariosPerCall: n,
      fn: () => consume(simulateEvacuation(vms, order, OPTS).totalTimeSec),
    };
  });
}

/** Standalone: time each size (median of repeated runs) and print a table. */
function main(): void {
  const lines = [
    `evacuate bench, Node ${process.version}, ${cpus()[0]?.model ?? "unknown CPU"}`,
    "",
    "| VMs | events | median (ms) | runs |",
    "|---:|---:|---:|---:|",
  ];
  for (const n of [10, 100, 1000]) {
    const vms = benchInventory(n);
    const order = strategyOrder("inventory", vms);
    const times: number[] = [];
    let events = 0;
    const runs = n >= 1000 ? 7 : 21;
    for (let k = 0; k < runs; k++) {
      const t0 = process.hrtime.bigint();
      const r = simulateEvacuation(vms, order, OPTS);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      events = r.events;
      consume(r.totalTimeSec);
    }
    times.sort((a, b) => a - b);
    lines.push(`| ${n} | ${events} | ${(times[runs >> 1] as number).toFixed(2)} | ${runs} |`);
  }
  lines.push("", `(sink ${sinkValue()})`);
  process.stdout.write(`${lines.join("\n")}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
