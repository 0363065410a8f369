/**
 * playback — the transport of the stage: which step is shown and whether it advances on its own.
 *
 * States: `idle` (no run) → `running` (the worker is busy) → `ready.{playing|paused}` (a run is loaded),
 * or `error` (the run failed to produce a trace). A step is one trace event; `step` is 1-based and stays
 * within 1..total once a run with events is loaded (0 when there is none).
 *
 * Events are dotted (`playback.*`). Stepping by hand (`stepForward`, `stepBack`, `jumpStart`, `jumpEnd`,
 * `jumpToFailure`) pauses playback; `seek` (the scrub bar) keeps playing if it was. Playing advances one
 * step per `1000 / speed` ms through `after` (the actor's clock), and pauses at the last step; `play` at
 * the last step starts again from step 1. The keyboard map (Space, ←, →, Home, End) is `keyToEvent`.
 */
import { assign, setup } from "xstate";

export const SPEEDS = [1, 2, 4, 8, 16, 32, 100] as const;
export const DEFAULT_SPEED = 4;

export interface PlaybackContext {
  step: number;
  total: number;
  /** Steps per second while playing. */
  speed: number;
  /** Steps where a goal failed (sorted). */
  failedSteps: number[];
  error: { kind: string; message: string } | null;
}

export type PlaybackEvent =
  | { type: "playback.run" }
  | { type: "playback.loaded"; total: number; autoplay: boolean; failedSteps?: number[] }
  | { type: "playback.failed"; kind: string; message: string }
  | { type: "playback.reset" }
  | { type: "playback.play" }
  | { type: "playback.pause" }
  | { type: "playback.toggle" }
  | { type: "playback.stepForward" }
  | { type: "playback.stepBack" }
  | { type: "playback.seek"; step: number }
  | { type: "playback.jumpStart" }
  | { type: "playback.jumpEnd" }
  | { type: "playback.jumpToFailure"; step?: number }
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
  },
  actions: {
    load: assign(({ event }) => {
      if (event.type !== "playback.loaded") return {};
      return {
        total: Math.max(0, event.total), step: event.total > 0 ? 1 : 0, error: null,
        failedSteps: [...(event.failedSteps ?? [])].sort((a, b) => a - b),
      };
    }),
    clear: assign({ step: 0, total: 0, failedSteps: [], error: null }),
    setFailedSteps: assign(({ event }) =>
      event.type === "playback.failedSteps" ? { failedSteps: [...event.steps].sort((a, b) => a - b) } : {}),
    fail: assign(({ event }) => (event.type === "playback.failed" ? { error: { kind: event.kind, message: event.message } } : {})),
    stepForward: assign(({ context }) => ({ step: clampStep(context.step + 1, context.total) })),
    stepBack: assign(({ context }) => ({ step: clampStep(context.step - 1, context.total) })),
    seek: assign(({ context, event }) => (event.type === "playback.seek" ? { step: clampStep(event.step, context.total) } : {})),
    jumpStart: assign(({ context }) => ({ step: clampStep(1, context.total) })),
    jumpEnd: assign(({ context }) => ({ step: clampStep(context.total, context.total) })),
    jumpToFailure: assign(({ context, event }) => {
      if (event.type !== "playback.jumpToFailure") return {};
      const target = event.step ?? nextFailure(context);
      return target === undefined ? {} : { step: clampStep(target, context.total) };
    }),
    rewindIfAtEnd: assign(({ context }) => (context.step >= context.total ? { step: clampStep(1, context.total) } : {})),
    setSpeed: assign(({ event }) =>
      event.type === "playback.speed" && Number.isFinite(event.speed) && event.speed > 0 ? { speed: event.speed } : {}),
  },
}).createMachine({
  id: "playback",
  context: ({ input }) => ({ step: 0, total: 0, speed: input?.speed ?? DEFAULT_SPEED, failedSteps: [], error: null }),
  initial: "idle",
  on: {
    "playback.run": { target: ".running" },
    "playback.reset": { target: ".idle", actions: "clear" },
    "playback.speed": { actions: "setSpeed" },
    "playback.failedSteps": { actions: "setFailedSteps" },
  },
  states: {
    idle: {
      on: {
        "playback.loaded": [
          { guard: "autoplay?", target: "ready.playing", actions: "load" },
          { target: "ready.paused", actions: "load" },
        ],
      },
    },
    running: {
      on: {
        "playback.loaded": [
          { guard: "autoplay?", target: "ready.playing", actions: "load" },
          { target: "ready.paused", actions: "load" },
        ],
        "playback.failed": { target: "error", actions: "fail" },
      },
    },
    error: {
      on: {
        "playback.loaded": [
          { guard: "autoplay?", target: "ready.playing", actions: "load" },
          { target: "ready.paused", actions: "load" },
        ],
      },
    },
    ready: {
      initial: "paused",
      on: {
        "playback.loaded": [
          { guard: "autoplay?", target: ".playing", actions: "load" },
          { target: ".paused", actions: "load" },
        ],
        "playback.failed": { target: "error", actions: "fail" },
        "playback.stepForward": { target: ".paused", actions: "stepForward" },
        "playback.stepBack": { target: ".paused", actions: "stepBack" },
        "playback.jumpStart": { target: ".paused", actions: "jumpStart" },
        "playback.jumpEnd": { target: ".paused", actions: "jumpEnd" },
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

/** Space, ←, →, Home, End → the playback event they mean (undefined for any other key). */
export function keyToEvent(key: string): PlaybackEvent | undefined {
  switch (key) {
    case " ":
    case "Spacebar":
      return { type: "playback.toggle" };
    case "ArrowLeft":
      return { type: "playback.stepBack" };
    case "ArrowRight":
      return { type: "playback.stepForward" };
    case "Home":
      return { type: "playback.jumpStart" };
    case "End":
      return { type: "playback.jumpEnd" };
    default:
      return undefined;
  }
}
