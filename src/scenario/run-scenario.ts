/**
 * runScenario — runs learner code against a scenario on virtual time and returns the whole trace
 * (API.md "Scenarios, runs and goals", "Promises and virtual time").
 *
 * Contract:
 * - Lays the seed's variant (scenario.variants[seed]) over the base scenario, then builds a Scheduler(seed), a Recorder and an ApiServer (scenario.server options, traced), creates the
 *   `initial` objects, schedules the timeline and the learner's actions (merged by time, timeline first at
 *   equal times; learner ones traced with learner: true) at their virtual times, then calls
 *   `main(ctx)` with the Playground context (clientset, stop, log, sleep). The inputs' scheduling is
 *   run-inputs.ts; how log() prints is format-value.ts.
 * - Drive loop: the scheduler runs ONE task at a time (`step()`), and after each task the microtask queue
 *   is drained (awaiting resolved promises until nothing observable — trace, log, timers — changed for a
 *   while: quiet-drain.ts), so code after an `await` resumes at the virtual time of the task that settled it. No real
 *   timers anywhere: the same inputs give a byte-identical trace and the same hash in Node and in a
 *   Web Worker.
 * - Tasks due at or before `durationMs` run; then the clock is set to durationMs, `stop` is aborted and
 *   the run ends (`runner.end` reason "done").
 * - With `options.sourceLocator`, `runner.log` carries `src` (the learner's log call), the clientset's
 *   `server.request`s the learner's call (ofStack), and informers / controllers built through the
 *   playground place the learner's handlers and reconcile functions.
 * - Errors: main() throwing or rejecting ⇒ error kind "runtime" (message, line via options.errorLine,
 *   step) and the run ends there (`runner.error`, `runner.end` "error"); so does an exception escaping a
 *   scheduled task (e.g. a hasSynced function passed by the learner), and so does a rejection nothing awaited,
 *   when the runner reports one through `options.afterTask` (after main and after every task). Handler exceptions are the
 *   informer's business (traced handler.threw; the run goes on). Once the trace holds `maxEvents`
 *   (default 100,000) events the run stops with error kind "eventLimit", message naming the event budget
 *   (`runner.end` reason "eventLimit"); events emitted after the budget is spent throw, which breaks
 *   synchronous runaway loops in learner code. `options.interrupt()` (if given) is asked after every
 *   task; a returned reason stops the run with error kind "timeout" and that message (`runner.end`
 *   reason "timeout") — the runner's way to enforce a wall-clock budget without real time in src/.
 * - Runs are serialised per realm (see current-run.ts); the wall-clock budget is enforced from outside
 *   (the page kills the worker), never here.
 */
import { ApiServer } from "../apiserver/index.js";
import { Recorder, traceTo, type SourceLocator, type SourcePosition, type TraceEvent } from "../sim/trace.js";
import { applyOp } from "./apply-op.js";
import { newClientset } from "./clientset.js";
import { setCurrentRun, type DelayableInformer, type RunContext } from "./current-run.js";
import { scenarioForSeed, type LogLine, type Playground, type RunOptions, type RunResult, type Scenario, type TimedOp } from "./scenario.js";
import { formatValue, messageOf } from "./format-value.js";
import { drain, RunScheduler } from "./quiet-drain.js";
import { scheduleInputs } from "./run-inputs.js";
import { traceHash } from "./trace-hash.js";

export const DEFAULT_MAX_EVENTS = 100_000;

/** Thrown into engine code once the event budget is spent. */
class EventBudgetExceeded extends Error {
  constructor(limit: number) {
    super(`event budget exceeded: the run produced more than ${groupThousands(limit)} trace events ` +
      "(an endless loop of writes, adds or logs?)");
    this.name = "EventBudgetExceeded";
  }
}

/** 100000 → "100,000" (no Intl: identical text in every realm). */
function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

let queue: Promise<unknown> = Promise.resolve();

export function runScenario(scenario: Scenario, main: (ctx: Playground) => void | Promise<void>,
                            actions?: TimedOp[], options?: RunOptions): Promise<RunResult> {
  const run = queue.then(() => runNow(scenarioForSeed(scenario), main, actions ?? [], options ?? {}));
  queue = run.catch(() => undefined);
  return run;
}

async function runNow(scenario: Scenario, main: (ctx: Playground) => void | Promise<void>,
                      actions: TimedOp[], options: RunOptions): Promise<RunResult> {
  const maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
  const scheduler = new RunScheduler({ seed: scenario.seed });
  const recorder = new Recorder(scheduler);
  const events = recorder.events;
  const trace = traceTo(recorder);
  const log: LogLine[] = [];
  let budgetSpent = false;
  let finishing = false;
  let error: RunResult["error"];

  recorder.onEvent((event: TraceEvent) => {
    options.onEvent?.(event);
    if (!finishing && events.length > maxEvents) {
      budgetSpent = true;
      throw new EventBudgetExceeded(maxEvents);
    }
  });

  const fail = (kind: "runtime" | "timeout" | "eventLimit", e: unknown): void => {
    if (error !== undefined) return;
    const line = kind === "runtime" ? options.errorLine?.(e) : undefined;
    error = { kind, message: messageOf(e), step: events.length };
    if (line !== undefined) error.line = line;
  };
  const failFrom = (e: unknown): void => {
    if (budgetSpent || e instanceof EventBudgetExceeded) fail("eventLimit", new EventBudgetExceeded(maxEvents));
    else fail("runtime", e);
  };

  const serverOptions = scenario.server ?? {};
  const server = new ApiServer(scheduler, { ...serverOptions, tracer: recorder });
  const locator = options.sourceLocator;
  const clientset = newClientset(server, locator?.ofStack === undefined ? undefined : () => {
    try {
      return locator.ofStack?.();
    } catch {
      return undefined;
    }
  });
  const stopper = new AbortController();

  // Run-wide listener delays (the slowHandler fault), applied to informers present and future.
  const informers: DelayableInformer[] = [];
  const delays = new Map<number, number>();
  const names = new Map<string, number>();
  const ctxRun: RunContext = {
    scheduler, server, tracer: recorder, trace, stop: stopper.signal, errorLine: options.errorLine,
    sourceLocator: options.sourceLocator,
    informerCreated(informer) {
      if (informers.includes(informer)) return;
      informers.push(informer);
      for (const [n, ms] of delays) informer.setListenerDelay(n, ms);
    },
    uniqueName(base) {
      const n = (names.get(base) ?? 0) + 1;
      names.set(base, n);
      return n === 1 ? base : `${base}-${n}`;
    },
  };
  const opTarget = {
    server, tracer: recorder,
    setListenerDelay(handler: number, delayMs: number): void {
      delays.set(handler, delayMs);
      for (const informer of informers) informer.setListenerDelay(handler, delayMs);
    },
    after(ms: number, fn: () => void): void {
      scheduler.setTimeout(fn, ms);
    },
  };

  const playground: Playground = {
    clientset,
    stop: stopper.signal,
    log(...values: unknown[]): void {
      const text = values.map(formatValue).join(" ");
      const src = callerOf(options.sourceLocator);
      trace({ component: "runner", kind: "runner.log", text, ...(src !== undefined ? { src } : {}) });
      log.push({ step: events.length, time: scheduler.now(), text });
    },
    sleep(ms: number): Promise<void> {
      return new Promise<void>((resolve) => {
        scheduler.setTimeout(resolve, ms);
      });
    },
  };

  const probe = (): number => events.length + scheduler.activity + log.length;

  /** options.afterTask: a rejection nothing awaited ends the run as a runtime error (true: it did). */
  const unawaited = async (): Promise<boolean> => {
    if (options.afterTask === undefined || error !== undefined) return false;
    const pending = options.afterTask();
    const found = pending !== undefined && "then" in pending ? await pending : pending;
    if (found === undefined || error !== undefined) return false;
    failFrom(found.error);
    return true;
  };

  setCurrentRun(ctxRun);
  try {
    trace({ component: "runner", kind: "runner.start", seed: scenario.seed, durationMs: scenario.durationMs });
    server.withRequestOrigin("scenario", () => {
      for (const item of scenario.initial) server.create(item.resource, JSON.parse(JSON.stringify(item.object)));
    });

    scheduleInputs({ scenario, actions, scheduler, recorder, apply: (op, learner) => applyOp(opTarget, op, learner) });

    try {
      const result = main(playground);
      if (result !== undefined && result !== null && typeof (result as Promise<void>).then === "function") {
        (result as Promise<void>).then(undefined, (e: unknown) => failFrom(e));
      }
    } catch (e) {
      failFrom(e);
    }
    await drain(probe);
    await unawaited();

    while (error === undefined) {
      const due = scheduler.nextDue();
      if (due === undefined || due > scenario.durationMs) break;
      try {
        scheduler.step();
      } catch (e) {
        failFrom(e);
        break;
      }
      await drain(probe);
      if (budgetSpent) {
        failFrom(new EventBudgetExceeded(maxEvents));
        break;
      }
      if (await unawaited()) break;
      const reason = options.interrupt?.();
      if (reason !== undefined) {
        fail("timeout", new Error(reason));
      }
    }

    finishing = true;
    if (error === undefined) {
      scheduler.advance(scenario.durationMs - scheduler.now());
      stopper.abort();
      await drain(probe);
      trace({ component: "runner", kind: "runner.end", reason: "done" });
    } else {
      stopper.abort();
      const e: NonNullable<RunResult["error"]> = error;
      trace({
        component: "runner", kind: "runner.error", message: e.message,
        ...(e.line !== undefined ? { line: e.line } : {}),
      });
      trace({ component: "runner", kind: "runner.end",
        reason: e.kind === "timeout" || e.kind === "eventLimit" ? e.kind : "error" });
    }
  } finally {
    finishing = true;
    if (!stopper.signal.aborted) stopper.abort();
    setCurrentRun(undefined);
  }

  const result: RunResult = { trace: events, log, hash: traceHash(events) };
  if (error !== undefined) result.error = error;
  return result;
}

/** Where the learner's log(...) call is, when the runner can tell (never throws). */
function callerOf(locator: SourceLocator | undefined): SourcePosition | undefined {
  if (locator === undefined) return undefined;
  try {
    return locator.ofCaller();
  } catch {
    return undefined;
  }
}
