import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LANES } from "../../src/model/iterate-lanes.js";
import { runKernelBatch } from "../../src/model/kernel-batch.js";
import { runKernel, STOP, Summary } from "../../src/model/simulate.js";
import type { Scenario } from "../../src/model/types.js";
import { OUTCOMES } from "../../src/model/types.js";
import { constant, GIB, qemuUncapped, scenario, XEN_DEFAULTS } from "./fixtures.js";
import { expectSame, qemuStall, scenarioArb } from "./kernel-scenarios.js";

/**
 * runKernelBatch (src/model/kernel-batch.ts: scenarios routed to the closed form, network
 * failures or the iterating lanes of iterate-lanes.ts) against runKernel on each scenario alone:
 * every Summary field Object.is-equal (tolerance 0), in batches that mix policies, dirty models,
 * converging and stalling scenarios, of sizes 0, 1, odd, below and above the lane count.
 */

/** runKernel on each scenario alone. */
function alone(scenarios: readonly Scenario[]): Summary[] {
  return scenarios.map((s) => {
    const out = new Summary();
    runKernel(s, out, null);
    return out;
  });
}

function batch(scenarios: readonly Scenario[], n = scenarios.length): Summary[] {
  const out = scenarios.map(() => new Summary());
  runKernelBatch(scenarios, n, out);
  return out;
}

const stall = qemuStall;

describe("runKernelBatch(scenarios, n, out)", () => {
  it("equals runKernel on each scenario alone, every field (property: 400 mixed batches of 0-60)", () => {
    let scenarios = 0;
    const outcomes = new Set<string>();
    fc.assert(
      fc.property(fc.array(scenarioArb, { minLength: 0, maxLength: 60, size: "max" }), (list) => {
        const got = batch(list);
        const want = alone(list);
        for (let i = 0; i < list.length; i++) {
          expectSame(got[i] as Summary, want[i] as Summary, list[i] as Scenario);
          outcomes.add(`${(list[i] as Scenario).policy.kind} ${OUTCOMES[(want[i] as Summary).outcome]}`);
        }
        scenarios += list.length;
      }),
      { numRuns: 400 },
    );
    // Not vacuous: thousands of scenarios, every policy reaching several outcomes.
    expect(scenarios).toBeGreaterThan(8000);
    expect(outcomes.size).toBeGreaterThanOrEqual(9);
  });

  it("equals runKernel in batches of one policy (the lanes refilled many times: 1,200 QEMU, vMotion, Xen each)", () => {
    for (const kind of ["qemu", "vmotion", "xen"] as const) {
      const list = fc
        .sample(scenarioArb, { numRuns: 12000, seed: 18 })
        .filter((s) => s.policy.kind === kind && s.dirty.kind !== "constant")
        .slice(0, 1200);
      expect(list.length).toBe(1200);
      const got = batch(list);
      const want = alone(list);
      for (let i = 0; i < list.length; i++)
        expectSame(got[i] as Summary, want[i] as Summary, list[i] as Scenario);
    }
  });

  it("a 258-round QEMU stall among short scenarios: the same as alone, while the other lanes refill", () => {
    const short = scenario({
      memoryBytes: 8 * GIB,
      dirty: constant(5e8),
      throughputBytesPerSec: 1.25e9,
      policy: qemuUncapped,
    });
    const shortWs = {
      ...stall,
      vm: { ...stall.vm, memoryBytes: 16 * GIB },
      dirty: { ...stall.dirty, rateBytesPerSec: 3e8 },
    };
    const list: Scenario[] = [];
    for (let k = 0; k < 41; k++) list.push(k % 10 === 3 ? stall : k % 2 === 0 ? shortWs : short);
    const got = batch(list);
    const want = alone(list);
    for (let i = 0; i < list.length; i++)
      expectSame(got[i] as Summary, want[i] as Summary, list[i] as Scenario);
    expect(got[3]?.stop).toBe(STOP.stalled);
    expect(got[3]?.iterations).toBe(258);
    expect(got[0]?.iterations).toBeLessThan(20);
  });

  it("batches of 0, 1, odd sizes and more than the lanes; only the first n summaries are written", () => {
    const list = fc.sample(scenarioArb, { numRuns: 3 * LANES + 3, seed: 7 });
    for (const n of [0, 1, LANES - 1, LANES, LANES + 1, 2 * LANES + 1, list.length]) {
      const want = alone(list.slice(0, n));
      const out = list.map(() => new Summary());
      const untouched = new Summary();
      runKernelBatch(list, n, out);
      for (let i = 0; i < n; i++) expectSame(out[i] as Summary, want[i] as Summary, list[i] as Scenario);
      for (let i = n; i < list.length; i++) expectSame(out[i] as Summary, untouched, list[i] as Scenario);
    }
  });

  it("network failures and Xen's round caps in one batch", () => {
    const failing: Scenario = {
      ...stall,
      transport: {
        ...stall.transport,
        failure: { outcome: "no-route", reason: "no route to the destination vmknic" },
      },
    };
    const xen = { ...stall, policy: XEN_DEFAULTS };
    const list = [failing, stall, xen, failing, xen];
    const got = batch(list);
    const want = alone(list);
    for (let i = 0; i < list.length; i++)
      expectSame(got[i] as Summary, want[i] as Summary, list[i] as Scenario);
    expect(got[0]?.stop).toBe(STOP.network);
  });

  it("throws RangeError when n exceeds the scenarios or the summaries", () => {
    expect(() => runKernelBatch([stall], 2, [new Summary(), new Summary()])).toThrow(RangeError);
    expect(() => runKernelBatch([stall, stall], 2, [new Summary()])).toThrow(RangeError);
  });
});
