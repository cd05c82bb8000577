import { discardOpenOutputDirs } from "../files/output-dir.js";

/**
 * SIGINT and SIGTERM stop every command the same way. The first signal aborts {@link stopSignal}:
 * a sweep stops between batches, and a command about to swap in its output folder records the
 * run as `interrupted` instead (outputs complete or absent). The command then throws
 * {@link Interrupted}, which `exit.ts` maps to one line and the conventional status 128 + signal
 * number (130 for SIGINT, 143 for SIGTERM). A second signal removes the open temporary folders and
 * exits at once with the same status.
 */
export const STOP_SIGNALS = { SIGINT: 2, SIGTERM: 15 } as const;
export type StopSignalName = keyof typeof STOP_SIGNALS;

const controller = new AbortController();
let received: StopSignalName | null = null;

/** Aborted once SIGINT or SIGTERM arrived. */
export const stopSignal: AbortSignal = controller.signal;

/** The signal that stopped this run, or null. */
export const stoppedBy = (): StopSignalName | null => received;

/** Exit status for a signal: 128 + its number. */
export const signalExitCode = (s: StopSignalName): number => 128 + STOP_SIGNALS[s];

/** A command stopped by a signal; `message` says what was kept. */
export class Interrupted extends Error {
  readonly signal: StopSignalName;
  constructor(signal: StopSignalName, message: string) {
    super(message);
    this.name = "Interrupted";
    this.signal = signal;
  }
}

/**
 * Let a signal that arrived while this thread was busy be handled: signal handlers run in the
 * event loop's poll phase, which a chain of promises never reaches. Two setImmediate hops always
 * cross one poll phase (one is not enough when called from the check phase; measured).
 */
export async function settleSignals(): Promise<void> {
  for (let i = 0; i < 2; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Throw {@link Interrupted} if a stop signal arrived. */
export function throwIfStopped(what = "stopped before anything was written"): void {
  if (received !== null) throw new Interrupted(received, `interrupted by ${received}: ${what}`);
}

let installed = false;

/** Listen for SIGINT and SIGTERM (once per process; called by main). */
export function installStopSignals(): void {
  if (installed) return;
  installed = true;
  for (const name of Object.keys(STOP_SIGNALS) as StopSignalName[])
    process.on(name, () => {
      if (received === null) {
        received = name;
        controller.abort(new Interrupted(name, `interrupted by ${name}`));
        return;
      }
      discardOpenOutputDirs();
      process.stderr.write(`vmotion-sim: interrupted by ${name} again: stopped at once, nothing written\n`);
      process.exit(signalExitCode(received));
    });
}
