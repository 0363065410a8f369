/**
 * lesson-rules — the lesson machine's pure rules (site/machines/lesson.ts wires them into states):
 * what a new attempt carries, what a started run counts as, how goal outcomes become goal statuses,
 * and what the run status line says.
 *
 * Contract:
 * - Every function is pure: it reads the context (and the event or compile output) and returns the part
 *   of the context that changes; the machine assigns it. No function here sends, emits or keeps state.
 * - `startedRun` decides `countable`: not after Show solution or Diff, not a shared link's code, not a
 *   "solution" run, not the solution's text. A fresh run (not live, not action) resets every goal to
 *   pending; a live or action run keeps the old marks until the new ones arrive.
 * - `passOf` (issue 21 item 13): only a countable run that is not a live run marks the lesson passed. A
 *   live run starts while the learner types (auto-closed brackets can make half-typed code valid), so
 *   when one passes every goal it only says so (`runToCount`): Run, a reload, an action re-run count.
 * - `goalsFrom` keeps a failing goal's step only when it failed on the scenario's own seed (the run the
 *   page shows); a goal of another seed carries that seed instead.
 * - `runStatus` (and `booting`, `runInFlight`) are derived from the snapshot alone.
 */
import type { CompileOutput } from "../editor/create-editor.js";
import type { GoalOutcome } from "../runner/worker/protocol.js";
import type { GoalStatus, LessonContext, LessonEvent, Reason, RunReason, RunSource } from "./lesson-types.js";

export const pendingAll = (ids: string[]): Record<string, GoalStatus> => Object.fromEntries(ids.map((id) => [id, { status: "pending" as const }]));

export const isRun = (reason: Reason): reason is RunReason => reason !== "check";

function sourceKind(c: LessonContext, text: string): RunSource["kind"] {
  if (c.fromShare) return "shared";
  if (text === c.input.starter) return "starter";
  if (c.input.solution !== undefined && text.trim() === c.input.solution.trim()) return "solution";
  return "edited";
}

/** A new compile attempt: its reason (from the event that started it) and the injected actions it runs with. */
export function nextAttempt(context: LessonContext, event: LessonEvent): Pick<LessonContext, "reason" | "attempt" | "dirty" | "actions"> {
  const reason: Reason = event.type === "lesson.run" ? event.reason
    : event.type === "lesson.ready" ? event.then ?? "check"
    : event.type === "lesson.action" || event.type === "lesson.actions" ? "action"
    : event.type === "lesson.check" ? "check"
    : context.live ? "live" : "check";
  const actions = event.type === "lesson.action" ? [...context.actions, event.op].sort((a, b) => a.at - b.at)
    : event.type === "lesson.actions" ? [...event.ops].sort((a, b) => a.at - b.at) : context.actions;
  return { reason, attempt: 0, dirty: false, actions };
}

/** The context of a run that starts from the compile `out`. */
export function startedRun(context: LessonContext, out: CompileOutput): Pick<LessonContext, "resultIn" | "compiled" | "source" | "countable" | "goals" | "goalsNote"> {
  const reason = context.reason as RunReason;
  const fresh = reason !== "live" && reason !== "action";
  const solution = context.input.solution;
  return {
    resultIn: false,
    compiled: out,
    source: { lesson: context.input.lessonId, hash: out.sourceHash, kind: sourceKind(context, out.source) },
    countable: !context.solutionShown && !context.fromShare && reason !== "solution" &&
      (solution === undefined || out.source.trim() !== solution.trim()),
    goals: fresh ? pendingAll(context.input.goalIds) : context.goals,
    goalsNote: undefined,
  };
}

/** Whether the goals' outcomes mark the lesson passed, and the note the goals show (see the contract). */
export function passOf(context: LessonContext, outcomes: readonly GoalOutcome[], complete: boolean): { passed: boolean; note: "runToCount" | undefined } {
  const all = complete && context.countable && outcomes.length > 0 && outcomes.every((g) => g.pass);
  const live = context.reason === "live";
  return { passed: all && !live, note: all && live ? "runToCount" : undefined };
}

/** The goal statuses after the worker's outcomes. */
export function goalsFrom(context: LessonContext, outcomes: readonly GoalOutcome[]): Record<string, GoalStatus> {
  const goals = { ...context.goals };
  for (const g of outcomes) {
    const shownSeed = g.seed === context.input.seed;
    goals[g.id] = {
      status: g.pass ? "pass" : "fail",
      message: g.message,
      reason: g.reason,
      step: !g.pass && shownSeed ? g.failedAtStep : undefined,
      seed: shownSeed ? undefined : g.seed,
    };
  }
  return goals;
}

/** The steps (of the run the page shows) where a goal failed. */
export function failedSteps(context: LessonContext, outcomes: readonly GoalOutcome[]): number[] {
  return outcomes.filter((g) => !g.pass && g.seed === context.input.seed && g.failedAtStep !== undefined).map((g) => g.failedAtStep!);
}

/** True while the worker runs the learner's code (Run is disabled, the stage's actions too). */
export function runInFlight(s: { matches(v: "running"): boolean }): boolean {
  return s.matches("running");
}

/** True while the view is still being built (editor, stage): Run is disabled and the log says the lesson is loading. */
export function booting(s: { matches(v: "booting"): boolean }): boolean {
  return s.matches("booting");
}

/** What the run status line says, derived from the snapshot. */
export type RunStatus =
  | { kind: "booting" }
  | { kind: "idle" }
  | { kind: "compiling" }
  | { kind: "running" }
  | { kind: "done"; steps: number; ms: number }
  | { kind: "stopped"; steps: number };

export function runStatus(s: { matches(v: "booting" | "compiling" | "running"): boolean; context: LessonContext }): RunStatus {
  const c = s.context;
  if (s.matches("booting")) return { kind: "booting" };
  if (s.matches("compiling") && c.reason !== "check") return { kind: "compiling" };
  if (s.matches("running") && !c.resultIn) return { kind: "running" };
  if (c.lastRun === undefined) return { kind: "idle" };
  return c.lastRun.stopped ? { kind: "stopped", steps: c.lastRun.steps } : { kind: "done", steps: c.lastRun.steps, ms: c.lastRun.ms };
}
