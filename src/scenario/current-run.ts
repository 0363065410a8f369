/**
 * The current run — the module-level context through which the `playground` module's free functions
 * (waitForCacheSync, newSharedInformerFactory, newController, …) reach the run's Scheduler, ApiServer and
 * tracer without the learner passing them around.
 *
 * Contract:
 * - `runScenario` sets it before calling main() and clears it when the run ends. Runs are serialised per
 *   realm (a second runScenario waits for the first), so at most one run is current. A Node test process,
 *   a Web Worker and the page are separate realms.
 * - `currentRun()` is undefined outside a run; `requireRun(what)` throws a clear error instead.
 * - Engine components may consult it for run-wide facilities (e.g. `errorLine` for handler errors,
 *   `informerCreated` so scenario faults such as slowHandler reach informers created later).
 */
import type { ApiServer } from "../apiserver/index.js";
import type { Scheduler } from "../sim/scheduler.js";
import type { SourceLocator, TraceFn, Tracer } from "../sim/trace.js";

/** What a scenario fault needs from an informer. */
export interface DelayableInformer {
  setListenerDelay(listenerIndex: number, delayMs: number): void;
}

export interface RunContext {
  readonly scheduler: Scheduler;
  readonly server: ApiServer;
  readonly tracer: Tracer;
  /** The run's typed trace function (built once from `tracer`): runner.* events of the playground. */
  readonly trace: TraceFn;
  readonly stop: AbortSignal;
  /** Maps an error thrown by learner code to its source line, when the runner can. */
  readonly errorLine: ((error: unknown) => number | undefined) | undefined;
  /** Places learner functions and log calls in the learner's source (trace `src`), when the runner can. */
  readonly sourceLocator: SourceLocator | undefined;
  /** Informers call this (or the playground factory does) so run-wide listener delays apply to them. */
  informerCreated(informer: DelayableInformer): void;
  /** A fresh name for a trace lane, e.g. "workqueue", "workqueue-2". */
  uniqueName(base: string): string;
}

let current: RunContext | undefined;

export function currentRun(): RunContext | undefined {
  return current;
}

export function requireRun(what: string): RunContext {
  if (current === undefined) {
    throw new Error(`playground: ${what} can only be used while a scenario runs (inside main or its handlers)`);
  }
  return current;
}

/** Used by runScenario only. */
export function setCurrentRun(ctx: RunContext | undefined): void {
  current = ctx;
}
