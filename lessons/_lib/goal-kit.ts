/**
 * goal-kit — small helpers for lesson goals (lessons/NN-slug/goals.ts). Goals are properties of a whole
 * run (API.md "Scenarios, runs and goals"): they read the trace (what the informer did) and the
 * learner's log, and on failure name the step where the property broke (step n = trace[n - 1]).
 * A failure is a typed, translatable reason (goal-message.ts): `fail(M.key({ … }), step)`, never an
 * English string; `goal()` accepts only checks that answer `pass` or `fail(...)`.
 * Pure functions of a RunResult; no engine state, no time.
 */
import type { Goal, GoalReason, KubeObject, RunResult } from "../../src/index.js";
import type { KnownTraceEvent, TraceEvent, TraceKind } from "../../src/sim/index.js";
import { defineMessages, renderReason } from "./goal-message.js";

export type { Goal, GoalReason, RunResult };
export { defineMessages } from "./goal-message.js";
export type Ev<K extends TraceKind> = Extract<KnownTraceEvent, { kind: K }>;

export interface Failure { pass: false; reason: GoalReason; message: string; failedAtStep?: number }
/** What a kit goal's check answers: `pass`, or `fail(reason, step?)`. */
export type Check = { pass: true } | Failure;

/** A goal whose failures are typed reasons (the shape every lesson's goals.ts uses). */
export interface KitGoal {
  id: string;
  title: { en: string; "zh-CN": string };
  check(run: RunResult): Check;
}

export const pass: Check = { pass: true };

/** A failing verdict: the reason as data, its English text in `message`, and the step it broke at. */
export function fail(reason: GoalReason, failedAtStep?: number): Failure {
  const message = renderReason(reason, "en");
  return failedAtStep === undefined ? { pass: false, reason, message } : { pass: false, reason, message, failedAtStep };
}

/** Messages every lesson shares. */
export const kit = defineMessages("kit", {
  crashed: {
    en: "The run stopped with {kind} error: {message}",
    "zh-CN": "运行因{kind}错误而停止：“{message}”",
  },
  compile: { en: "a compile", "zh-CN": "编译" },
  runtime: { en: "a runtime", "zh-CN": "运行时" },
  timeout: { en: "a timeout", "zh-CN": "超时" },
  eventLimit: { en: "an event budget", "zh-CN": "事件预算" },
  outputLimit: { en: "an output budget", "zh-CN": "输出预算" },
  expectedLine: {
    en: "`{callback}` for {key} (step {step}) should log \"{want}\"; it logged {saw}.",
    "zh-CN": "第 {step} 步，`{callback}` 处理 {key} 时应打印“{want}”，实际打印的是：{saw}。",
  },
  handlerThrew: {
    en: "Your `{callback}` threw on {key} (step {step}): {message}",
    "zh-CN": "第 {step} 步，你的 `{callback}` 处理 {key} 时抛出了异常：“{message}”",
  },
  checkThrew: {
    en: "The goal's own check failed ({message}); this is a bug in the lesson, not in your code.",
    "zh-CN": "目标自身的检查出错（“{message}”）；这是课程的缺陷，不是你的代码的问题。",
  },
});

/** kit.expectedLine for one handler call: the line it should have printed and what it printed. */
export function expectedLine(run: RunResult, call: Ev<"handler.called">, want: string, saw?: readonly string[]): Failure {
  return fail(kit.expectedLine({ callback: callbackOf(call.notification), key: call.key, step: call.seq, want,
    saw: { lines: saw ?? linesDuring(run, call) } }), call.seq);
}

/** kit.handlerThrew for a handler.threw event. */
export function handlerThrew(threw: Ev<"handler.threw">): Failure {
  return fail(kit.handlerThrew({ callback: callbackOf(threw.notification), key: threw.key, step: threw.seq, message: threw.message }), threw.seq);
}

/** The callback a notification is delivered to (code names, the same in every language). */
export function callbackOf(notification: string): string {
  return notification === "add" ? "addFunc" : notification === "update" ? "updateFunc" : notification === "delete" ? "deleteFunc" : notification;
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

/** A run that crashed (compile/runtime/timeout/eventLimit/outputLimit) fails every goal with that reason. */
export function crashed(run: RunResult): Failure | undefined {
  if (run.error === undefined) return undefined;
  return fail(kit.crashed({ kind: kit[run.error.kind](), message: run.error.message }), run.error.step);
}

/** Wraps a check so a crashed run fails it with the crash message. */
export function goal(g: KitGoal): Goal {
  return { ...g, check: (run) => crashed(run) ?? g.check(run) };
}

/**
 * The object a key had at a resourceVersion, as the trace recorded it: from the server's writes, else
 * from the informer's cache writes. undefined when the trace does not hold it.
 */
export function objectAt(run: RunResult, key: string, rv: string): KubeObject | undefined {
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

/**
 * Keys of the objects of `resource` that existed before main() ran (the scenario's `initial`, which
 * varies by seed): the server's writes at the start of the trace, before any other component acts
 * (main's own requests come after runner.start's first non-server event).
 */
export function initialKeys(run: RunResult, resource: string): string[] {
  const out: string[] = [];
  for (const raw of run.trace as TraceEvent[]) {
    const e = raw as unknown as KnownTraceEvent;
    if (e.kind === "runner.start") continue;
    if (e.component !== "server") break;
    if (e.kind === "server.write" && e.resource === resource && e.type === "ADDED") out.push(e.key);
  }
  return out;
}

/**
 * server.request events sent by the learner's code: the trace's `origin` is "code" (never a stage action,
 * the scenario, a reflector or the kubelet). A request without an origin (a trace from outside a run) counts
 * when it is not a reflector's and not part of a `runner.op` (whose server events follow it at once).
 */
export function learnerRequests(run: RunResult): Ev<"server.request">[] {
  const out: Ev<"server.request">[] = [];
  let inOp = false;
  for (const raw of run.trace as TraceEvent[]) {
    const e = raw as unknown as KnownTraceEvent;
    if (e.kind === "runner.op") { inOp = true; continue; }
    if (e.component !== "server") inOp = false;
    if (e.kind !== "server.request") continue;
    if (e.origin !== undefined ? e.origin === "code" : !inOp && !(e.client ?? "").startsWith("reflector")) out.push(e);
  }
  return out;
}

/** One reconcile of one key by one worker: from worker.reconcile to its worker.result (or the end). */
export interface ReconcileWindow { start: Ev<"worker.reconcile">; end: number; result?: Ev<"worker.result"> }

export function reconcileWindows(run: RunResult): ReconcileWindow[] {
  const results = events(run, "worker.result");
  return events(run, "worker.reconcile").map((start) => {
    const result = results.find((r) => r.seq > start.seq && r.worker === start.worker && r.controller === start.controller && r.key === start.key);
    return result === undefined ? { start, end: run.trace.length } : { start, end: result.seq, result };
  });
}

/** The reconcile of `key` a log line was printed in, if any (workers may overlap; the key decides). */
export function windowOf(run: RunResult, step: number, key: string): ReconcileWindow | undefined {
  return reconcileWindows(run).find((w) => w.start.key === key && step > w.start.seq && step <= w.end);
}

/** The handler call a log line was printed in, if any (the innermost open call at that step). */
export function callOf(run: RunResult, step: number): Ev<"handler.called"> | undefined {
  let found: Ev<"handler.called"> | undefined;
  for (const c of events(run, "handler.called", (e) => e.seq < step)) if (callEnd(run, c) >= step) found = c;
  return found;
}
