import { Command } from "commander";
import { FIELD_KEYS, cliFlagName } from "../../input/fields.js";
import { pathOf } from "../../input/path.js";
import { givenThroughputWarnings } from "../../network/warnings.js";
import { buildScenario, checkBufferKeysForSender } from "../../input/scenario.js";
import { simulate } from "../../model/simulate.js";
import { iterationTable, resultSummary } from "../format-result.js";
import { addFieldOptions } from "../field-options.js";
import { out } from "../io.js";
import { toJson } from "../json.js";
import { pathSummary } from "../path-summary.js";
import { hostSummary } from "../host-summary.js";
import { hostNetworkOf } from "../../input/host.js";
import { bufferModeSpread, bufferModesJson, spreadWords } from "../../plan/buffer-modes.js";
import {
  congestionControlSpread,
  congestionControlsJson,
  congestionSpreadWords,
} from "../../plan/congestion-readings.js";
import { fieldOf, type FieldDef } from "../../input/fields.js";
import { formatFieldValue } from "../../input/uncertain.js";
import { addSampleOptions, uncertainFromOptions } from "../uncertain-options.js";
import {
  medianHeading,
  otherBufferModeLine,
  otherCongestionControlLine,
  uncertaintyLead,
} from "../uncertainty-words.js";

/** A canonical value of field `key` in words. */
export function fieldValueWords(key: string, v: number): string {
  return formatFieldValue(fieldOf(key) as FieldDef, v);
}

/**
 * `vmotion-sim estimate`: one migration, verdict first, then every iteration. When any input is a
 * range or distribution, the range of the answer over the draws leads (`src/plan/uncertainty.ts`),
 * then the migration at the inputs' medians.
 */
export function estimateCommand(): Command {
  const cmd = new Command("estimate").description(
    "simulate one migration and print the verdict and every iteration",
  );
  addSampleOptions(addFieldOptions(cmd, FIELD_KEYS, {}, ["memory"])).option(
    "--json",
    "print the result object as JSON on stdout (with uncertain inputs: the result at their medians and an uncertainty object)",
  );
  cmd.action(async (opts: Record<string, unknown>) => {
    const { u, sampling } = uncertainFromOptions(opts);
    const input = u.input;
    checkBufferKeysForSender(input, cliFlagName);
    // The sweep engine that runs the draws loads only when an input is uncertain: a one-shot
    // estimate's start-up stays the core's (bench cli/startup).
    const draws = u.uncertain.length > 0 ? await import("../../plan/uncertainty.js") : null;
    const uncertainty = draws !== null ? await draws.estimateUncertainty(u, sampling) : null;
    const scenario = buildScenario(input, cliFlagName);
    const result = simulate(scenario);
    const host = hostNetworkOf(input, cliFlagName);
    const computed = host === null ? pathOf(input) : host.kind === "route" ? host.path : null;
    // A given throughput the path cannot carry is still used, and said to be out of reach.
    const givenWarnings =
      computed === null || input.bandwidth === undefined
        ? []
        : givenThroughputWarnings(
            computed.bounds.linkBytesPerSec,
            input.bandwidth,
            computed.failure !== null,
          );
    const path =
      computed === null ? null : { ...computed, warnings: [...computed.warnings, ...givenWarnings] };
    // Above the latency-aware threshold the buffer sizing is an assumption with two readings:
    // when they disagree by more than 10 %, both are shown (model.md section 4).
    const spread = bufferModeSpread(input, { path, result });
    // The vMotion stack's congestion control is an assumption too when none is named: both
    // readings are shown where they part (model.md section 4).
    const ccSpread = congestionControlSpread(input, { path, result });
    // When the readings disagree at the medians, the draws run under both, so the range never rests
    // on one unstated reading.
    const otherUncertainty =
      draws !== null && spread !== null
        ? await draws.estimateUncertainty(
            { ...u, input: { ...u.input, bufferMode: spread.other.mode } },
            sampling,
          )
        : null;
    // The same for the congestion control when none is named and the two part at the medians.
    const otherCcUncertainty =
      draws !== null && ccSpread !== null
        ? await draws.estimateUncertainty(
            { ...u, input: { ...u.input, congestionControl: ccSpread.other.congestionControl } },
            sampling,
          )
        : null;
    if (opts.json) {
      const network =
        host === null
          ? {}
          : host.kind === "route"
            ? { route: host.route.description, warnings: host.warnings }
            : { failure: host.failure };
      const bufferModes = spread === null ? {} : { bufferModes: bufferModesJson(spread) };
      const congestionControls =
        ccSpread === null ? {} : { congestionControls: congestionControlsJson(ccSpread) };
      out(
        toJson({
          ...result,
          ...(path ? { path } : {}),
          ...network,
          ...bufferModes,
          ...congestionControls,
          ...(uncertainty !== null ? { uncertainty } : {}),
          ...(otherUncertainty !== null && spread !== null
            ? { uncertaintyOtherBufferMode: { mode: spread.other.mode, ...otherUncertainty } }
            : {}),
          ...(otherCcUncertainty !== null && ccSpread !== null
            ? {
                uncertaintyOtherCongestionControl: {
                  congestionControl: ccSpread.other.congestionControl,
                  ...otherCcUncertainty,
                },
              }
            : {}),
        }),
      );
      return;
    }
    // With a host configuration, its warnings (host first, then the path's) print in its block.
    const blocks = [
      [
        ...(spread === null ? [] : [spreadWords(spread)]),
        ...(ccSpread === null ? [] : [congestionSpreadWords(ccSpread)]),
        resultSummary(result, scenario.policy.kind),
      ].join("\n"),
    ];
    if (uncertainty !== null)
      blocks.unshift(
        [
          uncertaintyLead(uncertainty),
          ...(otherUncertainty !== null && spread !== null
            ? [otherBufferModeLine(spread.used.mode, spread.other.mode, otherUncertainty)]
            : []),
          ...(otherCcUncertainty !== null && ccSpread !== null
            ? [
                otherCongestionControlLine(
                  ccSpread.used.congestionControl,
                  ccSpread.other.congestionControl,
                  otherCcUncertainty,
                ),
              ]
            : []),
          "",
          medianHeading(uncertainty.inputs, fieldValueWords),
        ].join("\n"),
      );
    if (host !== null) blocks.push(hostSummary(host));
    const given = { congestionControl: input.congestionControl !== undefined };
    if (path) blocks.push(pathSummary(host === null ? path : { ...path, warnings: givenWarnings }, given));
    out(`${blocks.join("\n")}${result.iterations.length > 0 ? `\n\n${iterationTable(result)}` : ""}`);
  });
  return cmd;
}
