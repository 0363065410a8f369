/**
 * WorldView — the state of the whole simulated system at one step, folded from the trace. The rooms:
 *
 *   world/world.ts       the *View types, emptyWorld, cloneWorld, the slice accessors
 *   world/server.ts      reduceServer: server and fault events
 *   world/informers.ts   reduceInformers: reflector, FIFO, indexer, processor, listener, handler events
 *   world/workqueues.ts  reduceWorkqueues: workqueue and worker events
 *   world/runner.ts      reduceRunner: runner events
 *   world/stage-of.ts    stageOf: the diagram's choreography (stage and token edge of each event)
 *   world/replay.ts      applyEvent, reduce, foldTrace, WorldReplay
 *   world/derived.ts     indexBuckets, focusedInformer
 *
 * This file only re-exports them, so src/index.ts and API.md are unchanged.
 */
export { emptyWorld, cloneWorld, HANDLER_LOG_LIMIT } from "./world/world.js";
export { HeadQueue } from "./world/head-queue.js";
export type {
  StageName, StageRef, ServerObjectView, ServerRequestView, ServerSeenView, ServerWatchView, ServerView, ReflectorView, FifoEntry,
  FifoView, IndexerObjectView, IndexerView, PendingNotification, ListenerView, InformerView, WorkqueueView,
  WorkerView, HandlerLogEntry, WorldView,
} from "./world/world.js";
export { applyEvent, reduce, foldTrace, WorldReplay, DEFAULT_SNAPSHOT_EVERY, worldSize } from "./world/replay.js";
export { indexBuckets, focusedInformer } from "./world/derived.js";
export { stageOf } from "./world/stage-of.js";
export type { Choreography } from "./world/stage-of.js";
