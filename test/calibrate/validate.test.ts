import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { validatePublishedCases, type CaseValidation, type Metric } from "../../src/calibrate/validate.js";
import { InputError } from "../../src/errors.js";

const data: unknown = JSON.parse(
  readFileSync(new URL("../../data/published-cases.json", import.meta.url), "utf8"),
);
const report = validatePublishedCases(data);

function err(c: CaseValidation, metric: Metric): number {
  const m = c.comparisons.find((x) => x.metric === metric);
  if (!m) throw new Error(`${c.id} has no ${metric}`);
  return m.relativeError;
}

/**
 * Tolerances on |relative error| for the class A cases (KubeVirt VEP 291, average of 10 runs)
 * under the primary `working-set` reading of the stated average dirty rate (uniform writes over
 * 1/8 of memory; one default for every case, docs/validation.md). Achieved (default / ramp):
 * total -16.5 % / +0.6 %, bytes -11.3 % / +7.4 %, downtime -43 % / +22.5 %, first iteration
 * +8.3 % / +8.1 %. The downtime bound is 45 %: QEMU's device-state default (1 MiB + 16 KiB per
 * vCPU instead of vMotion's 8 MiB + 64 KiB, model/costs.ts, an assumption) moved the default case
 * from -29 % to -43 %; the measured 451 ms is 1.5x the 300 ms limit, above any network-only stun. Rounds (-87 % / -79 %) are not predicted: the measured 69 and 28 rounds come
 * from a dirty rate that fluctuates around the switchover threshold, which a deterministic model
 * cannot reproduce; the bound only guards against regressions.
 */
const TOLERANCE: Record<
  "totalTimeSec" | "transferredBytes" | "rounds" | "downtimeSec" | "firstIterationSec",
  number
> = {
  totalTimeSec: 0.25,
  transferredBytes: 0.2,
  rounds: 0.9,
  downtimeSec: 0.45,
  firstIterationSec: 0.1,
};

describe("validatePublishedCases", () => {
  const classA = report.cases.filter((c) => c.class === "A" && c.dirtyReading === "working-set");
  const classAConstant = report.cases.filter((c) => c.class === "A" && c.dirtyReading === "constant");

  it("reading the average rate as constant over-predicts time and bytes about 2x (why the working-set reading is primary)", () => {
    for (const c of classAConstant) {
      expect(err(c, "totalTimeSec")).toBeGreaterThan(1);
      expect(err(c, "transferredBytes")).toBeGreaterThan(1);
    }
    expect(classAConstant).toHaveLength(2);
  });

  it("compares a downtime under both clocks where the model's two readings part by more than 10 %", () => {
    // kubevirt-vep291-default: guest-seen 256.9 ms, hypervisor-counted 220.5 ms (16 % apart, the
    // 25 MiB final send's drain, RTTs and handshake): both rows. The ramp case's two part by
    // less than 10 % (748.6 ms guest-seen): one row.
    const byId = (id: string) => report.cases.find((c) => c.id === id && c.dirtyReading === "working-set");
    const metrics = (id: string) => byId(id)?.comparisons.map((m) => m.metric) ?? [];
    expect(metrics("kubevirt-vep291-default")).toContain("hypervisorDowntimeSec");
    expect(metrics("opnfv-kvm4nfv-dpdk-baseline")).toContain("hypervisorDowntimeSec");
    expect(metrics("kubevirt-vep291-ramp")).not.toContain("hypervisorDowntimeSec");
    const d = byId("kubevirt-vep291-default");
    const guest = d?.comparisons.find((m) => m.metric === "downtimeSec")?.predicted ?? NaN;
    const hyp = d?.comparisons.find((m) => m.metric === "hypervisorDowntimeSec")?.predicted ?? NaN;
    expect(Math.abs(hyp / guest - 1)).toBeGreaterThan(0.1);
    expect(hyp).toBeLessThan(guest);
    expect(d?.assumptions.some((a) => a.startsWith("downtime: the source does not say whose clock"))).toBe(
      true,
    );
  });

  it("compares a total time with the measured runs' spread where the source gives it", () => {
    // KubeVirt VEP 291 gives the 10 runs' total-time range: 91-161 s (default), 86-98 s (ramp).
    // The working-set reading's 93.8 s and 92.8 s fall inside; the constant reading's 235 s and
    // 234 s outside.
    const total = (id: string, reading: string) =>
      report.cases
        .find((c) => c.id === id && c.dirtyReading === reading)
        ?.comparisons.find((m) => m.metric === "totalTimeSec");
    expect(total("kubevirt-vep291-default", "working-set")).toMatchObject({
      measuredRange: [91, 161],
      withinMeasuredRange: true,
    });
    expect(total("kubevirt-vep291-ramp", "working-set")).toMatchObject({
      measuredRange: [86, 98],
      withinMeasuredRange: true,
    });
    expect(total("kubevirt-vep291-default", "constant")?.withinMeasuredRange).toBe(false);
    expect(total("opnfv-kvm4nfv-dpdk-baseline", "working-set")?.measuredRange).toBeUndefined();
  });

  it("compares both class A cases", () => {
    expect(classA.map((c) => [c.id, c.status])).toEqual([
      ["kubevirt-vep291-default", "compared"],
      ["kubevirt-vep291-ramp", "compared"],
    ]);
  });

  for (const metric of Object.keys(TOLERANCE) as (keyof typeof TOLERANCE)[]) {
    it(`holds class A ${metric} within ${TOLERANCE[metric] * 100} % of the measurement`, () => {
      for (const c of classA) expect(Math.abs(err(c, metric))).toBeLessThanOrEqual(TOLERANCE[metric]);
    });
  }

  it("states its assumptions and the reproducing command for every compared case", () => {
    for (const c of report.cases.filter((x) => x.status === "compared")) {
      expect(c.assumptions.length).toBeGreaterThan(0);
    }
    const d = classA[0];
    expect(d?.command).toBe(
      "vmotion-sim estimate --memory 8GiB --dirty-rate 650Mbit/s --bandwidth 941.482Mbit/s --policy qemu --downtime-limit 300ms",
    );
  });

  it("checks the stop-rule arithmetic of the KB 436882 log line: 1296 pages / 145.404 MB/s = 36.5 ms vs 53 ms", () => {
    const c = report.cases.find((x) => x.id === "vmotion-log-stop-precopy-2");
    expect(c?.comparisons[0]?.predicted).toBeCloseTo((1296 * 4096) / 145.404e6, 12);
    expect(c?.comparisons[0]?.measured).toBe(0.053);
  });

  it("holds KB 323379 (40 GbE, 1/2/3 vmknics on one NIC: 18/28/36 Gbit/s) within 15 %: 0 %, +7.1 %, +4.6 %", () => {
    // Predicted: max(18, 15 x n) Gbit/s of stream CPU against the 40 GbE link at MTU 1500
    // (40 x 1448/1538 = 37.66 Gbit/s): 18, 30, 37.66. The 1-vmknic case is the source of the
    // lone-stream peak, so only the 2 and 3 vmknic cases test the model (docs/validation.md).
    const ids = ["kb323379-40gbe-1-vmknic", "kb323379-40gbe-2-vmknics", "kb323379-40gbe-3-vmknics"];
    const errors = ids.map((id) => {
      const c = report.cases.find((x) => x.id === id);
      if (c === undefined) throw new Error(`${id} missing`);
      expect(c.status).toBe("compared");
      return err(c, "throughputBitsPerSec");
    });
    for (const e of errors) expect(Math.abs(e)).toBeLessThanOrEqual(0.15);
    expect(errors[0]).toBeCloseTo(0, 9);
    expect(errors[1]).toBeCloseTo(30 / 28 - 1, 9);
    expect(errors[2]).toBeCloseTo((40 * 1448) / 1538 / 36 - 1, 9);
    expect(report.cases.find((x) => x.id === ids[2])?.command).toBe(
      "vmotion-sim estimate --memory 64GiB --dirty-rate 0 --vsphere 6.7 --vmknics 3 --vmotion-nics 1 --uplink 40Gbit/s --mtu 1500 --routing same-subnet",
    );
  });

  it("skips cases that leave memory or dirty rate unstated, with the reason", () => {
    const c = report.cases.find((x) => x.id === "qemu-dirtylimit-60MB");
    expect(c).toMatchObject({ status: "skipped", reason: "VM memory not stated" });
  });

  // The bug: a user's --cases file with a negative, zero or textual quantity ran on: measured
  // -10 s printed "-10000 ms" and "-889.3 %", a zero bandwidth "Infinity s" and "Infinity %", a
  // memory "8GiB" (a string) was "VM memory not stated", and errors named CLI flags (--memory).
  it.each([
    [
      { vm: { memoryBytes: -5, dirtyRateBitsPerSec: 1e8 } },
      /^f\.json cases\[0\]\.vm\.memoryBytes: expected a number above 0 or null \(got -5\)$/,
    ],
    [{ vm: { memoryBytes: "8GiB" } }, /^f\.json cases\[0\]\.vm\.memoryBytes: .*\(got "8GiB"\)$/],
    [
      { measured: { totalTimeSec: -10 } },
      /^f\.json cases\[0\]\.measured\.totalTimeSec: expected a number above 0/,
    ],
    [
      { measured: { pagesLeftAtStop: 10, bandwidthMBPerSec: 0 } },
      /measured\.bandwidthMBPerSec: expected a number above 0/,
    ],
    [{ vm: { zeroPageFraction: 1 } }, /vm\.zeroPageFraction: expected a number from 0 to 1 \(exclusive\)/],
    [
      { policy: { downtimeLimitRampSec: [0.1, "x"] } },
      /policy\.downtimeLimitRampSec: expected a list of durations/,
    ],
    // Past the number check, the scenario boundary names the case's field, not --dirty-rate.
    [
      {
        vm: { memoryBytes: 2 ** 33, dirtyRateBitsPerSec: 1e30 },
        network: { linkBitsPerSec: 1e9 },
        measured: { totalTimeSec: 1 },
      },
      /^f\.json cases\[0\]\.vm\.dirtyRateBitsPerSec: expected a rate/,
    ],
  ])("validatePublishedCases(case %j, 'f.json') refuses the value naming its place", (fields, msg) => {
    const run = () => validatePublishedCases({ cases: [{ id: "x", ...fields }] }, "f.json");
    expect(run).toThrow(InputError);
    expect(run).toThrow(msg);
  });

  it("throws InputError bad-file for a file without a cases array", () => {
    expect(() => validatePublishedCases({})).toThrow(InputError);
    expect(() => validatePublishedCases({ cases: [1] })).toThrow(/cases\[0\]/);
  });
});

describe("validatePublishedCases on Xen cases", () => {
  it("runs a Xen case with Xen's stop rules and names the assumption", () => {
    const [c] = validatePublishedCases({
      cases: [
        {
          id: "xen-synthetic",
          class: "B",
          source: "test",
          system: "Xen 2.0",
          vm: { memoryBytes: 512 * 2 ** 20, dirtyRateBitsPerSec: 1e8 },
          network: { linkBitsPerSec: 1e9 },
          measured: { downtimeSec: 0.1 },
        },
      ],
    }).cases;
    expect(c?.command).toContain("--policy xen");
    expect(c?.assumptions.join("\n")).toMatch(/Xen xc_domain_save stop rules/);
  });

  it("reports the Clark et al. 2005 cases as skipped: only the abstract's downtimes could be read", () => {
    const clark = report.cases.filter((x) => x.id.startsWith("clark2005-"));
    expect(clark.map((x) => [x.id, x.status, x.reason])).toEqual([
      ["clark2005-specweb", "skipped", "VM memory not stated"],
      ["clark2005-quake3", "skipped", "VM memory not stated"],
    ]);
  });
});
