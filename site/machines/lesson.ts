/**
 * lesson — the one owner of an open lesson's run lifecycle (issue 15 step 3). The panes only read its
 * snapshot and listen to what it emits; none of them keeps a "running" flag or a sequence number.
 *
 *   editing.idle ─lesson.edit→ editing.debouncing ─(450 ms)→ compiling (live: then run; else check only)
 *   any rest state ─lesson.run / lesson.action / lesson.check→ compiling ─ok→ running ─result+goals→
 *     checked.{pass|fail|unchecked}   or   ─stopped / fatal→ stopped
 *
 * Contract:
 * - A compile is the invoked `compile` actor (the editor's TS worker); a run is the invoked `run` actor (the
 *   page's Runner). Leaving the state stops the actor, so a superseded compile or run can never report:
 *   this replaces the old compileSeq/runSeq counters. `lesson.run` with reason "run" is ignored while a run
 *   is in flight (a double click); any other reason supersedes it.
 * - A compile whose source is not the editor's text now (issue 13) is compiled again, at most twice more.
 *   Diagnostics end the attempt in `editing` (the last good run stays on screen).
 * - An edit while compiling or running is remembered (`dirty`); when the lifecycle comes to rest it goes
 *   straight to `editing.debouncing`, so the newest text is checked (and run, when live is on).
 * - Goal statuses live here: every goal is pending when a fresh run starts (not for live/action runs,
 *   which keep the old marks until the new ones arrive); a stopped run leaves them pending with a note.
 * - Progress may count only a run that is `countable`: not after Show solution or Diff, not a shared
 *   link's code, not the solution's text.
 * - Emitted (for the panes): `compiled` (diagnostics), `runStarted`, `result`, `goals`, `fatal`.
 */
import { assertEvent, assign, emit, fromCallback, fromPromise, setup, type AnyEventObject, type SnapshotFrom } from "xstate";
import type { RunResult, TimedOp } from "../../src/scenario/index.js";
import type { CompileOutput } from "../editor/create-editor.js";
import type { GoalOutcome } from "../runner/worker/protocol.js";

export const LIVE_DEBOUNCE_MS = 450;
/** How many times a compile whose source is no longer the editor's text is retried (issue 13). */
const MAX_STALE_RETRIES = 2;

export type RunReason = "run" | "live" | "action" | "boot" | "share" | "solution";
type Reason = RunReason | "check";
export type StopReason = "timeout" | "eventLimit" | "outputLimit";

/** Which source a run was compiled from (issue 13): every run, its log, goals and stage carry it. */
export interface RunSource {
  lesson: string;
  hash: string;
  kind: "starter" | "solution" | "shared" | "edited";
}

export interface GoalStatus {
  status: "pending" | "pass" | "fail";
  message?: GoalOutcome["message"];
  /** The typed, translatable reason (site/lessons/goal-reason.ts renders it in the learner's language). */
  reason?: GoalOutcome["reason"];
  step?: number;
  seed?: number;
}

/** What the compile actor returns: the compile, and the hash of the editor's text when it finished. */
export interface CompileOutcome {
  out: CompileOutput;
  editorHash: string;
}

export interface RunInput {
  compiled: CompileOutput;
  actions: TimedOp[];
  reason: RunReason;
}

export interface LessonInput {
  lessonId: string;
  starter: string;
  solution?: string;
  /** The scenario's seed: goal outcomes of other seeds carry theirs. */
  seed: number;
  goalIds: string[];
  hasGoals: boolean;
  live: boolean;
  actions?: TimedOp[];
  fromShare?: boolean;
  solutionShown?: boolean;
}

export interface LessonContext {
  input: LessonInput;
  live: boolean;
  actions: TimedOp[];
  fromShare: boolean;
  /** Show solution or Diff was opened since the last Reset: progress does not count. */
  solutionShown: boolean;
  reason: Reason;
  attempt: number;
  dirty: boolean;
  compiled: CompileOutput | undefined;
  source: RunSource | undefined;
  countable: boolean;
  lastGood: RunResult | undefined;
  lastRun: { steps: number; ms: number; stopped: boolean } | undefined;
  /** The run in flight already delivered its result (its goals are being checked). */
  resultIn: boolean;
  goals: Record<string, GoalStatus>;
  /** Set when the goals could not be checked (the run was stopped, or the worker sent none). */
  goalsNote: "stopped" | undefined;
}

export type LessonEvent =
  | { type: "lesson.edit"; text: string }
  | { type: "lesson.run"; reason: RunReason }
  | { type: "lesson.check" }
  | { type: "lesson.action"; op: TimedOp }
  /** The learner edited the injected actions (removed one or all, on the stage): run again with these. */
  | { type: "lesson.actions"; ops: TimedOp[] }
  | { type: "lesson.live"; live: boolean }
  | { type: "lesson.reset" }
  | { type: "lesson.solutionShown" }
  | { type: "lesson.result"; result: RunResult; stopped?: StopReason; ms: number }
  | { type: "lesson.goals"; outcomes: GoalOutcome[]; complete: boolean }
  | { type: "lesson.fatal"; message: string; unexpected?: boolean }
  | { type: "lesson.done" };

export type LessonEmitted =
  | { type: "compiled"; out: CompileOutput }
  | { type: "runStarted"; source: RunSource; reason: RunReason; compiled: CompileOutput }
  | { type: "result"; result: RunResult; previous: RunResult | undefined; stopped?: StopReason; ms: number; source: RunSource; reason: RunReason }
  | { type: "goals"; source: RunSource; passed: boolean; failedSteps: number[] }
  | { type: "fatal"; message: string; unexpected: boolean };

const pendingAll = (ids: string[]): Record<string, GoalStatus> => Object.fromEntries(ids.map((id) => [id, { status: "pending" as const }]));

function sourceKind(c: LessonContext, text: string): RunSource["kind"] {
  if (c.fromShare) return "shared";
  if (text === c.input.starter) return "starter";
  if (c.input.solution !== undefined && text.trim() === c.input.solution.trim()) return "solution";
  return "edited";
}

const isRun = (reason: Reason): reason is RunReason => reason !== "check";

export const lessonMachine = setup({
  types: {
    context: {} as LessonContext,
    events: {} as LessonEvent,
    input: {} as LessonInput,
    emitted: {} as LessonEmitted,
  },
  actors: {
    // Provided by the view (machine.provide): the editor's compile and the page's Runner.
    compile: fromPromise<CompileOutcome, void>(async () => {
      throw new Error("lesson machine: no compile actor provided");
    }),
    run: fromCallback<AnyEventObject, RunInput>(() => {
      throw new Error("lesson machine: no run actor provided");
    }),
  },
  delays: { debounce: LIVE_DEBOUNCE_MS },
  guards: {
    "live?": ({ context }) => context.live,
    "dirty?": ({ context }) => context.dirty,
    "notADoubleRun?": ({ event }) => !(event.type === "lesson.run" && event.reason === "run"),
  },
  actions: {
    edited: assign({ fromShare: false }),
    markDirty: assign({ dirty: true, fromShare: false }),
    startAttempt: assign(({ context, event }) => {
      const reason: Reason = event.type === "lesson.run" ? event.reason
        : event.type === "lesson.action" || event.type === "lesson.actions" ? "action"
        : event.type === "lesson.check" ? "check"
        : context.live ? "live" : "check";
      const actions = event.type === "lesson.action" ? [...context.actions, event.op].sort((a, b) => a.at - b.at)
        : event.type === "lesson.actions" ? [...event.ops].sort((a, b) => a.at - b.at) : context.actions;
      return { reason, attempt: 0, dirty: false, actions };
    }),
    setLive: assign(({ event }) => {
      assertEvent(event, "lesson.live");
      return { live: event.live };
    }),
    reset: assign({ actions: [], solutionShown: false }),
    solutionShown: assign({ solutionShown: true }),
  },
}).createMachine({
  id: "lesson",
  context: ({ input }) => ({
    input,
    live: input.live,
    actions: input.actions ?? [],
    fromShare: input.fromShare ?? false,
    solutionShown: input.solutionShown ?? false,
    reason: "check",
    attempt: 0,
    dirty: false,
    compiled: undefined,
    source: undefined,
    countable: false,
    lastGood: undefined,
    lastRun: undefined,
    resultIn: false,
    goals: pendingAll(input.goalIds),
    goalsNote: undefined,
  }),
  on: {
    "lesson.live": { actions: "setLive" },
    "lesson.reset": { actions: "reset" },
    "lesson.solutionShown": { actions: "solutionShown" },
    "lesson.run": { target: ".compiling", actions: "startAttempt" },
    "lesson.check": { target: ".compiling", actions: "startAttempt" },
    "lesson.action": { target: ".compiling", actions: "startAttempt" },
    "lesson.actions": { target: ".compiling", actions: "startAttempt" },
  },
  initial: "editing",
  states: {
    editing: {
      initial: "idle",
      on: { "lesson.edit": { target: ".debouncing", reenter: true, actions: "edited" } },
      states: {
        idle: { always: { guard: "dirty?", target: "debouncing", actions: assign({ dirty: false }) } },
        debouncing: {
          after: { debounce: { target: "#lesson.compiling", actions: "startAttempt" } },
        },
      },
    },
    compiling: {
      on: {
        "lesson.edit": { actions: "markDirty" },
        // A new request restarts the compile (the old one can no longer report).
        "lesson.run": { target: "compiling", reenter: true, actions: "startAttempt" },
        "lesson.check": { target: "compiling", reenter: true, actions: "startAttempt" },
        "lesson.action": { target: "compiling", reenter: true, actions: "startAttempt" },
      },
      invoke: {
        src: "compile",
        onDone: [
          {
            // Diagnostics: list them, keep the last good run; the attempt ends here.
            guard: ({ event }) => event.output.out.diagnostics.length > 0,
            target: "editing",
            actions: emit(({ event }) => ({ type: "compiled" as const, out: event.output.out })),
          },
          {
            guard: ({ context }) => !isRun(context.reason),
            target: "editing",
            actions: emit(({ event }) => ({ type: "compiled" as const, out: event.output.out })),
          },
          {
            // Compiled from another text than the editor's now (issue 13): compile again.
            guard: ({ context, event }) => event.output.out.sourceHash !== event.output.editorHash && context.attempt < MAX_STALE_RETRIES,
            target: "compiling",
            reenter: true,
            actions: assign({ attempt: ({ context }) => context.attempt + 1 }),
          },
          {
            guard: ({ event }) => event.output.out.sourceHash !== event.output.editorHash,
            target: "editing",
            actions: emit(({ event }) => ({ type: "compiled" as const, out: event.output.out })),
          },
          {
            target: "running",
            actions: [
              emit(({ event }) => ({ type: "compiled" as const, out: event.output.out })),
              assign(({ context, event }) => {
                const out = event.output.out;
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
              }),
              emit(({ context }) => ({ type: "runStarted" as const, source: context.source!, reason: context.reason as RunReason, compiled: context.compiled! })),
            ],
          },
        ],
        onError: { target: "editing" },
      },
    },
    running: {
      on: {
        "lesson.edit": { actions: "markDirty" },
        // A second Run while one is in flight is a double click; anything else supersedes the run.
        "lesson.run": [{ guard: "notADoubleRun?", target: "compiling", actions: "startAttempt" }, { actions: [] }],
        "lesson.result": {
          actions: [
            emit(({ context, event }) => ({
              type: "result" as const, result: event.result, previous: context.lastGood, stopped: event.stopped, ms: event.ms,
              source: context.source!, reason: context.reason as RunReason,
            })),
            assign(({ context, event }) => ({
              resultIn: true,
              lastGood: event.result,
              lastRun: { steps: event.result.trace.length, ms: Math.round(event.ms), stopped: event.stopped !== undefined },
              ...(event.stopped !== undefined && context.input.hasGoals ? { goals: pendingAll(context.input.goalIds), goalsNote: "stopped" as const } : {}),
            })),
          ],
        },
        "lesson.goals": [
          {
            guard: ({ event }) => event.outcomes.length === 0,
            target: "stopped",
            actions: [
              assign(({ context }) => ({ goals: pendingAll(context.input.goalIds), goalsNote: "stopped" as const })),
              emit(({ context }) => ({ type: "goals" as const, source: context.source!, passed: false, failedSteps: [] })),
            ],
          },
          {
            target: "checked",
            actions: [
              assign(({ context, event }) => {
                const goals = { ...context.goals };
                for (const g of event.outcomes) {
                  const shownSeed = g.seed === context.input.seed;
                  goals[g.id] = {
                    status: g.pass ? "pass" : "fail",
                    message: g.message,
                    reason: g.reason,
                    step: !g.pass && shownSeed ? g.failedAtStep : undefined,
                    seed: shownSeed ? undefined : g.seed,
                  };
                }
                return { goals, goalsNote: undefined };
              }),
              emit(({ context, event }) => ({
                type: "goals" as const,
                source: context.source!,
                passed: event.complete && context.countable && event.outcomes.every((g) => g.pass),
                failedSteps: event.outcomes.filter((g) => !g.pass && g.seed === context.input.seed && g.failedAtStep !== undefined).map((g) => g.failedAtStep!),
              })),
            ],
          },
        ],
        "lesson.fatal": {
          target: "stopped",
          actions: [assign({ lastRun: undefined }), emit(({ event }) => ({ type: "fatal" as const, message: event.message, unexpected: event.unexpected === true }))],
        },
        "lesson.done": [
          { guard: ({ context }) => context.lastRun?.stopped === true, target: "stopped" },
          { target: "checked" },
        ],
      },
      invoke: {
        src: "run",
        input: ({ context }) => ({ compiled: context.compiled!, actions: context.actions, reason: context.reason as RunReason }),
      },
    },
    checked: {
      initial: "unchecked",
      always: { guard: "dirty?", target: "editing.debouncing", actions: assign({ dirty: false }) },
      on: { "lesson.edit": { target: "editing.debouncing", actions: "edited" } },
      states: {
        unchecked: {
          always: [
            { guard: ({ context }) => context.input.hasGoals && Object.values(context.goals).some((g) => g.status === "fail"), target: "fail" },
            { guard: ({ context }) => context.input.hasGoals && Object.values(context.goals).every((g) => g.status === "pass"), target: "pass" },
          ],
        },
        pass: {},
        fail: {},
      },
    },
    stopped: {
      always: { guard: "dirty?", target: "editing.debouncing", actions: assign({ dirty: false }) },
      on: { "lesson.edit": { target: "editing.debouncing", actions: "edited" } },
    },
  },
});

export type LessonMachine = typeof lessonMachine;
export type LessonSnapshot = SnapshotFrom<LessonMachine>;

/** True while the worker runs the learner's code (Run is disabled, the stage's actions too). */
export function runInFlight(s: { matches(v: "running"): boolean }): boolean {
  return s.matches("running");
}

/** What the run status line says, derived from the snapshot. */
export type RunStatus =
  | { kind: "idle" }
  | { kind: "compiling" }
  | { kind: "running" }
  | { kind: "done"; steps: number; ms: number }
  | { kind: "stopped"; steps: number };

export function runStatus(s: LessonSnapshot): RunStatus {
  const c = s.context;
  if (s.matches("compiling") && c.reason !== "check") return { kind: "compiling" };
  if (s.matches("running") && !c.resultIn) return { kind: "running" };
  if (c.lastRun === undefined) return { kind: "idle" };
  return c.lastRun.stopped ? { kind: "stopped", steps: c.lastRun.steps } : { kind: "done", steps: c.lastRun.steps, ms: c.lastRun.ms };
}
