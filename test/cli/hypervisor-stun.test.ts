import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

// The stun line gives the guest-seen stun and what the hypervisor's own counter would show.
// QEMU's counter stops when the last bytes enter the socket (model.md section 1, a source);
// that ESXi's and Xen's stop there too is an assumption, which the line must say.
const base = ["estimate", "--memory", "64GiB", "--dirty-rate", "400MiB/s", "--bandwidth", "10Gbit/s"];
const stunLine = (policy: string): string => {
  const r = runCli([...base, "--policy", policy]);
  expect(r.code).toBe(0);
  return r.stdout.split("\n").find((l) => l.startsWith("  stun ")) ?? "";
};

describe("estimate's stun line", () => {
  it("estimate --policy qemu states QEMU's counter as what the hypervisor reports", () => {
    expect(stunLine("qemu")).toMatch(
      /^ {2}stun {10}252 ms \(guest-seen; the hypervisor would report 248 ms, its clock stopping when the last byte enters the socket\)$/,
    );
  });
  it("estimate --policy vmotion and xen name the hypervisor's counter an assumption", () => {
    expect(stunLine("vmotion")).toMatch(
      /^ {2}stun {10}255 ms \(guest-seen; 254 ms by the hypervisor's clock if ESXi's, like QEMU's, stops when the last byte enters the socket, an assumption\)$/,
    );
    expect(stunLine("xen")).toMatch(
      /52 ms by the hypervisor's clock if Xen's, like QEMU's, .*, an assumption\)$/,
    );
  });
});
