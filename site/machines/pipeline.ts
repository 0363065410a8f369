/**
 * pipeline — which stage of the informer pipeline the current step is in (ARCHITECTURE.md):
 * apiServer → reflector(listing | watching | backoff | stopped) → deltaFIFO → popping → indexer →
 * processor → listener → handler, and workqueue → worker in controller lessons; `outside` for runner
 * bookkeeping (log lines, start/end) that belongs to no stage.
 *
 * It is driven by one event per shown step, `pipeline.at`, carrying what the WorldView says about that
 * step (its StageRef, whether it is a FIFO pop, the reflector's state). The context keeps the listener or
 * worker lane. Being a machine, it never disagrees with the view: the same step gives the same state,
 * whichever direction the learner came from.
 */
import { assign, setup } from "xstate";
import { type ReflectorState, type StageName, type WorldView, focusedInformer } from "../../src/sim/index.js";

export interface PipelineContext {
  /** Listener or worker lane of the current stage (null for single boxes). */
  lane: number | null;
}
export type PipelineEvent = {
  type: "pipeline.at";
  stage: StageName | null;
  index?: number;
  popping: boolean;
  reflectorState: ReflectorState;
};

/** The `pipeline.at` event for the step a WorldView shows. */
export function pipelineEventOf(view: WorldView): PipelineEvent {
  const stage = view.stage;
  return {
    type: "pipeline.at",
    stage: stage?.stage ?? null,
    ...(stage?.index === undefined ? {} : { index: stage.index }),
    popping: view.event?.kind === "fifo.popped",
    reflectorState: focusedInformer(view)?.reflector.state ?? "stopped",
  };
}

const is = (stage: StageName) => ({ event }: { event: PipelineEvent }) => event.stage === stage;
const refl = (state: ReflectorState) => ({ event }: { event: PipelineEvent }) =>
  event.stage === "reflector" && event.reflectorState === state;

export const pipelineMachine = setup({
  types: { context: {} as PipelineContext, events: {} as PipelineEvent },
  guards: {
    "atApiServer?": is("apiserver"),
    "reflectorListing?": refl("listing"),
    "reflectorWatching?": refl("watching"),
    "reflectorBackoff?": refl("backoff"),
    "atReflector?": is("reflector"),
    "popping?": ({ event }) => event.stage === "deltafifo" && event.popping,
    "atDeltaFIFO?": is("deltafifo"),
    "atIndexer?": is("indexer"),
    "atProcessor?": is("processor"),
    "atListener?": is("listener"),
    "atHandler?": is("handler"),
    "atWorkqueue?": is("workqueue"),
    "atWorker?": is("worker"),
  },
  actions: {
    setLane: assign(({ event }) => ({ lane: event.index ?? null })),
  },
}).createMachine({
  id: "pipeline",
  context: { lane: null },
  initial: "outside",
  on: {
    "pipeline.at": [
      { guard: "atApiServer?", target: ".apiServer", actions: "setLane" },
      { guard: "reflectorListing?", target: ".reflector.listing", actions: "setLane" },
      { guard: "reflectorWatching?", target: ".reflector.watching", actions: "setLane" },
      { guard: "reflectorBackoff?", target: ".reflector.backoff", actions: "setLane" },
      { guard: "atReflector?", target: ".reflector.stopped", actions: "setLane" },
      { guard: "popping?", target: ".popping", actions: "setLane" },
      { guard: "atDeltaFIFO?", target: ".deltaFIFO", actions: "setLane" },
      { guard: "atIndexer?", target: ".indexer", actions: "setLane" },
      { guard: "atProcessor?", target: ".processor", actions: "setLane" },
      { guard: "atListener?", target: ".listener", actions: "setLane" },
      { guard: "atHandler?", target: ".handler", actions: "setLane" },
      { guard: "atWorkqueue?", target: ".workqueue", actions: "setLane" },
      { guard: "atWorker?", target: ".worker", actions: "setLane" },
      { target: ".outside", actions: "setLane" },
    ],
  },
  states: {
    outside: {},
    apiServer: {},
    reflector: { initial: "stopped", states: { listing: {}, watching: {}, backoff: {}, stopped: {} } },
    deltaFIFO: {},
    popping: {},
    indexer: {},
    processor: {},
    listener: {},
    handler: {},
    workqueue: {},
    worker: {},
  },
});
