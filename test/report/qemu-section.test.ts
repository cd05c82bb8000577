import { describe, expect, it } from "vitest";
import { buildReport, parseReportText, resolveReport } from "../../src/report/index.js";

/** A report built from YAML text that names no sweep files. */
function reportOf(text: string): ReturnType<typeof buildReport> {
  return buildReport(
    resolveReport(parseReportText(text, "q.yaml"), () => {
      throw new Error("no sweep files");
    }),
  );
}

describe("buildReport(a report with a QEMU sweep section over paths)", () => {
  it("builds (its other buffer reading's run sets a vMotion key the QEMU rows ignore) and quotes the Linux window's throughput", async () => {
    const report = await reportOf(`title: QEMU
intro: QEMU over paths.
sections:
  - title: QEMU over paths
    text: A QEMU VM over each path.
    at: 100MiB/s
    sweep:
      name: qemu
      base: { memory: 16GiB, policy: qemu }
      axes:
        - { key: preset, values: [same-l2, wan] }
        - { key: dirtyRate, values: [50MiB/s, 100MiB/s] }
    tables:
      - kind: results
`);
    // 4 MiB / 25.3 ms over wan (model.md section 4.2).
    expect(JSON.stringify(report)).toContain("1.33 Gbit/s");
  });
});
