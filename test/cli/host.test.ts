import { describe, expect, it } from "vitest";
import { expectBadInput, runCli } from "./run-cli.js";

const BASE = ["estimate", "--memory", "64GiB", "--dirty-rate", "400MiB/s"];

describe("vmotion-sim estimate with a host network configuration", () => {
  it("names the route the traffic took and why", () => {
    const r = runCli([...BASE, "--config", "pre6-default-stack-via-mgmt"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "route         default stack, no route to 10.20.31.0/24: via management gateway 10.20.0.1 on vmnic0, 1 Gbit/s",
    );
    expect(r.stdout).toContain("admission     by the vMotion vmknic's 10 Gbit/s link");
  });

  it("a no-route failure exits 0 with the outcome and the reason, no iteration table", () => {
    const r = runCli([...BASE, "--config", "vmotion-stack-routed", "--gateway", "none"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe("fails at the start: no route to the destination vmknic");
    expect(r.stdout).toContain("KB 424375");
    expect(r.stdout).not.toContain("dirtied meanwhile");
  });

  it("--json of a stack mismatch has outcome stack-mismatch and the failure's source", () => {
    const r = runCli([...BASE, "--stack", "vmotion", "--dest-stack", "default", "--json"]);
    const j = JSON.parse(r.stdout) as { outcome: string; failure: { source: string } };
    expect(j.outcome).toBe("stack-mismatch");
    expect(j.failure.source).toContain("KB 432825");
  });

  it.each([
    [["--stack", "provisioning"], "--stack"],
    [["--vmknic-gateway", "10.99.0.1"], "--vmknic-gateway"],
    [["--stack", "default", "--gateway", "10.99.0.1"], "--gateway"],
    [["--stack", "default", "--static-route", "10.20.31.0/24"], "--static-route"],
    [["--config", "nope"], "--config"],
  ])("bad input %j is one line naming %s, exit 2", (args, field) => {
    const line = expectBadInput(runCli([...BASE, ...args]));
    expect(line.startsWith(`vmotion-sim: ${field}: `)).toBe(true);
  });
});

describe("vmotion-sim compare --configs", () => {
  it("puts the configurations side by side with the change in words and each route", () => {
    const r = runCli([
      "compare",
      ...BASE.slice(1),
      "--configs",
      "pre6-default-stack-via-mgmt,vmotion-stack-routed",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Against pre6-default-stack-via-mgmt:");
    expect(r.stdout).toContain("vmotion-stack-routed: the vMotion stack instead of the default stack");
    expect(r.stdout).toContain("via management gateway 10.20.0.1 on vmnic0, 1 Gbit/s");
  });

  it("--configs with --config is one line naming --config, exit 2", () => {
    const line = expectBadInput(
      runCli([
        "compare",
        "--memory",
        "8GiB",
        "--dirty-rate",
        "1MiB/s",
        "--configs",
        "stretched-l2",
        "--config",
        "stretched-l2",
      ]),
    );
    expect(line.startsWith("vmotion-sim: --config: ")).toBe(true);
  });

  it("an unknown configuration name is one line naming --configs, exit 2", () => {
    const line = expectBadInput(
      runCli(["compare", "--memory", "8GiB", "--dirty-rate", "1MiB/s", "--configs", "routed"]),
    );
    expect(line.startsWith("vmotion-sim: --configs: ")).toBe(true);
  });
});
