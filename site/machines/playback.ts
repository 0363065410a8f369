/**
 * playback — the transport of the stage: which step is shown, whether it advances on its own, and
 * whether a run is in flight.
 *
 * States: `idle` (no run yet) → `running` (the worker is busy; the shown run stays visible, frozen) →
 * `ready.{playing|paused}` (a run is loaded). `playback.loaded` is taken in every state (a new run
 * replaces the old one). `playback.stopped` leaves `running` without a new run (the run failed or was
 * stopped): back to the run shown before, paused, or `idle` if there was none. A step is one trace event;
 * `step` is 1-based and stays within 1..total once a run with events is loaded (0 when there is none).
 *
 * Events are dotted (`playback.*`). Stepping by hand (`stepForward`, `stepBack`, `jumpStart`, `jumpEnd`,
 * `goTo`, `jumpToFailure`) pauses playback; `seek` (the scrub bar, the timeline) keeps playing if it was.
 * Playing advances one step per `1000 / speed` ms through `after` (the actor's clock), and pauses at the
 * last step; `play` at the last step starts again from step 1. The keys that send these events are in
 * site/shell/keyboard.ts (one keymap for the app).
 */
import { assertEvent, assign, setup } from "xstate";

export const SPEEDS = [1, 2, 4, 8, 16, 32, 100] as const;
export const DEFAULT_SPEED = 4;

export interface PlaybackContext {
  step: number;
  total: number;
  /** Steps per second while playing. */
  speed: number;
  /** Steps where a goal failed (sorted). */
  failedSteps: number[];
}

export type PlaybackEvent =
  | { type: "playback.run" }
  | { type: "playback.stopped" }
  | { type: "playback.loaded"; total: number; autoplay: boolean; failedSteps?: number[] }
  | { type: "playback.play" }
  | { type: "playback.pause" }
  | { type: "playback.toggle" }
  | { type: "playback.stepForward" }
  | { type: "playback.stepBack" }
  | { type: "playback.seek"; step: number }
  /** Go to a step and pause there (StageHandle.seek, the step gate, "Go there", log lines). */
  | { type: "playback.goTo"; step: number }
  | { type: "playback.jumpStart" }
  | { type: "playback.jumpEnd" }
  /** The next failing step after the current one (else the first). */
  | { type: "playback.jumpToFailure" }
  /** Goals arrive after the run is loaded: replaces the failing steps without moving the cursor. */
  | { type: "playback.failedSteps"; steps: number[] }
  | { type: "playback.speed"; speed: number };

const clampStep = (step: number, total: number): number =>
  total <= 0 ? 0 : Math.max(1, Math.min(total, Math.round(step)));

/** The first failing step after the current one, else the first failing step. */
export function nextFailure(context: PlaybackContext): number | undefined {
  return context.failedSteps.find((s) => s > context.step) ?? context.failedSteps[0];
}

export const playbackMachine = setup({
  types: {
    context: {} as PlaybackContext,
    events: {} as PlaybackEvent,
    input: {} as { speed?: number } | undefined,
  },
  delays: {
    tick: ({ context }) => Math.max(10, Math.round(1000 / context.speed)),
  },
  guards: {
    "autoplay?": ({ event }) => event.type === "playback.loaded" && event.autoplay && event.total > 0,
    "atEnd?": ({ context }) => context.step >= context.total,
    "hasRun?": ({ context }) => context.total > 0,
  },
  actions: {
    load: assign(({ event }) => {
      assertEvent(event, "playback.loaded");
      return {
        total: Math.max(0, event.total), step: event.total > 0 ? 1 : 0,
        failedSteps: [...(event.failedSteps ?? [])].sort((a, b) => a - b),
      };
    }),
    setFailedSteps: assign(({ event }) => {
      assertEvent(event, "playback.failedSteps");
      return { failedSteps: [...event.steps].sort((a, b) => a - b) };
    }),
    stepForward: assign(({ context }) => ({ step: clampStep(context.step + 1, context.total) })),
    stepBack: assign(({ context }) => ({ step: clampStep(context.step - 1, context.total) })),
    seek: assign(({ context, event }) => {
      assertEvent(event, ["playback.seek", "playback.goTo"]);
      return { step: clampStep(event.step, context.total) };
    }),
    jumpStart: assign(({ context }) => ({ step: clampStep(1, context.total) })),
    jumpEnd: assign(({ context }) => ({ step: clampStep(context.total, context.total) })),
    jumpToFailure: assign(({ context }) => {
      const target = nextFailure(context);
      return target === undefined ? {} : { step: clampStep(target, context.total) };
    }),
    rewindIfAtEnd: assign(({ context }) => (context.step >= context.total ? { step: clampStep(1, context.total) } : {})),
    setSpeed: assign(({ context, event }) => {
      assertEvent(event, "playback.speed");
      return { speed: Number.isFinite(event.speed) && event.speed > 0 ? event.speed : context.speed };
    }),
  },
}).createMachine({
  id: "playback",
  context: ({ input }) => ({ step: 0, total: 0, speed: input?.speed ?? DEFAULT_SPEED, failedSteps: [] }),
  initial: "idle",
  on: {
    "playback.loaded": [
      { guard: "autoplay?", target: ".ready.playing", actions: "load" },
      { target: ".ready.paused", actions: "load" },
    ],
    "playback.run": { target: ".running" },
    "playback.speed": { actions: "setSpeed" },
    "playback.failedSteps": { actions: "setFailedSteps" },
  },
  states: {
    idle: {},
    running: {
      on: {
        "playback.stopped": [{ guard: "hasRun?", target: "ready.paused" }, { target: "idle" }],
      },
    },
    ready: {
      initial: "paused",
      on: {
        "playback.stepForward": { target: ".paused", actions: "stepForward" },
        "playback.stepBack": { target: ".paused", actions: "stepBack" },
        "playback.jumpStart": { target: ".paused", actions: "jumpStart" },
        "playback.jumpEnd": { target: ".paused", actions: "jumpEnd" },
        "playback.goTo": { target: ".paused", actions: "seek" },
        "playback.jumpToFailure": { target: ".paused", actions: "jumpToFailure" },
        "playback.seek": { actions: "seek" },
      },
      states: {
        playing: {
          after: {
            tick: [
              { guard: "atEnd?", target: "paused" },
              { target: "playing", reenter: true, actions: "stepForward" },
            ],
          },
          on: {
            "playback.pause": { target: "paused" },
            "playback.toggle": { target: "paused" },
            // A new speed takes effect at once (re-enter restarts the timer with the new delay).
            "playback.speed": { target: "playing", reenter: true, actions: "setSpeed" },
          },
        },
        paused: {
          on: {
            "playback.play": { target: "playing", actions: "rewindIfAtEnd" },
            "playback.toggle": { target: "playing", actions: "rewindIfAtEnd" },
          },
        },
      },
    },
  },
});
