import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { parseUncertainInput } from "../../src/input/uncertain.js";
import { buildScenario } from "../../src/input/scenario.js";
import { simulate } from "../../src/model/simulate.js";
import { estimateUncertainty, runDraws, uncertaintyPlan } from "../../src/plan/uncertainty.js";

const BASE = { memory: "64GiB", preset: "routed-lan" } as const;
const opts = { samples: 400, seed: 1 };

describe("estimateUncertainty", () => {
  it("is deterministic for a seed and changes with it", async () => {
    const u = parseUncertainInput({ ...BASE, dirtyRate: "lognormal:800MiB/s,0.6" });
    const a = await estimateUncertainty(u, opts);
    const b = await estimateUncertainty(u, opts);
    expect(b).toEqual(a);
    const c = await estimateUncertainty(u, { ...opts, seed: 2 });
    expect(c.totalTimeSec?.median).not.toBe(a.totalTimeSec?.median);
  });

  it("gives every draw the same numbers in a worker pool as in this thread", async () => {
    const u = parseUncertainInput({ ...BASE, dirtyRate: "200MiB/s..1200MiB/s", rtt: "0.1ms..2ms" });
    const plan = uncertaintyPlan(u, { samples: 300, seed: 5 });
    const here = await runDraws(plan, { workers: 0 });
    const pool = await runDraws(plan, { workers: 2 });
    expect(pool).toEqual(here);
  });

  it("a point (LO == HI) gives the scalar answer in every quantile", async () => {
    const u = parseUncertainInput({ ...BASE, dirtyRate: "300MiB/s..300MiB/s" });
    const s = await estimateUncertainty(u, { samples: 50, seed: 3 });
    const r = simulate(buildScenario(parseUncertainInput({ ...BASE, dirtyRate: "300MiB/s" }).input));
    for (const q of [s.totalTimeSec, s.downtimeSec]) expect(q).not.toBeNull();
    expect(s.totalTimeSec).toEqual({ p10: r.totalTimeSec, median: r.totalTimeSec, p90: r.totalTimeSec });
    expect(s.downtimeSec).toEqual({ p10: r.downtimeSec, median: r.downtimeSec, p90: r.downtimeSec });
    expect(s.shares.converged).toBe(r.outcome === "converged" ? 1 : 0);
  });

  it("quantiles are monotone: p10 <= median <= p90 for total, stun and slowdown", async () => {
    for (const dirtyRate of [
      "100MiB/s..2GiB/s",
      "lognormal:900MiB/s,1",
      "triangular:50MiB/s,1GiB/s,3GiB/s",
    ]) {
      const s = await estimateUncertainty(parseUncertainInput({ ...BASE, dirtyRate }), opts);
      for (const q of [s.totalTimeSec, s.downtimeSec, s.guestSlowdown]) {
        if (q === null) continue;
        expect(q.p10).toBeLessThanOrEqual(q.median);
        expect(q.median).toBeLessThanOrEqual(q.p90);
      }
    }
  });

  it("all draws converge at low dirty rates; some fail without SDPS at high ones", async () => {
    const calm = await estimateUncertainty(
      parseUncertainInput({ ...BASE, dirtyRate: "10MiB/s..100MiB/s" }),
      opts,
    );
    expect(calm.shares).toEqual({ converged: 1, throttled: 0, forced: 0, failed: 0 });
    expect(calm.switchedOver).toBe(400);

    // Around the give-up edge of SDPS off on 10 GbE: some draws converge, the rest give up.
    const edge = await estimateUncertainty(
      parseUncertainInput({ ...BASE, dirtyRate: "200MiB/s..3GiB/s", sdps: "off", wss: "32GiB" }),
      opts,
    );
    expect(edge.shares.converged).toBeGreaterThan(0);
    expect(edge.shares.failed).toBeGreaterThan(0);
    expect(
      edge.shares.converged + edge.shares.throttled + edge.shares.forced + edge.shares.failed,
    ).toBeCloseTo(1, 12);
    expect(edge.switchedOver).toBe(
      edge.outcomes.converged +
        edge.outcomes["converged-throttled"] +
        edge.outcomes["max-rounds"] +
        edge.outcomes["data-cap"],
    );
    // With SDPS on, the same draws converge, some only throttled.
    const sdps = await estimateUncertainty(
      parseUncertainInput({ ...BASE, dirtyRate: "200MiB/s..3GiB/s", wss: "32GiB" }),
      opts,
    );
    expect(sdps.shares.throttled).toBeGreaterThan(0);
    expect(sdps.guestSlowdown?.over).toBe(sdps.outcomes["converged-throttled"]);
  });

  it("a draw the field does not accept is an input error naming the flag and the draw", () => {
    const u = parseUncertainInput({ ...BASE, dirtyRate: "400MiB/s", zeroPages: "normal:0.1,0.2" });
    expect(() => uncertaintyPlan(u, opts)).toThrowError(InputError);
    expect(() => uncertaintyPlan(u, opts)).toThrowError(
      /^--zero-pages: draw \d+ of 400 from "normal:0.1,0.2" is/,
    );
  });

  it("a combination that fails at an extreme draw names it", () => {
    const u = parseUncertainInput({ ...BASE, dirtyRate: "400MiB/s", memory: "4GiB..64GiB", wss: "8GiB" });
    expect(() => uncertaintyPlan(u, opts)).toThrowError(/at the lowest draw of --memory/);
  });
});
