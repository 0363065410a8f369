/**
 * goal-kit — small helpers for lesson goals (lessons/NN-slug/goals.ts). Goals are properties of a whole
 * run (API.md "Scenarios, runs and goals"): they read the trace (what the informer did) and the
 * learner's log, and on failure name the step where the property broke (step n = trace[n - 1]).
 * Pure functions of a RunResult; no engine state, no time.
 */
import type { Goal, RunResult } from "../../src/scenario/index.js";
import type { KnownTraceEvent, TraceEvent, TraceKind } from "../../src/sim/trace.js";

export type { Goal, RunResult };
export type Ev<K extends TraceKind> = Extract<KnownTraceEvent, { kind: K }>;
export type Check = ReturnType<Goal["check"]>;

export const pass: Check = { pass: true };

export function fail(message: string, failedAtStep?: number): Check {
  return failedAtStep === undefined ? { pass: false, message } : { pass: false, message, failedAtStep };
}

/** Every event of one kind, in trace order (optionally filtered). */
export function events<K extends TraceKind>(run: RunResult, kind: K, where?: (e: Ev<K>) => boolean): Ev<K>[] {
  const out: Ev<K>[] = [];
  for (const raw of run.trace as TraceEvent[]) {
    if (raw.kind !== kind) continue;
    const e = raw as unknown as Ev<K>;
    if (where === undefined || where(e)) out.push(e);
  }
  return out;
}

/** The last step of the run (used when a property fails "at the end"). */
export function lastStep(run: RunResult): number {
  return run.trace.length;
}

/** Log lines printed at steps in (from, to] — e.g. inside one handler call. */
export function logBetween(run: RunResult, fromStep: number, toStep: number): string[] {
  return run.log.filter((l) => l.step > fromStep && l.step <= toStep).map((l) => l.text);
}

/** For a handler.called event, the step of the matching handler.returned/threw (same listener), or the end. */
export function callEnd(run: RunResult, called: Ev<"handler.called">): number {
  for (let i = called.seq; i < run.trace.length; i++) {
    const e = run.trace[i] as unknown as KnownTraceEvent;
    if ((e.kind === "handler.returned" || e.kind === "handler.threw") && e.name === called.name &&
        e.listener === called.listener) return e.seq;
  }
  return run.trace.length;
}

/** Lines the learner printed while one handler call ran. */
export function linesDuring(run: RunResult, called: Ev<"handler.called">): string[] {
  return logBetween(run, called.seq, callEnd(run, called));
}

/** "default/web-1" → "web-1". */
export function nameOf(key: string): string {
  const i = key.lastIndexOf("/");
  return i < 0 ? key : key.slice(i + 1);
}

/** A run that crashed (compile/runtime/timeout) fails every goal with that reason. */
export function crashed(run: RunResult): Check | undefined {
  if (run.error === undefined) return undefined;
  return fail(`The run stopped with a ${run.error.kind} error: ${run.error.message}`, run.error.step);
}

/** Wraps a check so a crashed run fails it with the crash message. */
export function goal(g: Goal): Goal {
  return { ...g, check: (run) => crashed(run) ?? g.check(run) };
}

/**
 * The object a key had at a resourceVersion, as the trace recorded it: from the server's writes, else
 * from the informer's cache writes. undefined when the trace does not hold it.
 */
export function objectAt(run: RunResult, key: string, rv: string): import("../../src/types.js").KubeObject | undefined {
  for (const raw of run.trace as TraceEvent[]) {
    const e = raw as unknown as KnownTraceEvent;
    if (e.kind === "server.write" && e.key === key && e.resourceVersion === rv) return e.object;
  }
  for (const raw of run.trace as TraceEvent[]) {
    const e = raw as unknown as KnownTraceEvent;
    if (e.kind === "indexer.write" && e.key === key && e.resourceVersion === rv && e.object !== undefined) return e.object;
  }
  return undefined;
}
