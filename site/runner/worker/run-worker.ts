/**
 * The run worker: runs one learner program against one scenario, off the page's thread.
 *
 * Contract:
 * - It starts only from the runner's blob: wrapper (so it inherits the page's Content-Security-Policy,
 *   which blocks what deletion cannot: import() of another origin, eval) and, before any learner code
 *   runs, removes every way to start code, reach the network, origin storage or the page (worker-core.ts,
 *   lockdown.ts; the live worker boots the same way).
 * - It answers one `run` message, on the MessagePort that came with it (taken by worker-core.ts before
 *   learner code runs; the global postMessage is gone), in the order protocol.ts gives.
 * - Output is capped here (each log line, all log text, the trace's JSON size) and the page checks the
 *   same caps again: a run over them ends with `limit` and the page keeps the trace up to the cut.
 * - Learner code arrives as CommonJS (Monaco's TypeScript worker). It is evaluated WITHOUT eval, from a
 *   blob: module, afresh for each run; `require` answers only "playground" (learner-module.ts).
 * - The trace is streamed to the page in batches while the run goes on, so the page keeps the trace so
 *   far when it kills the worker (2 s wall clock) (trace-stream.ts). The 100,000-event budget is
 *   runScenario's `maxEvents` (the run ends with error kind "eventLimit"); "limit" is only a backstop.
 * - Runtime errors are mapped to the learner's line through the TypeScript source map (learner-module.ts);
 *   so are the trace's source positions (`src` of handler.called / worker.reconcile / runner.log,
 *   source-locator.ts), in the main run only (the goal checks on more seeds do not need them).
 * - A rejection nothing awaited is a runtime error too, at its step (unawaited-rejections.ts, runScenario's
 *   afterTask).
 * - Goals (the lesson's goals.ts) are checked here on the scenario's seed and on `seeds` more.
 */
/// <reference lib="webworker" />
import { runScenario, type Goal, type RunOptions, type RunResult, type Scenario } from "../../../src/scenario/index.js";
import type { TraceEvent } from "../../../src/sim/index.js";
import type { GoalOutcome, RunRequestMessage, WorkerMessage } from "./protocol.js";
import { MAX_ERROR_CHARS, MAX_EVENTS } from "./protocol.js";
import { loadLearnerModule, type LoadedModule, type LogRef, type Main } from "./learner-module.js";
import { streamTrace } from "./trace-stream.js";
import { watchRejections } from "./unawaited-rejections.js";
import { bootSandbox, errorText } from "./worker-core.js";
import { kit } from "../../../lessons/_lib/goal-kit.js";

declare const self: DedicatedWorkerGlobalScope;

// ── 1. Started the app's way, then no network, no code loading, no storage, no page (worker-core.ts). ──
// A promise from learner code that rejects with nothing awaiting it ends the run as a runtime error at its
// step (unawaited-rejections.ts); the listener is in place before the lockdown and any learner code.
const core = bootSandbox<WorkerMessage, ReturnType<typeof watchRejections>>(self, () =>
  watchRejections((report) => self.addEventListener("unhandledrejection", (ev) => {
    ev.preventDefault();
    report({ reason: ev.reason, trusted: ev.isTrusted });
  })));
const rejections = core.prepared;
const { createObjectURL, functionText, stringify } = core.captured;
const post = core.post;

const goalModules = import.meta.glob<{ default: { goals: Goal[]; seeds?: number } }>("../../../lessons/*/goals.ts");

async function runOnce(mod: LoadedModule, scenario: Scenario, actions: RunRequestMessage["actions"],
  onEvent?: (e: TraceEvent) => void, placeCode = false): Promise<RunResult> {
  const logRef: LogRef = placeCode ? { locator: mod.sourceLocator() } : {};
  const lines: { line?: number } = {};
  let main: Main;
  try {
    main = mod.instantiate(logRef);
  } catch (e) {
    return { trace: [], log: [], hash: "", error: { kind: "runtime", message: messageOf(e), line: mod.learnerLine(e) } };
  }
  const options: RunOptions = { onEvent: (e) => onEvent?.(e), errorLine: mod.learnerLine, maxEvents: MAX_EVENTS,
    afterTask: () => rejections.afterTask(),
    ...(logRef.locator !== undefined ? { sourceLocator: logRef.locator } : {}) };
  rejections.reset();
  const result = await runScenario(scenario, mod.withLines(main, logRef, lines), actions, options);
  await rejections.settle(); // a rejection after the run's end belongs to no step (and never to the next run)
  if (result.error !== undefined && result.error.line === undefined && lines.line !== undefined) {
    result.error = { ...result.error, line: lines.line };
  }
  return result;
}

function cut(text: string): string {
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS)}… [cut]` : text;
}

/** An error's text for the page, cut to MAX_ERROR_CHARS (the page refuses longer ones). */
function messageOf(e: unknown): string {
  return cut(errorText(e));
}

function check(goals: Goal[], run: RunResult, seed: number): GoalOutcome[] {
  return goals.map((g) => {
    try {
      const r = g.check(run);
      return { id: g.id, pass: r.pass === true, message: r.message === undefined ? undefined : cut(String(r.message)),
        ...(r.reason !== undefined && r.pass !== true ? { reason: r.reason } : {}), failedAtStep: r.failedAtStep, seed };
    } catch (e) {
      const message = messageOf(e);
      return { id: g.id, pass: false, message: `goal check failed: ${message}`, reason: kit.checkThrew({ message }), seed };
    }
  });
}

async function run(req: RunRequestMessage): Promise<void> {
  let mod: LoadedModule | undefined;
  try {
    try {
      mod = await loadLearnerModule(req.js, req.map, { createObjectURL, functionText });
    } catch (e) {
      post({ type: "fatal", message: messageOf(e) });
      return;
    }
    const goalsModule = req.lessonId !== undefined ? await goalModules[`../../../lessons/${req.lessonId}/goals.ts`]?.() : undefined;

    post({ type: "started" });
    const stream = streamTrace(post, stringify);
    let streaming = true; // events after the run's end (learner code it did not await) are not sent
    const result = await runOnce(mod, req.scenario, req.actions, (e) => { if (streaming) stream.sink(e); }, true);
    stream.flush();
    streaming = false;
    if (stream.limited) return;
    post({ type: "result", result: { hash: result.hash, ...(result.error !== undefined ? { error: { ...result.error, message: cut(result.error.message) } } : {}) }, traceLength: result.trace.length });

    if (goalsModule === undefined) return;
    const { goals, seeds = 0 } = goalsModule.default;
    let outcomes = check(goals, result, req.scenario.seed);
    if (seeds > 0) {
      post({ type: "checking", seeds });
      for (let k = 1; k <= seeds; k++) {
        const seed = req.scenario.seed + k;
        const more = await runOnce(mod, { ...req.scenario, seed }, req.actions);
        const next = check(goals, more, seed);
        // A goal keeps the first failure (the scenario's own seed first, so its step can be shown).
        outcomes = outcomes.map((o, i) => (o.pass && !next[i]!.pass ? next[i]! : o));
      }
    }
    post({ type: "goals", goals: outcomes });
  } catch (e) {
    post({ type: "fatal", message: messageOf(e), line: mod?.learnerLine(e) });
  }
}

core.listen<RunRequestMessage>("run", run, (message) => ({ type: "fatal", message }), { type: "ready" });
