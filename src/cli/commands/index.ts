import type { Command } from "commander";

/**
 * Every command, by name, as a loader: a run imports only the module of the command it runs
 * (`estimate` loads neither `yaml`, `ajv`, the sweep pool nor the report renderer). The order is
 * the order `--help` lists them in.
 */
export const COMMAND_LOADERS: Readonly<Record<string, () => Promise<Command>>> = {
  estimate: async () => (await import("./estimate.js")).estimateCommand(),
  compare: async () => (await import("./compare.js")).compareCommand(),
  logs: async () => (await import("./logs.js")).logsCommand(),
  validate: async () => (await import("./validate.js")).validateCommand(),
  solve: async () => (await import("./solve.js")).solveCommand(),
  report: async () => (await import("./report.js")).reportCommand(),
  sweep: async () => (await import("./sweep.js")).sweepCommand(),
  summarize: async () => (await import("./summarize.js")).summarizeCommand(),
  evacuate: async () => (await import("./evacuate.js")).evacuateCommand(),
  explore: async () => (await import("./explore.js")).exploreCommand(),
};

/**
 * The commands a run of `argv` needs: the one named first (or after `help`), else all of them,
 * so top-level help, `--version` and an unknown command's suggestion see every command.
 */
export function commandsFor(argv: readonly string[]): string[] {
  const first = argv[0] === "help" ? argv[1] : argv[0];
  if (first !== undefined && Object.hasOwn(COMMAND_LOADERS, first)) return [first];
  return Object.keys(COMMAND_LOADERS);
}

/** The commands `argv` needs, loaded. */
export async function loadCommands(argv: readonly string[]): Promise<Command[]> {
  return Promise.all(commandsFor(argv).map((name) => (COMMAND_LOADERS[name] as () => Promise<Command>)()));
}
