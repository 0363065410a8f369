/**
 * lesson — the one owner of an open lesson's run lifecycle (issue 15 step 3). The panes only read its
 * snapshot and listen to what it emits; none of them keeps a "running" flag or a sequence number.
 *
 *   booting ─lesson.ready→ compiling (the view's first run or check), or editing when there is none
 *   editing.idle ─lesson.edit→ editing.debouncing ─(450 ms)→ compiling (live: then run; else check only)
 *   any rest state ─lesson.run / lesson.action / lesson.check→ compiling ─ok→ running ─result+goals→
 *     checked.{pass|fail|unchecked}   or   ─stopped / fatal→ stopped
 *
 * Contract:
 * - It starts in `booting` while the view builds its editor and stage: Run, checks and stage runs are
 *   ignored there (nothing could compile yet), injected actions are kept, an edit is remembered; the view's
 *   `lesson.ready` ends it and names the first run (boot, share, action) or a check (safe boot).
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
 * - Progress may count only a run that is `countable` and not live (lesson-rules.ts passOf): not after Show solution or Diff, not a shared
 *   link's code, not the solution's text.
 * - Emitted (for the panes): `compiled` (diagnostics), `runStarted`, `result`, `goals`, `fatal`.
 * The vocabulary (input, context, events) is lesson-types.ts; the pure rules the states apply (a new
 * attempt, a started run, goal statuses, the status line) are lesson-rules.ts.
 */
import { assertEvent, assign, emit, fromCallback, fromPromise, setup, type AnyEventObject } from "xstate";
import { failedSteps, goalsFrom, isRun, nextAttempt, pendingAll, startedRun, passOf } from "./lesson-rules.js";
import type { CompileOutcome, LessonContext, LessonEmitted, LessonEvent, LessonInput, RunInput, RunReason } from "./lesson-types.js";

export const LIVE_DEBOUNCE_MS = 450;
/** How many times a compile whose source is no longer the editor's text is retried (issue 13). */
const MAX_STALE_RETRIES = 2;

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
    startAttempt: assign(({ context, event }) => nextAttempt(context, event)),
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
  initial: "booting",
  states: {
    booting: {
      on: {
        "lesson.ready": [
          { guard: ({ event }) => event.then === undefined, target: "editing" },
          { target: "compiling", actions: "startAttempt" },
        ],
        "lesson.edit": { actions: "markDirty" },
        "lesson.run": { actions: [] },
        "lesson.check": { actions: [] },
        "lesson.action": { actions: assign(({ context, event }) => ({ actions: nextAttempt(context, event).actions })) },
        "lesson.actions": { actions: assign(({ context, event }) => ({ actions: nextAttempt(context, event).actions })) },
      },
    },
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
              assign(({ context, event }) => startedRun(context, event.output.out)),
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
              assign(({ context, event }) => ({ goals: goalsFrom(context, event.outcomes), goalsNote: passOf(context, event.outcomes, event.complete).note })),
              emit(({ context, event }) => ({
                type: "goals" as const,
                source: context.source!,
                // a live run never marks the lesson passed (lesson-rules.ts passOf)
                passed: passOf(context, event.outcomes, event.complete).passed,
                failedSteps: failedSteps(context, event.outcomes),
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
