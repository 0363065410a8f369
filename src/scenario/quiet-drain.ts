/**
 * Quiet drain — how the run's drive loop knows learner code has gone quiet after a task, so code after an
 * `await` resumes at the virtual time of the task that settled it (API.md "Promises and virtual time").
 *
 * Contract:
 * - `RunScheduler` is the virtual Scheduler counting timer activity (every setTimeout / clearTimeout).
 * - `drain(probe)` awaits microtask turns until `probe()` (a count of everything observable: trace events,
 *   timer activity, log lines) has not changed for QUIET_TURNS turns in a row, and never more than
 *   MAX_TURNS turns (a learner's endless await-loop cannot hang the driver). No real timers: only
 *   `await undefined`.
 */
import { Scheduler } from "../sim/scheduler.js";

/** Microtask turns with no observable change before the drain gives up waiting for more. */
const QUIET_TURNS = 32;
/** Upper bound of microtask turns per drain (a learner's endless await-loop cannot hang the driver). */
const MAX_TURNS = 100_000;

/**
 * A Scheduler that counts timer activity, so the drain can tell when learner code went quiet.
 * real-time: none — these override the virtual Scheduler's own setTimeout/clearTimeout.
 */
export class RunScheduler extends Scheduler {
  activity = 0;
  override setTimeout(fn: () => void, delayMs: number): number { // real-time: no, the virtual clock's own method
    this.activity++;
    return super.setTimeout(fn, delayMs);
  }
  override clearTimeout(id: number): void {
    this.activity++;
    super.clearTimeout(id);
  }
}

/** Awaits microtask turns until `probe()` stays the same for QUIET_TURNS turns (at most MAX_TURNS turns). */
export async function drain(probe: () => number): Promise<void> {
  let last = probe();
  let quiet = 0;
  for (let turn = 0; turn < MAX_TURNS && quiet < QUIET_TURNS; turn++) {
    await undefined;
    const now = probe();
    if (now !== last) {
      last = now;
      quiet = 0;
    } else {
      quiet++;
    }
  }
}
