import { describe, expect, it } from "vitest";
import { cliCommand, shellQuote } from "../../src/explore/cli-command.js";
import { evaluate, scenarioInputOf } from "../../src/explore/evaluate.js";
import { decodeFragment, encodeFragment } from "../../src/explore/fragment.js";
import { PAGE_FIELDS } from "../../src/explore/inputs.js";
import { FIELD_KEYS } from "../../src/input/fields.js";
import { runCli } from "../cli/run-cli.js";

/** Split a `vmotion-sim estimate ...` line into argv (the test's commands use no quotes). */
const argv = (line: string): string[] => line.split(" ").slice(1);

describe("evaluate(values)", () => {
  it("evaluate({ memory: '64GiB', dirtyRate: '400MiB/s', network: 'bandwidth', bandwidth: '10Gbit/s' }) gives the CLI's result", () => {
    const ev = evaluate({
      memory: "64GiB",
      dirtyRate: "400MiB/s",
      network: "bandwidth",
      bandwidth: "10Gbit/s",
    });
    expect(ev.ok).toBe(true);
    if (!ev.ok) return;
    const cli = runCli([
      "estimate",
      "--memory",
      "64GiB",
      "--dirty-rate",
      "400MiB/s",
      "--bandwidth",
      "10Gbit/s",
      "--json",
    ]);
    const j = JSON.parse(cli.stdout) as { outcome: string; totalTimeSec: number; downtimeSec: number };
    // Same core, same input: exactly equal, not within a tolerance.
    expect(ev.result.outcome).toBe(j.outcome);
    expect(ev.result.totalTimeSec).toBe(j.totalTimeSec);
    expect(ev.result.downtimeSec).toBe(j.downtimeSec);
    expect(ev.path).toBeNull();
  });

  it("marks every bad field with the CLI's message, and computes nothing", () => {
    const ev = evaluate({
      memory: "64",
      dirtyRate: "400MiB/s",
      preset: "routed-lan",
      link: "fast",
      mtu: "12000",
    });
    expect(ev.ok).toBe(false);
    if (ev.ok) return;
    const cli = runCli(["estimate", "--memory", "64", "--dirty-rate", "400MiB/s", "--preset", "routed-lan"]);
    expect(`vmotion-sim: ${ev.errors.get("memory")}`).toBe(cli.stderr.trim());
    expect(ev.errors.get("memory")).toBe('--memory: expected a size like 64GiB (got "64")');
    expect(ev.errors.get("link")).toMatch(/^--link: expected a rate like 10Gbit\/s/);
    expect(ev.errors.get("mtu")).toBe('--mtu: expected a whole number from 576 to 9216 (got "12000")');
    expect([...ev.errors.keys()].sort()).toEqual(["link", "memory", "mtu"]);
  });

  it("marks an empty required field as required", () => {
    const ev = evaluate({ memory: "", dirtyRate: "400MiB/s" });
    expect(ev.ok).toBe(false);
    if (!ev.ok) expect(ev.errors.get("memory")).toBe("--memory: is required: a size like 64GiB");
  });

  it("marks a bad line of a pasted curve at the curve field", () => {
    const ev = evaluate({
      memory: "16GiB",
      dirtyKind: "curve",
      dirtyCurve: "interval,dirtied\n1s,1GiB\n1s,2GiB",
    });
    expect(ev.ok).toBe(false);
    if (!ev.ok)
      expect(ev.errors.get("dirtyCurve")).toMatch(
        /^--dirty-curve line 3 interval: expected intervals that strictly increase/,
      );
  });

  it("ignores fields that do not apply: a working set typed under the constant model, SDPS under QEMU", () => {
    const input = scenarioInputOf({
      memory: "64GiB",
      dirtyKind: "constant",
      dirtyRate: "1GiB/s",
      wss: "8GiB",
      policy: "qemu",
      sdps: "off",
    });
    expect(input).toEqual({
      memory: "64GiB",
      dirtyRate: "1GiB/s",
      dirtyModel: "constant",
      policy: "qemu",
      preset: "same-l2",
    });
  });

  it("offers every field of the field table but --dirty-model (the dirtying selector stands for it)", () => {
    expect(PAGE_FIELDS.map((f) => f.key)).toEqual(FIELD_KEYS.filter((k) => k !== "dirtyModel"));
    expect(PAGE_FIELDS.find((f) => f.key === "vcpus")?.example).toBe("4");
    expect(PAGE_FIELDS.find((f) => f.key === "memory")?.example).toBe("64GiB");
  });
});

describe("cliCommand(input)", () => {
  it("gives the estimate line that reproduces the page's result (run through the CLI)", () => {
    const values = {
      memory: "16GiB",
      dirtyKind: "working-set",
      wss: "4GiB",
      dirtyRate: "1GiB/s",
      coldRate: "10MiB/s",
      pattern: "sequential",
      preset: "metro",
      streams: "4",
    };
    const ev = evaluate(values);
    if (!ev.ok) throw new Error("scenario does not build");
    const line = cliCommand(ev.raw);
    expect(line).toBe(
      "vmotion-sim estimate --memory 16GiB --dirty-rate 1GiB/s --wss 4GiB --cold-rate 10MiB/s --pattern sequential --preset metro --streams 4",
    );
    const j = JSON.parse(runCli([...argv(line), "--json"]).stdout) as {
      outcome: string;
      totalTimeSec: number;
    };
    expect(j.outcome).toBe(ev.result.outcome);
    expect(j.totalTimeSec).toBe(ev.result.totalTimeSec);
  });

  it("quotes what a shell would split, and writes a flag without a value", () => {
    expect(shellQuote("10 Gbit/s")).toBe("'10 Gbit/s'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(cliCommand({ memory: "64GiB", policy: "qemu", autoConverge: true })).toBe(
      "vmotion-sim estimate --memory 64GiB --policy qemu --auto-converge",
    );
  });
});

describe("encodeFragment / decodeFragment", () => {
  it("round-trip values and a pinned scenario; unknown keys are ignored", () => {
    const state = {
      values: { memory: "64GiB", dirtyRate: "400MiB/s", network: "bandwidth", bandwidth: "10 Gbit/s" },
      pinned: { memory: "32GiB", dirtyCurve: "interval,dirtied\n1s,1GiB" },
    };
    const text = encodeFragment(state);
    expect(decodeFragment(`#${text}`)).toEqual(state);
    expect(decodeFragment(`${text}&nonsense=1`)).toEqual(state);
    expect(decodeFragment("#nothing=here")).toBeNull();
  });
});
