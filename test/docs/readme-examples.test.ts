import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";

/**
 * What the README shows a command printing is what it prints: the first estimate's output block
 * line by line, and the outputs the CLI reference quotes inline. Each quote must be in the README
 * and in the command's output, so a change to either (a default, a word, a digit) fails here
 * until the README says what the tool does.
 */
const README = readFileSync("README.md", "utf8");

/** The lines of the README's output block after the ```sh block holding `command`. */
function outputBlock(command: string): string[] {
  const at = README.indexOf(`\`\`\`sh\nvmotion-sim ${command}\n\`\`\`\n\n\`\`\`\n`);
  if (at < 0) throw new Error(`README has no block for: ${command}`);
  const start = README.indexOf("```\n\n```\n", at) + "```\n\n```\n".length;
  return README.slice(start, README.indexOf("\n```", start)).split("\n");
}

function cli(args: string): string {
  const r = runCli(args.split(" "));
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return r.stdout;
}

describe("README examples", () => {
  it("shows the first estimate's lines as the CLI prints them, in order", () => {
    const command = "estimate --memory 64GiB --dirty-rate 400MiB/s --bandwidth 10Gbit/s";
    const shown = outputBlock(command).filter((line) => line.trim() !== "...");
    expect(shown.length).toBeGreaterThan(5);
    const printed = cli(command).split("\n");
    let at = 0;
    for (const line of shown) {
      const found = printed.indexOf(line, at);
      expect(found, `README line not printed (after line ${at}): ${line}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
  });

  it.each([
    [
      "estimate --memory 64GiB --preset routed-lan --dirty-rate lognormal:800MiB/s,0.6",
      "Total 64.4-79 s (p10-p90, median 71.1 s) over 1,000 draws (seed 1); stun 239-537 ms (",
    ],
    [
      "estimate --memory 64GiB --preset routed-lan --dirty-rate lognormal:800MiB/s,0.6",
      "Converges unthrottled in 60 % of draws, throttled in 40 % (peak guest slowdown 10-89 %, ",
    ],
    [
      "compare --memory 64GiB --dirty-rate 400MiB/s --presets same-l2,routed-lan",
      "routed-lan: +2 hops: same throughput, same time",
    ],
    [
      "compare --memory 64GiB --dirty-rate 400MiB/s --presets same-l2,routed-lan-mtu1500",
      "routed-lan-mtu1500: +2 hops, MTU 1500: 5 % less throughput, 6 % longer",
    ],
    [
      "compare --memory 64GiB --dirty-rate 400MiB/s --configs pre6-default-stack-via-mgmt,vmotion-stack-routed",
      "vmotion-stack-routed: the vMotion stack instead of the default stack, ",
    ],
  ])("%s prints what the README quotes", (command, quote) => {
    expect(README).toContain(quote);
    expect(cli(command)).toContain(quote);
  });

  it("quotes compare's throughputs with --bandwidth over same-l2 and wan", () => {
    expect(README).toContain("gives 24.8 Gbit/s on same-l2 and 9.9 Gbit/s on wan");
    const out = cli(
      "compare --memory 64GiB --dirty-rate 400MiB/s --preset same-l2 --path wan --bandwidth 25Gbit/s",
    );
    expect(out).toMatch(/^throughput +24\.8 Gbit\/s +9\.9 Gbit\/s *$/m);
  });

  it("quotes a bad --path key's message as the CLI prints it", () => {
    const message = 'vmotion-sim: --path[2].hops: expected a whole number from 0 to 255 (got "-1")';
    expect(README).toContain(message);
    const r = runCli(
      "compare --memory 64GiB --dirty-rate 400MiB/s --path same-l2 --path wan:hops=-1".split(" "),
    );
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(message);
  });
});
