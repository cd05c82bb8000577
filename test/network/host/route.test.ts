import { describe, expect, test } from "vitest";
import { InputError } from "../../../src/errors.js";
import { formatIpv4, resolveHostNetwork, routeVmotion } from "../../../src/network/host/index.js";
import { cliFlagName } from "../../../src/input/fields.js";
import { hostOf, type HostSetup } from "../../../src/input/host.js";
import { parseInput } from "../../../src/input/parse.js";

const GBE = 1e9 / 8;
const setup = (input: Record<string, unknown>): HostSetup =>
  hostOf(parseInput(input), cliFlagName) as HostSetup;

describe("routeVmotion", () => {
  test("default stack without a route to the destination subnet goes via the management gateway on vmnic0", () => {
    const d = routeVmotion(setup({ config: "pre6-default-stack-via-mgmt" }).config);
    expect(d.kind).toBe("route");
    if (d.kind !== "route") return;
    expect(d.route.via).toBe("management-gateway");
    expect(d.route.egress.name).toBe("vmk0");
    expect(formatIpv4(d.route.gateway!)).toBe("10.20.0.1");
    // The wording, built from the configuration's numbers.
    expect(d.route.description).toBe(
      "default stack, no route to 10.20.31.0/24: via management gateway 10.20.0.1 on vmnic0, 1 Gbit/s, shared with management",
    );
  });

  test("a static route to the destination subnet keeps vMotion on vmk1 and its 10 GbE uplink", () => {
    const d = routeVmotion(setup({ config: "default-stack-static-routes" }).config);
    if (d.kind !== "route") throw new Error("expected a route");
    expect(d.route.via).toBe("static-route");
    expect(d.route.egress.name).toBe("vmk1");
    expect(d.route.description).toBe(
      "default stack, static route to 10.20.31.0/24 via 10.20.30.1: on vmk1 (vmnic1, 10 Gbit/s)",
    );
  });

  test("a static route to another network does not match: the default gateway (management) is used", () => {
    const d = routeVmotion(
      setup({ config: "default-stack-static-routes", staticRoute: "10.20.40.0/24 via 10.20.30.1" }).config,
    );
    if (d.kind !== "route") throw new Error("expected a route");
    expect(d.route.via).toBe("management-gateway");
  });

  test("the most specific static route wins", () => {
    const d = routeVmotion(
      setup({
        config: "default-stack-static-routes",
        staticRoute: "10.20.0.0/16 via 10.20.0.254, 10.20.31.0/24 via 10.20.30.1",
      }).config,
    );
    if (d.kind !== "route") throw new Error("expected a route");
    expect(formatIpv4(d.route.gateway!)).toBe("10.20.30.1");
    expect(d.route.egress.name).toBe("vmk1");
  });

  test("the vMotion stack uses its own default gateway on the vMotion subnet", () => {
    const d = routeVmotion(setup({ config: "vmotion-stack-routed" }).config);
    if (d.kind !== "route") throw new Error("expected a route");
    expect(d.route.via).toBe("stack-gateway");
    expect(d.route.description).toBe(
      "vMotion stack, default gateway 10.20.30.1 to 10.20.31.0/24: on vmk1 (vmnic1, 10 Gbit/s)",
    );
  });

  test("a per-vmknic gateway (6.5+) on the default stack beats the management default gateway", () => {
    const d = routeVmotion(
      setup({ config: "pre6-default-stack-via-mgmt", vsphere: "6.5", vmknicGateway: "10.20.30.254" }).config,
    );
    if (d.kind !== "route") throw new Error("expected a route");
    expect(d.route.via).toBe("vmknic-gateway");
    expect(formatIpv4(d.route.gateway!)).toBe("10.20.30.254");
    expect(d.route.egress.name).toBe("vmk1");
  });

  test("same subnet: direct, no router", () => {
    const d = routeVmotion(setup({ config: "stretched-l2" }).config);
    if (d.kind !== "route") throw new Error("expected a route");
    expect(d.route.via).toBe("same-subnet");
    expect(d.route.router).toBeNull();
    expect(d.route.description).toBe(
      "same subnet 10.20.30.0/24: vmk1 reaches 10.20.30.12 directly on vmnic1, 10 Gbit/s, no router",
    );
  });

  test("no-route: vMotion stack without a gateway to another subnet fails at the start, citing the KBs", () => {
    const d = routeVmotion(setup({ config: "vmotion-stack-routed", gateway: "none" }).config);
    expect(d.kind).toBe("failure");
    if (d.kind !== "failure") return;
    expect(d.failure.outcome).toBe("no-route");
    expect(d.failure.reason).toContain("no route to 10.20.31.0/24");
    expect(d.failure.reason).toContain("fails at the start");
    expect(d.failure.source).toContain("KB 424375");
  });

  test("no-route on the default stack with no default gateway", () => {
    const d = routeVmotion(setup({ stack: "default", routing: "default-gateway", gateway: "none" }).config);
    expect(d.kind === "failure" && d.failure.outcome).toBe("no-route");
  });

  test("stack-mismatch: vMotion stack on the source, default stack on the destination, citing KB 432825", () => {
    const d = routeVmotion(setup({ config: "vmotion-stack-routed", destStack: "default" }).config);
    expect(d.kind).toBe("failure");
    if (d.kind !== "failure") return;
    expect(d.failure.outcome).toBe("stack-mismatch");
    expect(d.failure.reason).toContain("vMotion stack and the destination's on the default stack");
    expect(d.failure.source).toContain("KB 432825");
  });
});

describe("resolveHostNetwork", () => {
  test("default stack via a 1 GbE management uplink is bounded by that uplink (MTU 1500)", () => {
    const r = resolveHostNetwork(setup({ config: "pre6-default-stack-via-mgmt" }));
    if (r.kind !== "route") throw new Error("expected a route");
    expect(r.path.binding).toBe("link");
    expect(r.path.bottleneckBytesPerSec).toBe(GBE);
    // 1 Gbit/s x 1448 / 1538 (MTU 1500, model.md section 4), to 1e-9 relative.
    expect(r.path.throughputBytesPerSec).toBeCloseTo((GBE * 1448) / 1538, 0);
    expect(r.path.pathMtuBytes).toBe(1500);
    // vCenter still admits by the vMotion vmknic's 10 GbE link.
    expect(r.admissionLinkBytesPerSec).toBe(10 * GBE);
  });

  test("the vMotion stack routed in one data centre has the same segments as stretched L2 plus one router", () => {
    const routed = resolveHostNetwork(setup({ config: "vmotion-stack-routed" }));
    const l2 = resolveHostNetwork(setup({ config: "stretched-l2" }));
    if (routed.kind !== "route" || l2.kind !== "route") throw new Error("expected routes");
    expect(routed.spec.segments).toEqual(l2.spec.segments);
    expect(routed.spec.hops.length).toBe(1);
    expect(l2.spec.hops.length).toBe(0);
    // One 1 us hop each way (DEFAULT_HOP_DELAY_SEC): RTT + 2 us; the same throughput (link-bound at MTU 9000).
    expect(routed.path.rttSec - l2.path.rttSec).toBeCloseTo(2e-6, 12);
    expect(routed.path.throughputBytesPerSec).toBe(l2.path.throughputBytesPerSec);
  });

  test("metro: routed and stretched L2 share the segments; routed adds the site's three routers", () => {
    const routed = resolveHostNetwork(setup({ config: "vmotion-stack-routed", site: "metro", mtu: 1500 }));
    const l2 = resolveHostNetwork(setup({ config: "stretched-l2", site: "metro", mtu: 1500 }));
    if (routed.kind !== "route" || l2.kind !== "route") throw new Error("expected routes");
    expect(routed.spec.segments).toEqual(l2.spec.segments);
    expect(routed.spec.hops.length).toBe(3);
    const km = routed.spec.segments.reduce((s, x) => s + x.distanceKm, 0);
    expect(km).toBeCloseTo(450 + 2 * 0.05, 9);
  });

  test("a management firewall's per-flow cap bounds the via-management path", () => {
    const r = resolveHostNetwork(setup({ config: "pre6-default-stack-via-mgmt", mgmtFlowCap: "500Mbit/s" }));
    if (r.kind !== "route") throw new Error("expected a route");
    expect(r.path.binding).toBe("cap");
    expect(r.path.throughputBytesPerSec).toBe(500e6 / 8);
  });

  test("two vMotion vmknics on 10 GbE each: two streams, 20 Gbit/s of egress", () => {
    const r = resolveHostNetwork(setup({ config: "vmotion-stack-routed", vmknics: 2 }));
    if (r.kind !== "route") throw new Error("expected a route");
    expect(r.spec.segments[0]?.linkBytesPerSec).toBe(20 * GBE);
    expect(r.path.streams).toBe(2);
    expect(r.route.description).toContain("vmk1 and vmk2 (vmnic1 and vmnic2, 2 x 10 Gbit/s)");
  });

  test("three vmknics on one 40 GbE NIC (KB 323379), vSphere 6.7: one stream each, the NIC counted once", () => {
    const r = resolveHostNetwork(
      setup({ config: "stretched-l2", vmknics: 3, vmotionNics: 1, uplink: "40Gbit/s", mtu: 1500 }),
    );
    if (r.kind !== "route") throw new Error("expected a route");
    expect(r.spec.segments[0]?.linkBytesPerSec).toBe(40 * GBE);
    expect(r.path.streams).toBe(3);
    // min(cpu max(18, 3 x 15) = 45, link 40 x 1448/1538 = 37.66) Gbit/s.
    expect(r.path.throughputBytesPerSec).toBeCloseTo((40 * GBE * 1448) / 1538, 3);
    expect(r.route.description).toContain(
      "vmk1, vmk2 and vmk3 reach 10.20.30.12 directly on vmnic1, 40 Gbit/s",
    );
  });

  test("vSphere 8.0 opens streams per vmknic by NIC speed; 6.7 one per vmknic (KB 323379)", () => {
    const at = (vsphere: string): number => {
      const r = resolveHostNetwork(setup({ routing: "same-subnet", uplink: "40Gbit/s", vsphere }));
      if (r.kind !== "route") throw new Error("expected a route");
      return r.path.streams;
    };
    expect([at("6.7"), at("8.0")]).toEqual([1, 3]);
  });

  test("hostOf(vmotionNics above vmknics) is a conflict naming --vmotion-nics", () => {
    expect(() => setup({ vmknics: 2, vmotionNics: 3 })).toThrow(
      "--vmotion-nics: 3 NICs for 2 vMotion vmknics (--vmknics): give at most one NIC per vmknic",
    );
  });

  test("a shared uplink with a share and background gives vMotion rate x share - background", () => {
    const r = resolveHostNetwork(
      setup({
        config: "vmotion-stack-routed",
        uplinkShare: 0.5,
        uplinkBackground: "1Gbit/s",
        uplinkSharedWith: "vsan",
      }),
    );
    if (r.kind !== "route") throw new Error("expected a route");
    expect(r.spec.segments[0]?.linkBytesPerSec).toBe(4 * GBE);
    expect(r.route.description).toContain("4 Gbit/s of 10 Gbit/s, shared with vsan");
  });

  test("pre-6.0 over the WAN site warns that RTT is over the 10 ms Metro vMotion limit", () => {
    const r = resolveHostNetwork(setup({ config: "default-stack-static-routes", site: "wan", mtu: 1500 }));
    if (r.kind !== "route") throw new Error("expected a route");
    expect(
      r.warnings.some((w) => w.includes("over the 10 ms supported for Metro vMotion on vSphere 5.x")),
    ).toBe(true);
  });

  test("a vmknic MTU mismatch between the hosts warns with KB 432825", () => {
    const r = resolveHostNetwork(setup({ config: "vmotion-stack-routed", destMtu: 1500 }));
    if (r.kind !== "route") throw new Error("expected a route");
    expect(r.spec.hostMtuBytes).toBe(1500);
    expect(r.warnings.some((w) => w.includes("KB 432825"))).toBe(true);
  });
});

describe("hostOf(parseInput(raw))", () => {
  const fails = (input: Record<string, unknown>, field: string): void => {
    let err: unknown;
    try {
      hostOf(parseInput(input, cliFlagName), cliFlagName);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).field).toBe(field);
  };

  test("returns null without host keys", () => {
    expect(hostOf(parseInput({ memory: "1GiB", link: "10Gbit/s" }))).toBeNull();
  });

  test("an unknown stack names --stack", () => fails({ stack: "provisioning" }, "--stack"));
  test("an unknown config names --config", () => fails({ config: "routed" }, "--config"));
  test("a gateway outside the vmknic's subnet names --vmknic-gateway", () =>
    fails({ vmknicGateway: "10.99.0.1" }, "--vmknic-gateway"));
  test("a stack gateway outside every vmknic subnet on the stack names --gateway", () =>
    fails({ stack: "vmotion", gateway: "10.20.0.1" }, "--gateway"));
  test("a static route without a next hop names --static-route", () =>
    fails({ stack: "default", routing: "static-route", staticRoute: "10.20.31.0/24" }, "--static-route"));
  test("a static route whose next hop is off-subnet names --static-route", () =>
    fails({ stack: "default", staticRoute: "10.20.31.0/24 via 10.99.0.1" }, "--static-route"));
  test("the vMotion stack before 6.0 is refused", () =>
    fails({ stack: "vmotion", vsphere: "5.5" }, "--stack"));
  test("a 5.x host without a stack named is on the default stack, its only one", () => {
    const s = setup({ vsphere: "5.5", routing: "static-route" });
    expect(s.config.source.stack).toBe("default");
    expect(s.config.destination.stack).toBe("default");
    // 6.0+ keeps the vMotion stack as the default.
    expect(setup({ vsphere: "6.0" }).config.source.stack).toBe("vmotion");
  });
  test("a per-vmknic gateway before 6.5 is refused", () =>
    fails({ stack: "default", vsphere: "6.0", vmknicGateway: "10.20.30.1" }, "--vmknic-gateway"));
  test("same-subnet routing with a destination elsewhere is a conflict", () =>
    fails({ routing: "same-subnet", destVmknicIp: "10.20.31.12/24" }, "--dest-vmknic-ip"));
  test("a malformed address names the field", () => fails({ vmknicIp: "10.20.30.11" }, "--vmknic-ip"));
  test("a path preset with a host configuration is a conflict", () =>
    fails({ config: "stretched-l2", preset: "metro" }, "--preset"));
  test("a background load at the uplink's rate is refused", () =>
    fails({ uplink: "1Gbit/s", uplinkBackground: "1Gbit/s" }, "--uplink-background"));
  test("a bad vSphere version names --vsphere", () => fails({ vsphere: "10" }, "--vsphere"));

  test("user keys override the preset: --vsphere 6.7 keeps the preset's default stack", () => {
    const s = setup({ config: "pre6-default-stack-via-mgmt", vsphere: "6.7" });
    expect(s.config.vsphereVersion).toBeCloseTo(6.7, 9);
    expect(s.config.source.stack).toBe("default");
    expect(s.configName).toBe("pre6-default-stack-via-mgmt");
  });
});
